"""Discount codes (issue #34, point 2): the rules as plain functions, the cart journey without JavaScript, uses
counted and given back with the stock, staff and managers keeping codes."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from core.clock import today
from core.extensions import db
from core.models import AuditEntry, Role, User
from marketplace import checkout, discounts
from marketplace.discounts import Line, NewCode, unit_discounts
from marketplace.models import DiscountCode, DiscountUse, Order
from tests.conftest import post_form, sign_in

# --- the rules ------------------------------------------------------------------------------------------------


def test_a_percentage_is_taken_off_each_unit_and_rounded_down_to_the_satang():
    lines = [Line(33333, 3, 1), Line(1999, 2, 1)]
    # 15% of 333.33 is 49.9995: 49.99 off each; of 19.99 it is 2.9985: 2.99 off each
    assert unit_discounts("percent", 15, None, lines) == [4999, 299]
    assert unit_discounts("percent", 100, None, lines) == [33333, 1999]


def test_a_fixed_amount_is_shared_by_price_and_never_more_than_the_amount():
    lines = [Line(10000, 3, 1), Line(5000, 1, 1)]  # 350 baht of items
    per_unit = unit_discounts("amount", 10000, None, lines)  # 100 baht off
    assert per_unit == [2857, 1428]  # 10000 * 10000 // 35000, 10000 * 5000 // 35000
    given = sum(off * line.quantity for off, line in zip(per_unit, lines, strict=True))
    assert given == 9999 and given <= 10000  # at most one satang a unit short, never more than the amount


def test_a_code_of_one_enterprise_touches_only_its_items():
    lines = [Line(20000, 1, 1), Line(30000, 2, 2)]
    assert unit_discounts("percent", 10, 2, lines) == [0, 3000]
    assert unit_discounts("amount", 6000, 2, lines) == [0, 3000]  # shared across enterprise 2's items only
    assert discounts.covered_subtotal(2, lines) == 60000


def _code(**kw) -> DiscountCode:
    values = {"code": "LAUNCH", "kind": "percent", "percent": 10, "min_order_minor": 0, "uses": 0, "paused": False,
              "enterprise_id": None, "starts_on": None, "ends_on": None, "max_uses": None}
    return DiscountCode(**{**values, **kw})


ON = date(2026, 12, 6)
CART = [Line(32000, 2, 1)]


@pytest.mark.parametrize(("code", "says"), [
    (None, "does not exist"),
    (_code(paused=True), "does not exist"),
    (_code(starts_on=ON + timedelta(days=1)), "can be used from 2026-12-07"),
    (_code(ends_on=ON - timedelta(days=1)), "has expired"),
    (_code(max_uses=3, uses=3), "used up"),
    (_code(enterprise_id=2), "another enterprise"),
    (_code(min_order_minor=64001), "at least 640.01 baht"),
])
def test_each_reason_a_code_cannot_be_used_is_said(code, says):
    assert says in str(discounts.refusal(code, CART, ON))


def test_a_code_on_its_first_and_last_day_and_at_its_minimum_is_usable():
    assert discounts.refusal(_code(starts_on=ON, ends_on=ON, min_order_minor=64000, max_uses=3, uses=2), CART,
                             ON) is None


def test_codes_are_entered_in_any_case():
    assert discounts.normalise("  launch-10 ") == "LAUNCH-10"


# --- in the database ------------------------------------------------------------------------------------------

def _staff(people) -> User:
    return db.session.get(User, people.make(Role.STAFF, "Staff"))


def _buyer(email="sam@example.org") -> checkout.Buyer:
    return checkout.Buyer("Sam", email, "", "pickup", "")


def test_creating_a_code_is_checked_audited_and_unique(ctx, people):
    staff = _staff(people)
    code = discounts.create(staff, NewCode("launch10", "percent", 10, None))
    assert code.code == "LAUNCH10"
    assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.record_type == "discount_code")) \
        == "discount_code.create"
    with pytest.raises(discounts.ShopError, match="exists already"):
        discounts.create(staff, NewCode("Launch10", "percent", 5, None))
    with pytest.raises(discounts.ShopError, match="less than the minimum order"):
        discounts.create(staff, NewCode("FIFTY", "amount", 5000, None, min_order_minor=5000))
    with pytest.raises(discounts.ShopError, match="3 to 40"):
        discounts.create(staff, NewCode("a b", "percent", 5, None))
    with pytest.raises(discounts.ShopError, match="before the first"):
        discounts.create(staff, NewCode("DATES", "percent", 5, None, starts_on=ON, ends_on=ON - timedelta(days=1)))


def test_an_order_with_a_code_has_lines_after_the_discount_and_holds_one_use(ctx, people, shop):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=33333, stock=10)
    discounts.create(_staff(people), NewCode("PCT15", "percent", 15, None, max_uses=5))
    order = checkout.place_order({shop.variant(product_id): 3}, _buyer(), None, use_stripe=False, code="pct15")
    [line] = order.lines
    assert (line.unit_price_minor, line.unit_discount_minor, line.list_price_minor) == (28334, 4999, 33333)
    assert order.discount_minor == 3 * 4999 and order.discount_code == "PCT15"
    assert order.subtotal_minor == order.total_minor == 3 * 28334
    assert db.session.scalar(sa.select(DiscountCode.uses)) == 1 and order.discount_held


def test_cancelling_or_expiring_an_unpaid_order_gives_its_use_back_once(ctx, people, shop):
    enterprise_id, _ = shop.enterprise()
    variant = shop.variant(shop.product(enterprise_id, price=20000, stock=10))
    # kept in the session all along: its count, moved in SQL, must be read again each time
    once = discounts.create(_staff(people), NewCode("ONCE", "percent", 10, None, max_uses=1, max_uses_per_customer=1))
    first = checkout.place_order({variant: 1}, _buyer(), None, use_stripe=False, code="ONCE")
    with pytest.raises(discounts.DiscountRefused, match="used up"):
        checkout.place_order({variant: 1}, _buyer("other@example.org"), None, use_stripe=False, code="ONCE")
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 1  # the refused order left nothing
    checkout.cancel_unpaid(first, "customer")
    checkout.release(first)  # a second release changes nothing
    assert once.uses == 0 and db.session.scalar(sa.select(sa.func.count()).select_from(DiscountUse)) == 0
    again = checkout.place_order({variant: 1}, _buyer("SAM@example.org"), None, use_stripe=True, code="once")
    assert again.discount_held
    checkout.expire_stale_orders(again.expires_at + timedelta(minutes=10))
    assert (again.status, db.session.scalar(sa.select(DiscountCode.uses))) == ("expired", 0)


def test_the_per_customer_limit_counts_a_guest_by_e_mail_in_any_case(ctx, people, shop):
    enterprise_id, _ = shop.enterprise()
    variant = shop.variant(shop.product(enterprise_id, price=20000, stock=10))
    discounts.create(_staff(people), NewCode("TWICE", "percent", 10, None, max_uses_per_customer=2))
    for email in ("sam@example.org", "Sam@Example.org"):
        checkout.place_order({variant: 1}, _buyer(email), None, use_stripe=False, code="twice")
    with pytest.raises(discounts.DiscountRefused, match="already used"):
        checkout.place_order({variant: 1}, _buyer(" SAM@EXAMPLE.ORG "), None, use_stripe=False, code="twice")
    checkout.place_order({variant: 1}, _buyer("noi@example.org"), None, use_stripe=False, code="twice")
    assert db.session.scalar(sa.select(DiscountCode.uses)) == 3
    # the e-mail is kept only as a keyed hash
    keys = db.session.scalars(sa.select(DiscountUse.customer_key)).all()
    assert keys and not any("example.org" in key for key in keys)


# --- the cart, through the test client ------------------------------------------------------------------------

def _cart_with(client, product_id, quantity="2"):
    post_form(client, "/shop/cart/add", {"product_id": str(product_id), "quantity": quantity})


def _apply(client, code):
    return post_form(client, "/shop/cart/code", {"code": code, "apply_code": "Apply code"}, follow_redirects=True)


def _uses(app, code):
    with app.app_context():
        return db.session.scalar(sa.select(DiscountCode.uses).where(DiscountCode.code == code))


def test_the_cart_journey_with_a_code_and_pay_on_collection(app, people, shop, client):
    enterprise_id, manager_id = shop.enterprise()
    other_id, _ = shop.enterprise("jewellery", manager=False)
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    with app.app_context():
        staff = _staff(people)
        discounts.create(staff, NewCode("LAUNCH10", "percent", 10, None, max_uses=10))
        discounts.create(staff, NewCode("SOON", "percent", 10, None, starts_on=today() + timedelta(days=3)))
        discounts.create(staff, NewCode("OLD", "percent", 10, None, ends_on=today() - timedelta(days=1)))
        discounts.create(staff, NewCode("GONE", "percent", 10, None, max_uses=1))
        db.session.execute(sa.update(DiscountCode).where(DiscountCode.code == "GONE").values(uses=1))
        discounts.create(staff, NewCode("BIG", "amount", 10000, None, min_order_minor=100000))
        discounts.create(staff, NewCode("RINGS", "percent", 10, other_id))
        db.session.commit()
    _cart_with(client, product_id)
    for code, says in (("NOPE", "does not exist"), ("soon", "can be used from"), ("old", "has expired"),
                       ("gone", "used up"), ("big", "at least 1,000.00 baht"), ("rings", "another enterprise")):
        page = _apply(client, code)
        assert page.status_code == 400 and says in page.get_data(as_text=True), code
        with client.session_transaction() as session:
            assert "discount_code" not in session  # nothing changed
    page = _apply(client, " launch10 ").get_data(as_text=True)
    assert "The discount code LAUNCH10 is applied" in page and "Discount (code LAUNCH10)" in page
    assert "&minus;64.00 ฿" in page and "576.00 ฿" in page  # 640 baht less 64
    # a bad code now leaves the applied one as it was
    assert _apply(client, "nope").status_code == 400
    with client.session_transaction() as session:
        assert session["discount_code"] == "LAUNCH10"
    response = post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org",
                                                    "delivery": "pickup"})
    assert response.status_code == 302
    with app.app_context():
        order = db.session.scalar(sa.select(Order))
        assert (order.status, order.total_minor, order.discount_minor) == ("pay_on_collection", 57600, 6400)
        token = order.token
    assert _uses(app, "LAUNCH10") == 1
    page = client.get(f"/shop/orders/{token}").get_data(as_text=True)
    assert "Discount (code LAUNCH10)" in page and "A refund gives back the prices you paid" in page
    with client.session_transaction() as session:
        assert "discount_code" not in session


def test_the_code_form_in_thai(app, people, shop, client):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    _cart_with(client, product_id)
    post_form(client, "/language", {"language": "th"})
    page = _apply(client, "NOPE").get_data(as_text=True)
    assert "This discount code does not exist" not in page and "ส่วนลด" in page


def test_removing_a_code_and_a_cart_that_no_longer_meets_the_minimum(app, people, shop, client):
    enterprise_id, _ = shop.enterprise()
    product_id = shop.product(enterprise_id, price=32000, stock=10)
    with app.app_context():
        discounts.create(_staff(people), NewCode("MIN600", "percent", 10, None, min_order_minor=60000))
        db.session.commit()
    _cart_with(client, product_id)
    assert _apply(client, "min600").status_code == 200
    variant = shop.variant(product_id)
    post_form(client, "/shop/cart", {"variant_id": str(variant), "quantity": "1", "update": "Update"})
    page = client.get("/shop/cart").get_data(as_text=True)
    assert "does not apply now" in page and "at least 600.00 baht" in page
    refused = post_form(client, "/shop/checkout", {"name": "Sam", "email": "sam@example.org", "delivery": "pickup"})
    assert refused.status_code == 200 and "at least 600.00 baht" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
    post_form(client, "/shop/cart/code", {"code": "", "remove_code": "Remove code"})
    with client.session_transaction() as session:
        assert "discount_code" not in session


def test_managers_keep_their_enterprises_codes_and_staff_all(app, people, shop):
    enterprise_id, manager_id = shop.enterprise()
    other_id, _ = shop.enterprise("jewellery", manager=False)
    manager = app.test_client()
    sign_in(manager, people.login_name(manager_id))
    created = post_form(manager, "/manage/shop/discounts", {
        "code": "thanks", "kind": "amount", "amount_thb": "50", "enterprise": str(other_id),
        "min_order_thb": "300"})
    assert created.status_code == 400  # not a choice a manager has
    created = post_form(manager, "/manage/shop/discounts", {
        "code": "thanks", "kind": "amount", "amount_thb": "50", "enterprise": str(enterprise_id),
        "min_order_thb": "300", "max_uses": "20", "max_uses_per_customer": "1"})
    assert created.status_code == 302
    refused = post_form(manager, "/manage/shop/discounts", {
        "code": "big", "kind": "amount", "amount_thb": "500", "enterprise": str(enterprise_id),
        "min_order_thb": "300"})
    assert refused.status_code == 400 and "less than the minimum order" in refused.get_data(as_text=True)
    with app.app_context():
        code = db.session.scalar(sa.select(DiscountCode).where(DiscountCode.code == "THANKS"))
        assert (code.kind, code.amount_minor, code.min_order_minor, code.enterprise_id) == ("amount", 5000, 30000,
                                                                                            enterprise_id)
        staff_code = discounts.create(_staff(people), NewCode("SHOPWIDE", "percent", 5, None))
        db.session.commit()
        code_id, staff_code_id = code.id, staff_code.id
    listed = manager.get("/manage/shop/discounts").get_data(as_text=True)
    assert "THANKS" in listed and "SHOPWIDE" not in listed
    assert post_form(manager, f"/manage/shop/discounts/{staff_code_id}/pause").status_code == 404
    assert post_form(manager, f"/manage/shop/discounts/{code_id}/pause").status_code == 302
    with app.app_context():
        assert db.session.get(DiscountCode, code_id).paused
        assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.action == "discount_code.pause"))


def test_the_list_of_codes_is_cut_into_pages_by_the_database(app, people):
    staff_id = people.make(Role.STAFF, "Staff")
    with app.app_context():
        staff = db.session.get(User, staff_id)
        for n in range(30):
            discounts.create(staff, NewCode(f"CODE{n:02d}", "percent", 5, None))
        db.session.commit()
    client = app.test_client()
    sign_in(client, people.login_name(staff_id))
    first = client.get("/manage/shop/discounts").get_data(as_text=True)
    second = client.get("/manage/shop/discounts?page=2").get_data(as_text=True)
    assert "CODE29" in first and "CODE00" not in first and "CODE00" in second


def test_the_cart_page_with_a_code_runs_the_same_statements_for_one_line_or_six(app, people, shop, client):
    from tests.test_query_counts import counting

    enterprise_id, _ = shop.enterprise()
    products = [shop.product(enterprise_id, name=f"Beans {n}", price=32000 + n, stock=10) for n in range(6)]
    with app.app_context():
        discounts.create(_staff(people), NewCode("LAUNCH10", "percent", 10, None))
        db.session.commit()
    _cart_with(client, products[0])
    assert "LAUNCH10" in _apply(client, "LAUNCH10").get_data(as_text=True)

    def statements() -> int:
        client.get("/shop/cart")  # caches warm, as in a worker's steady state
        with counting() as counter:
            assert client.get("/shop/cart").status_code == 200
        return counter.count

    one = statements()
    for product_id in products[1:]:
        _cart_with(client, product_id)
    assert statements() == one  # no query per line (product, options, values)


def test_pause_and_resume_pressed_twice_do_what_the_button_says_once(app, people):
    staff_id = people.make(Role.STAFF, "Staff")
    with app.app_context():
        code_id = discounts.create(db.session.get(User, staff_id), NewCode("TWICE", "percent", 5, None)).id
        db.session.commit()
    client = app.test_client()
    sign_in(client, people.login_name(staff_id))

    def state() -> tuple[bool, list[str]]:
        with app.app_context():
            return db.session.get(DiscountCode, code_id).paused, list(db.session.scalars(
                sa.select(AuditEntry.action).where(AuditEntry.record_type == "discount_code",
                                                   AuditEntry.action != "discount_code.create")
                .order_by(AuditEntry.id)))

    for _press in range(2):  # a double click on Pause
        assert post_form(client, f"/manage/shop/discounts/{code_id}/pause").status_code == 302
    assert state() == (True, ["discount_code.pause"])
    resume = f"/manage/shop/discounts/{code_id}/pause?to=resume"
    assert resume in client.get("/manage/shop/discounts").get_data(as_text=True).replace("&amp;", "&")
    for _press in range(2):
        assert post_form(client, resume).status_code == 302
    assert state() == (False, ["discount_code.pause", "discount_code.resume"])


def test_each_code_reports_its_paid_orders_the_discount_kept_and_what_was_paid_after_refunds(app, people, shop):
    """A shop-wide code on a paid order of two enterprises' items, one item given back, and an unpaid order:
    staff see the whole order, the coffee manager only their items; the unpaid order counts nowhere."""
    from marketplace import fulfilment, refunds
    from marketplace.models import OrderLine

    coffee, manager_id = shop.enterprise()
    jewels, _ = shop.enterprise("jewellery", manager=False)
    beans = shop.variant(shop.product(coffee, price=10000, stock=10))
    ring = shop.variant(shop.product(jewels, name="Ring", price=20000, stock=10))
    staff_id = people.make(Role.STAFF, "Staff")
    with app.app_context():
        staff = db.session.get(User, staff_id)
        code = discounts.create(staff, NewCode("SHOP10", "percent", 10, None))
        other = discounts.create(staff, NewCode("UNUSED", "percent", 5, None))
        manager = db.session.get(User, manager_id)
        paid = checkout.place_order({beans: 2, ring: 1}, _buyer(), None, use_stripe=False, code="SHOP10")
        checkout.place_order({beans: 1}, _buyer("kim@example.org"), None, use_stripe=False, code="SHOP10")
        fulfilment.mark_paid_on_collection(paid, manager)
        line = db.session.scalar(sa.select(OrderLine).where(OrderLine.order_id == paid.id,
                                                            OrderLine.enterprise_id == coffee))
        refunds.refund_items(paid, manager, coffee, {line.id: 1}, restock=True, intent=None)
        db.session.commit()
        code_id, other_id = code.id, other.id
        # 2 × 90 + 180 paid, 90 given back; the discount kept: 10 on the coffee kept, 20 on the ring
        assert discounts.results([code_id, other_id], None) == {code_id: discounts.CodeResult(1, 3000, 27000)}
        assert discounts.results([code_id], coffee) == {code_id: discounts.CodeResult(1, 1000, 9000)}
    client = app.test_client()
    sign_in(client, people.login_name(staff_id))
    page = client.get("/manage/shop/discounts").get_data(as_text=True)
    assert "Paid orders" in page and "Discount kept by buyers" in page
    row = page.split("<code>SHOP10</code>", 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td><td>30.00 ฿</td><td>270.00 ฿</td>" in row
    unused = page.split("<code>UNUSED</code>", 1)[1].split("</tr>", 1)[0]
    assert "<td>0</td><td>0.00 ฿</td><td>0.00 ฿</td>" in unused
