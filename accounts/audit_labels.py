"""Words for the audit log's action codes and record types that accounts writes, declared in its `feature()`
(core.features merges every feature's into the code lists "audit_action" and "audit_record_type")."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACTIONS = {
    "account.create": _l("Account made"),
    "account.disable": _l("Account disabled"),
    "account.enable": _l("Account enabled again"),
    "account.email_confirmed": _l("E-mail address confirmed"),
    "account.password_change": _l("Password changed"),
    "account.role_change": _l("Work role changed"),
    "account.setup_code_issued": _l("Set-up code given"),
    "account.setup_code_used": _l("Set-up code used"),
    "account.sign_in": _l("Signed in"),
    "account.sign_out": _l("Signed out"),
    "account.quick_exit": _l("Left the site quickly"),
    "account.device_forgotten": _l("A remembered device forgotten"),
    "account.update": _l("Account details changed"),
    "account.register": _l("Registered, waiting for the e-mail link"),
    "account.register_again": _l("Registered again before the e-mail link was opened"),
    "account.registration_cancelled": _l("Waiting registration cancelled from the e-mail"),
    "account.two_factor_on": _l("Two-step sign-in turned on"),
    "account.two_factor_reset": _l("Two-step sign-in reset by an admin"),
    "account.two_factor_off": _l("Two-step sign-in turned off"),
    "account.second_step_failed": _l("A wrong code at the second step of signing in"),
    "account.second_step_locked": _l("Two-step sign-in locked after wrong codes"),
    "account.enrolment_code_issued": _l("Enrolment code for two-step sign-in given"),
    "account.recovery_codes_renewed": _l("New recovery codes made"),
    "account.recovery_code_used": _l("A recovery code used to sign in"),
    "account.browser_trusted": _l("A browser trusted for the second step"),
    "account.browser_forgotten": _l("A trusted browser forgotten"),
    "participant.enrol": _l("Participant enrolled"),
    "participant.update": _l("Participant's details changed"),
    "contact.update": _l("Contact details changed"),
    "contact.propose": _l("Change of contact details suggested"),
    "contact.proposal_accepted": _l("Suggested contact change accepted"),
    "contact.proposal_refused": _l("Suggested contact change refused"),
    "contact.proposal_replaced": _l("Suggested contact change replaced"),
    "contact_proposal.accept": _l("Suggested contact change accepted"),
    "contact_proposal.refuse": _l("Suggested contact change refused"),
    "contact_proposal.replace": _l("Suggested contact change replaced"),
}
RECORD_TYPES = {
    "user": _l("Account"),
    "participant": _l("Participant"),
    "contact_proposal": _l("Suggested contact change"),
}
