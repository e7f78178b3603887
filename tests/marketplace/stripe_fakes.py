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
        app = Flask("fake-checkout")
        self.refunds.mount(app)
        app.add_url_rule("/v1/checkout/sessions", view_func=self.create, methods=["POST"])
        app.add_url_rule("/v1/checkout/sessions/<sid>", view_func=self.retrieve, methods=["GET"])
        app.add_url_rule("/_test/pay/<sid>", view_func=self.pay, methods=["POST"])
        app.add_url_rule("/v1/<path:rest>", view_func=self.forward, methods=["GET", "POST", "DELETE"])
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.refunds.base = self.base

    def create(self):
        key = request.headers.get("Idempotency-Key")
        if key and key in self.by_idempotency:
            return jsonify(self.by_idempotency[key])
        params = _nested(request.form)
        self.created.append({"params": params, "idempotency_key": key})
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
        return jsonify(self.sessions[sid])

    def pay(self, sid):
        session = self.sessions[sid]
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
