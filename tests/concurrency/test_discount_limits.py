"""Discount codes under the concurrency harness (issue #34, point 2): ten buyers check out at once at a real
gunicorn (2 workers x 4 threads) with a code that has three uses left, and ten more with one e-mail (typed in
different cases) and a code of two uses per customer. The limits are never passed: one conditional UPDATE
counts the uses, numbered places under a primary key count a customer's. On PostgreSQL through
tests/with_postgres.sh."""
from __future__ import annotations

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from tests.concurrency.conftest import gunicorn_running, server_settings
from tests.concurrency.harness import CSRF, Browser, build_world, check, fire, highest_order_id

pytestmark = pytest.mark.real_commits  # a server process commits for real; the tables are emptied after

# Twenty buyers from one address: the per-address limit of unpaid holds is not what these bursts measure.
HOLDS = {"SHOP_HOLDS_PER_ADDRESS": 50, "SHOP_HOLDS_PER_SESSION": 2}


@pytest.fixture(scope="module")
def discount_server(app, stripe_servers, tmp_path_factory):
    log = tmp_path_factory.mktemp("gunicorn") / "discounts.log"
    settings = {**server_settings(app, stripe_servers.base), **HOLDS,
                "TEST_TMP_DIR": str(app.config["TEST_TMP_DIR"])}
    with gunicorn_running(settings, log) as (base, _process):
        yield base


def _codes(app, staff_login: str) -> None:
    from accounts import services as accounts
    from marketplace import discounts

    with app.app_context():
        staff = accounts.find_by_login_name(staff_login)
        discounts.create(staff, discounts.NewCode("LAST3", "percent", 10, None, max_uses=3))
        discounts.create(staff, discounts.NewCode("TWOEACH", "percent", 10, None, max_uses_per_customer=2))
        db.session.commit()


def _buyer_ready(base: str, product_id: int, code: str, email: str) -> tuple[dict, tuple[str, dict]]:
    """A guest with one bag in their cart and the code applied (it had uses left then), their checkout form
    filled in."""
    browser = Browser(base)
    page = browser.http.get(f"{base}/shop/products/{product_id}", timeout=30).text
    browser.http.post(f"{base}/shop/cart/add", data={"csrf_token": CSRF.search(page).group(1),
                                                     "product_id": str(product_id), "quantity": "1"}, timeout=30)
    page = browser.http.get(f"{base}/shop/cart", timeout=30).text
    applied = browser.http.post(f"{base}/shop/cart/code", data={
        "csrf_token": CSRF.search(page).group(1), "code": code.lower(), "apply_code": "Apply code"},
        allow_redirects=False, timeout=30)
    assert applied.status_code == 302, applied.text[-500:]
    page = browser.http.get(f"{base}/shop/checkout", timeout=30).text
    form = {"csrf_token": CSRF.search(page).group(1), "name": "Buyer", "email": email, "phone": "",
            "delivery": "pickup", "address": ""}
    return requests.utils.dict_from_cookiejar(browser.http.cookies), ("/shop/checkout", form)


def _with_code(app, before: int, code: str) -> tuple[int, int, int]:
    """Orders placed with the code since `before`, the code's count of uses, and its customer places."""
    from marketplace.models import DiscountCode, DiscountUse, Order

    with app.app_context():
        placed = db.session.scalar(sa.select(sa.func.count(Order.id)).where(Order.id > before,
                                                                           Order.discount_code == code))
        found = db.session.scalar(sa.select(DiscountCode).where(DiscountCode.code == code))
        places = db.session.scalar(sa.select(sa.func.count()).select_from(DiscountUse)
                                   .where(DiscountUse.code_id == found.id))
        return placed, found.uses, places


def test_ten_buyers_at_once_never_pass_a_codes_limits(shop_app, stripe_servers, discount_server):
    world = build_world(shop_app, stripe_servers.base)
    _codes(shop_app, world.logins["staff"])
    coffee = world.products["coffee"]

    shots = [(f"buyer {n}", f"buyer {n}", *_buyer_ready(discount_server, coffee, "LAST3", f"buyer{n}@example.org"))
             for n in range(10)]
    before = highest_order_id(shop_app)
    answers = fire(discount_server, shots)
    assert all(s.status in (200, 303) for s in answers), [(s.label, s.status, s.error) for s in answers]
    assert sum(s.status == 303 for s in answers) == 3  # to Stripe Checkout; the others told it is used up
    assert _with_code(shop_app, before, "LAST3") == (3, 3, 0)
    assert highest_order_id(shop_app) - before >= 3
    violations = check(shop_app, stripe_servers.base, answers, before).violations
    assert [v for v in violations if "unpaid orders hold stock from one address" not in v] == []

    # One person, ten checkouts at once, the e-mail typed in different cases: two uses each, never three.
    emails = ["sam@example.org", "Sam@Example.org", "SAM@EXAMPLE.ORG", " sam@example.ORG"] * 3
    shots = [(f"same buyer {n}", f"same buyer {n}", *_buyer_ready(discount_server, coffee, "TWOEACH", emails[n]))
             for n in range(10)]
    before = highest_order_id(shop_app)
    answers = fire(discount_server, shots)
    assert all(s.status in (200, 303) for s in answers), [(s.label, s.status, s.error) for s in answers]
    assert sum(s.status == 303 for s in answers) == 2
    assert _with_code(shop_app, before, "TWOEACH") == (2, 2, 2)
