"""Account administration by admins: find, edit, disable and re-enable accounts, change a work role, and
reissue set-up codes. Every change is audited; disabling or changing a role ends the account's sessions at
once; the last active admin can be neither disabled nor given another role."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from accounts import contact, devices
from accounts import services as accounts
from core import audit, text_search
from core.extensions import db
from core.models import Role, User
from core.pagination import count_up_to
from core.refusal import Refusal

PAGE_SIZE = 25
WORK_ROLES = (Role.STAFF, Role.MANAGER, Role.EMPLOYER, Role.ADMIN)
EDITABLE_FIELDS = ("display_name", "username", "email", "phone", "locale")


class AccountAdminError(Refusal):
    """A refusal an admin can read."""


def search_accounts(text: str | None, role: str | None, status: str | None, page: int) -> tuple[list[User], int]:
    query = sa.select(User).where(User.anonymised_at.is_(None))
    if text and text.strip():
        query = query.where(text_search.matches(User, text))
    if role:
        query = query.where(User.role == role)
    if status == "active":
        query = query.where(User.active.is_(True))
    elif status == "disabled":
        query = query.where(User.active.is_(False))
    total = count_up_to(query, page, PAGE_SIZE)
    rows = db.session.scalars(query.order_by(User.role, User.display_name, User.id)
                              .limit(PAGE_SIZE).offset(max(page - 1, 0) * PAGE_SIZE)).all()
    return list(rows), total


def get_account(user_id: int) -> User | None:
    user = db.session.get(User, user_id)
    return user if user is not None and user.anonymised_at is None else None


def _other_active_admins(user: User) -> int:
    query = sa.select(User.id).where(User.role == Role.ADMIN.value, User.active.is_(True),
                                     User.anonymised_at.is_(None), User.id != user.id)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()  # two admins disabling each other at once: one waits, then sees
    return len(db.session.scalars(query).all())


def _keep_an_admin(user: User) -> None:
    if user.role == Role.ADMIN.value and user.active and _other_active_admins(user) == 0:
        raise AccountAdminError(_l("This is the last active admin account. Make another admin first."))


def update_account(admin: User, user: User, changes: dict[str, str | None]) -> list[str]:
    """A participant's phone and e-mail are only suggested, as when staff edit them (accounts.people)."""
    if user.role == Role.PARTICIPANT.value:
        from accounts import people

        direct = {key: value for key, value in changes.items() if key not in contact.FIELDS}
        people.suggest_contact_changes(admin, user, {key: changes[key] for key in contact.FIELDS if key in changes})
        changes = direct
    changed = accounts.change_details(user, EDITABLE_FIELDS, changes)
    if changed:
        # Field names only: the audit log must not become a second copy of personal data.
        audit.record("account.update", "user", user.id, actor=admin, detail={"fields": changed})
        db.session.flush()
    return changed


def change_role(admin: User, user: User, role: Role) -> None:
    if role not in WORK_ROLES or Role(user.role) not in WORK_ROLES:
        raise AccountAdminError(_l("Only work accounts (staff, manager, employer, admin) change roles."), "role")
    if role.value == user.role:
        return
    if role != Role.ADMIN:
        _keep_an_admin(user)
    audit.record("account.role_change", "user", user.id, actor=admin, detail={"from": user.role, "to": role.value})
    user.role = role.value
    user.session_version += 1  # what the old role could open, no open session keeps
    db.session.flush()


def disable(admin: User, user: User) -> None:
    if user.id == admin.id:
        raise AccountAdminError(_l("You cannot disable your own account. Ask another admin."))
    if not user.active:
        return
    _keep_an_admin(user)
    user.active = False
    user.session_version += 1  # every session of the account ends now
    devices.forget_all(user)  # and no browser stays remembered for it, should it be enabled again
    audit.record("account.disable", "user", user.id, actor=admin)
    db.session.flush()


def enable(admin: User, user: User) -> None:
    if user.active:
        return
    user.active = True
    audit.record("account.enable", "user", user.id, actor=admin)
    db.session.flush()


def reissue_setup_code(admin: User, user: User) -> str:
    if not user.active:
        raise AccountAdminError(_l("Enable the account first."))
    return accounts.issue_setup_code(user, admin)
