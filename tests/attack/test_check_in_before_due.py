"""Outside attack: the 6- and 12-month check-ins after a hire are made on the day of the hire (scheduled, with a
due date). Only due ones are listed, but the page /me/check-ins/<id> takes any of the person's own, whatever its
due date: on the first day (say with the employer standing by) the 12-month check-in can be answered "still
working, paid as promised". It is then "answered": the person is never asked at 12 months, staff never see it
due or missed, and the retention figures count a year's work that has not happened."""
from datetime import date, timedelta

import sqlalchemy as sa

from core.extensions import db
from tests.conftest import post_form, sign_in
from tests.steps_walks import answer_steps
from tests.training.conftest import training  # noqa: F401
from tests.training.test_check_ins import _check_ins, _hire
from training.check_in_steps import STEPS as CHECK_IN_STEPS
from training.models import PlacementCheckIn


def test_a_check_in_cannot_be_answered_months_before_it_is_due(app, training, people):  # noqa: F811
    with app.app_context():
        application, participant, _employer, _post = _hire(training, people, started_on=date.today()
                                                           - timedelta(days=3))
        twelve = _check_ins(application)[-1]
        assert twelve.month == 12 and twelve.due_on > date.today() + timedelta(days=300)
        check_in_id, login = twelve.id, people.login_name(participant.id)
        db.session.commit()
    client = app.test_client()
    sign_in(client, login)
    assert f"/me/check-ins/{check_in_id}" not in client.get("/me/pathway").get_data(as_text=True)  # not offered
    try:
        answer_steps(client, f"/me/check-ins/{check_in_id}", CHECK_IN_STEPS,
                     {"still_working": "yes", "paid_as_promised": "yes", "problems": [], "note": "", "wants_help": ""})
        post_form(client, f"/me/check-ins/{check_in_id}")
    except AssertionError:
        pass  # a step refused: what should happen
    with app.app_context():
        assert db.session.scalar(sa.select(PlacementCheckIn.status).where(PlacementCheckIn.id == check_in_id)) \
            == "scheduled"
