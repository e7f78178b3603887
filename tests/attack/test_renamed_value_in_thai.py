"""Outside attack on renaming an option's value (marketplace.variant_management.rename_value). A value's other
languages are kept beside its name; the rename changes only the name, so a value written "250 g" with the Thai
"250 กรัม" and renamed "500 g" is still offered to Thai buyers as "250 กรัม" on the product's page (and its
variant at the 500 g price): a buyer reading Thai is shown a different thing from what is sold. Seen on the demo
data (the coffee's "250 g" has a Thai name) under gunicorn."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.attack.helpers import browser
from tests.concurrency.harness import CSRF, Browser, build_world

pytestmark = pytest.mark.real_commits


def _weight_in_thai(app, product_id: int) -> tuple[int, int]:
    from core.models import User
    from marketplace import variant_management
    from marketplace.models import EnterpriseManager, Product

    with app.app_context():
        product = db.session.get(Product, product_id)
        manager = db.session.get(User, db.session.scalar(sa.select(EnterpriseManager.user_id).where(
            EnterpriseManager.enterprise_id == product.enterprise_id)))
        weight = variant_management.add_option(manager, product, "Weight", "250 g, 1 kg")
        variant_management.translate_name(manager, weight.values[0], "th", {"name": "250 กรัม"})
        db.session.commit()
        return weight.id, weight.values[0].id


def test_a_renamed_value_is_not_offered_to_thai_buyers_under_its_old_thai_name(shop_app, stripe_servers, server):
    world = build_world(shop_app, stripe_servers.base)
    product_id = world.products["coffee"]
    option_id, value_id = _weight_in_thai(shop_app, product_id)
    thai = Browser(server.base)
    thai.http.get(f"{server.base}/language/th", timeout=30)
    assert "250 กรัม" in thai.http.get(f"{server.base}/shop/products/{product_id}", timeout=30).text

    manager = browser(server, world, "manager_a")
    page = manager.http.get(f"{server.base}/manage/shop/products/{product_id}/options/{option_id}", timeout=30).text
    renamed = manager.http.post(f"{server.base}/manage/shop/products/{product_id}/values/{value_id}", data={
        "csrf_token": CSRF.search(page).group(1), f"value-{value_id}-name": "500 g"}, allow_redirects=False,
        timeout=30)
    assert renamed.status_code == 302, renamed.status_code

    shown = thai.http.get(f"{server.base}/shop/products/{product_id}", timeout=30).text
    assert "500 g" in manager.http.get(f"{server.base}/manage/shop/products/{product_id}/variants", timeout=30).text
    assert "250 กรัม" not in shown  # today the Thai page still offers "250 กรัม" for what is now 500 g
