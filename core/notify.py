"""One way to tell a person something: offers, reminders, visits, check-ins, changes others made.

`notify(user, kind, link=..., **values)` keeps a Notice (the person sees it on their pages, in their own
language, whatever else happens) and queues one message on the channel the person chose: e-mail, SMS or
LINE, or none. Messages go through the outbox, so they leave only after the change they tell about has been
committed; SMS and LINE wait until the person's quiet hours end. Every kind's words are registered here and
say what to do next, never anything about the person's past.

SMS and LINE go through an adapter (core.channels); the default one writes a line to the log, so a programme
without a provider loses nothing and sends nothing.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from core import clock
from core.db import utcnow
from core.extensions import db
from core.features import NoticeKind, registries
from core.i18n import format_day
from core.models import Notice, OutboxMessage, User
from core.unit_of_work import then

CHANNELS = ("email", "sms", "line", "none")


def kinds() -> dict[str, NoticeKind]:
    """The kinds of notice the features declared (core.features: `Feature.notice_kinds`)."""
    return dict(registries().notice_kinds)


def render(kind: str, values: dict, on_page: bool = False) -> tuple:
    """Subject and text of a notice in the current language; a value named `date` (kept as an ISO date) is
    written the reader's way. On a page (`on_page`), the values people wrote (a course's title, a round's name)
    are marked as theirs, since they may be in another language than the sentence around them."""
    found = registries().notice_kinds[kind]
    shown = {name: _theirs(value) if on_page else value for name, value in values.items()}
    if isinstance(values.get("date"), str):
        shown["date"] = format_day(date.fromisoformat(values["date"]))
    subject, text = str(found.subject), str(found.text)
    if on_page:
        return escape(subject) % shown, escape(text) % shown
    return subject % shown, text % shown


def _theirs(value):
    if isinstance(value, str) and any(character.isalpha() for character in value):
        return Markup("<span data-user-content>{}</span>").format(value)
    return value


def channel_of(user: User) -> tuple[str, str | None]:
    """The channel and address a message to `user` goes to: the person's choice where they have that
    address, else e-mail, else SMS; ("none", None) when there is no way or they asked for none."""
    addresses = {"email": user.email, "sms": user.phone, "line": user.line_id}
    if user.contact_channel == "none":
        return "none", None
    if user.contact_channel and addresses.get(user.contact_channel):
        return user.contact_channel, addresses[user.contact_channel]
    for channel in ("email", "sms"):
        if addresses[channel]:
            return channel, addresses[channel]
    return "none", None


def quiet_until(user: User, now: datetime) -> datetime | None:
    """When the person's quiet hours end, if `now` falls inside them (hours in the programme's time zone)."""
    if user.quiet_from_hour is None or user.quiet_to_hour is None or user.quiet_from_hour == user.quiet_to_hour:
        return None
    local = now.astimezone(clock.zone())
    start, end, hour = user.quiet_from_hour, user.quiet_to_hour, local.hour
    inside = start <= hour < end if start < end else (hour >= start or hour < end)
    if not inside:
        return None
    ends = datetime.combine(local.date(), time(end), clock.zone())
    if ends <= local:
        ends += timedelta(days=1)
    return ends


def notify(user: User, kind: str, link: str | None = None, *, send: bool = True, **values) -> Notice:
    """Tell `user`: a notice on their pages, and a message on their channel after the commit (not with
    `send=False`: a message with the same news already went to the same address another way)."""
    if kind not in registries().notice_kinds:
        raise KeyError(f"unknown notice kind {kind}")
    values = {key: value.isoformat() if isinstance(value, date) else value for key, value in values.items()}
    notice = Notice(user_id=user.id, kind=kind, params=values, link=link)
    db.session.add(notice)
    channel, address = channel_of(user)
    if send and channel != "none" and address:
        locale = user.locale or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
        with force_locale(locale):
            subject, text = render(kind, values)
            footer = str(_l("Open Pathways to see more:"))
        body = text if not link else f"{text}\n\n{footer} {absolute(link)}"
        now = utcnow()
        message = OutboxMessage(channel=channel, recipient=address, subject=subject[:200], body=body,
                                send_after=quiet_until(user, now) if channel in ("sms", "line") else None)
        db.session.add(message)
        db.session.flush()
        from core import outbox

        message_id = message.id
        then(lambda: outbox.deliver([message_id]))
    db.session.flush()
    return notice


def path_for(endpoint: str, **values) -> str:
    """The path of a page, in a request or in a scheduled job (which has no request to build URLs from)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def absolute(link: str) -> str:
    """A link for an e-mail or a message: SITE_URL and the path, else the request's own address, else the path."""
    base = current_app.config.get("SITE_URL")
    if base:
        return base.rstrip("/") + link
    try:
        return url_for("site.home", _external=True).rstrip("/") + link
    except RuntimeError:  # a scheduled job outside a request, with no SITE_URL: the path still helps
        return link


# --- what people are told ---------------------------------------------------------------------------------

def unread_count(user: User) -> int:
    import sqlalchemy as sa

    return db.session.scalar(sa.select(sa.func.count(Notice.id)).where(Notice.user_id == user.id,
                                                                       Notice.read_at.is_(None))) or 0


def messages_page(user: User):
    """One page of the person's notices, newest first, each with its words in the current language; the
    unread ones on it become read."""
    import sqlalchemy as sa

    from core.pagination import paginate

    page = paginate(sa.select(Notice).where(Notice.user_id == user.id)
                    .order_by(Notice.created_at.desc(), Notice.id.desc()), size=20)
    unread = [notice.id for notice in page.rows if notice.read_at is None]
    shown = [(notice, *render(notice.kind, notice.params or {}, on_page=True)) for notice in page.rows
             if notice.kind in registries().notice_kinds]
    if unread:
        # The rows on this page keep showing "New" (the statement leaves the loaded rows as they were read).
        db.session.execute(sa.update(Notice).where(Notice.id.in_(unread)).values(read_at=utcnow())
                           .execution_options(synchronize_session=False))
    return page, shown
