"""Refunds when Stripe misbehaves (REFUND_SPEC.md): a refusal, an answer lost after Stripe made the refund, an
answer later than the client waits, a rate limit, the same intent posted twice, a process killed while Stripe
works, ten refunds at once. Each goes through the manager's order page as a browser would; afterwards the
reconciling job runs, and the money Stripe moved (the fake's record) is exactly the money recorded here."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine

from core.db import utcnow
from core.extensions import db
from marketplace import refunds
from marketplace.models import Order, Refund
from tests.conftest import sign_in
from tests.marketplace.stripe_fakes import Fault, event
from tests.marketplace.test_stripe_checkout import _buy, _deliver, _outbox, _pay_on_hosted_page

pytestmark = pytest.mark.real_commits  # a second app with Stripe keys and its own engine; a second process

REFUSED = "Nothing was changed"  # the words of a definite refusal, and only of one


# --- the manager's browser -----------------------------------------------------------------------------------
class _HiddenFields(HTMLParser):
    """The hidden inputs of each form on a page, by the form's action: what a browser posts back."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._action: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._action = attributes.get("action") or ""
            self.forms.setdefault(self._action, {})
        elif tag == "input" and self._action is not None and attributes.get("type") == "hidden":
            self.forms[self._action][attributes.get("name") or ""] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None


class ManagerBrowser:
    """The manager's browser on one order's page: shows the page, posts its refund forms back as shown.
    `shown` (what show() returned) stands for a page left open: posting it twice is a double click."""

    def __init__(self, app, order_id: int, login_name: str | None = None, client=None):
        self.app, self.order_id = app, order_id
        self.url = f"/manage/shop/orders/{order_id}"
        self.client = client or app.test_client()
        if login_name:
            sign_in(self.client, login_name)

    def show(self) -> dict[str, dict[str, str]]:
        page = self.client.get(self.url)
        assert page.status_code == 200, page.status_code
        parser = _HiddenFields()
        parser.feed(page.get_data(as_text=True))
        return parser.forms

    def intent(self, shown: dict, form: str) -> str:
        fields = shown.get(self.url + ("/refund" if form == "items" else "/refund-amount"), {})
        assert fields.get("intent"), f"REFUND_SPEC: the {form} refund form carries a hidden `intent` token: {fields}"
        return fields["intent"]

    def refund(self, form: str, shown: dict | None = None, *, line_id: int = 0, quantity: int = 1,
               thb: str = "200.00", follow: bool = True):
        """Post the refund form "items" (`quantity` of line `line_id`) or "amount" (`thb` baht)."""
        shown = shown or self.show()
        self.intent(shown, form)
        if form == "items":
            action, data = self.url + "/refund", {f"refund-{line_id}": str(quantity)}
        else:
            action, data = self.url + "/refund-amount", {"amount_thb": thb, "reason": "Goodwill"}
        return self.client.post(action, data={**shown[action], **data}, follow_redirects=follow)

    def tab(self) -> ManagerBrowser:
        """Another tab of the same browser: the same session cookie, so the same CSRF token is good."""
        name = self.app.config["SESSION_COOKIE_NAME"]
        cookie = self.client.get_cookie(name)
        other = self.app.test_client()
        other.set_cookie(name, cookie.value, domain=cookie.domain, path=cookie.path)
        return ManagerBrowser(self.app, self.order_id, client=other)


# --- a paid order, the books, the job ------------------------------------------------------------------------
@dataclass
class PaidOrder:
    id: int
    payment_intent: str
    line_id: int
    total: int
    email: str
    manager_login: str
    manager: ManagerBrowser


def _paid_order(app, stripe_servers, shop, price=20000, quantity=2, slug="coffee") -> PaidOrder:
    """Bought (pickup, no shipping) and paid through the Checkout fake and a signed webhook."""
    enterprise_id, manager_id = shop.enterprise(slug)
    product_id = shop.product(enterprise_id, price=price, stock=10)
    buyer = app.test_client()
    _buy(buyer, product_id, str(quantity))
    with app.app_context():
        order = db.session.scalar(sa.select(Order).order_by(Order.id.desc()))
        db.session.expunge(order)
    paid = _pay_on_hosted_page(stripe_servers, order)
    assert _deliver(buyer, event("checkout.session.completed", paid)).status_code == 200
    with app.app_context():
        order = db.session.get(Order, order.id)
        assert order.status == "paid" and order.stripe_payment_intent == paid["payment_intent"]
        line_id, total, email = order.lines[0].id, order.total_minor, order.email
    login = shop.people.login_name(manager_id)
    return PaidOrder(order.id, paid["payment_intent"], line_id, total, email, login,
                     ManagerBrowser(app, order.id, login))


@dataclass
class Books:
    refunded: int
    reserved: int
    status: str
    refunds: list[tuple[str, int]]  # (status, amount) of each Refund row, oldest first
    refunded_quantity: int
    reserved_quantity: int


def _books(app, order_id: int) -> Books:
    with app.app_context():
        order = db.session.get(Order, order_id)
        rows = db.session.scalars(sa.select(Refund).where(Refund.order_id == order_id).order_by(Refund.id))
        return Books(order.refunded_minor, order.refund_reserved_minor, order.status,
                     [(r.status, r.amount_minor) for r in rows],
                     sum(line.refunded_quantity for line in order.lines),
                     sum(line.reserved_quantity for line in order.lines))


def _run_the_job(app) -> None:
    with app.app_context():  # committed when the context ends, as a scheduled job is
        refunds.reconcile(older_than=timedelta(0))


def _assert_books_match_stripe(app, fake, order: PaidOrder) -> Books:
    """Nothing pending, nothing reserved, and exactly the money Stripe moved recorded here."""
    books = _books(app, order.id)
    assert [amount for status, amount in books.refunds if status == "pending"] == []
    assert (books.reserved, books.reserved_quantity) == (0, 0)
    moved = fake.refunded_total(order.payment_intent)
    assert books.refunded == moved == sum(amount for status, amount in books.refunds if status == "succeeded")
    assert moved <= order.total
    return books


def _assert_told_not_yet_known(page: str) -> None:
    """An unknown outcome: neither a refusal nor a refund done."""
    assert REFUSED not in page
    assert "Refunded 200.00 baht" not in page


def _mails_to(app, email: str) -> int:
    return len([to for to, _subject in _outbox(app) if to == email])


FORMS = ["items", "amount"]  # 1 of 2 items at 200 baht, or an amount of 200 baht: 20000 either way


# --- the cases -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("form", FORMS)
def test_a_refusal_moves_no_money_and_marks_the_refund_failed(stripe_app, stripe_servers, refund_fake, shop, form):
    order = _paid_order(stripe_app, stripe_servers, shop)
    refund_fake.inject(Fault.REFUSE, payment_intent=order.payment_intent, times=None)
    page = order.manager.refund(form, line_id=order.line_id).get_data(as_text=True)
    assert REFUSED in page
    books = _books(stripe_app, order.id)
    assert (books.refunds, books.refunded, books.reserved) == ([("failed", 20000)], 0, 0)
    refund_fake.clear_faults()
    _run_the_job(stripe_app)
    books = _assert_books_match_stripe(stripe_app, refund_fake, order)
    assert (books.refunds, books.refunded, books.status, books.refunded_quantity) == ([("failed", 20000)], 0,
                                                                                       "paid", 0)
    assert _mails_to(stripe_app, order.email) == 1  # the payment's, no refund's


@pytest.mark.parametrize("form", FORMS)
def test_an_answer_lost_after_stripe_refunded_stays_pending_until_the_job_settles_it(stripe_app, stripe_servers,
                                                                                      refund_fake, shop, form):
    order = _paid_order(stripe_app, stripe_servers, shop)
    shown = order.manager.show()
    # Every call answers 500 after the refund is made, the stripe library's own retries too.
    refund_fake.inject(Fault.FAIL_AFTER, payment_intent=order.payment_intent, times=None)
    page = order.manager.refund(form, shown, line_id=order.line_id).get_data(as_text=True)
    _assert_told_not_yet_known(page)
    assert refund_fake.refunded_total(order.payment_intent) == 20000  # Stripe did make it
    keys = {call.key for call in refund_fake.calls_for(order.payment_intent)}
    assert keys == {"refund-" + order.manager.intent(shown, form)}  # every retry with the intent's key
    books = _books(stripe_app, order.id)
    assert (books.refunds, books.refunded, books.reserved) == ([("pending", 20000)], 0, 20000)
    refund_fake.clear_faults()
    _run_the_job(stripe_app)
    books = _assert_books_match_stripe(stripe_app, refund_fake, order)
    assert books.refunds == [("succeeded", 20000)] and len(refund_fake.refunds_for(order.payment_intent)) == 1
    assert _mails_to(stripe_app, order.email) == 2  # the payment's and this refund's, once


def test_an_answer_later_than_the_client_waits_is_settled_by_the_job(make_stripe_app, stripe_servers, refund_fake,
                                                                      shop):
    app = make_stripe_app(STRIPE_TIMEOUT_SECONDS=1)
    order = _paid_order(app, stripe_servers, shop)
    refund_fake.inject(Fault.SLOW, payment_intent=order.payment_intent, times=None, delay=2.5)
    started = time.monotonic()
    page = order.manager.refund("items", line_id=order.line_id).get_data(as_text=True)
    assert time.monotonic() - started < 10  # 1 s a try, the library's retries included
    _assert_told_not_yet_known(page)
    assert refund_fake.refunded_total(order.payment_intent) == 20000
    assert _books(app, order.id).refunds == [("pending", 20000)]
    refund_fake.clear_faults()
    _run_the_job(app)
    books = _assert_books_match_stripe(app, refund_fake, order)
    assert books.refunds == [("succeeded", 20000)] and books.refunded_quantity == 1


def test_a_rate_limit_leaves_the_refund_pending_and_the_job_makes_it(stripe_app, stripe_servers, refund_fake, shop):
    order = _paid_order(stripe_app, stripe_servers, shop)
    refund_fake.inject(Fault.RATE_LIMIT)  # the library does not retry a 429 without Stripe-Should-Retry
    page = order.manager.refund("items", line_id=order.line_id).get_data(as_text=True)
    _assert_told_not_yet_known(page)
    assert refund_fake.refunded_total(order.payment_intent) == 0
    books = _books(stripe_app, order.id)
    assert (books.refunds, books.reserved, books.reserved_quantity) == ([("pending", 20000)], 20000, 1)
    _run_the_job(stripe_app)
    books = _assert_books_match_stripe(stripe_app, refund_fake, order)
    assert books.refunds == [("succeeded", 20000)] and books.refunded == 20000


def test_a_rate_limit_stripe_asks_to_retry_is_retried_by_the_library_with_the_same_key(stripe_app, stripe_servers,
                                                                                        refund_fake, shop):
    order = _paid_order(stripe_app, stripe_servers, shop)
    refund_fake.inject(Fault.RATE_LIMIT, should_retry=True)
    page = order.manager.refund("items", line_id=order.line_id).get_data(as_text=True)
    assert "Refunded 200.00 baht" in page
    assert [c.status for c in refund_fake.calls_for(order.payment_intent)] == [429, 200]
    _run_the_job(stripe_app)
    assert _assert_books_match_stripe(stripe_app, refund_fake, order).refunds == [("succeeded", 20000)]


@pytest.mark.parametrize("first_answer", ["refunded", "lost"])
@pytest.mark.parametrize("form", FORMS)
def test_the_same_intent_posted_twice_makes_one_refund(stripe_app, stripe_servers, refund_fake, shop, form,
                                                       first_answer):
    order = _paid_order(stripe_app, stripe_servers, shop)
    shown = order.manager.show()  # the page stays open; the manager clicks again
    if first_answer == "lost":
        refund_fake.inject(Fault.FAIL_AFTER, payment_intent=order.payment_intent, times=None)
    first = order.manager.refund(form, shown, line_id=order.line_id)
    refund_fake.clear_faults()
    second = order.manager.refund(form, shown, line_id=order.line_id)
    assert (first.status_code, second.status_code) == (200, 200)
    if first_answer == "lost":
        _assert_told_not_yet_known(first.get_data(as_text=True))
    assert len(refund_fake.refunds_for(order.payment_intent)) == 1
    assert len(_books(stripe_app, order.id).refunds) == 1  # the same Refund row, the same key
    _run_the_job(stripe_app)
    books = _assert_books_match_stripe(stripe_app, refund_fake, order)
    assert books.refunds == [("succeeded", 20000)]
    assert _mails_to(stripe_app, order.email) == 2


# The manager's refund in a process of its own, killed while Stripe holds the call.
WORKER = """
import json, sys
from pathlib import Path
from tests.conftest import make_app
from tests.marketplace.test_refund_faults import ManagerBrowser
job = json.loads(sys.argv[1])
app = make_app(Path(job["tmp"]), **job["config"])
ManagerBrowser(app, job["order_id"], job["login"]).refund("items", line_id=job["line_id"])
print("the refund request returned: it should have been killed first")
"""


def test_a_process_killed_while_stripe_works_is_settled_by_the_job(app, stripe_app, stripe_servers, refund_fake,
                                                                   shop):
    order = _paid_order(stripe_app, stripe_servers, shop)
    refund_fake.inject(Fault.HOLD, payment_intent=order.payment_intent)
    config = {k: stripe_app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "STRIPE_SECRET_KEY",
                                                "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE")}
    job = {"tmp": str(app.config["TEST_TMP_DIR"]), "config": config, "order_id": order.id,
           "login": order.manager_login, "line_id": order.line_id}
    worker = subprocess.Popen([sys.executable, "-c", WORKER, json.dumps(job)], cwd=Path(__file__).parents[2],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while worker.poll() is None and time.monotonic() < deadline and not refund_fake.wait_until_held(timeout=0.2):
            pass
        assert refund_fake.held == 1, worker.communicate(timeout=5)[0] if worker.poll() is not None else "no call"
        # The pending refund was committed before Stripe was asked: another process sees it.
        books = _books(stripe_app, order.id)
        assert (books.refunds, books.reserved) == ([("pending", 20000)], 20000)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
    refund_fake.release()  # Stripe finishes its work; nobody is there to hear the answer
    assert refund_fake.wait_until_idle()
    assert refund_fake.refunded_total(order.payment_intent) == 20000
    assert _books(stripe_app, order.id).refunds == [("pending", 20000)]
    _run_the_job(stripe_app)
    books = _assert_books_match_stripe(stripe_app, refund_fake, order)
    assert books.refunds == [("succeeded", 20000)] and len(refund_fake.refunds_for(order.payment_intent)) == 1


@pytest.mark.parametrize("pages", ["one page view", "ten page views"])
@pytest.mark.parametrize("form", FORMS)
def test_ten_refunds_at_once_never_move_more_than_was_paid(stripe_app, stripe_servers, refund_fake, shop, form,
                                                          pages):
    order = _paid_order(stripe_app, stripe_servers, shop, price=11000, quantity=5)  # 550 baht
    assert order.total == 55000
    views = [order.manager.show() for _ in range(10 if pages == "ten page views" else 1)]
    views = views * (10 // len(views))
    tabs = [order.manager.tab() for _ in range(10)]
    start, statuses = threading.Barrier(10), [None] * 10

    def post(i: int) -> None:
        start.wait()
        try:
            statuses[i] = tabs[i].refund(form, views[i], line_id=order.line_id, thb="120.00",
                                         follow=False).status_code
        except Exception as error:  # noqa: BLE001 - TESTING propagates the app's errors: a 500 in production
            statuses[i] = repr(error)[:200]

    threads = [threading.Thread(target=post, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert all(isinstance(status, int) and status < 500 for status in statuses), statuses
    assert refund_fake.wait_until_idle()
    made = [r["amount"] for r in refund_fake.refunds_for(order.payment_intent)]
    assert sum(made) <= 55000
    if pages == "one page view":
        assert len(made) <= 1  # one intent: one refund, however often it is posted
    _run_the_job(stripe_app)
    books = _assert_books_match_stripe(stripe_app, refund_fake, order)
    assert books.refunded == sum(made)
    if form == "items":
        assert books.refunded == 11000 * books.refunded_quantity
    if pages == "one page view":
        assert len(books.refunds) == 1


def test_one_refund_that_cannot_be_settled_does_not_hold_up_the_others(stripe_app, stripe_servers, refund_fake,
                                                                       shop):
    stuck = _paid_order(stripe_app, stripe_servers, shop, slug="coffee")
    other = _paid_order(stripe_app, stripe_servers, shop, slug="tea")
    for order in (stuck, other):
        refund_fake.inject(Fault.FAIL_BEFORE, payment_intent=order.payment_intent, times=None)
        _assert_told_not_yet_known(order.manager.refund("items", line_id=order.line_id).get_data(as_text=True))
    refund_fake.clear_faults()
    refund_fake.inject(Fault.FAIL_BEFORE, payment_intent=stuck.payment_intent, times=None)
    _run_the_job(stripe_app)
    assert _books(stripe_app, stuck.id).refunds == [("pending", 20000)]
    assert _assert_books_match_stripe(stripe_app, refund_fake, other).refunds == [("succeeded", 20000)]
    refund_fake.clear_faults()
    _run_the_job(stripe_app)
    assert _assert_books_match_stripe(stripe_app, refund_fake, stuck).refunds == [("succeeded", 20000)]


def test_after_stripes_24_hours_the_job_finds_the_refund_instead_of_making_another(stripe_app, stripe_servers,
                                                                                   refund_fake, shop):
    order = _paid_order(stripe_app, stripe_servers, shop)
    shown = order.manager.show()
    refund_fake.inject(Fault.FAIL_AFTER, payment_intent=order.payment_intent, times=None)
    _assert_told_not_yet_known(order.manager.refund("items", shown, line_id=order.line_id).get_data(as_text=True))
    made = refund_fake.refunds_for(order.payment_intent)
    assert [(r["amount"], r["metadata"].get("intent")) for r in made] == [(20000, order.manager.intent(shown, "items"))]
    refund_fake.clear_faults()
    refund_fake.forget_keys()  # Stripe keeps a key 24 hours: the same key would now make a second refund
    with time_machine.travel(utcnow() + timedelta(hours=25)):
        _run_the_job(stripe_app)
    books = _assert_books_match_stripe(stripe_app, refund_fake, order)
    assert books.refunds == [("succeeded", 20000)] and len(refund_fake.refunds_for(order.payment_intent)) == 1
