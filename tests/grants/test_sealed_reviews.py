"""A reviewer sees nothing of an application before declaring no conflict; a conflicted reviewer never does;
staff are asked to assign another reviewer."""
import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, Role
from grants import reviews
from privacy.access_log import VIEW_ACTION
from tests.conftest import post_form, sign_in
from tests.grants.test_views import _submitted_application

SECRETS = ("Malee", "Coffee cart at the market", "Grinder", "20,000")


def _pages(application, review_id):
    return {"review": f"/reviews/{review_id}", "application": f"/staff/grants/applications/{application.id}",
            "round": f"/staff/grants/rounds/{application.round_id}"}


def _setup(app, grants_factory, people):
    reviewer_id = people.make(Role.STAFF, "Reviewer Ann")
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        staff = grants_factory.user(people.make(Role.STAFF))
        review_id = reviews.assign_reviewer(staff, application, grants_factory.user(reviewer_id)).id
        db.session.commit()
        pages = _pages(application, review_id)
    client = app.test_client()
    sign_in(client, people.login_name(reviewer_id))
    return client, reviewer_id, review_id, pages


def _shown(client, url):
    response = client.get(url)
    return response.status_code, [s for s in SECRETS if s in response.get_data(as_text=True)]


def test_nothing_before_the_declaration_on_any_page(app, grants_factory, people):
    client, reviewer_id, review_id, pages = _setup(app, grants_factory, people)
    for name, url in pages.items():
        status, shown = _shown(client, url)
        assert shown == [], (name, shown)
    assert _shown(client, pages["application"])[0] == 403
    with app.app_context():  # nothing seen, nothing recorded as seen
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
            AuditEntry.action == VIEW_ACTION, AuditEntry.actor_id == reviewer_id)) == 0
    post_form(client, f"/reviews/{review_id}", {"conflict-has_conflict": "no"})
    for name in ("review", "application", "round"):
        assert "Malee" in client.get(pages[name]).get_data(as_text=True) or name == "review", name
    assert "Coffee cart at the market" in client.get(pages["review"]).get_data(as_text=True)


def test_a_conflicted_reviewer_never_sees_it_and_staff_are_asked_for_another(app, grants_factory, people):
    client, _reviewer_id, review_id, pages = _setup(app, grants_factory, people)
    post_form(client, f"/reviews/{review_id}", {"conflict-has_conflict": "yes", "conflict-note": "My cousin"})
    for name, url in pages.items():
        assert _shown(client, url)[1] == [], name
    assert "stays hidden from you" in client.get(pages["application"]).get_data(as_text=True)
    other = app.test_client()
    sign_in(other, people.login_name(people.make(Role.STAFF)))
    assert "Please assign another reviewer" in other.get(pages["application"]).get_data(as_text=True)
    assert "Assign another reviewer" in other.get(pages["round"]).get_data(as_text=True)


def test_a_sealed_reviewer_cannot_act_on_the_application_either(app, grants_factory, people):
    client, _reviewer_id, review_id, pages = _setup(app, grants_factory, people)
    application_url = pages["application"]
    assert post_form(client, application_url + "/decide", {"decision-decision": "decline"}).status_code == 403
    post_form(client, f"/reviews/{review_id}", {"conflict-has_conflict": "yes", "conflict-note": "My cousin"})
    # Once conflicted, not even the choice of the other reviewers is theirs.
    other = people.make(Role.STAFF, "Second Reviewer")
    assert post_form(client, application_url + "/assign", {"assign-reviewer_id": str(other)}).status_code == 403
