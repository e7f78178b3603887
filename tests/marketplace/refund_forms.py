"""Sending a manager's refund form as a browser would: with the intent token the order page gave it."""
from __future__ import annotations

import re

from tests.conftest import post_form


def intent_of(client, order_id: int, kind: str = "refund") -> str:
    """The refund-intent token of the order page's form (`refund` for items, `refund-amount` for an amount)."""
    html = client.get(f"/manage/shop/orders/{order_id}").get_data(as_text=True)
    form = re.search(rf'<form[^>]*action="/manage/shop/orders/{order_id}/{kind}".*?</form>', html, re.S)
    assert form, f"no {kind} form on the order page"
    return re.search(r'name="intent" type="hidden" value="([^"]+)"', form.group(0)).group(1)


def post_refund(client, order_id: int, data: dict, kind: str = "refund", intent: str | None = None, **kwargs):
    """POST one refund form; a fresh page view (a new intent) unless `intent` repeats an earlier one."""
    return post_form(client, f"/manage/shop/orders/{order_id}/{kind}",
                     {"intent": intent or intent_of(client, order_id, kind), **data}, **kwargs)
