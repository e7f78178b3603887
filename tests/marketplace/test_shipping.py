"""Shipping by zone and weight, and tracked parcels (issue #34, item 6): the address's province decides the zone,
the zone's rate for the parcel's weight is what the checkout shows, the order keeps, Stripe is asked for and
the tax invoice's shipping line says; a shipping order leaves with a carrier and a tracking number, which the
buyer's page and their e-mail (in their language) show with the carrier's tracking link."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import OutboxMessage, Role, User
from marketplace import checkout, fulfilment, shipping, tax_invoices
from marketplace.cart import ShopError
from marketplace.models import Enterprise, Order, Product, Shipment, ShippingRate, TaxDocument
from tests.conftest import post_form, sign_in
from tests.marketplace.test_tax_invoices import BUYER_TAX_ID, pdf_text

# Bangkok and vicinity 40 baht up to 500 g, 60 up to 2 kg; other provinces 50 and 80.
RATES = {("bangkok_vicinity", 500): 4000, ("bangkok_vicinity", 2000): 6000,
         ("other_provinces", 500): 5000, ("other_provinces", 2000): 8000}
NONTHABURI, CHIANG_MAI = "12", "50"


def _rates(app) -> None:
    with app.app_context():
        db.session.execute(sa.delete(ShippingRate))
        db.session.add_all([ShippingRate(zone=zone, max_weight_grams=grams, price_minor=price)
                            for (zone, grams), price in RATES.items()])
        db.session.commit()


def _outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        found = list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))
        db.session.expunge_all()
        return found


@pytest.mark.parametrize(("province", "zone"), [
    ("10", "bangkok_vicinity"), ("11", "bangkok_vicinity"), ("12", "bangkok_vicinity"), ("13", "bangkok_vicinity"),
    ("73", "bangkok_vicinity"), ("74", "bangkok_vicinity"), ("50", "other_provinces"), ("14", "other_provinces"),
    ("96", "other_provinces")])
def test_the_province_decides_the_zone(province, zone):
    assert shipping.zone_of(province) == zone


@pytest.mark.parametrize("province", ["", None, "99", "1", "Bangkok"])
def test_an_unknown_province_is_refused(province):
    with pytest.raises(ShopError) as refused:
        shipping.zone_of(province)
    assert refused.value.field == "province"


def test_the_77_provinces_are_offered_in_the_readers_language(app):
    with app.test_request_context():
        english, thai, burmese = (dict(shipping.province_choices(lang)) for lang in ("en", "th", "my"))
    assert len(english) == len(thai) == len(burmese) == 77
    assert (english["10"], thai["10"], burmese["10"]) == ("Bangkok", "กรุงเทพมหานคร", "ဘန်ကောက်")
    assert shipping.VICINITY_PROVINCES <= set(english)


def test_the_zones_rate_for_the_weight_at_each_boundary(app):
    _rates(app)
    with app.app_context():
        assert [shipping.rate_for("bangkok_vicinity", g) for g in (1, 500, 501, 2000)] == [4000, 4000, 6000, 6000]
        assert [shipping.rate_for("other_provinces", g) for g in (0, 500, 501, 2000)] == [5000, 5000, 8000, 8000]
        for zone in ("bangkok_vicinity", "other_provinces"):
            with pytest.raises(ShopError):
                shipping.rate_for(zone, 2001)
        assert shipping.prices_for(2001) == {"bangkok_vicinity": None, "other_provinces": None}


def test_staff_keep_each_zones_rates_and_bad_input_changes_nothing(app, signed_in):
    _rates(app)
    staff, _ = signed_in(Role.STAFF)
    assert post_form(staff, "/manage/shop/shipping", {"zone": "bangkok_vicinity", "max_weight_grams": "500",
                                                      "price_thb": "45"}).status_code == 302
    for bad in ({"zone": "mars", "max_weight_grams": "500", "price_thb": "1"},
                {"zone": "bangkok_vicinity", "max_weight_grams": "0", "price_thb": "1"},
                {"zone": "bangkok_vicinity", "max_weight_grams": "500", "price_thb": "-1"}):
        answer = post_form(staff, "/manage/shop/shipping", bad)
        assert answer.status_code == 400 and 'class="error"' in answer.get_data(as_text=True)
    with app.app_context():
        assert shipping.rate_for("bangkok_vicinity", 500) == 4500
        assert shipping.rate_for("other_provinces", 500) == 5000  # the other zone's own rate stays
        assert db.session.scalar(sa.select(sa.func.count(ShippingRate.id))) == 4
    page = staff.get("/manage/shop/shipping").get_data(as_text=True)
    assert "Bangkok and vicinity" in page and "Other provinces" in page and "45.00" in page


def test_checkout_charges_the_zones_rate_on_the_order_the_invoice_and_the_receipt(app, shop):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=10)  # 250 g a bag
    _rates(app)
    with app.app_context():
        tax_invoices.save_registration(None, db.session.get(Enterprise, enterprise_id), True, "Coffee Co., Ltd.",
                                       "12 Market Road, Chiang Mai 50000", "0105558012349", "00000")
        db.session.commit()
    client = app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "2"})  # 500 g: the boundary
    page = client.get("/shop/checkout").get_data(as_text=True)
    assert "(500 g)" in page and "Bangkok and vicinity: 40.00" in page and "Other provinces: 50.00" in page
    no_province = post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org",
                                                       "delivery": "shipping", "address": "5 Tiwanon Road, Mueang"})
    assert "Choose the province of the address." in no_province.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0  # nothing placed
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "shipping",
                                         "address": "5 Tiwanon Road, Mueang", "province": NONTHABURI,
                                         "tax_invoice": "y", "invoice_name": "Sam Co., Ltd.",
                                         "invoice_address": "99 Nimman Road, Chiang Mai",
                                         "invoice_tax_id": BUYER_TAX_ID, "invoice_branch": "00000"})
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        assert (order.province_code, order.shipping_zone, order.shipping_minor, order.total_minor) == (
            NONTHABURI, "bangkok_vicinity", 4000, 64000 + 4000)
        manager = db.session.get(User, manager_id)
        fulfilment.mark_paid_on_collection(order, manager)  # paid when it arrives
        invoice = db.session.scalar(sa.select(TaxDocument))
        assert [(line["shipping"], line["amount_minor"]) for line in invoice.lines] == [(False, 64000), (True, 4000)]
        assert invoice.total_minor == order.total_minor
        db.session.commit()
        token = order.token
    assert "40.00" in pdf_text(client.get(f"/shop/orders/{token}/receipt.pdf").data)
    assert "Nonthaburi" in client.get(f"/shop/orders/{token}").get_data(as_text=True)


@pytest.mark.real_commits  # a second app, with Stripe keys
def test_the_stripe_checkout_lines_add_up_to_the_order_with_the_zones_shipping(stripe_app, stripe_servers, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    _rates(stripe_app)
    client = stripe_app.test_client()
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": "3"})  # 750 g
    post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "shipping",
                                         "address": "12 Nimman Road, Mueang", "province": CHIANG_MAI})
    with stripe_app.app_context():
        order = db.session.scalar(sa.select(Order))
        shipping_minor, total = order.shipping_minor, order.total_minor
    assert (shipping_minor, total) == (8000, 96000 + 8000)  # other provinces, over 500 g
    items = stripe_servers.created[-1]["params"]["line_items"]
    assert sum(int(i["quantity"]) * int(i["price_data"]["unit_amount"]) for i in items) == total
    assert items[-1]["price_data"]["unit_amount"] == "8000"
    assert items[-1]["price_data"]["product_data"]["name"] == "Shipping: Other provinces"


@pytest.mark.parametrize(("carrier", "locale", "url"), [
    ("kerry", "th", "https://th.kex-express.com/th/track/?track=SHP4012345678"),
    ("kerry", "my", "https://th.kex-express.com/en/track/?track=SHP4012345678"),
    ("kerry", None, "https://th.kex-express.com/en/track/?track=SHP4012345678"),
    ("thailand_post", "th", "https://track.thailandpost.co.th/?trackNumber=SHP4012345678"),
    ("flash", "vi", "https://www.flashexpress.co.th/fle/tracking?se=SHP4012345678"),
    ("nobody", "th", "")])
def test_the_tracking_page_is_the_carriers_own_in_thai_where_it_has_one(carrier, locale, url):
    assert shipping.tracking_url(carrier, "SHP4012345678", locale) == url


def test_the_postage_line_names_its_zone_in_the_language_the_buyer_ordered_in(app):
    with app.app_context():
        thai = Order(locale="th", shipping_zone="bangkok_vicinity", shipping_minor=4000)
        burmese = Order(locale="my", shipping_zone="other_provinces", shipping_minor=5000)
        assert checkout.shipping_line_name(thai) == "ค่าส่ง: กรุงเทพฯ และปริมณฑล"
        assert checkout.shipping_line_name(burmese).startswith("ပို့ခ: ")
        assert checkout.shipping_line_name(Order(locale=None, shipping_zone=None)) == "Shipping"


def _packed_shipping_order(app, shop, locale="th", delivery="shipping"):
    enterprise_id, manager_id = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    _rates(app)
    buyer = checkout.Buyer("Sam", "sam@example.org", "", delivery, "12 Nimman Road, Mueang" if delivery ==
                           "shipping" else "", CHIANG_MAI if delivery == "shipping" else "")
    with app.app_context():
        order = checkout.place_order({db.session.get(Product, product_id).default_variant.id: 1}, buyer, None,
                                     use_stripe=False, locale=locale)
        manager = db.session.get(User, manager_id)
        fulfilment.mark_paid_on_collection(order, manager)
        fulfilment.move_lines(order, manager, "packed")
        db.session.commit()
        order_id, token = order.id, order.token
    client = app.test_client()
    sign_in(client, shop.people.login_name(manager_id))
    return client, order_id, token


@pytest.mark.parametrize(("carrier", "typed", "stored"), [
    ("thailand_post", "ef 123 456 789 th", "EF123456789TH"), ("kerry", "SHP4012345678", "SHP4012345678"),
    ("flash", "TH-0123-4567-89", "TH0123456789"), ("jt", "8201 2345 6789", "820123456789"),
    ("jt", "A" * 30, "A" * 30)])
def test_a_tracking_number_in_its_carriers_form_is_kept_tidy(carrier, typed, stored):
    assert shipping.tracking_number(carrier, typed) == stored


@pytest.mark.parametrize(("carrier", "typed"), [
    ("thailand_post", "1234567890123"), ("thailand_post", "EF123456789"), ("kerry", "1234567"),
    ("flash", "A" * 31), ("jt", "TH0123/45678"), ("jt", ""), ("dhl", "1234567890"), ("", "1234567890")])
def test_a_tracking_number_that_cannot_be_is_refused(carrier, typed):
    with pytest.raises(ShopError):
        shipping.tracking_number(carrier, typed)


def test_shipping_needs_a_carrier_and_number_and_the_buyer_hears_in_their_language(app, shop):
    manager, order_id, token = _packed_shipping_order(app, shop, locale="th")
    # The plain "shipped" button is not for a shipping order, and a bad number changes nothing.
    post_form(manager, f"/manage/shop/orders/{order_id}/shipped")
    bad = post_form(manager, f"/manage/shop/orders/{order_id}/ship", {"carrier": "thailand_post",
                                                                      "tracking_number": "12345"})
    assert bad.status_code == 400 and "8 to 30 letters and digits" in bad.get_data(as_text=True)
    no_carrier = post_form(manager, f"/manage/shop/orders/{order_id}/ship", {"carrier": "",
                                                                             "tracking_number": "TH0123456789"})
    assert no_carrier.status_code == 400 and "Choose the carrier from the list." in no_carrier.get_data(as_text=True)
    with app.app_context():
        order = db.session.get(Order, order_id)
        assert [line.status for line in order.lines] == ["packed"] and order.shipments == []
    mails_before = len(_outbox(app))
    page = manager.get(f"/manage/shop/orders/{order_id}").get_data(as_text=True)
    assert f"/manage/shop/orders/{order_id}/ship" in page and f"/manage/shop/orders/{order_id}/shipped\"" not in page

    assert post_form(manager, f"/manage/shop/orders/{order_id}/ship", {
        "carrier": "thailand_post", "tracking_number": "EF 1234 5678 9TH"}).status_code == 302
    link = "https://track.thailandpost.co.th/?trackNumber=EF123456789TH"
    with app.app_context():
        order = db.session.get(Order, order_id)
        parcel = db.session.scalar(sa.select(Shipment))
        assert [line.status for line in order.lines] == ["shipped"]
        assert (parcel.carrier, parcel.tracking_number, parcel.order_id) == ("thailand_post", "EF123456789TH",
                                                                             order_id)
    mails = _outbox(app)[mails_before:]
    assert [(m.recipient, m.subject) for m in mails] == [("sam@example.org",
                                                          f"คำสั่งซื้อ {order_id} ของคุณกำลังเดินทางไปหาคุณ")]
    assert "Thailand Post" in mails[0].body and "EF123456789TH" in mails[0].body and link in mails[0].body
    assert "เลขพัสดุ: EF123456789TH" in mails[0].body and f"/shop/orders/{token}" in mails[0].body
    buyer_page = app.test_client().get(f"/shop/orders/{token}").get_data(as_text=True)
    assert "Thailand Post" in buyer_page and "EF123456789TH" in buyer_page and f'href="{link}"' in buyer_page
    # Sent once: the form is gone, and sending it again is refused.
    again = post_form(manager, f"/manage/shop/orders/{order_id}/ship", {"carrier": "flash",
                                                                        "tracking_number": "TH0123456789"})
    assert again.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Shipment.id))) == 1


def test_the_shipped_email_is_in_english_for_an_english_order(app, shop):
    manager, order_id, _token = _packed_shipping_order(app, shop, locale="en")
    post_form(manager, f"/manage/shop/orders/{order_id}/ship", {"carrier": "jt", "tracking_number": "820123456789"})
    mail = _outbox(app)[-1]
    assert mail.subject == f"Your order {order_id} is on its way"
    assert "shipped with J&T Express" in mail.body and "billcode=820123456789" in mail.body


def test_a_pick_up_order_needs_no_tracking(app, shop):
    manager, order_id, _token = _packed_shipping_order(app, shop, delivery="pickup")
    page = manager.get(f"/manage/shop/orders/{order_id}").get_data(as_text=True)
    assert f"/manage/shop/orders/{order_id}/ship\"" not in page
    refused = post_form(manager, f"/manage/shop/orders/{order_id}/ship", {"carrier": "flash",
                                                                          "tracking_number": "TH0123456789"})
    assert refused.status_code == 400 and "picked up at the shop" in refused.get_data(as_text=True)
    post_form(manager, f"/manage/shop/orders/{order_id}/ready_for_pickup")
    with app.app_context():
        order = db.session.get(Order, order_id)
        assert ([line.status for line in order.lines], order.shipments) == (["ready_for_pickup"], [])


def test_a_tracking_number_goes_when_the_customers_data_is_anonymised(app, shop, people):
    from marketplace import privacy_data
    manager, order_id, _token = _packed_shipping_order(app, shop)
    post_form(manager, f"/manage/shop/orders/{order_id}/ship", {"carrier": "flash", "tracking_number": "TH0123456789"})
    customer_id = people.make(Role.CUSTOMER)
    with app.app_context():
        db.session.get(Order, order_id).customer_id = customer_id
        customer = db.session.get(User, customer_id)
        assert privacy_data.export_orders(customer)[0]["tracking"] == "TH0123456789"
        privacy_data.anonymise_orders(customer)
        db.session.expire_all()
        order = db.session.get(Order, order_id)
        assert (order.province_code, order.shipping_zone, order.shipments[0].tracking_number) == (
            None, "other_provinces", "")



def test_a_thai_buyer_is_sent_the_carriers_thai_tracking_page(app, shop):
    manager, order_id, _token = _packed_shipping_order(app, shop, locale="th")
    post_form(manager, f"/manage/shop/orders/{order_id}/ship", {"carrier": "kerry", "tracking_number": "SHP4012345678"})
    mail = _outbox(app)[-1]
    assert "KEX Express (Kerry)" in mail.body
    assert "https://th.kex-express.com/th/track/?track=SHP4012345678" in mail.body
