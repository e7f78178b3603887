"""A person's own data: see it, download it, agree to sharing, and ask for it to be deleted.

Features own their data, so each registers a *data section*: a function that lists what it stores about a
person and one that anonymises it. Privacy knows no package but core; it only calls what was registered.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from core import audit
from core.db import utcnow
from core.exports import table_file
from core.extensions import changed_rows, db
from core.features import registries
from core.labels import Field, code_kinds, readable, role_label
from core.models import AuditEntry, Consent, Role, User
from core.refusal import Refusal
from privacy.models import DELETION_LIFECYCLE, DeletionRequest

CONSENT_PURPOSES = {
    "privacy_notice": _l("I have read how Pathways uses my information, and I agree."),
    "share_with_employers": _l("When I apply to an employer, they may see the details I choose to share."),
}
CONSENT_PURPOSES_ABOUT = {  # as staff read them on the person's record (core.labels: the list's twin)
    "privacy_notice": _l("Has read how Pathways uses their information, and agrees."),
    "share_with_employers": _l("When they apply to an employer, it may see the details they choose to share."),
}


class PrivacyError(Refusal):
    """A refusal about a person's own data."""


@dataclass(frozen=True)
class DataSection:
    name: str
    title: Any  # a lazy translated string
    export: Callable[..., list[dict[str, Any]]]  # (user), and limit= where shown_on_page is set
    # Anonymises the section. Returns None, or a sentence staff confirming a deletion are told: what it did
    # beyond erasing (the shop: how many paid orders not sent yet it gave back).
    anonymise: Callable[[User], Any]
    shown_on_page: int | None = None  # a long section shows its newest rows; the download has all of them
    count: Callable[[User], int] | None = None  # how many rows in all, for "and N more in the download"
    fields: Mapping[str, Field] = field(default_factory=dict)  # each exported field: its words and its kind
    # () -> a sentence, or None: said in place of "Nothing stored." when rows of this section may be sealed from
    # the viewer (grants.sealing). It must not depend on the person, or it would tell whose rows are sealed.
    sealed_note: Callable[[], Any] | None = None
    # The person's own words not yet sent (drafts): on their own page and in their download, never on staff's
    # record of them, as nobody else may read what the person has not chosen to send.
    person_only: bool = False
    about_title: Any = None  # the title as staff read it on the person's record, where `title` speaks to them

    def title_for(self, own: bool) -> Any:
        return self.title if own or self.about_title is None else self.about_title

    def __post_init__(self) -> None:
        if self.shown_on_page is not None and self.count is None:
            raise ValueError(f"section {self.name} shows part of its rows on the page: it needs a count")

    def readable(self, rows: list[dict[str, Any]], own: bool = True) -> list[list[tuple[str, str]]]:
        """Rows as a person reads them: each field's name and its value in words, in the reader's language.
        own: the reader is the person (their page, their download); otherwise the words said of them."""
        return [[(str(self.fields[key].label_for(own)), readable(self.fields[key], value, own)) if key in self.fields
                 else (key.replace("_", " ").capitalize(), readable(Field(key), value)) for key, value in row.items()]
                for row in rows]


def data_sections() -> list[DataSection]:
    """What the features store about a person, in the order of their declarations (`Feature.data_sections`).
    A section with `shown_on_page` has an export that takes `limit=` (its newest rows) and a `count`; `fields`
    names every field its export writes (a test checks none is missing)."""
    return list(registries().data_sections.values())


# --- what privacy itself stores ---------------------------------------------------------------------------

def _consent_rows(user: User) -> list[dict]:
    return [{"purpose": c.purpose, "notice_version": c.notice_version, "agreed_at": c.agreed_at,
             "withdrawn_at": c.withdrawn_at} for c in user.consents]


# What a person is told about each entry of the log about them, and where it happened.
ACCESS_ACTIONS = {
    "participant.view": _l("looked at your information"),
    "participant.update": _l("changed your details"),
    "participant.enrol": _l("enrolled you"),
    "account.create": _l("made your account"),
    "account.setup_code_issued": _l("gave you a set-up code"),
    "account.update": _l("changed your account"),
    "account.disable": _l("closed your account for now"),
    "account.enable": _l("opened your account again"),
    "privacy.deletion_confirmed": _l("removed your information"),
    "privacy.deletion_cancelled": _l("cancelled your deletion request"),
    "contact.propose": _l("suggested a change to your contact details"),
    "participant.case_closed": _l("closed your case"),
    "participant.case_reopened": _l("opened your case again"),
}
# The same entries as staff read them on the person's record (core.labels: the list's twin).
ACCESS_ACTIONS_ABOUT = {
    "participant.view": _l("looked at their information"),
    "participant.update": _l("changed their details"),
    "participant.enrol": _l("enrolled them"),
    "account.create": _l("made their account"),
    "account.setup_code_issued": _l("gave them a set-up code"),
    "account.update": _l("changed their account"),
    "account.disable": _l("closed their account for now"),
    "account.enable": _l("opened their account again"),
    "privacy.deletion_confirmed": _l("removed their information"),
    "privacy.deletion_cancelled": _l("cancelled their deletion request"),
    "contact.propose": _l("suggested a change to their contact details"),
    "participant.case_closed": _l("closed their case"),
    "participant.case_reopened": _l("opened their case again"),
}


class _AccessActionWords(Mapping):
    """The words for each entry of the log about a person: those written for them above (or for staff, said of
    them), else the audit log's own words (each feature's `audit_actions`), so a new action reads as words the
    day it is added, never as its code."""

    def __init__(self, words: Mapping[str, Any]) -> None:
        self.words = words

    def _audit_words(self) -> Mapping:
        return code_kinds().get("audit_action", {})

    def __getitem__(self, code):
        return self.words[code] if code in self.words else self._audit_words()[code]

    def __iter__(self):
        return iter({**self._audit_words(), **self.words})

    def __len__(self) -> int:
        return len({**self._audit_words(), **self.words})
ACCESS_AREAS = {
    "people": _l("your record"), "admin": _l("your account"), "training_staff": _l("training and work"),
    "employer": _l("an application you sent"), "grants_staff": _l("grants"), "grants": _l("grants"),
}
ACCESS_AREAS_ABOUT = {**ACCESS_AREAS, "people": _l("their record"), "admin": _l("their account"),
                      "employer": _l("an application they sent")}


def _access_entries(user: User):
    return (AuditEntry.record_type.in_(("user", "participant")), AuditEntry.record_id == str(user.id),
            sa.or_(AuditEntry.actor_id.is_(None), AuditEntry.actor_id != user.id))


def _access_count(user: User) -> int:
    return db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(*_access_entries(user))) or 0


def _access_rows(user: User, limit: int | None = None) -> list[dict]:
    """Who at the programme opened or changed this person's record (their right of access): by role and
    date; by name too where the programme has chosen to show staff names. The newest `limit` for a page."""
    show_names = current_app.config.get("SHOW_STAFF_NAMES_TO_PARTICIPANTS", False)
    entries = db.session.execute(
        sa.select(AuditEntry.at, AuditEntry.action, AuditEntry.actor_role, AuditEntry.detail, User.display_name)
        .outerjoin(User, AuditEntry.actor_id == User.id).where(*_access_entries(user))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)).all()
    rows = []
    for at, action, role, detail, name in entries:
        page = (detail or {}).get("page") or ""
        area = page.split(".")[0]
        who = role_label(role) if role else str(_l("Pathways"))
        rows.append({"date": at, "who": f"{name} ({who})" if show_names and name else who,
                     "what": action, "where": area if area in ACCESS_AREAS else ""})
    return rows


def _forget_consents(user: User) -> None:
    for consent in list(user.consents):
        db.session.delete(consent)


OWN_CODE_LISTS = {"consent_purpose": CONSENT_PURPOSES, "consent_purpose.about": CONSENT_PURPOSES_ABOUT,
                  "access_action": _AccessActionWords(ACCESS_ACTIONS),
                  "access_action.about": _AccessActionWords(ACCESS_ACTIONS_ABOUT),
                  "access_area": ACCESS_AREAS, "access_area.about": ACCESS_AREAS_ABOUT}


def own_sections() -> list[DataSection]:
    """Privacy's own sections; accounts declares the account's (its name, messages, contact suggestions)."""
    return [
        DataSection("consents", _l("What you agreed to"), _consent_rows, _forget_consents,
                    about_title=_l("What they agreed to"), fields={
            "purpose": Field(_l("What"), "consent_purpose"), "notice_version": Field(_l("Version of the notice")),
            "agreed_at": Field(_l("Agreed on"), "moment"), "withdrawn_at": Field(_l("Withdrawn on"), "moment")}),
        DataSection("access", _l("Who at the programme opened or changed your record"), _access_rows,
                    lambda u: None, shown_on_page=50, count=_access_count,
                    about_title=_l("Who at the programme opened or changed this record"), fields={
                        "date": Field(_l("When"), "moment"), "who": Field(_l("Who")),
                        "what": Field(_l("What"), "access_action"),
                        "where": Field(_l("Where"), "access_area")})]


# --- services ------------------------------------------------------------------------------------------

def collect_data(user: User) -> dict[str, list[dict]]:
    """Every row of every section: the downloads."""
    return {section.name: section.export(user) for section in data_sections()}


@dataclass(frozen=True)
class DataPage:
    """What a page shows of a person's data: long sections cut to their newest rows, with their full counts."""
    rows: dict[str, list[dict]]
    totals: dict[str, int]
    notes: dict[str, Any] = field(default_factory=dict)  # section -> what is sealed from this viewer


def staff_sections() -> list[DataSection]:
    """The sections staff's record of a participant shows: all but the person's own unsent words."""
    return [section for section in data_sections() if not section.person_only]


def page_data(user: User, sections: list[DataSection] | None = None) -> DataPage:
    sections = data_sections() if sections is None else sections
    rows, totals = {}, {}
    for section in sections:
        if section.shown_on_page is not None and section.count is not None:
            rows[section.name] = section.export(user, limit=section.shown_on_page)
            totals[section.name] = section.count(user)
        else:
            rows[section.name] = section.export(user)
            totals[section.name] = len(rows[section.name])
    notes = {section.name: note for section in sections
             if section.sealed_note and (note := section.sealed_note())}
    return DataPage(rows, totals, notes)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def export_json(user: User) -> str:
    """Everything, twice: `readable` in the person's language as the page shows it, and `data` as stored (codes,
    ISO dates), for moving it to another service."""
    collected = collect_data(user)
    sections = {section.name: section for section in data_sections()}
    data = {name: [{k: _plain(v) for k, v in row.items()} for row in rows] for name, rows in collected.items()}
    shown = [{"section": str(sections[name].title),
              "rows": [dict(pairs) for pairs in sections[name].readable(rows)]} for name, rows in collected.items()]
    return json.dumps({"exported_at": utcnow().isoformat(), "readable": shown, "data": data}, ensure_ascii=False,
                      indent=2)


CSV_COLUMNS = ["section", "row", "field", "value", "section_code", "field_code"]


def export_csv(user: User) -> bytes:
    """One row per stored value, in the person's language: section, row number, field, value as words; the
    codes of section and field beside them. Opens in any spreadsheet."""
    records = []
    for section in data_sections():
        rows = section.export(user)
        for index, (row, pairs) in enumerate(zip(rows, section.readable(rows), strict=True)):
            records += [{"section": str(section.title), "row": index + 1, "field": label, "value": text,
                         "section_code": section.name, "field_code": key}
                        for key, (label, text) in zip(row, pairs, strict=True)]
    content, _type = table_file(pd.DataFrame(records, columns=CSV_COLUMNS), "csv", "data")
    return content


def has_consent(user: User, purpose: str) -> bool:
    return any(c.purpose == purpose and c.withdrawn_at is None for c in user.consents)


def consenting(user_ids: set[int], purpose: str) -> set[int]:
    """Which of these people have a standing consent for `purpose`: one statement for a whole list."""
    if not user_ids:
        return set()
    return set(db.session.scalars(sa.select(Consent.user_id).where(
        Consent.user_id.in_(user_ids), Consent.purpose == purpose, Consent.withdrawn_at.is_(None))))


def give_consent(user: User, purpose: str, notice_version: str) -> Consent:
    if purpose not in CONSENT_PURPOSES:
        raise PrivacyError(_l("Unknown choice."))
    for consent in user.consents:
        if consent.purpose == purpose and consent.withdrawn_at is None:
            return consent
    consent = Consent(user=user, purpose=purpose, notice_version=notice_version)
    db.session.add(consent)
    audit.record("consent.give", "user", user.id, actor=user, detail={"purpose": purpose,
                                                                       "version": notice_version})
    db.session.flush()
    return consent


# Features that act on a consent (training shares fields with employers) undo what it allowed, in the same
# transaction as the withdrawal: it takes effect at once, everywhere.
# (`Feature.withdrawal_hooks`)
def withdraw_consent(user: User, purpose: str) -> None:
    for consent in user.consents:
        if consent.purpose == purpose and consent.withdrawn_at is None:
            consent.withdrawn_at = utcnow()
    audit.record("consent.withdraw", "user", user.id, actor=user, detail={"purpose": purpose})
    for hook in registries().withdrawal_hooks.get(purpose, []):
        hook(user)
    db.session.flush()


def needs_notice(user: User, notice_version: str) -> bool:
    """A participant reads the privacy notice (this version of it) before anything else."""
    if user.role != Role.PARTICIPANT.value:
        return False
    return not any(c.purpose == "privacy_notice" and c.withdrawn_at is None and c.notice_version == notice_version
                   for c in user.consents)


def accept_notice(user: User, notice_version: str, share_with_employers: bool) -> None:
    """The first sign-in: the notice read, and the person's own choice about sharing with employers."""
    for consent in user.consents:  # an older version's agreement is replaced by this one
        if consent.purpose == "privacy_notice" and consent.withdrawn_at is None \
                and consent.notice_version != notice_version:
            consent.withdrawn_at = utcnow()
    give_consent(user, "privacy_notice", notice_version)
    if share_with_employers:
        give_consent(user, "share_with_employers", notice_version)
    elif has_consent(user, "share_with_employers"):
        withdraw_consent(user, "share_with_employers")


def pending_deletion(user: User) -> DeletionRequest | None:
    return db.session.scalar(sa.select(DeletionRequest).where(
        DeletionRequest.user_id == user.id, DeletionRequest.status == "pending"))


def pending_deletions() -> list[DeletionRequest]:
    return list(db.session.scalars(sa.select(DeletionRequest).where(DeletionRequest.status == "pending")
                                   .order_by(DeletionRequest.requested_at)))


def count_pending_deletions(_person: Any = None) -> int:
    """For the work home: requests waiting for staff, in one statement."""
    return db.session.scalar(sa.select(sa.func.count(DeletionRequest.id))
                             .where(DeletionRequest.status == "pending")) or 0


def request_deletion(user: User) -> DeletionRequest:
    existing = pending_deletion(user)
    if existing:
        return existing
    deletion = DeletionRequest(user_id=user.id)
    db.session.add(deletion)
    audit.record("privacy.deletion_requested", "user", user.id, actor=user)
    db.session.flush()
    return deletion


def anonymise_person(user: User) -> list[Any]:
    """Anonymise every section: a confirmed deletion request, and a record whose time is up
    (privacy.retention), go the same way. Returns what the sections said they did beyond erasing."""
    notes = [section.anonymise(user) for section in reversed(data_sections())]  # account last: others read it
    return [note for note in notes if note]


def confirm_deletion(request_id: int, staff: User) -> list[Any]:
    """Anonymise every section in the caller's one transaction: all of it happens, or (the unit of work
    rolls back on any error) none of it. The person's row is taken first, by one conditional UPDATE, before
    any section reads what is theirs: work that adds to what they have (the shop's checkout touches the same
    row, on condition the account is not anonymised) either committed before, and is then found and undone, or
    waits and finds the account gone. Returns what staff are told beyond "removed" (orders given back)."""
    deletion = db.session.get(DeletionRequest, request_id)
    if deletion is None or not DELETION_LIFECYCLE.allows(deletion.status, "confirm"):
        raise PrivacyError(_l("This request is not waiting for a decision."))
    if not staff.has_role(Role.STAFF, Role.ADMIN):
        raise PrivacyError(_l("Only programme staff can confirm a deletion."))
    if changed_rows(sa.update(User).where(User.id == deletion.user_id, User.anonymised_at.is_(None))
                    .values(anonymised_at=utcnow()).execution_options(synchronize_session=False)) != 1:
        raise PrivacyError(_l("This request is not waiting for a decision."))  # confirmed a moment ago
    notes = anonymise_person(deletion.user)
    DELETION_LIFECYCLE.apply(deletion, "confirm", actor=staff, action="privacy.deletion_confirmed",
                             audit_as=("user", deletion.user_id))
    deletion.decided_by_id = staff.id
    deletion.decided_at = utcnow()
    db.session.flush()
    return notes


def close_deletion_as_done(user: User, staff: User | None, reason: str) -> None:
    """The person was anonymised another way (their time was up: privacy.retention): a deletion request of
    theirs still waiting is done, with its audit entry, and no longer waits for staff."""
    deletion = pending_deletion(user)
    if deletion is None:
        return
    DELETION_LIFECYCLE.apply(deletion, "confirm", actor=staff, action="privacy.deletion_confirmed",
                             audit_as=("user", deletion.user_id), detail={"by": reason})
    deletion.decided_by_id = staff.id if staff else None
    deletion.decided_at = utcnow()
    db.session.flush()


def cancel_deletion(request_id: int, staff: User) -> None:
    deletion = db.session.get(DeletionRequest, request_id)
    if deletion is None:
        raise PrivacyError(_l("This request is not waiting for a decision."))
    DELETION_LIFECYCLE.apply(deletion, "cancel", actor=staff, action="privacy.deletion_cancelled",
                             audit_as=("user", deletion.user_id),
                             refusal=PrivacyError(_l("This request is not waiting for a decision.")))
    deletion.decided_by_id = staff.id
    deletion.decided_at = utcnow()
    db.session.flush()
