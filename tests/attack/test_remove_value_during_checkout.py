"""Outside attack: a manager removes an option's value (with its variants, while none was ever ordered) at the
moment a guest checks out that variant. checkout.place_order reads the variant as for sale, the removal commits,
then the order line is inserted for a variant that no longer exists: the foreign key refuses it and the buyer gets
a 500 (seen on the demo data under gunicorn 2x4 with SQLite in 2 of 10 tries, the removal sent 0 to 20 ms after
the checkout: `FOREIGN KEY constraint failed [SQL: INSERT INTO order_lines ...]` from checkout.py place_order).
Either outcome is fine (the order placed and the removal refused as ordered, or the removal done and the buyer
told the product is not for sale); a server error is not."""
from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.concurrency.conftest import gunicorn_running, server_settings
from tests.concurrency.harness import CSRF, Browser, build_world

pytestmark = pytest.mark.real_commits

HOLDS = {"SHOP_HOLDS_PER_ADDRESS": 500, "SHOP_HOLDS_PER_SESSION": 5}  # the guests all come from 127.0.0.1


@pytest.fixture(scope="module")
def roomy_server(app, stripe_servers, tmp_path_factory):
    log = tmp_path_factory.mktemp("gunicorn") / "remove-value.log"
    settings = {**server_settings(app, stripe_servers.base), **HOLDS,
                "TEST_TMP_DIR": str(app.config["TEST_TMP_DIR"])}
    with gunicorn_running(settings, log) as (base, _process):
        yield base


def _colour(app, product_id: int, name: str, first: bool) -> tuple[int, int]:
    """A new value `name` of the product's Colour option (made with the first call) and its variant."""
    from core.models import User
    from marketplace import variant_management
    from marketplace.models import EnterpriseManager, Product, ProductOption

    with app.app_context():
        product = db.session.get(Product, product_id)
        manager = db.session.get(User, db.session.scalar(sa.select(EnterpriseManager.user_id).where(
            EnterpriseManager.enterprise_id == product.enterprise_id)))
        if first:
            variant_management.add_option(manager, product, "Colour", "Brown")
        option = db.session.scalar(sa.select(ProductOption).where(ProductOption.product_id == product_id,
                                                                  ProductOption.name == "Colour"))
        value = variant_management.add_value(manager, option, name)
        variant_management.add_variant(manager, product, {option.id: value.id}, {
            "price_minor": 30000, "weight_grams": 300, "low_stock_at": 1, "made_to_order": False, "counted": 50})
        db.session.commit()
        return option.id, value.id


def test_removing_a_value_while_a_guest_checks_it_out_never_answers_500(shop_app, stripe_servers, roomy_server):
    world = build_world(shop_app, stripe_servers.base)
    product_id = world.products["coffee"]
    base = roomy_server
    manager = Browser(base)
    manager.sign_in(world.logins["manager_a"])
    answers = []
    for n, delay in enumerate((0.0, 0.005, 0.01, 0.015, 0.02, 0.0, 0.005, 0.01, 0.015, 0.02)):
        option_id, value_id = _colour(shop_app, product_id, f"Colour {n}", first=n == 0)
        guest = Browser(base)
        page = guest.http.get(f"{base}/shop/products/{product_id}", timeout=30).text
        added = guest.http.post(f"{base}/shop/cart/add", data={
            "csrf_token": CSRF.search(page).group(1), "product_id": str(product_id), "quantity": "1",
            f"option_{option_id}": str(value_id)}, allow_redirects=False, timeout=30)
        assert added.status_code == 302
        checkout = {"csrf_token": CSRF.search(guest.http.get(f"{base}/shop/checkout", timeout=30).text).group(1),
                    "name": "Guest", "email": f"guest{n}@example.org", "phone": "", "delivery": "pickup",
                    "address": ""}
        remove = {"csrf_token": CSRF.search(manager.http.get(
            f"{base}/manage/shop/products/{product_id}/options/{option_id}", timeout=30).text).group(1)}
        barrier = threading.Barrier(2)

        def buy(session=guest.http, data=checkout, n=n, barrier=barrier):
            barrier.wait()
            answers.append((n, "checkout", session.post(f"{base}/shop/checkout", data=data, allow_redirects=False,
                                                        timeout=60).status_code))

        def take_away(value_id=value_id, data=remove, delay=delay, n=n, barrier=barrier):
            barrier.wait()
            time.sleep(delay)
            answers.append((n, "remove", manager.http.post(
                f"{base}/manage/shop/products/{product_id}/values/{value_id}/remove", data=data,
                allow_redirects=False, timeout=60).status_code))
        threads = [threading.Thread(target=buy), threading.Thread(target=take_away)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(answers) == 20
    assert [a for a in answers if a[2] >= 500] == [], answers


