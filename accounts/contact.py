"""A person's own contact details: phone, e-mail and LINE ID, how they want to be reached and when not.

The person sets them. Staff may only suggest a change (they met the person, the number changed): it waits
until the person says yes on their own page, so nobody is reached on a number they do not have or did not
give. Audit entries name the fields, never the values.
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from accounts import services as accounts
from accounts.models import PROPOSAL_LIFECYCLE, ContactProposal
from core import audit, notify
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User
from core.refusal import Refusal

FIELDS = ("phone", "email", "line_id")
FIELD_LABELS = {"phone": _l("Phone"), "email": _l("E-mail"), "line_id": _l("LINE ID")}
CHANNEL_ADDRESS = {"email": "email", "sms": "phone", "line": "line_id"}
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,30}$")
LINE_ID = re.compile(r"^[A-Za-z0-9._\-@]{1,64}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactError(Refusal):
    """A refusal the person can read, naming the field."""


def _clean(field: str, value: str | None) -> str | None:
    value = (value or "").strip() or None
    if value is None:
        return None
    if field == "phone" and not PHONE.match(value):
        raise ContactError(_l("Write the phone number with digits, like 081 234 5678."), "phone")
    if field == "line_id" and not LINE_ID.match(value):
        raise ContactError(_l("A LINE ID has letters, digits and . _ - only."), "line_id")
    if field == "email":
        value = accounts.normalise(value)
        if not value or not EMAIL.match(value):
            raise ContactError(_l("Write the e-mail like name@example.com."), "email")
    return value


def save_own_contact(user: User, *, phone: str | None, email: str | None, line_id: str | None,
                     channel: str | None, quiet_from: int | None, quiet_to: int | None) -> list[str]:
    """The person changes their own details. Returns the names of what changed."""
    values = {"phone": _clean("phone", phone), "email": _clean("email", email), "line_id": _clean("line_id", line_id)}
    if values["email"] and values["email"] != user.email:
        accounts.check_unique(None, values["email"], exclude_id=user.id)
    if not user.username and not values["email"]:
        raise ContactError(_l("You sign in with your e-mail, so it cannot be removed. Ask staff for a username "
                              "first."), "email")
    channel = channel or None
    if channel not in (None, *notify.CHANNELS):
        raise ContactError(_l("Choose one of the ways offered."), "contact_channel")
    if channel in CHANNEL_ADDRESS and not values[CHANNEL_ADDRESS[channel]]:
        raise ContactError(_l("Add the %(field)s first, or choose another way.",
                              field=FIELD_LABELS[CHANNEL_ADDRESS[channel]]), "contact_channel")
    if (quiet_from is None) != (quiet_to is None):
        raise ContactError(_l("Choose both hours, or neither."), "quiet_from_hour")
    changed = [field for field, value in {**values, "contact_channel": channel, "quiet_from_hour": quiet_from,
                                          "quiet_to_hour": quiet_to}.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, {**values, "contact_channel": channel, "quiet_from_hour": quiet_from,
                              "quiet_to_hour": quiet_to}[field])
    # What the person wrote themself settles any suggestion staff made for the same field.
    for proposal in waiting_proposals(user):
        if proposal.field in changed:
            PROPOSAL_LIFECYCLE.apply(proposal, "replace", actor=user, action="contact.proposal_replaced",
                                     audit_as=("user", user.id), detail={"field": proposal.field})
            proposal.decided_at = utcnow()
    if changed:
        audit.record("contact.update", "user", user.id, actor=user, detail={"fields": changed})
    db.session.flush()
    return changed


def waiting_proposals(user: User) -> list[ContactProposal]:
    return list(db.session.scalars(sa.select(ContactProposal).where(
        ContactProposal.user_id == user.id, ContactProposal.status == "waiting").order_by(ContactProposal.id)))


def propose_change(staff: User, person: User, field: str, value: str | None) -> ContactProposal:
    """Staff suggest a new phone, e-mail or LINE ID (empty: remove it). The person is told and decides."""
    if field not in FIELDS:
        raise ContactError(_l("Unknown field."))
    cleaned = _clean(field, value)
    if cleaned == getattr(person, field):
        raise ContactError(_l("That is already the person's %(field)s.", field=FIELD_LABELS[field]), field)
    # A suggestion for the same person at the same moment waits here, then reads what this one left: the
    # person is told once, not once per field or per click.
    changed_rows(sa.update(User).where(User.id == person.id).values(session_version=User.session_version)
                 .execution_options(synchronize_session=False))
    waiting = list(db.session.scalars(sa.select(ContactProposal).where(
        ContactProposal.user_id == person.id, ContactProposal.status == "waiting").order_by(ContactProposal.id)
        .execution_options(populate_existing=True)))
    for earlier in waiting:
        if earlier.field == field and earlier.value == (cleaned or ""):
            return earlier  # suggested already and still waiting: nothing new to tell
    for earlier in waiting:
        if earlier.field == field:
            PROPOSAL_LIFECYCLE.apply(earlier, "replace", actor=staff, action="contact.proposal_replaced",
                                     audit_as=("participant", person.id), detail={"field": field})
            earlier.decided_at = utcnow()
    proposal = ContactProposal(user_id=person.id, field=field, value=cleaned or "", proposed_by_id=staff.id)
    db.session.add(proposal)
    db.session.flush()
    audit.record("contact.propose", "participant", person.id, actor=staff, detail={"field": field})
    if not waiting:  # a suggestion already waiting means the person was told and has not looked yet
        notify.notify(person, "contact.proposed", link=notify.path_for("people.my_contact"))
    return proposal


def answer_proposal(user: User, proposal_id: int, accept: bool) -> ContactProposal:
    proposal = db.session.get(ContactProposal, proposal_id)
    closed = ContactError(_l("This suggestion is no longer open."))
    if proposal is None or proposal.user_id != user.id or not PROPOSAL_LIFECYCLE.allows(proposal.status, "accept"):
        raise closed
    if accept:
        value = proposal.value or None
        if proposal.field == "email":
            if value:
                accounts.check_unique(None, value, exclude_id=user.id)
            elif not user.username:
                raise ContactError(_l("You sign in with your e-mail, so it cannot be removed. Ask staff for a "
                                      "username first."))
        setattr(user, proposal.field, value)
        if value is None and user.contact_channel and CHANNEL_ADDRESS.get(user.contact_channel) == proposal.field:
            user.contact_channel = None  # the chosen way is gone: back to whatever the person still has
    event = "accept" if accept else "refuse"
    outcome = PROPOSAL_LIFECYCLE.next_state(proposal.status, event)
    PROPOSAL_LIFECYCLE.apply(proposal, event, actor=user, action=f"contact.proposal_{outcome}",
                             audit_as=("user", user.id), detail={"field": proposal.field}, refusal=closed)
    proposal.decided_at = utcnow()
    db.session.flush()
    return proposal
