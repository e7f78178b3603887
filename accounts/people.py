"""Staff work with participants' records: enrol, open (logged), update. Every read or change is audited."""
from __future__ import annotations

import sqlalchemy as sa

from accounts import contact
from accounts import services as accounts
from core import audit, text_search
from core.extensions import db
from core.models import Role, User
from core.pagination import count_up_to
from privacy.services import DataPage, page_data, staff_sections

PAGE_SIZE = 25
DIRECT_FIELDS = ("display_name", "locale")
EDITABLE_FIELDS = (*DIRECT_FIELDS, "email", "phone", "line_id")


def enrol_participant(staff: User, display_name: str, username: str | None, email: str | None = None,
                      phone: str | None = None, locale: str | None = None) -> tuple[User, str]:
    """Create a participant's account and a one-time set-up code to hand to them."""
    participant = accounts.create_account(Role.PARTICIPANT, display_name, username=username, email=email,
                                          phone=phone or None, locale=locale, created_by=staff)
    audit.record("participant.enrol", "participant", participant.id, actor=staff)
    code = accounts.issue_setup_code(participant, staff)  # commits the account, code and audit together
    return participant, code


def get_participant(participant_id: int) -> User | None:
    user = db.session.get(User, participant_id)
    return user if user is not None and user.role == Role.PARTICIPANT.value else None


def open_record(participant: User) -> DataPage:
    """What is stored about a participant, for staff (long sections cut to their newest rows). The read is
    logged by privacy.access_log."""
    return page_data(participant, staff_sections())


def update_participant(staff: User, participant: User, changes: dict[str, str | None]) -> tuple[list[str], list[str]]:
    """Staff change the name and language at once; a new phone, e-mail or LINE ID is only suggested and waits
    for the person to say yes (accounts.contact). Returns (changed fields, suggested fields)."""
    changed = accounts.change_details(participant, DIRECT_FIELDS, changes)
    if changed:
        # Field names only: the audit log must not become a second copy of personal data.
        audit.record("participant.update", "participant", participant.id, actor=staff,
                     detail={"fields": changed})
        db.session.flush()
    return changed, suggest_contact_changes(staff, participant, changes)


def suggest_contact_changes(staff: User, participant: User, changes: dict[str, str | None]) -> list[str]:
    suggested = []
    for field in contact.FIELDS:
        if field in changes and (changes[field] or None) != getattr(participant, field):
            contact.propose_change(staff, participant, field, changes[field])
            suggested.append(field)
    return suggested


def list_participants(search: str | None, page: int) -> tuple[list[User], int]:
    query = sa.select(User).where(User.role == Role.PARTICIPANT.value, User.anonymised_at.is_(None))
    if search and search.strip():
        query = query.where(text_search.matches(User, search))
    total = count_up_to(query, page, PAGE_SIZE)
    rows = db.session.scalars(query.order_by(User.display_name, User.id)
                              .limit(PAGE_SIZE).offset(max(page - 1, 0) * PAGE_SIZE)).all()
    return list(rows), total
