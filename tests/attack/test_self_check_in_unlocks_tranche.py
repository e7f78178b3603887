"""Outside attack: a tranche may wait for "the first follow-up visit shows the business running". The business
owner's own check-in counts as that visit (grants.disbursement.condition_met takes any visit done), and the
owner may send it for the next visit at any time, months before it is due: on the day the award is accepted,
one self check-in saying "operating" releases the conditional money, with no visit by anyone."""
from datetime import date

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from grants import disbursement
from grants.models import FollowUpVisit
from tests.conftest import post_form, sign_in
from tests.grants.conftest import grants_factory  # noqa: F401
from tests.grants.test_views import _approved_application
from tests.steps_walks import answer_steps


def test_a_self_check_in_before_any_visit_does_not_release_a_tranche_waiting_for_a_visit(
        app, grants_factory, people):  # noqa: F811
    from grants.check_in_steps import STEPS
    with app.app_context():
        application = _approved_application(app, grants_factory, people)
        db.session.commit()
        application_id, owner_id = application.id, application.participant_id
        first = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application_id)
                                   .order_by(FollowUpVisit.due_on)).first()
        assert first is not None and first.due_on > date(2026, 11, 23)  # a visit months after the acceptance
        visit_id = first.id
    owner = app.test_client()
    sign_in(owner, people.login_name(owner_id))
    assert f"/grants/visits/{visit_id}/check-in" in owner.get(f"/grants/applications/{application_id}").get_data(
        as_text=True)
    answer_steps(owner, f"/grants/visits/{visit_id}/check-in", STEPS, {"business_status": "operating"})
    assert post_form(owner, f"/grants/visits/{visit_id}/check-in").status_code == 302
    with app.app_context():
        application = db.session.get(type(application), application_id)
        staff = grants_factory.user(people.make(Role.STAFF))
        assert not disbursement.condition_met(application, "first_visit_operating")
        with pytest.raises(disbursement.GrantError):
            disbursement.pay_tranche(application, staff, amount_thb=100, kind="cash", paid_on=date(2026, 11, 24),
                                     condition="first_visit_operating")
