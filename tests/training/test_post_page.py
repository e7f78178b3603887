"""The employer's page of one post: its applicants filtered by state (new, offered, said yes, hired, closed),
the count in each from one statement, a page at a time, and "1 hired of 2 places"."""
from __future__ import annotations

import re

import sqlalchemy as sa

from core import clock
from core.db import utcnow
from core.extensions import db
from core.models import Role, User
from privacy import services as privacy
from tests.conftest import post_form, sign_in
from training import applications, waiting
from training.employer_models import WorkPost
from training.models import Application


def _apply(app, people, post_id: int, name: str) -> int:
    participant_id = people.make(Role.PARTICIPANT, name, email=f"{name.lower().replace(' ', '.')}@example.org")
    with app.app_context():
        participant = db.session.get(User, participant_id)
        privacy.give_consent(participant, "share_with_employers", "v1")
        application = applications.apply_to_post(participant, db.session.get(WorkPost, post_id),
                                                 ["display_name", "email"], "", clock.today())
        db.session.commit()
        return application.id


def _names(html: str) -> list[str]:
    return re.findall(r"(Applicant \w+)", html)


def test_applicants_filtered_by_state_with_counts_and_places_filled(app, training, people):
    employer_id = people.make(Role.EMPLOYER)
    post_id = training.post(training.organisation(employer_id), title="Rice cook", openings=2,
                            published_at=utcnow())
    ids = {name: _apply(app, people, post_id, f"Applicant {name}") for name in ("Anan", "Bee", "Chai", "Dao")}
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    post_form(employer, f"/employer/applications/{ids['Bee']}/offer")
    post_form(employer, f"/employer/applications/{ids['Chai']}/hired")
    post_form(employer, f"/employer/applications/{ids['Dao']}/not_hired")

    page = employer.get(f"/employer/posts/{post_id}/applications").get_data(as_text=True)
    assert "1 hired of 2 places" in page
    assert sorted(_names(page)) == ["Applicant Anan", "Applicant Bee", "Applicant Chai", "Applicant Dao"]
    for label, count in (("All", 4), ("New applicants", 1), ("Offered", 1), ("Said yes", 0), ("Hired", 1),
                         ("Closed", 1)):
        assert f">{label} ({count})</a>" in page
    for state, names in (("new", ["Applicant Anan"]), ("offered", ["Applicant Bee"]), ("hired", ["Applicant Chai"]),
                         ("closed", ["Applicant Dao"]), ("said_yes", [])):
        shown = employer.get(f"/employer/posts/{post_id}/applications?state={state}").get_data(as_text=True)
        assert _names(shown) == names, state
        assert f'state={state}" aria-current="true"' in shown
    # An unknown state is the whole list, not an error.
    assert len(_names(employer.get(f"/employer/posts/{post_id}/applications?state=nonsense")
                      .get_data(as_text=True))) == 4


def test_counts_are_one_statement_and_the_list_is_cut_by_the_database(app, training, people, ctx):
    employer_id = people.make(Role.EMPLOYER)
    post_id = training.post(training.organisation(employer_id), title="Rice cook")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)
    for number in range(3):
        db.session.add(Application(participant_id=people.make(Role.PARTICIPANT), post_id=post_id,
                                   status=("applied", "offered", "withdrawn")[number]))
    db.session.flush()
    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        counts = waiting.applicant_counts(post_id)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1 and "GROUP BY" in statements[0]
    assert counts == {"new": 1, "offered": 1, "said_yes": 0, "hired": 0, "closed": 1}
    query = str(waiting.applications_of(post_id, "closed").compile(compile_kwargs={"literal_binds": True}))
    assert "'withdrawn'" in query and "'applied'" not in query
