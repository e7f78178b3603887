"""The portfolio page: accepted awards and offers apart, the revenue chart with its unit and thousands."""
from datetime import timedelta

import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from grants import monitoring
from grants.models import FollowUpVisit
from tests.conftest import sign_in
from tests.grants.conftest import TODAY
from tests.grants.test_services import _approved


def test_the_report_says_accepted_and_offered_apart_and_the_revenue_in_baht(app, grants_factory, people):
    with app.app_context():
        _approved(grants_factory, amount=18_000, accepted=False)
        accepted, staff = _approved(grants_factory, amount=20_000)
        first = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == accepted.id)
                                   .order_by(FollowUpVisit.due_on)).first()
        monitoring.record_visit(first, staff, TODAY + timedelta(days=2), "visit", "operating", revenue_thb=12_500)
        db.session.commit()
    client = app.test_client()
    sign_in(client, people.login_name(people.make(Role.STAFF)))
    page = client.get("/staff/grants/report").get_data(as_text=True)
    assert "Offered, not yet answered" in page and "12,500 baht" in page
    assert "Visits made on time: —" not in page.replace("\n", " ")
