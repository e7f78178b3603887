"""Outside attacks on the shop's money and stock promises, against the concurrency harness's real gunicorn."""
from tests.concurrency.conftest import server, shop_app  # noqa: F401
from tests.marketplace.conftest import stripe_servers  # noqa: F401
