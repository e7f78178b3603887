"""Who can be asked to review: programme staff by default, shop managers only from outside the programme,
never employers (one might hire the applicant); people already asked are not offered again. A staff member
who asks themself first can still ask the second reviewer; a reviewer is not offered the decision."""
import re

import pytest

from core.extensions import db
from core.models import Role
from grants import reviews
from grants.rounds import GrantError
from tests.conftest import post_form, sign_in
from tests.grants.test_views import _submitted_application


def _options(html: str) -> dict[str, list[str]]:
    """The reviewer list's groups and the names offered in each."""
    select = re.search(r'<select[^>]*name="assign-reviewer_id".*?</select>', html, re.S).group(0)
    return {label: [name.split(" (")[0] for name in re.findall(r"<option[^>]*>([^<]*)</option>", body)]
            for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)}


def test_staff_by_default_managers_only_from_outside_employers_never(app, grants_factory, people):
    staff_id = people.make(Role.STAFF, "Staff Somchai")
    asked_id = people.make(Role.STAFF, "Already Asked")
    manager_id = people.make(Role.MANAGER, "Shop Manager Noi")
    employer_id = people.make(Role.EMPLOYER, "Employer Boss")
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        reviews.assign_reviewer(grants_factory.user(staff_id), application, grants_factory.user(asked_id))
        db.session.commit()
        url = f"/staff/grants/applications/{application.id}"
    client = app.test_client()
    sign_in(client, people.login_name(staff_id))
    groups = _options(client.get(url).get_data(as_text=True))
    staff_group, outside_group = groups.values()
    assert "Staff Somchai" in staff_group and "Shop Manager Noi" not in staff_group
    assert outside_group == ["Shop Manager Noi"]
    assert not any("Employer Boss" in names or "Already Asked" in names or "Malee" in " ".join(names)
                   for names in groups.values())
    inside = post_form(client, url + "/assign", {"assign-reviewer_id": str(manager_id)})
    assert inside.status_code == 400 and "must be staff" in inside.get_data(as_text=True)
    refused = post_form(client, url + "/assign", {"assign-reviewer_id": str(employer_id), "assign-outside": "y"})
    assert refused.status_code == 400
    with app.app_context():
        assert [r.reviewer_id for r in reviews.current_reviews(db.session.get(type(application), application.id))
                ] == [asked_id]
    outside = post_form(client, url + "/assign", {"assign-reviewer_id": str(manager_id), "assign-outside": "y"})
    assert outside.status_code == 302


def test_the_service_never_lets_an_employer_review(app, grants_factory, people, ctx):
    application = _submitted_application(app, grants_factory)
    staff = grants_factory.user(people.make(Role.STAFF))
    with pytest.raises(GrantError):
        reviews.assign_reviewer(staff, application, grants_factory.user(people.make(Role.EMPLOYER)), outside=True)


def test_staff_who_ask_themselves_first_still_ask_the_second_and_are_not_offered_the_decision(
        app, grants_factory, people):
    me_id = people.make(Role.STAFF, "Staff Self")
    second_id = people.make(Role.STAFF, "Second Reviewer")
    with app.app_context():
        application = _submitted_application(app, grants_factory)
        url = f"/staff/grants/applications/{application.id}"
    client = app.test_client()
    sign_in(client, people.login_name(me_id))
    assert post_form(client, url + "/assign", {"assign-reviewer_id": str(me_id)}).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Go to your review" in page and "Coffee cart at the market" not in page and "Malee" not in page
    offered = list(_options(page).values())[0]
    assert "Second Reviewer" in offered and "Staff Self" not in offered  # themself no longer offered
    assert post_form(client, url + "/assign", {"assign-reviewer_id": str(second_id)}).status_code == 302
    with app.app_context():
        review_id = reviews.current_reviews(db.session.get(type(application), application.id))[0].id
    post_form(client, f"/reviews/{review_id}", {"conflict-has_conflict": "no"})
    with app.app_context():
        item = db.session.get(type(application), application.id)
        assert item.status == "in_review" and [r.reviewer_id for r in reviews.current_reviews(item)] == [
            me_id, second_id]
    page = client.get(url).get_data(as_text=True)
    assert "Coffee cart at the market" in page and 'name="decision-decision"' not in page
    decider = app.test_client()
    sign_in(decider, people.login_name(people.make(Role.STAFF)))
    assert 'name="decision-decision"' in decider.get(url).get_data(as_text=True)
