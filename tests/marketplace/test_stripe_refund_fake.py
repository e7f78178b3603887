"""The refund fake behaves like Stripe, seen through the real `stripe` library: a cap at the charge, replay by
idempotency key, 409 for a key in use, and the faults the refund tests program."""
import threading
import time

import pytest
import stripe

from tests.marketplace.stripe_fakes import API_KEY, Fault


@pytest.fixture
def fake(refund_fake):
    return refund_fake


def _client(fake, retries=0, timeout: float = 80) -> stripe.StripeClient:
    return stripe.StripeClient(API_KEY, base_addresses={"api": fake.base}, max_network_retries=retries,
                               http_client=stripe.RequestsClient(timeout=timeout))


def _paid_intent(client, amount=55000) -> str:
    intent = client.v1.payment_intents.create({"amount": amount, "currency": "thb", "payment_method": "pm_card_visa"})
    return client.v1.payment_intents.confirm(intent.id).id


def _refund(client, payment_intent, amount, key=None, **params):
    options = {"idempotency_key": key} if key else {}
    return client.v1.refunds.create({"payment_intent": payment_intent, "amount": amount, **params},
                                    options=options)


def test_refunds_never_add_up_to_more_than_the_charge(fake):
    client = _client(fake)
    pi = _paid_intent(client)
    first = _refund(client, pi, 30000, metadata={"intent": "a"})
    _refund(client, pi, 20000)
    with pytest.raises(stripe.InvalidRequestError) as refused:
        _refund(client, pi, 5001)
    assert (refused.value.http_status, refused.value.code) == (400, "amount_too_large")
    assert refused.value.json_body["error"]["type"] == "invalid_request_error"
    _refund(client, pi, 5000)
    with pytest.raises(stripe.InvalidRequestError) as refused:
        _refund(client, pi, 1)
    assert refused.value.code == "charge_already_refunded"  # Stripe's words once nothing is left
    assert fake.refunded_total(pi) == 55000 and first.id.startswith("re_")
    assert (first.status, first.metadata["intent"], first.payment_intent) == ("succeeded", "a", pi)
    listed = client.v1.refunds.list({"payment_intent": pi})
    assert [r.amount for r in listed.data] == [5000, 20000, 30000]  # newest first, as Stripe lists
    assert client.v1.refunds.retrieve(first.id).amount == 30000
    other = _paid_intent(client, 1000)
    assert _refund(client, other, 1000).amount == 1000  # the cap is per payment intent


def test_the_whole_rest_is_refunded_when_no_amount_is_given_and_an_unpaid_intent_is_refused(fake):
    client = _client(fake)
    pi = _paid_intent(client, 5000)
    _refund(client, pi, 2000)
    assert client.v1.refunds.create({"payment_intent": pi}).amount == 3000
    unpaid = client.v1.payment_intents.create({"amount": 100, "currency": "thb"})
    with pytest.raises(stripe.InvalidRequestError):
        _refund(client, unpaid.id, 100)
    with pytest.raises(stripe.InvalidRequestError) as missing:
        _refund(client, "pi_nothing", 100)
    assert missing.value.code == "resource_missing"


def test_the_same_key_replays_the_first_answer_and_other_parameters_are_refused(fake):
    client = _client(fake)
    pi = _paid_intent(client)
    first = _refund(client, pi, 10000, key="refund-x")
    again = _refund(client, pi, 10000, key="refund-x")
    assert again.id == first.id and fake.refunded_total(pi) == 10000
    assert again.last_response.headers["Idempotent-Replayed"] == "true"
    with pytest.raises(stripe.IdempotencyError) as refused:
        _refund(client, pi, 20000, key="refund-x")
    assert refused.value.http_status == 400 and fake.refunded_total(pi) == 10000
    # An error Stripe processed is kept under its key too, and replayed.
    with pytest.raises(stripe.InvalidRequestError):
        _refund(client, pi, 90000, key="refund-too-much")
    with pytest.raises(stripe.InvalidRequestError):
        _refund(client, pi, 90000, key="refund-too-much")
    assert [c.replayed for c in fake.calls_for(pi)][-2:] == [False, True]


def test_a_key_still_being_processed_answers_409_and_the_first_call_goes_through(fake):
    client = _client(fake)
    pi = _paid_intent(client)
    fake.inject(Fault.HOLD)
    answers = []
    first = threading.Thread(target=lambda: answers.append(_refund(client, pi, 10000, key="refund-held")))
    first.start()
    assert fake.wait_until_held()
    with pytest.raises(stripe.APIError) as busy:
        _refund(client, pi, 10000, key="refund-held")
    assert busy.value.http_status == 409 and busy.value.json_body["error"]["type"] == "idempotency_error"
    assert fake.refunded_total(pi) == 0  # nothing is made while it is held
    fake.release()
    first.join(10)
    assert answers[0].amount == 10000 and fake.refunded_total(pi) == 10000
    assert _refund(client, pi, 10000, key="refund-held").id == answers[0].id


@pytest.mark.parametrize("fault, error, status, made, kept", [
    (Fault.REFUSE, stripe.CardError, 402, 0, "the refusal"),
    (Fault.FAIL_BEFORE, stripe.APIError, 500, 0, None),
    (Fault.FAIL_AFTER, stripe.APIError, 500, 10000, "the refund"),
    (Fault.RATE_LIMIT, stripe.RateLimitError, 429, 0, None),
])
def test_each_fault_answers_like_stripe_and_moves_only_what_it_says(fake, fault, error, status, made, kept):
    client = _client(fake)
    pi = _paid_intent(client)
    fake.inject(fault)
    with pytest.raises(error) as raised:
        _refund(client, pi, 10000, key="refund-f")
    assert raised.value.http_status == status and fake.refunded_total(pi) == made
    if kept == "the refusal":  # Stripe replays a processed refusal under the same key
        with pytest.raises(stripe.CardError):
            _refund(client, pi, 10000, key="refund-f")
    else:  # the fault is used up: the same key now gets the refund, made once
        again = _refund(client, pi, 10000, key="refund-f")
        assert again.last_response.headers.get("Idempotent-Replayed") == ("true" if kept else None)
    assert fake.refunded_total(pi) == (0 if kept == "the refusal" else 10000)


def test_an_answer_slower_than_the_client_timeout_still_made_the_refund(fake):
    client = _client(fake, timeout=0.5)
    pi = _paid_intent(client)
    fake.inject(Fault.SLOW, delay=1.5)
    started = time.monotonic()
    with pytest.raises(stripe.APIConnectionError):
        _refund(client, pi, 10000, key="refund-slow")
    assert time.monotonic() - started < 1.4
    assert fake.refunded_total(pi) == 10000
    assert _refund(client, pi, 10000, key="refund-slow").amount == 10000  # replayed, not made twice
    assert fake.refunded_total(pi) == 10000


def test_the_library_retries_with_the_same_key_so_a_fault_for_one_call_is_hidden(fake):
    client = _client(fake, retries=2)
    pi = _paid_intent(client)
    fake.inject(Fault.FAIL_AFTER)
    assert _refund(client, pi, 10000, key="refund-r").amount == 10000
    assert [(c.key, c.status, c.replayed) for c in fake.calls_for(pi)] == [
        ("refund-r", 500, False), ("refund-r", 200, True)]
    fake.inject(Fault.RATE_LIMIT, should_retry=True)  # Stripe-Should-Retry: true makes the library retry a 429
    assert _refund(client, pi, 5000, key="refund-s").amount == 5000
    assert fake.refunded_total(pi) == 15000


def test_a_fault_until_cleared_outlasts_the_retries_and_is_limited_to_its_key_or_payment_intent(fake):
    client = _client(fake, retries=2)
    pi, other = _paid_intent(client), _paid_intent(client)
    fake.inject(Fault.FAIL_AFTER, payment_intent=pi, times=None)
    with pytest.raises(stripe.APIError):
        _refund(client, pi, 10000, key="refund-u")
    assert [c.status for c in fake.calls_for(pi)] == [500, 500, 500] and fake.refunded_total(pi) == 10000
    assert _refund(client, other, 1000, key="refund-o").amount == 1000  # another payment is not touched
    fake.inject(Fault.FAIL_BEFORE, key="refund-k", times=None)
    with pytest.raises(stripe.APIError):
        _refund(client, other, 1000, key="refund-k")
    fake.clear_faults()
    assert _refund(client, pi, 10000, key="refund-u").amount == 10000
    assert fake.refunded_total(pi) == 10000


def test_after_stripes_24_hours_the_same_key_makes_a_new_refund(fake):
    client = _client(fake)
    pi = _paid_intent(client)
    _refund(client, pi, 10000, key="refund-old")
    fake.forget_keys()
    _refund(client, pi, 10000, key="refund-old")
    assert [r["amount"] for r in fake.refunds_for(pi)] == [10000, 10000]


def test_the_list_pages_like_stripe(fake):
    client = _client(fake)
    pi = _paid_intent(client, 20000)
    made = [_refund(client, pi, 1000).id for _ in range(12)]
    first = client.v1.refunds.list({"payment_intent": pi})
    assert len(first.data) == 10 and first.has_more
    rest = client.v1.refunds.list({"payment_intent": pi, "starting_after": first.data[-1].id})
    assert [r.id for r in first.data] + [r.id for r in rest.data] == made[::-1] and not rest.has_more
