"""The outbox: e-mail is written in the transaction of the change it tells about and sent after the commit.

`queue_email()` only adds a row; every e-mail is written through it in its reader's language, from translated
words (`_l`) turned into text under that language (a test finds any other way of writing one). After the
request (or job, or command) commits, the unit of work delivers what this transaction queued, in a second
transaction; the scheduled `core.outbox` job delivers whatever is still pending (the process stopped after the
commit, or the mail server was down). A sender claims a message with one conditional UPDATE first, so two
senders never send the same message.
"""
from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale

from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import OutboxMessage
from core.unit_of_work import then

log = logging.getLogger(__name__)
CLAIM_EXPIRES = timedelta(minutes=10)  # a sender that died holding a claim gives it up after this
MAX_ATTEMPTS = 8


def language_of(user) -> str:
    """The language a person reads their mail in: the one saved on their account, else the site's default."""
    language = getattr(user, "locale", None)
    return str(language if language in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"])


def queue_email(recipient: str, language: str, subject, lines) -> OutboxMessage:
    """`subject` and `lines` are translatable words (`_l`, or text such as a link): written here in `language`."""
    with force_locale(language):
        return _queue(recipient, str(subject), "\n".join(str(line) for line in lines))


def _queue(recipient: str, subject: str, body: str) -> OutboxMessage:
    message = OutboxMessage(channel="email", recipient=recipient, subject=subject[:200], body=body)
    db.session.add(message)
    db.session.flush()
    message_id = message.id
    then(lambda: deliver([message_id]))
    return message


def _claim(message_id: int) -> bool:
    now = utcnow()
    claimed = changed_rows(sa.update(OutboxMessage).where(
        OutboxMessage.id == message_id, OutboxMessage.status == "pending",
        sa.or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - CLAIM_EXPIRES))
        .values(claimed_at=now, attempts=OutboxMessage.attempts + 1))
    return claimed == 1


def deliver(message_ids: list[int] | None = None, limit: int = 50) -> int:
    """Send pending messages (these ids, or the oldest pending ones). Returns how many were sent."""
    now = utcnow()
    query = sa.select(OutboxMessage.id).where(
        OutboxMessage.status == "pending",
        sa.or_(OutboxMessage.send_after.is_(None), OutboxMessage.send_after <= now))  # quiet hours wait
    if message_ids is not None:
        query = query.where(OutboxMessage.id.in_(message_ids))
    sent = 0
    for message_id in db.session.scalars(query.order_by(OutboxMessage.created_at).limit(limit)).all():
        if not _claim(message_id):
            continue
        message = db.session.get(OutboxMessage, message_id)
        if message is None:
            continue
        try:
            _send(message)
        except (OSError, smtplib.SMTPException) as error:
            log.warning("outbox message %s not sent yet: %s", message_id, error)
            message.claimed_at = None
            message.last_error = str(error)[:300]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = "failed"
        else:
            message.status, message.sent_at, message.last_error = "sent", utcnow(), None
            sent += 1
        db.session.flush()
    return sent


def _send(message: OutboxMessage) -> None:
    if message.channel != "email":
        from core import notify

        notify.send_by_adapter(message)  # SMS, LINE: the configured provider, or the log
        return
    config = current_app.config
    server = config.get("MAIL_SERVER")
    if not server or config.get("TESTING"):
        log.info("e-mail (written to the log: no SMTP server) to=%s subject=%s", message.recipient, message.subject)
        return
    email = EmailMessage()
    email["Subject"], email["From"], email["To"] = message.subject, config["MAIL_FROM"], message.recipient
    email.set_content(message.body)
    with smtplib.SMTP(server, config["MAIL_PORT"], timeout=10) as smtp:
        smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def deliver_pending() -> int:
    """Scheduled: the safety net for messages whose request ended before they were sent."""
    return deliver()
