"""The payments adapter: Stripe when keys are set, nothing otherwise. The real `stripe` library is used
everywhere; tests point its API base at local servers."""
from __future__ import annotations

from typing import Any, cast

import stripe
from flask import current_app

stripe.enable_telemetry = False  # it would write a file under the home folder and call out


def configured() -> bool:
    return bool(current_app.config.get("STRIPE_SECRET_KEY")) and bool(current_app.config.get("STRIPE_WEBHOOK_SECRET"))


def _client() -> stripe.StripeClient:
    base = current_app.config.get("STRIPE_API_BASE") or "https://api.stripe.com"
    return stripe.StripeClient(current_app.config["STRIPE_SECRET_KEY"], base_addresses={"api": base},
                               max_network_retries=2)


def create_checkout_session(params: dict[str, Any], idempotency_key: str):
    return _client().v1.checkout.sessions.create(cast(Any, params), options={"idempotency_key": idempotency_key})


def refund(payment_intent: str, amount_minor: int, idempotency_key: str, reason_code: str | None = None):
    params: dict[str, Any] = {"payment_intent": payment_intent, "amount": amount_minor}
    if reason_code:
        params["metadata"] = {"reason": reason_code}
    return _client().v1.refunds.create(cast(Any, params), options={"idempotency_key": idempotency_key})


def verify_event(payload: bytes, signature_header: str) -> stripe.Event:
    """Raises ValueError or stripe.SignatureVerificationError for anything not signed by us, or too old."""
    return stripe.Webhook.construct_event(payload, signature_header, current_app.config["STRIPE_WEBHOOK_SECRET"],
                                          tolerance=300)
