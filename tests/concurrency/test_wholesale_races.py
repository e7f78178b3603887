"""Wholesale under the concurrency harness (issue #34, item 4), at a real gunicorn (2 workers x 4 threads):

- ten approved cafés order the last three bags on invoice at the same moment: stock is taken with checkout's
  own conditional statement, so exactly three orders are placed, stock ends at 0 and equals its ledger, and
  each placed order has its invoice (due date) and no other does;
- the manager's "Mark the transfer received" sent ten times at once for one invoice records it once: one
  conditional UPDATE of the order's status, one audit entry, one tax invoice, one e-mail.
On PostgreSQL through tests/with_postgres.sh."""
from __future__ import annotations

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from tests.concurrency.harness import CSRF, Browser, _password_hash, build_world, check, fire, highest_order_id

pytestmark = pytest.mark.real_commits  # a server process commits for real; the tables are emptied after

SELLER_TAX_ID, CAFE_TAX_ID = "0105558012349", "3100100123451"


def _cafes(app, world, count: int) -> list[str]:
    """`count` customer accounts, each an approved business on invoice; the coffee has 3 bags left, priced for
    wholesale, with a minimum order of one bag."""
    from accounts import services as accounts
    from core.models import Role, User
    from marketplace import stock, tax_invoices, wholesale
    from marketplace.models import Enterprise, ProductVariant

    with app.app_context():
        staff = accounts.find_by_login_name(world.logins["staff"])
        manager = accounts.find_by_login_name(world.logins["manager_a"])
        enterprise = db.session.scalar(sa.select(Enterprise).where(Enterprise.slug == "coffee"))
        tax_invoices.save_registration(manager, enterprise, True, "Coffee Co., Ltd.", "12 Market Road, Chiang Mai",
                                       SELLER_TAX_ID, "00000")
        wholesale.save_terms(manager, enterprise.id, 25000, "Kasikorn Bank 123-4-56789-0")
        variant = db.session.get(ProductVariant, world.variants["coffee"])
        wholesale.set_price(manager, enterprise.id, variant.id, 25000)
        stock.adjust(variant, manager, 3 - variant.stock, "three bags left")
        logins = []
        for n in range(count):
            login = f"cafe{n}@world.example"
            user: User = accounts.create_account(Role.CUSTOMER, f"Café {n}", email=login, password=None)
            user.password_hash = _password_hash()
            db.session.flush()
            business = wholesale.apply(user, wholesale.BusinessDetails(
                f"Café {n} Co., Ltd.", CAFE_TAX_ID, "00000", "7 Nimman Soi 9, Chiang Mai", f"Owner {n}"))
            wholesale.approve(business, staff, 30, True)
            logins.append(login)
        db.session.commit()
    return logins


def _ready_on_invoice(base: str, login: str, product_id: int, app) -> tuple[dict, tuple[str, dict]]:
    browser = Browser(base)
    browser.sign_in(login, app=app)
    page = browser.http.get(f"{base}/shop/products/{product_id}", timeout=30).text
    added = browser.http.post(f"{base}/shop/cart/add", data={
        "csrf_token": CSRF.search(page).group(1), "product_id": str(product_id), "quantity": "1"},
        allow_redirects=False, timeout=30)
    assert added.status_code == 302, added.status_code
    page = browser.http.get(f"{base}/shop/business/checkout", timeout=30).text
    assert 'value="invoice"' in page
    form = {"csrf_token": CSRF.search(page).group(1), "name": "Owner", "email": login, "phone": "",
            "delivery": "pickup", "address": "", "payment": "invoice"}
    return requests.utils.dict_from_cookiejar(browser.http.cookies), ("/shop/business/checkout", form)


def test_ten_cafes_on_invoice_at_once_for_three_bags_never_oversell(shop_app, stripe_servers, server):
    from marketplace.models import Order, ProductVariant
    from marketplace.wholesale_models import OrderInvoice

    world = build_world(shop_app, stripe_servers.base)
    logins = _cafes(shop_app, world, 10)
    shots = [(f"café {n}", login, *_ready_on_invoice(server.base, login, world.products["coffee"], shop_app))
             for n, login in enumerate(logins)]
    before = highest_order_id(shop_app)

    answers = fire(server.base, shots)

    assert all(s.status in (302, 400) for s in answers), [(s.label, s.status, s.error) for s in answers]
    assert sum(s.status == 302 and "/shop/orders/" in s.location for s in answers) == 3
    with shop_app.app_context():
        assert db.session.get(ProductVariant, world.variants["coffee"]).stock == 0
        placed = db.session.scalars(sa.select(Order).where(Order.id > before)).all()
        assert [o.status for o in placed] == ["invoiced"] * 3
        assert sorted(db.session.scalars(sa.select(OrderInvoice.order_id).where(OrderInvoice.order_id > before))) \
            == sorted(o.id for o in placed)
    assert check(shop_app, stripe_servers.base, answers, before, server.cause).violations == []


def test_the_transfer_marked_received_ten_times_at_once_is_recorded_once(shop_app, stripe_servers, server):
    from core.models import AuditEntry, OutboxMessage
    from marketplace.models import Order, TaxDocument

    world = build_world(shop_app, stripe_servers.base)
    [login] = _cafes(shop_app, world, 1)
    cookies, (action, form) = _ready_on_invoice(server.base, login, world.products["coffee"], shop_app)
    placed = requests.post(server.base + action, data=form, cookies=cookies, allow_redirects=False, timeout=60)
    assert placed.status_code == 302, placed.status_code
    with shop_app.app_context():
        order_id = db.session.scalar(sa.select(sa.func.max(Order.id)))
        assert db.session.get(Order, order_id).status == "invoiced"
    manager = Browser(server.base)
    manager.sign_in(world.logins["manager_a"], app=shop_app)
    page = manager.http.get(f"{server.base}/manage/shop/orders/{order_id}", timeout=30).text
    assert "invoice-paid" in page
    token = CSRF.search(page).group(1)
    cookie = requests.utils.dict_from_cookiejar(manager.http.cookies)
    shots = [(f"click {n}", "manager", cookie, (f"/manage/shop/orders/{order_id}/invoice-paid",
                                                {"csrf_token": token})) for n in range(10)]

    answers = fire(server.base, shots)

    assert [s.status for s in answers] == [302] * 10, [(s.label, s.status, s.error) for s in answers]
    with shop_app.app_context():
        order = db.session.get(Order, order_id)
        assert order.status == "paid"
        assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
            AuditEntry.action == "order.invoice_paid", AuditEntry.record_id == str(order_id))) == 1
        assert db.session.scalar(sa.select(sa.func.count(TaxDocument.id)).where(
            TaxDocument.order_id == order_id)) == 1
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(
            OutboxMessage.subject == f"Payment received for order {order_id}")) == 1
    assert "Traceback" not in server.log.read_text(errors="replace")
