"""Products and enterprise stories written in several languages, as courses and posts are: the buyer's language
shown, else the manager's first one with a quiet note; a search in any language finds the product; each
manager writes only their own enterprise's texts."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.content_languages import LanguageTaken, set_translation
from core.extensions import db
from core.models import User
from marketplace import catalogue, management
from marketplace.models import Enterprise, OrderLine, Product
from tests.conftest import post_form, sign_in

BEANS_MY = {"name": "ကော်ဖီစေ့", "description": "မြောက်ပိုင်း တောင်ယာက ကော်ဖီစေ့ပါ။"}
BEANS_TH = {"name": "เมล็ดกาแฟ", "description": "เมล็ดกาแฟจากดอย"}


def _beans(app, shop) -> tuple[int, int, int]:
    enterprise_id, manager_id = shop.enterprise("coffee")
    product_id = shop.product(enterprise_id, name="Coffee beans", description="Beans from hill farms.")
    with app.app_context():
        set_translation(db.session.get(Product, product_id), "th", BEANS_TH)
        db.session.commit()
    return enterprise_id, manager_id, product_id


def test_the_buyer_sees_their_language_else_the_first_one_with_a_note(app, shop):
    enterprise_id, _manager, product_id = _beans(app, shop)
    client = app.test_client()
    post_form(client, "/language", {"language": "th", "next": "/"})
    page = client.get(f"/shop/products/{product_id}").get_data(as_text=True)
    assert f'<span lang="th" data-user-content>{BEANS_TH["name"]}</span>' in page
    assert f'<span lang="th" data-user-content>{BEANS_TH["description"]}</span>' in page
    assert "Coffee beans" not in page.split("<h1>")[1] and 'class="hint"' not in page.split("<h1>")[1].split("<form")[0]
    post_form(client, "/language", {"language": "vi", "next": "/"})
    page = client.get(f"/shop/products/{product_id}").get_data(as_text=True)
    assert '<span lang="en" data-user-content>Coffee beans</span>' in page
    note = page.split("</h1>")[1].split("</p>")[0]
    assert 'lang="en">English</span>' in note and "Shown in" not in note  # the note itself in Vietnamese
    listing = client.get("/shop/").get_data(as_text=True)
    assert '(<span lang="en">English</span>)' in listing


@pytest.mark.parametrize("words", ["ကော်ဖီစေ့", "เมล็ดกาแฟ", "hill farms", "coffee beans"])
def test_a_search_in_any_language_finds_the_product(app, shop, words):
    enterprise_id, _manager, product_id = _beans(app, shop)
    shop.product(enterprise_id, name="Tea leaves", description="Green tea.")
    with app.test_request_context():
        set_translation(db.session.get(Product, product_id), "my", BEANS_MY)
        db.session.commit()
        found, total = catalogue.search(q=words)
        assert [product.id for product in found] == [product_id] and total == 1


def test_a_manager_writes_their_product_in_another_language_and_never_another_enterprises(app, shop):
    _enterprise, manager_id, product_id = _beans(app, shop)
    other_enterprise, other_manager = shop.enterprise("design")
    necklace = shop.product(other_enterprise, name="Necklace", category="jewellery")
    client = app.test_client()
    sign_in(client, shop.people.login_name(manager_id))
    assert 'name="name"' in client.get(f"/manage/shop/products/{product_id}/languages?language=my").get_data(
        as_text=True)
    response = post_form(client, f"/manage/shop/products/{product_id}/languages?language=my",
                         {"language": "my", **BEANS_MY})
    assert response.status_code == 302
    assert client.get(f"/manage/shop/products/{necklace}/languages").status_code == 404
    post_form(client, f"/manage/shop/products/{necklace}/languages", {"language": "my", "name": "Stolen"})
    with app.app_context():
        assert db.session.get(Product, product_id).translations == {"th": BEANS_TH, "my": BEANS_MY}
        assert db.session.get(Product, necklace).translations == {}
    # The first language cannot be one that already has its own text: the form says so and nothing changes.
    page = post_form(client, f"/manage/shop/products/{product_id}/edit", {
        "name": "Coffee beans", "text_language": "my", "category": "coffee", "price_thb": "320", "stock": "10",
        "low_stock_at": "5", "weight_grams": "250", "active": "y"}).get_data(as_text=True)
    assert "already has its own text" in page
    with app.app_context():
        assert db.session.get(Product, product_id).text_language == "en"


def test_the_manager_tells_the_enterprise_story_in_several_languages(app, shop):
    enterprise_id, manager_id = shop.enterprise("weavers")
    client = app.test_client()
    sign_in(client, shop.people.login_name(manager_id))
    post_form(client, "/manage/shop/story", {"story": "เราทอผ้าฝ้ายมือ", "text_language": "th"})
    post_form(client, "/manage/shop/story/languages?language=lo", {"language": "lo", "story": "ພວກເຮົາຕໍ່າຜ້າ"})
    with app.app_context():
        enterprise = db.session.get(Enterprise, enterprise_id)
        assert (enterprise.story, enterprise.text_language) == ("เราทอผ้าฝ้ายมือ", "th")
        assert enterprise.translations == {"lo": {"story": "ພວກເຮົາຕໍ່າຜ້າ"}}
    reader = app.test_client()
    post_form(reader, "/language", {"language": "lo", "next": "/"})
    page = reader.get("/shop/enterprises/weavers").get_data(as_text=True)
    assert '<span lang="lo" data-user-content>ພວກເຮົາຕໍ່າຜ້າ</span>' in page and "เราทอ" not in page
    post_form(reader, "/language", {"language": "en", "next": "/"})
    page = reader.get("/shop/enterprises/weavers").get_data(as_text=True)
    assert '<span lang="th" data-user-content>เราทอผ้าฝ้ายมือ</span>' in page
    assert 'lang="th">ไทย</span>' in page.split("</h1>")[1].split("</p>")[0]


def test_the_story_cannot_take_a_language_that_has_its_own_text(app, shop):
    enterprise_id, manager_id = shop.enterprise("weavers")
    with app.app_context():
        enterprise, manager = db.session.get(Enterprise, enterprise_id), db.session.get(User, manager_id)
        management.translate_story(manager, enterprise, "km", {"story": "យើងត្បាញក្រណាត់"})
        with pytest.raises(LanguageTaken):
            management.save_story(manager, enterprise, "Khmer twice", "km")


def test_an_order_line_keeps_the_name_as_first_written(app, shop):
    _enterprise, _manager, product_id = _beans(app, shop)
    client = app.test_client()
    post_form(client, "/language", {"language": "th", "next": "/"})
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    with app.app_context():
        assert db.session.scalar(sa.select(OrderLine.name)) == "Coffee beans"


def _outbox(app) -> list[tuple[str, str, str]]:
    from core.models import OutboxMessage
    with app.app_context():
        return [(m.recipient, m.subject, m.body) for m in db.session.scalars(sa.select(OutboxMessage)
                                                                            .order_by(OutboxMessage.id))]


def test_a_thai_manager_hears_of_low_stock_in_thai_with_the_products_thai_names(app, shop):
    from core import scheduler
    from marketplace import stock

    enterprise_id, manager_id, product_id = _beans(app, shop)
    with app.app_context():
        manager = db.session.get(User, manager_id)
        manager.email, manager.locale = "dao@example.org", "th"
        db.session.get(Product, product_id).default_variant.stock = 2
        db.session.commit()
    scheduler.run_job(app, scheduler.Job("shop.low_stock", stock.low_stock_alerts, "cron"))
    [(recipient, subject, body)] = _outbox(app)
    assert recipient == "dao@example.org" and "Stock" not in subject and "running low" not in body
    assert f"{BEANS_TH['name']}: เหลือ 2" in body and "Coffee beans" not in body


def test_managers_and_staff_hear_of_an_order_needing_attention_each_in_their_language(app, shop, people):
    from flask_babel import lazy_gettext as _l

    from core.models import Role
    from marketplace import fulfilment
    from marketplace.models import Order

    _enterprise, manager_id, product_id = _beans(app, shop)
    staff_id = people.make(Role.STAFF)
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "1"})
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    with app.test_request_context():
        db.session.get(User, manager_id).email, db.session.get(User, manager_id).locale = "dao@example.org", "th"
        db.session.get(User, staff_id).email, db.session.get(User, staff_id).locale = "ann@example.org", "en"
        order = db.session.scalar(sa.select(Order))
        order_id = order.id
        fulfilment.tell_managers(order, _l("A payment for order %(n)d does not match the order.", n=order_id))
        db.session.commit()
    told = {recipient: (subject, body) for recipient, subject, body in _outbox(app)}
    assert told["ann@example.org"] == (f"Order {order_id} needs attention",
                                       f"A payment for order {order_id} does not match the order.")
    thai_subject, thai_body = told["dao@example.org"]
    assert "Order" not in thai_subject and "payment" not in thai_body and str(order_id) in thai_body
