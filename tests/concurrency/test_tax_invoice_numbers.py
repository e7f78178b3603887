"""Tax invoice numbers under the concurrency harness (issue #34, item 3): ten orders of one VAT-registered
enterprise, each with a full tax invoice asked for, become paid at the same moment at a real gunicorn (2
workers x 4 threads) — six by Stripe's signed webhooks, four by the manager taking cash — and the enterprise's
invoices are numbered 1 to 10: no gap, no repeat. One UPDATE … RETURNING of the enterprise's next number, in
the transaction that marks the order paid, takes each. On PostgreSQL through tests/with_postgres.sh."""
from __future__ import annotations

import threading

import pytest
import requests
import sqlalchemy as sa

from core.extensions import db
from tests.concurrency.harness import CSRF, Browser, build_world
from tests.marketplace.stripe_fakes import event, signature

pytestmark = pytest.mark.real_commits  # a server process commits for real; the tables are emptied after

SELLER_TAX_ID, BUYER_TAX_ID = "0105558012349", "3100100123451"


def _orders(app, world, cards: int, cash: int) -> tuple[int, list[int], list[int]]:
    """The coffee enterprise registered for VAT; `cards` card orders with their Checkout Sessions opened and
    `cash` pay-on-collection orders, each asking for a tax invoice. Returns the enterprise and the orders."""
    from accounts import services as accounts
    from marketplace import checkout, tax_invoices
    from marketplace.models import Enterprise

    with app.app_context():
        enterprise = db.session.scalar(sa.select(Enterprise).where(Enterprise.slug == "coffee"))
        manager = accounts.find_by_login_name(world.logins["manager_a"])
        tax_invoices.save_registration(manager, enterprise, True, "Coffee Co., Ltd.", "12 Market Road, Chiang Mai",
                                       SELLER_TAX_ID, "00000")
        card_ids, cash_ids = [], []
        for n in range(cards + cash):
            by_card = n < cards
            order = checkout.place_order(
                {world.variants["coffee"]: 1}, checkout.Buyer(f"Buyer {n}", f"b{n}@example.org", "", "pickup", ""),
                None, use_stripe=by_card, locale="th",
                tax_buyer=tax_invoices.TaxBuyer(f"Company {n}", "99 Nimman Road, Chiang Mai", BUYER_TAX_ID))
            if by_card:
                checkout.open_checkout(order, "http://localhost/done", "http://localhost/cancelled")
            (card_ids if by_card else cash_ids).append(order.id)
            db.session.commit()
        return enterprise.id, card_ids, cash_ids


def _signed_payments(app, stripe_base: str, order_ids: list[int]) -> list[bytes]:
    from marketplace.models import Order

    with app.app_context():
        sessions = [db.session.get(Order, i).stripe_session_id for i in order_ids]
    return [event("checkout.session.completed", requests.post(f"{stripe_base}/_test/pay/{s}", timeout=30).json())
            for s in sessions]


def _all_at_once(calls) -> list[requests.Response | Exception]:
    barrier = threading.Barrier(len(calls))
    answers: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            answers[i] = call()
        except requests.RequestException as error:
            answers[i] = error

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return answers


def test_ten_orders_paid_at_once_get_invoice_numbers_one_to_ten(shop_app, stripe_servers, server):
    world = build_world(shop_app, stripe_servers.base)
    enterprise_id, card_ids, cash_ids = _orders(shop_app, world, cards=6, cash=4)
    payloads = _signed_payments(shop_app, stripe_servers.base, card_ids)
    manager = Browser(server.base)
    manager.sign_in(world.logins["manager_a"], app=shop_app)
    tokens = {i: CSRF.search(manager.http.get(f"{server.base}/manage/shop/orders/{i}", timeout=30).text).group(1)
              for i in cash_ids}
    webhook = f"{server.base}/shop/stripe/webhook"
    calls = [lambda p=p: requests.post(webhook, data=p, timeout=90, headers={
        "Stripe-Signature": signature(p), "Content-Type": "application/json"}) for p in payloads]
    calls += [lambda i=i: manager.http.post(f"{server.base}/manage/shop/orders/{i}/paid", timeout=90,
                                            data={"csrf_token": tokens[i]}, allow_redirects=False) for i in cash_ids]
    answers = _all_at_once(calls)
    assert [getattr(a, "status_code", a) for a in answers] == [200] * 6 + [302] * 4
    assert all(a.json()["applied"] for a in answers[:6])

    from marketplace.models import Enterprise, Order, TaxDocument
    with shop_app.app_context():
        assert {o.status for o in db.session.scalars(sa.select(Order).where(
            Order.id.in_(card_ids + cash_ids)))} == {"paid"}
        issued = db.session.execute(sa.select(TaxDocument.order_id, TaxDocument.number).where(
            TaxDocument.enterprise_id == enterprise_id, TaxDocument.kind == "invoice")).all()
        assert sorted(number for _order, number in issued) == list(range(1, 11))  # no gap, no repeat
        assert sorted(order for order, _number in issued) == sorted(card_ids + cash_ids)  # one each
        assert db.session.get(Enterprise, enterprise_id).next_invoice_number == 11
    assert "Traceback" not in server.log.read_text(errors="replace")
