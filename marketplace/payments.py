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
    config = current_app.config
    # The library retries a lost connection, a 409 and some 429/5xx itself, with the same idempotency key.
    return stripe.StripeClient(config["STRIPE_SECRET_KEY"], base_addresses={"api": base},
                               max_network_retries=int(config.get("STRIPE_MAX_RETRIES", 2)),
                               http_client=stripe.RequestsClient(timeout=config.get("STRIPE_TIMEOUT_SECONDS", 80)))


def create_checkout_session(params: dict[str, Any], idempotency_key: str):
    return _client().v1.checkout.sessions.create(cast(Any, params), options={"idempotency_key": idempotency_key})


def expire_checkout_session(session_id: str, idempotency_key: str):
    """An open Checkout Session can no longer be paid (Stripe refuses one that is complete or expired)."""
    return _client().v1.checkout.sessions.expire(session_id, options={"idempotency_key": idempotency_key})


def checkout_session_url(session_id: str) -> str | None:
    """The hosted page of an open Checkout Session (None once it is complete or expired)."""
    return _client().v1.checkout.sessions.retrieve(session_id).url


def refund(payment_intent: str, amount_minor: int, idempotency_key: str, metadata: dict[str, str]):
    params: dict[str, Any] = {"payment_intent": payment_intent, "amount": amount_minor, "metadata": metadata}
    return _client().v1.refunds.create(cast(Any, params), options={"idempotency_key": idempotency_key})


def refunds_of(payment_intent: str) -> list:
    """Every refund Stripe made for a payment, page after page (newest first)."""
    return list(_client().v1.refunds.list(cast(Any, {"payment_intent": payment_intent, "limit": 100}))
                .auto_paging_iter())


def is_definite_refusal(error: stripe.StripeError) -> bool:
    """Stripe said no and did nothing (a card or request error, 400/402, or keys it does not accept). Anything
    else — no answer, a timeout, 409 "key in use", 429, 5xx — leaves the outcome unknown: it may have been done."""
    if isinstance(error, stripe.IdempotencyError):
        return False
    return isinstance(error, (stripe.CardError, stripe.InvalidRequestError, stripe.AuthenticationError,
                              stripe.PermissionError)) and error.http_status in (400, 401, 402, 403, 404)


def verify_event(payload: bytes, signature_header: str) -> stripe.Event:
    """Raises ValueError or stripe.SignatureVerificationError for anything not signed by us, or too old."""
    return stripe.Webhook.construct_event(payload, signature_header, current_app.config["STRIPE_WEBHOOK_SECRET"],
                                          tolerance=300)


# --- Stripe Billing, for subscriptions (marketplace/subscriptions.py) ---------------------------------------

def create_product(params: dict[str, Any], idempotency_key: str):
    return _client().v1.products.create(cast(Any, params), options={"idempotency_key": idempotency_key})


def create_price(params: dict[str, Any], idempotency_key: str):
    return _client().v1.prices.create(cast(Any, params), options={"idempotency_key": idempotency_key})


def modify_subscription(subscription_id: str, params: dict[str, Any], idempotency_key: str):
    return _client().v1.subscriptions.update(subscription_id, cast(Any, params),
                                             options={"idempotency_key": idempotency_key})


def cancel_subscription(subscription_id: str, idempotency_key: str):
    """Ended now, not at the period's end (an account being deleted)."""
    return _client().v1.subscriptions.cancel(subscription_id, options={"idempotency_key": idempotency_key})


def already_cancelled(error: stripe.StripeError) -> bool:
    """Stripe's no to a cancellation that says it is done already: the subscription is cancelled, or gone."""
    return isinstance(error, stripe.InvalidRequestError) and (
        error.http_status == 404 or "cancel" in str(error).lower())


def invoice_payment_intent(invoice_id: str) -> str | None:
    """The payment intent that paid an invoice: Stripe's invoice no longer names it, its payments do."""
    for payment in _client().v1.invoice_payments.list(cast(Any, {"invoice": invoice_id, "limit": 10})).data:
        found: dict[str, Any] = payment.to_dict()
        paid = found.get("payment") or {}
        if found.get("status") == "paid" and isinstance(paid.get("payment_intent"), str):
            return paid["payment_intent"]
    return None
