"""Outside attacks on the shop's money and stock promises, against the concurrency harness's real gunicorn."""
from tests.concurrency.conftest import server, shop_app  # noqa: F401
from tests.marketplace.conftest import make_stripe_app, shop, stripe_app, stripe_servers  # noqa: F401
