"""Local Stripe for tests: `localstripe` (PyPI) for payment intents, and small fakes in front of it for the
Checkout Session endpoints and for refunds (localstripe has neither idempotent replay nor a refund cap). The
real `stripe` library talks HTTP to them on loopback."""
from __future__ import annotations

import enum
import hashlib
import hmac
import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field

import requests
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

LAUNCHER = """
import sys; from aiohttp import web; import localstripe.resources as r
r.Store.dump_to_disk = lambda self: None; r.Store.try_load_from_disk = lambda self: None
from localstripe.server import app
web.run_app(app, host='127.0.0.1', port=int(sys.argv[1]), print=None)
"""
API_KEY = "sk_test_pathways"
WEBHOOK_SECRET = "whsec_pathways_test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_localstripe() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(base + "/v1/balance", auth=(API_KEY, ""), timeout=0.2)
            break
        except requests.RequestException:
            time.sleep(0.05)
    return process, base


def _nested(form) -> dict:
    """Stripe's form encoding (a[b][0][c]=v) back into dicts and lists."""
    root: dict = {}
    for key, value in form.items(multi=True):
        parts = key.replace("]", "").split("[")
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            node = node.setdefault(part, value if last else {})
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


class FakeCheckout:
    """POST/GET /v1/checkout/sessions like Stripe; /_test/pay/<id> stands for the customer paying on the
    hosted page; /v1/refunds is served by `self.refunds` (FakeRefunds); every other /v1/ call goes to
    localstripe."""

    def __init__(self, localstripe_base: str):
        self.localstripe = localstripe_base
        self.sessions: dict[str, dict] = {}
        self.by_idempotency: dict[str, dict] = {}
        self.created: list[dict] = []  # the parameters we were sent, for assertions
        self.refunds = FakeRefunds(localstripe_base)
        self.billing = FakeBilling(localstripe_base)
        app = Flask("fake-checkout")
        self.refunds.mount(app)
        self.billing.mount(app)
        app.add_url_rule("/v1/checkout/sessions", view_func=self.create, methods=["POST"])
        app.add_url_rule("/v1/checkout/sessions/<sid>", view_func=self.retrieve, methods=["GET"])
        app.add_url_rule("/v1/checkout/sessions/<sid>/expire", view_func=self.expire, methods=["POST"])
        app.add_url_rule("/_test/pay/<sid>", view_func=self.pay, methods=["POST"])
        app.add_url_rule("/v1/<path:rest>", view_func=self.forward, methods=["GET", "POST", "DELETE"])
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.refunds.base = self.billing.base = self.base

    def create(self):
        key = request.headers.get("Idempotency-Key")
        if key and key in self.by_idempotency:
            return jsonify(_shown(self.by_idempotency[key]))
        params = _nested(request.form)
        self.created.append({"params": params, "idempotency_key": key})
        if params.get("mode") == "subscription":
            try:
                session = self.billing.create_session(params, self.base)
            except ValueError as problem:
                return jsonify(_error("invalid_request_error", str(problem))), 400
            self.sessions[session["id"]] = session
            if key:
                self.by_idempotency[key] = session
            return jsonify(_shown(session))
        total = sum(int(i["quantity"]) * int(i["price_data"]["unit_amount"]) for i in params["line_items"])
        intent = requests.post(self.localstripe + "/v1/payment_intents", auth=(API_KEY, ""), data={
            "amount": total, "currency": params["line_items"][0]["price_data"]["currency"],
            "payment_method": "pm_card_visa",  # the card the customer will use on the hosted page
            "metadata[order_id]": params["metadata"]["order_id"]}).json()
        sid = "cs_test_" + uuid.uuid4().hex
        session = {"id": sid, "object": "checkout.session", "status": "open", "payment_status": "unpaid",
                   "url": f"{self.base}/pay/{sid}", "amount_total": total, "currency": "thb",
                   "client_reference_id": params.get("client_reference_id"), "metadata": params.get("metadata", {}),
                   "payment_intent": intent["id"], "expires_at": int(params["expires_at"])}
        self.sessions[sid] = session
        if key:
            self.by_idempotency[key] = session
        return jsonify(session)

    def retrieve(self, sid):
        return jsonify(_shown(self.sessions[sid]))

    def expire(self, sid):
        """Stripe's `POST /v1/checkout/sessions/<id>/expire`: an open session can no longer be paid (and says so
        by `checkout.session.expired`, kept with the billing events for a subscription's session); any other is
        refused (400). Faults programmed on FakeBilling for this path apply."""
        failed = self.billing._meet(self.billing._take_fault("POST", request.path))
        if failed is not None:
            return jsonify(failed[1]), failed[0]
        session = self.sessions.get(sid)
        if session is None:
            return jsonify(_error("invalid_request_error", f"No such checkout.session: '{sid}'",
                                  "resource_missing")), 404
        if session["status"] != "open":
            return jsonify(_error("invalid_request_error", "Only Checkout Sessions with a status in [open] can be "
                                  f"expired. This Checkout Session has a status of {session['status']}.")), 400
        session.update(status="expired", url=None)
        if session.get("mode") == "subscription":
            with self.billing._lock:
                self.billing._emit("checkout.session.expired", session)
        return jsonify(_shown(session))

    def pay(self, sid):
        session = self.sessions[sid]
        if session["status"] != "open":
            return jsonify(_error("invalid_request_error", f"This Checkout Session is {session['status']}.")), 400
        if session.get("mode") == "subscription":
            return jsonify(_shown(self.billing.complete(session)))
        confirmed = requests.post(f"{self.localstripe}/v1/payment_intents/{session['payment_intent']}/confirm",
                                  auth=(API_KEY, "")).json()
        if confirmed.get("status") != "succeeded":
            return jsonify(error=confirmed), 500
        session.update(status="complete", payment_status="paid")
        return jsonify(session)

    def forward(self, rest):
        response = requests.request(request.method, f"{self.localstripe}/v1/{rest}", params=request.args,
                                    data=request.form, auth=(API_KEY, ""),
                                    headers={k: v for k, v in request.headers if k.lower() == "idempotency-key"})
        return response.content, response.status_code, {"Content-Type": "application/json"}

    def stop(self):
        self.server.shutdown()


def _shown(obj: dict) -> dict:
    """An object as Stripe shows it: without the fakes' own bookkeeping (keys starting with "_")."""
    return {k: v for k, v in obj.items() if not k.startswith("_")}


class Fault(enum.StrEnum):
    """What the fake does to a refund call instead of answering it straight away."""
    REFUSE = "refuse"            # 402 card_error: nothing made; the answer is kept under the key, as Stripe does
    FAIL_BEFORE = "fail_before"  # 500 before Stripe looked at it: nothing made, the key stays free
    FAIL_AFTER = "fail_after"    # the refund is made and kept under the key, but this answer is a 500
    SLOW = "slow"                # the refund is made and kept under the key; answered `delay` seconds later
    RATE_LIMIT = "rate_limit"    # 429 before Stripe looked at it: nothing made, the key stays free
    HOLD = "hold"                # the key is in use until release(); then the call goes on normally


@dataclass
class _Rule:
    fault: Fault
    times: int | None  # None: every matching call until clear_faults()
    payment_intent: str | None
    key: str | None
    delay: float
    should_retry: bool | None  # the Stripe-Should-Retry header, which the stripe library obeys

    def matches(self, key: str | None, payment_intent: str | None) -> bool:
        return (self.key in (None, key)) and (self.payment_intent in (None, payment_intent))


@dataclass
class _Answer:
    status: int
    body: dict


@dataclass
class _Key:
    params: dict
    answer: _Answer | None = None  # None while the first call with this key is being processed


@dataclass
class Call:
    """One POST /v1/refunds as the client saw it."""
    key: str | None
    payment_intent: str | None
    status: int
    replayed: bool = False
    params: dict = field(default_factory=dict)


def _error(kind: str, message: str, code: str | None = None, param: str | None = None) -> dict:
    error = {"type": kind, "message": message}
    error.update({k: v for k, v in (("code", code), ("param", param)) if v})
    return {"error": error}


HOLD_LIMIT_SECONDS = 60  # a held call goes on by itself after this, so a failed test never hangs the server


class FakeRefunds:
    """POST /v1/refunds, GET /v1/refunds(?payment_intent=) and GET /v1/refunds/<id> as Stripe answers them:
    - the refunds of a payment intent never add up to more than its charge (400 amount_too_large);
    - an Idempotency-Key replays the first answer (status and body, header Idempotent-Replayed); the same key
      with other parameters is a 400 idempotency_error; a key whose first call is still being processed is a
      409 idempotency_error. Validation errors and calls refused before processing (429, 500 before) are not
      kept, as at Stripe; `forget_keys()` is Stripe's 24 hours passing;
    - faults programmed with `inject()` for the next calls, or for every call of a key or payment intent until
      `clear_faults()`: the stripe library retries 409, 5xx and timeouts by itself with the same key, so a
      fault meant to outlast its retries is programmed "until cleared";
    - `made` holds every refund really made: the money Stripe moved."""

    def __init__(self, localstripe_base: str):
        self.localstripe = localstripe_base
        self.base = ""  # where the stripe library finds it: set by the server that mounts it
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._release = threading.Event()
        self._generation = 0
        self.made: list[dict] = []
        self.keys: dict[str, _Key] = {}
        self.rules: list[_Rule] = []
        self.calls: list[Call] = []
        self.held = self.busy = 0

    def mount(self, app: Flask) -> None:
        app.add_url_rule("/v1/refunds", "refunds_create", self.create, methods=["POST"])
        app.add_url_rule("/v1/refunds", "refunds_list", self.list, methods=["GET"])
        app.add_url_rule("/v1/refunds/<refund_id>", "refunds_retrieve", self.retrieve, methods=["GET"])

    # --- the test's side ---------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget everything; a held call goes on, and whatever it makes is not recorded here."""
        with self._lock:
            self._generation += 1
            self.made, self.keys, self.rules, self.calls = [], {}, [], []
        self.release()

    def inject(self, fault: Fault, *, times: int | None = 1, payment_intent: str | None = None,
               key: str | None = None, delay: float = 2.0, should_retry: bool | None = None) -> None:
        """The next `times` refund calls that match (any call, or those with this key or payment intent)
        meet `fault`; `times=None`: every matching call until clear_faults(). Retries count as calls."""
        with self._lock:
            self.rules.append(_Rule(Fault(fault), times, payment_intent, key, delay, should_retry))

    def clear_faults(self) -> None:
        with self._lock:
            self.rules.clear()

    def release(self) -> None:
        """Let the held calls go on (later HOLD faults hold again)."""
        with self._lock:
            released, self._release = self._release, threading.Event()
        released.set()

    def wait_until_held(self, count: int = 1, timeout: float = 30) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.held >= count, timeout)

    def wait_until_idle(self, timeout: float = 30) -> bool:
        """Every call that came in has been processed (its client may be gone)."""
        with self._changed:
            return self._changed.wait_for(lambda: self.busy == 0, timeout)

    def forget_keys(self) -> None:
        """Stripe keeps an idempotency key for 24 hours: after that the same key makes a new refund."""
        with self._lock:
            self.keys.clear()

    def refunds_for(self, payment_intent: str) -> list[dict]:
        with self._lock:
            return [dict(r) for r in self.made if r["payment_intent"] == payment_intent]

    def refunded_total(self, payment_intent: str) -> int:
        return sum(r["amount"] for r in self.refunds_for(payment_intent))

    def calls_for(self, payment_intent: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.payment_intent == payment_intent]

    # --- Stripe's side -----------------------------------------------------------------------------------
    def create(self):
        with self._changed:
            self.busy += 1
            generation = self._generation
        try:
            return self._create(_nested(request.form), request.headers.get("Idempotency-Key"), generation)
        finally:
            with self._changed:
                self.busy -= 1
                self._changed.notify_all()

    def _create(self, params: dict, key: str | None, generation: int):
        payment_intent = params.get("payment_intent")
        rule = self._take_rule(key, payment_intent)
        fault = rule.fault if rule else None
        retry = rule.should_retry if rule else None
        if fault is Fault.RATE_LIMIT:
            return self._reply(key, params, _Answer(429, _error(
                "invalid_request_error", "Too many requests hit the API too quickly.", "rate_limit")), retry=retry)
        if fault is Fault.FAIL_BEFORE:
            return self._reply(key, params, _Answer(500, _error("api_error", "Something went wrong on Stripe's end.")),
                               retry=retry)
        with self._lock:
            used = self.keys.get(key) if key else None
            if key and used is None:
                self.keys[key] = entry = _Key(params)
        if used is not None:
            if used.answer is None:
                return self._reply(key, params, _Answer(409, _error("idempotency_error", (
                    "There is currently another in-progress request using this Idempotent Key (that probably means "
                    f"you submitted twice, and the other request is still going through): {key}. Please try "
                    "again later."))), retry=retry)
            if used.params != params:
                return self._reply(key, params, _Answer(400, _error("idempotency_error", (
                    "Keys for idempotent requests can only be used with the same parameters they were first used "
                    f"with. Try using a key other than '{key}' if you meant to execute a different request."))))
        if fault is Fault.HOLD:
            self._hold()
        if used is not None:
            answer, replayed = used.answer, True
        else:
            answer, keep = self._refund(params, refuse=fault is Fault.REFUSE, generation=generation)
            replayed = False
            if key:
                with self._lock:
                    if keep:
                        entry.answer = answer
                    elif self.keys.get(key) is entry:
                        del self.keys[key]  # a validation error is not kept: the key may be used again
        if fault is Fault.FAIL_AFTER:
            return self._reply(key, params, _Answer(500, _error("api_error", "Something went wrong on Stripe's end.")),
                               retry=retry)
        if fault is Fault.SLOW:
            time.sleep(rule.delay)
        return self._reply(key, params, answer, replayed=replayed, retry=retry)

    def _take_rule(self, key: str | None, payment_intent: str | None) -> _Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.matches(key, payment_intent):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self.rules.remove(rule)
                    return rule
        return None

    def _hold(self) -> None:
        with self._changed:
            self.held += 1
            release = self._release
            self._changed.notify_all()
        release.wait(HOLD_LIMIT_SECONDS)
        with self._changed:
            self.held -= 1
            self._changed.notify_all()

    def _refund(self, params: dict, refuse: bool, generation: int) -> tuple[_Answer, bool]:
        """(answer, keep it under the key): validation errors are not kept, what was processed is."""
        payment_intent, amount = params.get("payment_intent"), params.get("amount")
        if not payment_intent:
            return _Answer(400, _error("invalid_request_error", "This fake refunds payment intents only.",
                                       "parameter_missing", "payment_intent")), False
        if amount is not None and not (str(amount).isdigit() and int(amount) > 0):
            return _Answer(400, _error("invalid_request_error", "Invalid positive integer",
                                       "parameter_invalid_integer", "amount")), False
        charge = requests.get(f"{self.localstripe}/v1/payment_intents/{payment_intent}", auth=(API_KEY, ""))
        if charge.status_code != 200:
            return _Answer(400, _error("invalid_request_error", f"No such payment_intent: '{payment_intent}'",
                                       "resource_missing", "payment_intent")), False
        charge = charge.json()
        if charge.get("status") != "succeeded":
            return _Answer(400, _error("invalid_request_error", f"This PaymentIntent ({payment_intent}) does not "
                                       "have a successful charge to refund.", "charge_not_refundable")), True
        if refuse:
            return _Answer(402, _error("card_error", "The refund could not be sent to this card.",
                                       "card_declined")), True
        with self._lock:
            left = charge["amount"] - sum(r["amount"] for r in self.made if r["payment_intent"] == payment_intent)
            wanted = int(amount) if amount is not None else left
            if left <= 0:
                return _Answer(400, _error("invalid_request_error", f"Charge for {payment_intent} has already been "
                                           "refunded.", "charge_already_refunded")), True
            if wanted > left:
                return _Answer(400, _error("invalid_request_error", (
                    f"Refund amount ({wanted / 100:.2f} {charge['currency']}) is greater than unrefunded amount "
                    f"on charge ({left / 100:.2f} {charge['currency']})"), "amount_too_large", "amount")), True
            refund = {"id": "re_" + uuid.uuid4().hex[:24], "object": "refund", "amount": wanted,
                      "currency": charge["currency"], "payment_intent": payment_intent,
                      "metadata": params.get("metadata") or {}, "reason": params.get("reason"),
                      "status": "succeeded", "created": int(time.time())}
            if generation == self._generation:
                self.made.append(refund)
        return _Answer(200, refund), True

    def _reply(self, key: str | None, params: dict, answer: _Answer, replayed: bool = False,
               retry: bool | None = None):
        with self._lock:
            self.calls.append(Call(key, params.get("payment_intent"), answer.status, replayed, params))
        headers = {"Request-Id": "req_" + uuid.uuid4().hex[:14]}
        if key:
            headers["Idempotency-Key"] = key
        if replayed:
            headers["Idempotent-Replayed"] = "true"
        if retry is not None:
            headers["Stripe-Should-Retry"] = "true" if retry else "false"
        return jsonify(answer.body), answer.status, headers

    def list(self):
        payment_intent = request.args.get("payment_intent")
        limit = min(max(int(request.args.get("limit", 10)), 1), 100)  # Stripe's default page is 10
        with self._lock:
            rows = [dict(r) for r in reversed(self.made) if payment_intent in (None, r["payment_intent"])]
        after = request.args.get("starting_after")
        if after:
            ids = [r["id"] for r in rows]
            rows = rows[ids.index(after) + 1:] if after in ids else []
        return jsonify(object="list", url="/v1/refunds", has_more=len(rows) > limit, data=rows[:limit])

    def retrieve(self, refund_id: str):
        with self._lock:
            found = next((dict(r) for r in self.made if r["id"] == refund_id), None)
        if found is None:
            return jsonify(_error("invalid_request_error", f"No such refund: '{refund_id}'", "resource_missing",
                                  "id")), 404
        return jsonify(found)


def signature(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's scheme: t=<unix seconds>,v1=HMAC-SHA256(secret, "<t>.<raw body>")."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def event(kind: str, session: dict, event_id: str | None = None) -> bytes:
    return json.dumps({"id": event_id or "evt_" + uuid.uuid4().hex, "object": "event", "type": kind,
                       "api_version": "2026-10-28", "created": int(time.time()),
                       "data": {"object": session}}).encode()


INTERVAL_SECONDS = {"week": 7 * 86400, "month": 30 * 86400}


class BillingFault(enum.StrEnum):
    """What FakeBilling does to a call instead of answering it straight away."""
    FAIL = "fail"      # 500, nothing made; kept under the key like any answer (Stripe replays a 500 under its key)
    REFUSE = "refuse"  # 400 invalid_request_error, nothing made; kept under the key
    SLOW = "slow"      # answered normally, `delay` seconds later
    HOLD = "hold"      # answered normally once release() is called


@dataclass
class _BillingRule:
    fault: BillingFault
    method: str
    path: str
    times: int | None
    delay: float


class FakeBilling:
    """Stripe Billing as our code uses it, which localstripe does not have: Products, Prices (recurring),
    Checkout Sessions in subscription mode (created through FakeCheckout), Subscriptions (modify with
    pause_collection / cancel_at_period_end, cancel), Invoices and their payments (`GET /v1/invoice_payments`).
    Each invoice is paid by a real localstripe payment intent, so FakeRefunds can give it back.

    Stripe's side effects become events, in today's shapes (an invoice names its subscription under
    parent.subscription_details and its payment only among its payments), kept in `events` for the test to
    deliver signed, in any order it likes (`take_events`). `advance(subscription)` is the clock moving to the
    next period: the next invoice, paid (or failed with `fail=True`), or nothing while paused, or the end of a
    subscription cancelled at the period's end. POSTs honour Idempotency-Key as Stripe does: the first answer
    under a key, errors included, is kept and replayed (header Idempotent-Replayed) for as long as the fake keeps
    keys (`forget_keys()` is Stripe's 24 hours passing); 409 while the first call with it is still being
    processed. `create_delay` slows Price creation, to let two callers meet. `inject()` programs a fault for the
    next calls of a route (`BillingFault`)."""

    def __init__(self, localstripe_base: str):
        self.localstripe = localstripe_base
        self.base = ""
        self._lock = threading.Lock()
        self.create_delay = 0.0
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.products: dict[str, dict] = {}
            self.prices: dict[str, dict] = {}
            self.subscriptions: dict[str, dict] = {}
            self.invoices: dict[str, dict] = {}
            self.events: list[tuple[str, dict, int]] = []
            self.keys: dict[tuple[str, str], dict | None] = {}
            self.calls: list[tuple[str, str, dict]] = []  # (method, path, params) of every call
            self.clock = int(time.time())
            self.create_delay = 0.0
            self.faults: list[_BillingRule] = []
            self.held = 0
            self.keys_used: list[tuple[str, str | None]] = []  # (path, Idempotency-Key) of every POST and DELETE
        if getattr(self, "_release", None) is not None:
            self._release.set()  # a call held by the test before goes on
        self._release = threading.Event()
        self._release.set()

    def mount(self, app: Flask) -> None:
        app.add_url_rule("/v1/products", "billing_products", self._post(self._product), methods=["POST"])
        app.add_url_rule("/v1/prices", "billing_prices", self._post(self._price), methods=["POST"])
        app.add_url_rule("/v1/subscriptions/<sub_id>", "billing_subscription_update",
                         self._post(self._modify), methods=["POST"])
        app.add_url_rule("/v1/subscriptions/<sub_id>", "billing_subscription_cancel",
                         self._post(self._cancel), methods=["DELETE"])
        app.add_url_rule("/v1/subscriptions/<sub_id>", "billing_subscription_get",
                         lambda sub_id: jsonify(self.subscriptions[sub_id]), methods=["GET"])
        app.add_url_rule("/v1/invoices/<invoice_id>", "billing_invoice_get",
                         lambda invoice_id: jsonify(self.invoices[invoice_id]), methods=["GET"])
        app.add_url_rule("/v1/invoice_payments", "billing_invoice_payments", self._invoice_payments,
                         methods=["GET"])

    # --- the test's side ---------------------------------------------------------------------------------
    def inject(self, fault: BillingFault, path: str, *, method: str = "POST", times: int | None = 1,
               delay: float = 2.0) -> None:
        """The next `times` calls of `method` on paths starting with `path` meet `fault` (None: every one until
        clear_faults()). A HOLD waits until release()."""
        with self._lock:
            if fault is BillingFault.HOLD:
                self._release.clear()
            self.faults.append(_BillingRule(BillingFault(fault), method, path, times, delay))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()
        self.release()

    def release(self) -> None:
        self._release.set()

    def wait_until_held(self, count: int = 1, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self.held >= count:
                    return True
            time.sleep(0.02)
        return False

    def forget_keys(self) -> None:
        """Stripe keeps an idempotency key for 24 hours: after that the same key is a new request."""
        with self._lock:
            self.keys.clear()

    def _take_fault(self, method: str, path: str) -> _BillingRule | None:
        with self._lock:
            for rule in self.faults:
                if rule.method == method and path.startswith(rule.path):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self.faults.remove(rule)
                    return rule
        return None

    def _meet(self, rule: _BillingRule | None) -> tuple[int, dict] | None:
        """What a fault answers instead of the handler (None: the handler answers, after any wait)."""
        if rule is None:
            return None
        if rule.fault is BillingFault.FAIL:
            return 500, _error("api_error", "Something went wrong on Stripe's end.")
        if rule.fault is BillingFault.REFUSE:
            return 400, _error("invalid_request_error", "This request cannot be done now.")
        if rule.fault is BillingFault.SLOW:
            time.sleep(rule.delay)
        elif rule.fault is BillingFault.HOLD:
            with self._lock:
                self.held += 1
            self._release.wait(HOLD_LIMIT_SECONDS)
            with self._lock:
                self.held -= 1
        return None

    def take_events(self) -> list[bytes]:
        """The events since the last call, oldest first, as Stripe would send them (sign and deliver them)."""
        with self._lock:
            taken, self.events = self.events, []
        return [event_with(kind, obj, created) for kind, obj, created in taken]

    def advance(self, sub_id: str, fail: bool = False) -> str | None:
        """The next period begins: its invoice (returned), paid or failed; None when nothing is charged."""
        with self._lock:
            sub = self.subscriptions[sub_id]
            price = self.prices[sub["items"]["data"][0]["price"]["id"]]
            self.clock += INTERVAL_SECONDS[price["recurring"]["interval"]] * int(price["recurring"]["interval_count"])
            if sub["status"] == "canceled":
                return None
            if sub["cancel_at_period_end"]:
                sub.update(status="canceled", canceled_at=self.clock, ended_at=self.clock)
                self._emit("customer.subscription.deleted", sub)
                return None
            self._new_period(sub)
            if sub["pause_collection"]:
                invoice = self._invoice(sub, "subscription_cycle")
                invoice.update(status="void", amount_paid=0)
                self._emit("invoice.voided", invoice)
                return invoice["id"]
        return self._charge(sub_id, "subscription_cycle", fail)

    # --- Stripe's side -----------------------------------------------------------------------------------
    def _post(self, handler):
        def view(**kw):
            key = request.headers.get("Idempotency-Key")
            params = _nested(request.form)
            slot = (request.path, key) if key else None
            with self._lock:
                self.calls.append((request.method, request.path, params))
                self.keys_used.append((request.path, key))
                if slot is not None and slot in self.keys:
                    kept = self.keys[slot]
                    if kept is None:
                        return jsonify(_error("idempotency_error", "There is currently another in-progress "
                                              f"request using this Idempotent Key: {key}.")), 409
                    return jsonify(kept["body"]), kept["status"], {
                        "Idempotent-Replayed": "true", **({"Stripe-Should-Retry": "false"} if kept["status"] >= 500
                                                          else {})}
                if slot is not None:
                    self.keys[slot] = None
            try:
                # A 500 or a refusal from a fault is kept under the key, as Stripe keeps the result of a request
                # that began executing: the same key answers it again, whatever happens after.
                status, body = self._meet(self._take_fault(request.method, request.path)) or handler(params, **kw)
            except Exception:
                with self._lock:
                    self.keys.pop(slot, None) if slot else None
                raise
            with self._lock:
                if slot is not None:
                    self.keys[slot] = {"status": status, "body": body}
            # Stripe asks the library not to retry a 500 its idempotency layer would only replay.
            return jsonify(body), status, ({"Stripe-Should-Retry": "false"} if status >= 500 else {})
        view.__name__ = f"billing_{handler.__name__}"
        return view

    def _product(self, params):
        product = {"id": "prod_" + uuid.uuid4().hex[:14], "object": "product", "name": params.get("name"),
                   "metadata": params.get("metadata") or {}, "active": True}
        with self._lock:
            self.products[product["id"]] = product
        return 200, product

    def _price(self, params):
        if self.create_delay:
            time.sleep(self.create_delay)
        if params.get("product") not in self.products:
            return 400, _error("invalid_request_error", f"No such product: '{params.get('product')}'",
                               "resource_missing", "product")
        recurring = params.get("recurring") or {}
        price = {"id": "price_" + uuid.uuid4().hex[:14], "object": "price", "product": params["product"],
                 "unit_amount": int(params["unit_amount"]), "currency": params["currency"],
                 "recurring": {"interval": recurring.get("interval"),
                               "interval_count": int(recurring.get("interval_count", 1))},
                 "metadata": params.get("metadata") or {}, "type": "recurring" if recurring else "one_time"}
        with self._lock:
            self.prices[price["id"]] = price
        return 200, price

    def create_session(self, params: dict, base: str) -> dict:
        """A Checkout Session in subscription mode (FakeCheckout's POST hands it here)."""
        items = []
        for item in params["line_items"]:
            price = self.prices.get(item.get("price"))
            if price is None or price["type"] != "recurring":
                raise ValueError(f"subscription mode needs recurring prices: {item}")
            items.append({"price": price, "quantity": int(item.get("quantity", 1))})
        if params.get("payment_method_types") and "promptpay" in params["payment_method_types"]:
            raise ValueError("PromptPay does not support subscriptions")
        sid = "cs_test_" + uuid.uuid4().hex
        return {"id": sid, "object": "checkout.session", "mode": "subscription", "status": "open",
                "payment_status": "unpaid", "url": f"{base}/pay/{sid}",
                "amount_total": sum(i["price"]["unit_amount"] * i["quantity"] for i in items),
                "currency": items[0]["price"]["currency"], "client_reference_id": params.get("client_reference_id"),
                "metadata": params.get("metadata", {}), "customer_email": params.get("customer_email"),
                "payment_intent": None, "subscription": None, "customer": None,
                "_items": items, "_subscription_metadata": (params.get("subscription_data") or {}).get("metadata", {})}

    def complete(self, session: dict) -> dict:
        """The customer pays on the hosted page: the subscription, its first invoice paid, the session complete
        (events: customer.subscription.created, invoice.paid, checkout.session.completed)."""
        with self._lock:
            sub = {"id": "sub_" + uuid.uuid4().hex[:14], "object": "subscription", "status": "active",
                   "customer": "cus_" + uuid.uuid4().hex[:14], "metadata": session["_subscription_metadata"],
                   "cancel_at_period_end": False, "pause_collection": None, "created": self.clock,
                   "items": {"object": "list", "data": [
                       {"id": "si_" + uuid.uuid4().hex[:14], "price": item["price"], "quantity": item["quantity"]}
                       for item in session["_items"]]}}
            self.subscriptions[sub["id"]] = sub
            self._new_period(sub, first=True)
            self._emit("customer.subscription.created", sub)
        invoice_id = self._charge(sub["id"], "subscription_create", fail=False)
        with self._lock:
            session.update(status="complete", payment_status="paid", subscription=sub["id"],
                           customer=sub["customer"], invoice=invoice_id)
            self._emit("checkout.session.completed", session)
        return session

    def _new_period(self, sub: dict, first: bool = False) -> None:
        price = sub["items"]["data"][0]["price"]
        length = INTERVAL_SECONDS[price["recurring"]["interval"]] * int(price["recurring"]["interval_count"])
        for item in sub["items"]["data"]:  # today's API keeps the period on the items
            item.update(current_period_start=self.clock, current_period_end=self.clock + length)

    def _invoice(self, sub: dict, reason: str) -> dict:
        lines = [{"id": "il_" + uuid.uuid4().hex[:14], "object": "line_item",
                  "amount": item["price"]["unit_amount"] * item["quantity"], "quantity": item["quantity"],
                  "pricing": {"type": "price_details", "price_details": {"price": item["price"]["id"],
                                                                           "product": item["price"]["product"]}}}
                 for item in sub["items"]["data"]]
        total = sum(line["amount"] for line in lines)
        invoice = {"id": "in_" + uuid.uuid4().hex[:14], "object": "invoice", "status": "open",
                   "customer": sub["customer"], "currency": sub["items"]["data"][0]["price"]["currency"],
                   "amount_due": total, "amount_paid": 0, "total": total, "billing_reason": reason,
                   "created": self.clock, "period_start": self.clock,
                   "parent": {"type": "subscription_details",
                              "subscription_details": {"subscription": sub["id"], "metadata": dict(sub["metadata"])}},
                   "lines": {"object": "list", "data": lines, "has_more": False},
                   "_payments": []}
        self.invoices[invoice["id"]] = invoice
        return invoice

    def _charge(self, sub_id: str, reason: str, fail: bool) -> str:
        with self._lock:
            sub = self.subscriptions[sub_id]
            invoice = self._invoice(sub, reason)
        card = "pm_card_chargeCustomerFail" if fail else "pm_card_visa"
        intent = requests.post(self.localstripe + "/v1/payment_intents", auth=(API_KEY, ""), data={
            "amount": invoice["amount_due"], "currency": invoice["currency"], "payment_method": card}).json()
        confirmed = requests.post(f"{self.localstripe}/v1/payment_intents/{intent['id']}/confirm",
                                  auth=(API_KEY, "")).json()
        paid = confirmed.get("status") == "succeeded"
        with self._lock:
            invoice["_payments"].append({"object": "invoice_payment", "invoice": invoice["id"],
                                         "status": "paid" if paid else "open", "amount_paid": invoice["amount_due"]
                                         if paid else 0,
                                         "payment": {"type": "payment_intent", "payment_intent": intent["id"]}})
            if paid:
                invoice.update(status="paid", amount_paid=invoice["amount_due"])
                if sub["status"] == "past_due":
                    sub["status"] = "active"
                    self._emit("customer.subscription.updated", sub)
                self._emit("invoice.paid", invoice)
            else:
                self._emit("invoice.payment_failed", invoice)
                sub["status"] = "past_due"
                self._emit("customer.subscription.updated", sub)
        return invoice["id"]

    def _modify(self, params, sub_id):
        with self._lock:
            sub = self.subscriptions.get(sub_id)
            if sub is None:
                return 404, _error("invalid_request_error", f"No such subscription: '{sub_id}'", "resource_missing")
            if sub["status"] == "canceled":
                return 400, _error("invalid_request_error", "A canceled subscription can only update its "
                                   "cancellation_details and metadata.")
            if "pause_collection" in params:
                pause = params["pause_collection"]
                sub["pause_collection"] = None if pause in ("", None) else {"behavior": pause.get("behavior"),
                                                                          "resumes_at": None}
            if "cancel_at_period_end" in params:
                sub["cancel_at_period_end"] = params["cancel_at_period_end"] == "true"
            self._emit("customer.subscription.updated", sub)
            return 200, dict(sub)

    def _cancel(self, params, sub_id):
        with self._lock:
            sub = self.subscriptions.get(sub_id)
            if sub is None:
                return 404, _error("invalid_request_error", f"No such subscription: '{sub_id}'", "resource_missing")
            if sub["status"] != "canceled":
                sub.update(status="canceled", canceled_at=self.clock, ended_at=self.clock)
                self._emit("customer.subscription.deleted", sub)
            return 200, dict(sub)

    def _invoice_payments(self):
        failed = self._meet(self._take_fault("GET", request.path))
        if failed is not None:
            return jsonify(failed[1]), failed[0]
        invoice = self.invoices.get(request.args.get("invoice", ""))
        rows = [dict(p, id=f"inpay_{n}_{invoice['id']}") for n, p in enumerate(invoice["_payments"])] if invoice else []
        return jsonify(object="list", url="/v1/invoice_payments", has_more=False, data=rows)

    def _emit(self, kind: str, obj: dict) -> None:
        """Called with the lock held: the event's object as it is now (a copy, without our own bookkeeping)."""
        self.clock += 1  # each event a second after the one before, as their `created` orders them
        shown = {k: v for k, v in json.loads(json.dumps(obj)).items() if not k.startswith("_")}
        self.events.append((kind, shown, self.clock))


def event_with(kind: str, obj: dict, created: int, event_id: str | None = None) -> bytes:
    """An event whose `created` second is given (Stripe orders a subscription's events by it)."""
    return json.dumps({"id": event_id or "evt_" + uuid.uuid4().hex, "object": "event", "type": kind,
                       "api_version": "2026-10-28", "created": created, "data": {"object": obj}}).encode()
