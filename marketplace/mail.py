"""Order e-mails: sent through SMTP when it is configured, otherwise written to the log (and never in tests)."""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app, url_for

from marketplace.models import Order

log = logging.getLogger(__name__)


def send_order_email(order: Order, subject: str, lines: list[str]) -> None:
    link = url_for("shop.order", token=order.token, _external=True)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = order.email
    message.set_content("\n".join([*lines, "", link]))
    server = current_app.config.get("MAIL_SERVER")
    if not server or current_app.testing:
        log.info("order e-mail (not sent: no SMTP server) to=%s subject=%s", order.email, subject)
        return
    try:
        with smtplib.SMTP(server, current_app.config["MAIL_PORT"], timeout=10) as smtp:
            smtp.starttls()
            if current_app.config.get("MAIL_USERNAME"):
                smtp.login(current_app.config["MAIL_USERNAME"], current_app.config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        log.exception("could not send the e-mail for order %s", order.id)  # the order itself is safe
