"""What accounts store about a person, for "My information" (privacy): the account itself, the messages sent
to them and the changes staff suggested to their contact details; and how each is anonymised."""
from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from accounts import drafts
from accounts.contact import FIELD_LABELS
from accounts.models import ContactProposal, Draft, ProposalState, SetupCode
from core.db import utcnow
from core.extensions import db
from core.features import ParticipantData
from core.labels import Field
from core.models import Notice, User
from privacy.services import DataSection


def _account_rows(user: User) -> list[dict]:
    return [{"display_name": user.display_name, "username": user.username, "email": user.email,
             "phone": user.phone, "line_id": user.line_id, "messages_by": user.contact_channel,
             "quiet_hours": (f"{user.quiet_from_hour:02d}:00-{user.quiet_to_hour:02d}:00"
                             if user.quiet_from_hour is not None else None),
             "language": user.locale, "role": user.role, "created_at": user.created_at,
             "last_sign_in": user.last_login_at}]


def _anonymise_account(user: User) -> None:
    # What the person agreed to is deleted with privacy's own section ("consents"). Nothing of how they signed
    # in stays either: their authenticator key, recovery codes, trusted browsers, remembered devices, any
    # set-up or enrolment code, and the sign-in counters keyed by their name.
    from accounts import devices, throttle, two_factor

    two_factor.forget_everything(user)
    throttle.forget_person(user.id, [user.username or "", user.email or ""])  # counters keyed by their name
    devices.forget_all(user)
    db.session.execute(sa.delete(SetupCode).where(SetupCode.user_id == user.id))
    user.display_name = "—"
    user.username = f"deleted-{user.id}"
    user.email = None
    user.phone = None
    user.line_id = None
    user.contact_channel = None
    user.quiet_from_hour = user.quiet_to_hour = None
    user.locale = None
    user.password_hash = None
    user.active = False
    user.session_version += 1
    user.anonymised_at = utcnow()


def _notice_rows(user: User) -> list[dict]:
    from core.notify import render

    rows = []
    for n in db.session.scalars(sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id)):
        subject, text = render(n.kind, n.params or {})
        rows.append({"subject": subject, "text": text, "sent": n.created_at, "read": n.read_at})
    return rows


def _proposal_rows(user: User) -> list[dict]:
    return [{"field": p.field, "value": p.value, "suggested": p.created_at, "answer": p.status}
            for p in db.session.scalars(sa.select(ContactProposal).where(ContactProposal.user_id == user.id)
                                        .order_by(ContactProposal.id))]


def _forget_rows(model):
    def forget(user: User) -> None:
        db.session.execute(sa.delete(model).where(model.user_id == user.id))
    return forget


class _DraftForms(Mapping):
    """The names of the forms a draft may belong to: each feature with a form in steps provides its own
    ("draft_forms", core.hooks), as accounts knows no feature."""

    def _names(self) -> dict:
        return {code: steps.title for code, steps in drafts.forms().items()}

    def __getitem__(self, code):
        return self._names()[code]

    def __iter__(self):
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


class _SiteLanguages(Mapping):
    """The site's languages (LANGUAGES in the settings), by code."""

    def __getitem__(self, code):
        return dict(current_app.config["LANGUAGES"])[code]

    def __iter__(self):
        return iter(dict(current_app.config["LANGUAGES"]))

    def __len__(self) -> int:
        return len(dict(current_app.config["LANGUAGES"]))


def code_lists() -> dict[str, Mapping]:
    return {"contact_field": FIELD_LABELS,
            "contact_channel": {"email": _l("E-mail"), "sms": _l("SMS"), "line": _l("LINE"),
                                "none": _l("No messages: I look on Pathways myself")},
            "proposal_status": {ProposalState.WAITING.value: _l("Waiting for your answer"),
                                ProposalState.ACCEPTED.value: _l("You said yes"),
                                ProposalState.REFUSED.value: _l("You said no"),
                                ProposalState.REPLACED.value: _l("Replaced by a newer change")},
            # The twins staff read on the person's record (core.labels)
            "contact_channel.about": {"email": _l("E-mail"), "sms": _l("SMS"), "line": _l("LINE"),
                                      "none": _l("No messages: they look on Pathways themselves")},
            "proposal_status.about": {ProposalState.WAITING.value: _l("Waiting for their answer"),
                                      ProposalState.ACCEPTED.value: _l("Said yes"),
                                      ProposalState.REFUSED.value: _l("Said no"),
                                      ProposalState.REPLACED.value: _l("Replaced by a newer change")},
            "site_language": _SiteLanguages(), "draft_form": _DraftForms()}


def sections() -> list[DataSection]:
    """Declared before privacy's own sections, so "Your account" comes first on the page."""
    return [
        DataSection("account", _l("Your account"), _account_rows, _anonymise_account, about_title=_l("Account"),
                    fields={
            "display_name": Field(_l("Name")), "username": Field(_l("Username")), "email": Field(_l("E-mail")),
            "phone": Field(_l("Phone")), "line_id": Field(_l("LINE ID")),
            "messages_by": Field(_l("Messages by"), "contact_channel"), "quiet_hours": Field(_l("Quiet hours")),
            "language": Field(_l("Language"), "site_language"), "role": Field(_l("Account type"), "role"),
            "created_at": Field(_l("Made on"), "moment"), "last_sign_in": Field(_l("Last sign-in"), "moment")}),
        DataSection("messages", _l("Messages we sent you"), _notice_rows, _forget_rows(Notice),
                    about_title=_l("Messages we sent them"), fields={
            "subject": Field(_l("Subject")), "text": Field(_l("Message")), "sent": Field(_l("Sent"), "moment"),
            "read": Field(_l("Read"), "moment")}),
        DataSection("contact_suggestions", _l("Changes staff suggested to your contact details"),
                    _proposal_rows, _forget_rows(ContactProposal),
                    about_title=_l("Changes staff suggested to their contact details"), fields={
                        "field": Field(_l("What"), "contact_field"), "value": Field(_l("Suggested")),
                        "suggested": Field(_l("When"), "moment"),
                        "answer": Field(_l("Answer"), "proposal_status")}),
        DataSection("drafts", _l("Answers you have not sent yet"), drafts.rows_of, drafts.forget_all, fields={
            "form": Field(_l("Form"), "draft_form"), "answers": Field(_l("Your answers")),
            "saved": Field(_l("Last changed"), "moment"), "removed_after": Field(_l("Removed after"), "moment")},
                    person_only=True)]


PARTICIPANT_DATA = (ParticipantData(Notice, "user_id"), ParticipantData(ContactProposal, "user_id"),
                    ParticipantData(Draft, "user_id"))
