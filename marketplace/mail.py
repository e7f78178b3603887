"""Order e-mails, through the outbox: written with the order's change and sent only after it commits, so
nobody is told about an order or a payment that was then rolled back."""
from __future__ import annotations

from flask import url_for

from core import outbox
from marketplace.models import Order


def send_order_email(order: Order, subject: str, lines: list[str]) -> None:
    link = url_for("shop.order", token=order.token, _external=True)
    outbox.queue_email(order.email, str(subject), "\n".join([*map(str, lines), "", link]))
