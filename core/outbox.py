"""The outbox: e-mail is written in the transaction of the change it tells about and sent after the commit.

`queue_email()` only adds a row; every e-mail is written through it in its reader's language, from translated
words (`_l`) turned into text under that language (a test finds any other way of writing one). After the
request (or job, or command) commits, the unit of work delivers what this transaction queued; the scheduled
`core.outbox` job delivers whatever is still pending (the process stopped after the commit, or the mail server
was down).

A message is sent at most once. Each one goes through three short transactions of its own: the claim (one
conditional UPDATE, committed before anything is sent, so a second sender finds it taken), the sending (no
transaction open: no row stays locked while the mail server or SMS provider answers), and the result. A
failed send gives the claim back and waits longer after each attempt; a successful one keeps its claim for
good, so even if recording the result fails, nobody sends it again. A claim that was never settled (the
sender stopped, or could not record) may have gone out: after CLAIM_EXPIRES it is marked failed and logged
for a person to check, never sent a second time. Whatever one message does never touches another.
"""
from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale

from core.channels import send_by_adapter
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import OutboxMessage
from core.unit_of_work import short_transaction, then

log = logging.getLogger(__name__)
CLAIM_EXPIRES = timedelta(minutes=10)  # a claim left this long was never settled: its sender stopped
MAX_ATTEMPTS = 8
RETRY_FIRST, RETRY_LONGEST = timedelta(minutes=1), timedelta(hours=6)  # 1, 2, 4… minutes between attempts


def language_of(user) -> str:
    """The language a person reads their mail in: the one saved on their account, else the site's default."""
    language = getattr(user, "locale", None)
    return str(language if language in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"])


def queue_email(recipient: str, language: str, subject, lines, *, send_now: bool = True) -> OutboxMessage:
    """`subject` and `lines` are translatable words (`_l`, or text such as a link): written here in `language`.
    `send_now=False` leaves it to the scheduled delivery, for a mail whose sending must not make the answer
    that caused it slower than the same answer without one."""
    with force_locale(language):
        return _queue(recipient, str(subject), "\n".join(str(line) for line in lines), send_now=send_now)


def _queue(recipient: str, subject: str, body: str, *, send_now: bool = True) -> OutboxMessage:
    message = OutboxMessage(channel="email", recipient=recipient, subject=subject[:200], body=body)
    db.session.add(message)
    db.session.flush()
    message_id = message.id
    if send_now:
        then(lambda: deliver([message_id]))
    return message


def retry_delay(attempts: int) -> timedelta:
    """How long a message waits after its `attempts`-th failed try: twice as long each time, up to a limit."""
    return min(RETRY_FIRST * 2 ** max(attempts - 1, 0), RETRY_LONGEST)


def deliver(message_ids: list[int] | None = None, limit: int = 50) -> int:
    """Send pending messages that are due (these ids, or the oldest ones). Returns how many were sent.

    Runs where the unit of work has nothing unsaved: after a commit (`then()`), or as a job of its own."""
    now = utcnow()
    query = sa.select(OutboxMessage.id).where(
        OutboxMessage.status == "pending", OutboxMessage.claimed_at.is_(None),
        sa.or_(OutboxMessage.send_after.is_(None), OutboxMessage.send_after <= now))  # quiet hours, back-off
    if message_ids is not None:
        query = query.where(OutboxMessage.id.in_(message_ids))
    with short_transaction():
        due = db.session.scalars(query.order_by(OutboxMessage.created_at, OutboxMessage.id).limit(limit)).all()
    return sum(_deliver_one(message_id) for message_id in due)


def _deliver_one(message_id: int) -> bool:
    try:
        message = _claim(message_id)
    except Exception:  # noqa: BLE001 - nothing was claimed or sent; the next run tries again
        log.exception("outbox message %s could not be claimed", message_id)
        return False
    if message is None:
        return False  # another sender has it, or it is no longer due
    try:
        _send(message)  # no transaction is open here: the claim is committed, the result is not written yet
    except Exception as error:  # noqa: BLE001 - whatever the adapter raised, it did not send: try again later
        log.warning("outbox message %s not sent (attempt %d): %r", message_id, message.attempts, error)
        try:
            _retry_later(message, error)
        except Exception:  # noqa: BLE001 - the claim stays: never sent twice, reported once it expires
            log.exception("outbox message %s: its failure could not be recorded", message_id)
        return False
    try:
        _record_sent(message_id)
    except Exception:  # noqa: BLE001 - it went out: the claim stays, so nobody sends it again
        log.exception("outbox message %s was sent, but recording it failed; it keeps its claim and is not sent "
                      "again", message_id)
    return True


def _claim(message_id: int) -> OutboxMessage | None:
    """Take the message, committed before it is sent: a second sender's UPDATE then changes nothing. Returns
    a copy to send that belongs to no session (nothing the adapter reads can open a transaction), or None."""
    with short_transaction():
        now = utcnow()
        claimed = changed_rows(sa.update(OutboxMessage).where(
            OutboxMessage.id == message_id, OutboxMessage.status == "pending", OutboxMessage.claimed_at.is_(None),
            sa.or_(OutboxMessage.send_after.is_(None), OutboxMessage.send_after <= now))
            .values(claimed_at=now, attempts=OutboxMessage.attempts + 1))
        if claimed != 1:
            return None
        row = db.session.execute(sa.select(OutboxMessage.__table__)
                                 .where(OutboxMessage.id == message_id)).one()
    return OutboxMessage(**row._mapping)


def _record_sent(message_id: int) -> None:
    with short_transaction():
        changed_rows(sa.update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.status != "sent")
                     .values(status="sent", sent_at=utcnow(), last_error=None))  # the claim stays


def _retry_later(message: OutboxMessage, error: Exception) -> None:
    """Give the claim back, to be tried again after a pause that grows with each attempt; failed for good
    after MAX_ATTEMPTS."""
    with short_transaction():
        changed_rows(sa.update(OutboxMessage).where(OutboxMessage.id == message.id,
                                                    OutboxMessage.status == "pending")
                     .values(claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:300],
                             send_after=utcnow() + retry_delay(message.attempts),
                             status="failed" if message.attempts >= MAX_ATTEMPTS else "pending"))


def _send(message: OutboxMessage) -> None:
    if message.channel != "email":
        send_by_adapter(message)  # SMS, LINE: the configured provider, or the log
        return
    config = current_app.config
    server = config.get("MAIL_SERVER")
    if not server:
        log.info("e-mail (written to the log: no SMTP server) to=%s subject=%s", message.recipient, message.subject)
        return
    email = EmailMessage()
    email["Subject"], email["From"], email["To"] = message.subject, config["MAIL_FROM"], message.recipient
    # One Message-ID per outbox row: a copy sent again after a lost answer is the same message to mail programs.
    domain = str(config["MAIL_FROM"]).rsplit("@", 1)[-1].strip("> ") or "localhost"
    email["Message-ID"] = f"<outbox-{message.id}@{domain}>"
    email.set_content(message.body)
    smtp = smtplib.SMTP(server, config["MAIL_PORT"], timeout=10)
    try:
        smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):  # the server took the message: a failed goodbye is no failed send
            smtp.close()


def deliver_pending() -> int:
    """Scheduled: the safety net for messages whose request ended before they were sent."""
    _report_unsettled_claims()
    return deliver()


def _report_unsettled_claims() -> None:
    """A claim older than CLAIM_EXPIRES was never settled: its sender stopped (or could not write) between
    taking the message and recording the result, so it may have gone out. Sending it again could send it
    twice: it is marked failed, with a note, and logged for a person to check."""
    with short_transaction():
        stale = db.session.scalars(sa.select(OutboxMessage.id).where(
            OutboxMessage.status == "pending", OutboxMessage.claimed_at < utcnow() - CLAIM_EXPIRES)).all()
        if stale:
            changed_rows(sa.update(OutboxMessage).where(OutboxMessage.id.in_(stale),
                                                        OutboxMessage.status == "pending")
                         .values(status="failed", last_error="the sender stopped while sending: it may have gone "
                                                             "out, so it is not sent again"))
    for message_id in stale:
        log.error("outbox message %s: its sender stopped while sending; it may have gone out and is not sent "
                  "again (check with its recipient)", message_id)
