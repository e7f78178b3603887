"""Attack brief 36, target 2 and what is near it: what a copy of a visitor's session cookie (a shared phone or
library computer, a cookie read off a device once) keeps or gains later.

The sign-in protection now leaves a visitor's session alone (core.extensions.VisitorLoginManager): the cookie a
visitor has is the one they keep, so a copy taken once stays equal to theirs until they change something."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine

from core.extensions import db
from tests.site_world import build_world

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
COOKIE = "pathways_session"


@pytest.fixture
def coffee(app):
    """The demo coffee's product page and its one variant."""
    from marketplace.models import Enterprise, Product, VariantValue

    with app.app_context():
        build_world()
        db.session.commit()
        enterprise = db.session.scalar(sa.select(Enterprise).where(Enterprise.slug == "nightlight-coffee"))
        product = db.session.scalar(sa.select(Product).where(Product.enterprise_id == enterprise.id)
                                    .order_by(Product.id))
        chosen = db.session.execute(sa.select(VariantValue.option_id, VariantValue.value_id)
                                    .where(VariantValue.variant_id == product.default_variant.id)).all()
        return product.id, {f"option_{option}": str(value) for option, value in chosen}


def _token(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    match = TOKEN.search(html)
    assert match, f"no form token on {path}"
    return match.group(1)


def _add_to_cart(client, product: tuple[int, dict]) -> None:
    product_id, options = product
    token = _token(client, f"/shop/products/{product_id}")
    answer = client.post("/shop/cart/add", data={"csrf_token": token, "product_id": product_id, "quantity": "1",
                                                 "submit": "Add to cart", **options})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]


def _check_out(client, name: str, email: str, phone: str, address: str = ""):
    token = _token(client, "/shop/checkout")
    return client.post("/shop/checkout", data={"csrf_token": token, "name": name, "email": email, "phone": phone,
                                               "delivery": "shipping" if address else "pickup",
                                               "address": address, "province": "50" if address else "",
                                               "submit": "Place order"})


def _copy_cookie(app, source):
    copy = app.test_client()
    copy.set_cookie(COOKIE, source.get_cookie(COOKIE).value)
    return copy


def test_a_copy_of_a_guests_cookie_taken_before_the_order_never_opens_that_order_days_later(app, coffee):
    """Harm: a guest's home address (and their order, its receipts and tax documents) to whoever kept a copy of
    their cookie from before they ordered. On a shared phone or a library computer someone copies the session
    cookie of the person who is shopping (or is the one who put the first bag in the cart, then handed the phone
    over). The guest checks out, shipped to their address; days later the copy's holder sends the checkout form
    with any name: the cart's token in the copy names the guest's order, and `_to_order_of_cart` sends the copy
    to that order's secret page ("Shipping to: <address>"). Meant for a second click of the same submit, seconds
    apart, it has no time limit and asks for nothing the copy lacks (the order page itself is `keep_private`
    for shared computers: this route round it is not)."""
    guest = app.test_client()
    _add_to_cart(guest, coffee)
    copy = _copy_cookie(app, guest)
    placed = _check_out(guest, "Mali Guest-Private", "mali.private@example.org", "089 111 2222",
                        address="17/3 Soi Hidden Refuge, Suthep, Mueang")
    assert placed.status_code == 302 and "/shop/orders/" in placed.headers["Location"], placed.get_data()[:300]
    order_link = placed.headers["Location"]
    with time_machine.travel(timedelta(days=3), tick=False):
        answer = _check_out(copy, "Someone Else", "someone@example.org", "")
        landed = copy.get(answer.headers["Location"]) if answer.status_code in (302, 303) else answer
    page = landed.get_data(as_text=True)
    assert "Soi Hidden Refuge" not in page
    assert answer.headers.get("Location", "") != order_link


def test_a_guests_checkout_never_lands_on_an_order_a_copy_of_their_cookie_placed_for_someone_else(app, coffee):
    """Harm: the guest is shown, as their order, one that ships to a stranger (with Stripe on: its payment page,
    so they pay for goods sent to the stranger), and they cannot order this cart at all. Someone with a copy of
    the guest's cookie (the shared phone again) checks out first, shipped to their own address. The guest then
    fills in their own name, e-mail and address and presses "Place order": the cart's token in their cookie
    names the copy's order, `place_order` meets it (CartTaken) and `_to_order_of_cart` sends the guest to it,
    though nothing the guest typed matches it."""
    guest = app.test_client()
    _add_to_cart(guest, coffee)
    copy = _copy_cookie(app, guest)
    first = _check_out(copy, "Stranger", "stranger@example.org", "", address="88 Moo 4, Somewhere Far, Mae Rim")
    assert first.status_code == 302 and "/shop/orders/" in first.headers["Location"], first.get_data()[:300]
    answer = _check_out(guest, "Mali Guest", "mali@example.org", "089 111 2222",
                        address="17/3 Soi Hidden Refuge, Suthep, Mueang")
    landed = guest.get(answer.headers["Location"]) if answer.status_code in (302, 303) else answer
    page = landed.get_data(as_text=True)
    assert "Somewhere Far" not in page, "the guest is shown the stranger's order as theirs"
    assert answer.headers.get("Location", "") != first.headers["Location"]


def test_a_guest_whose_cart_a_copy_ordered_places_their_own_order_next(app, coffee):
    """After the copy's order, the guest is told, and their next "Place order" places their own order."""
    guest = app.test_client()
    _add_to_cart(guest, coffee)
    copy = _copy_cookie(app, guest)
    first = _check_out(copy, "Stranger", "stranger@example.org", "", address="88 Moo 4, Somewhere Far, Mae Rim")
    answer = _check_out(guest, "Mali Guest", "mali@example.org", "089 111 2222",
                        address="17/3 Soi Hidden Refuge, Suthep, Mueang")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/shop/checkout")
    assert "ordered on another device or tab" in guest.get("/shop/checkout").get_data(as_text=True)
    again = _check_out(guest, "Mali Guest", "mali@example.org", "089 111 2222",
                       address="17/3 Soi Hidden Refuge, Suthep, Mueang")
    assert again.status_code == 302 and "/shop/orders/" in again.headers["Location"]
    assert again.headers["Location"] != first.headers["Location"]
    assert "Soi Hidden Refuge" in guest.get(again.headers["Location"]).get_data(as_text=True)
