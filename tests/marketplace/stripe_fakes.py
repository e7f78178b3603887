"""Local Stripe for tests: `localstripe` (PyPI) for payment intents and refunds, and a small fake of the
Checkout Session endpoints in front of it. The real `stripe` library talks HTTP to both on loopback."""
from __future__ import annotations

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import threading
import time
import uuid

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
    hosted page; every other /v1/ call goes to localstripe."""

    def __init__(self, localstripe_base: str):
        self.localstripe = localstripe_base
        self.sessions: dict[str, dict] = {}
        self.by_idempotency: dict[str, dict] = {}
        self.created: list[dict] = []  # the parameters we were sent, for assertions
        app = Flask("fake-checkout")
        app.add_url_rule("/v1/checkout/sessions", view_func=self.create, methods=["POST"])
        app.add_url_rule("/v1/checkout/sessions/<sid>", view_func=self.retrieve, methods=["GET"])
        app.add_url_rule("/_test/pay/<sid>", view_func=self.pay, methods=["POST"])
        app.add_url_rule("/v1/<path:rest>", view_func=self.forward, methods=["GET", "POST", "DELETE"])
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_port}"

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


def signature(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's scheme: t=<unix seconds>,v1=HMAC-SHA256(secret, "<t>.<raw body>")."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def event(kind: str, session: dict, event_id: str | None = None) -> bytes:
    return json.dumps({"id": event_id or "evt_" + uuid.uuid4().hex, "object": "event", "type": kind,
                       "api_version": "2026-10-28", "created": int(time.time()),
                       "data": {"object": session}}).encode()
