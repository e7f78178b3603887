"""A business registers itself to post jobs (issue 33). The account and its organisation wait: the account for
the link mailed to its address, the organisation for staff to verify it (training.vetting). Until then nothing
it posts is public. The answer is the same for every address (accounts.registration): an address that
has an account already gets a mail saying so, and no organisation is made."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from accounts import registration
from core import audit
from core.extensions import db
from core.models import Role
from training.employer_models import EmployerMember, EmployerOrganisation


@dataclass(frozen=True)
class Business:
    name: str
    contact_name: str
    email: str
    phone: str
    province_code: str
    address: str
    registration_number: str  # "" when they have none to give
    work_offered: str


def register_business(business: Business, password: str, *, locale: str | None) -> None:
    """Make the waiting account and its unverified organisation, or only mail the address's owner."""
    user = registration.register(Role.EMPLOYER, business.contact_name, business.email, password, locale=locale,
                                 phone=business.phone.strip() or None)
    if user is None:
        return
    number = business.registration_number.strip().upper() or None
    organisation = EmployerOrganisation(
        name=business.name.strip(), address=business.address.strip(), province_code=business.province_code,
        contact_name=business.contact_name.strip(), contact_phone=business.phone.strip(),
        contact_email=user.email, registered_itself=True, given_registration_number=number,
        work_offered=business.work_offered.strip())
    db.session.add(organisation)
    db.session.flush()
    db.session.add(EmployerMember(user_id=user.id, organisation_id=organisation.id))
    audit.record("employer.register_self", "employer_organisation", organisation.id, actor=None)
    db.session.flush()


def forget_abandoned() -> int:
    """Scheduled: an organisation that registered itself and whose account was never confirmed (accounts
    removes such accounts once their link has expired, and with them the membership) goes too. Returns how
    many went."""
    abandoned = db.session.scalars(sa.select(EmployerOrganisation).where(
        EmployerOrganisation.registered_itself.is_(True), EmployerOrganisation.verified_at.is_(None),
        ~sa.exists().where(EmployerMember.organisation_id == EmployerOrganisation.id))).all()
    for organisation in abandoned:
        db.session.delete(organisation)
    db.session.flush()
    return len(abandoned)
