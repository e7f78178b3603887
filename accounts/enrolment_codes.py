"""One-time enrolment codes: the first set-up of a work account's second step (and a set-up after an admin's
reset) needs one, so a password learnt by phishing cannot enrol the phisher's own authenticator app.

An admin gives one on the account page (and with every reset); a set-up code given to a new work account counts
as one for the sign-in it starts (accounts.auth_views); the `enrolment-code` command prints one for the first
admin. Like set-up codes: ten letters and digits read aloud, only a hash kept, TWO_FACTOR_ENROLMENT_CODE_DAYS to
live, used once; a new one voids the older unused ones. Wrong codes are counted under the sign-in throttle.

Services flush; the unit of work commits."""
from __future__ import annotations

from datetime import timedelta

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import lazy_gettext as _l

from accounts import services as accounts
from accounts import throttle
from accounts.models import EnrolmentCode
from core import audit
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import Role, User
from core.refusal import Refusal

# Who may be given one: the work accounts that must have a second step when it is required.
FOR_ROLES = {Role.STAFF.value, Role.MANAGER.value, Role.ADMIN.value}


class EnrolmentCodeError(Refusal):
    """A refusal the person (or admin) can read."""


def lifetime() -> timedelta:
    return timedelta(days=int(current_app.config["TWO_FACTOR_ENROLMENT_CODE_DAYS"]))


def issue(user: User, issued_by: User | None) -> str:
    """A new code for `user`, shown once to whoever issued it; older unused ones stop working."""
    if user.role not in FOR_ROLES or not user.active or user.anonymised_at is not None:
        raise EnrolmentCodeError(_l("Only an active staff, shop manager or admin account gets an enrolment code."))
    db.session.execute(sa.delete(EnrolmentCode).where(EnrolmentCode.user_id == user.id,
                                                      EnrolmentCode.used_at.is_(None)))
    code = accounts.new_code()
    db.session.add(EnrolmentCode(user_id=user.id, code_hash=accounts.code_hash(code),
                                 created_by_id=issued_by.id if issued_by else None,
                                 expires_at=utcnow() + lifetime()))
    audit.record("account.enrolment_code_issued", "user", user.id, actor=issued_by)
    db.session.flush()
    return code


def check(user: User, login_name: str, code: str | None, address: str | None) -> int:
    """The id of a valid code of this account, counted under the sign-in throttle like a password."""
    limits = throttle.sign_in_limits(login_name, address)
    wait = throttle.claim(limits)
    if wait:
        raise EnrolmentCodeError(_l("Too many tries. Please wait %(n)d seconds and try again.", n=wait),
                                 "enrolment_code")
    found = db.session.scalar(sa.select(EnrolmentCode.id).where(
        EnrolmentCode.user_id == user.id, EnrolmentCode.code_hash == accounts.code_hash(code or ""),
        EnrolmentCode.used_at.is_(None), EnrolmentCode.expires_at > utcnow()))
    if found is None:
        raise EnrolmentCodeError(_l("This enrolment code is not right, or it was used or has expired. Ask a "
                                    "Pathways admin for a new one."), "enrolment_code")
    return found


def spend(user: User, code_id: int) -> bool:
    """Use the code for good, by one conditional UPDATE: of two set-ups racing with one code, one wins."""
    return changed_rows(sa.update(EnrolmentCode).where(
        EnrolmentCode.id == code_id, EnrolmentCode.user_id == user.id, EnrolmentCode.used_at.is_(None),
        EnrolmentCode.expires_at > utcnow()).values(used_at=utcnow())
        .execution_options(synchronize_session=False)) == 1


def forget_all(user: User) -> None:
    db.session.execute(sa.delete(EnrolmentCode).where(EnrolmentCode.user_id == user.id))


@click.command("enrolment-code")
@click.argument("login_name")
@with_appcontext
def enrolment_code_command(login_name: str) -> None:
    """Print a one-time code with which LOGIN_NAME (the first admin, say) sets up two-step sign-in."""
    user = accounts.find_by_login_name(login_name)
    if user is None:
        raise click.ClickException("No account has that username or e-mail address.")
    try:
        code = issue(user, None)
    except Refusal as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(f"Enrolment code for {user.login_name} (works once, for {lifetime().days} days; not shown again):")
    click.echo(f"  {code}")
