"""The work home ("My work", issue 33): each work role lands on what waits for them, with counts and links.

A small programme is built through the services (and a few rows where only the data matters: visits, a
check-in), then each role's home is read as that person would: the counts, the links to the lists that show
them, the plain zero state, and nobody counting another person's work.
"""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core import clock
from core.extensions import db
from core.models import Role, User
from core.work_home import home_for
from grants import reviews, rounds
from grants.models import FollowUpVisit, GrantRound
from tests.conftest import sign_in
from tests.grants.conftest import CRITERIA, Grants
from tests.marketplace.conftest import Shop
from tests.training.conftest import Training
from training.waiting import COLUMNS, applicants_by_state


def _rows(html: str) -> dict[str, tuple[str, str]]:
    """The to-do table: label -> (link, count as shown)."""
    found = {}
    for href, label, count in re.findall(
            r'<tr><td><a href="([^"]+)">([^<]+)</a></td>\s*<td>(?:<strong>)?([^<]+)', html):
        found[label] = (href.replace("&amp;", "&"), count.strip())
    return found


def _home(client) -> tuple[dict[str, tuple[str, str]], str]:
    response = client.get("/my-work")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return _rows(html), html


def _counts(client) -> dict[str, str]:
    return {label: count for label, (_href, count) in _home(client)[0].items()}


# --- plain functions ---------------------------------------------------------------------------------------

def test_work_roles_land_on_their_home_and_others_on_the_start_page():
    assert {role: home_for(role.value) for role in Role} == {
        Role.STAFF: "site.my_work", Role.ADMIN: "site.my_work", Role.EMPLOYER: "site.my_work",
        Role.MANAGER: "site.my_work", Role.PARTICIPANT: "site.home", Role.CUSTOMER: "site.home"}
    assert home_for(None) == "site.home"


def test_applicants_are_counted_in_the_employers_columns():
    counted = applicants_by_state([(1, "applied", 2), (1, "completed", 1), (1, "withdrawn", 1), (1, "declined", 2),
                                   (2, "accepted", 1), (2, "enrolled", 1), (2, "offered", 3)])
    assert counted[1] == {"new": 2, "offered": 0, "said_yes": 0, "hired": 1, "closed": 3}
    assert counted[2] == {"new": 0, "offered": 3, "said_yes": 2, "hired": 0, "closed": 0}
    assert set(counted[1]) == set(COLUMNS) and applicants_by_state([]) == {}


# --- staff ---------------------------------------------------------------------------------------------------

class Programme:
    """Grants work waiting for staff, and a second member of staff whose work is not the first one's."""

    def __init__(self, app, people):
        self.app, self.people, self.grants = app, people, Grants(app, people)
        self.me = people.make(Role.STAFF, "Somsri Staff")
        self.other = people.make(Role.STAFF, "Other Staff")

    def user(self, user_id: int) -> User:
        return db.session.get(User, user_id)

    def open_round(self) -> GrantRound:
        today = clock.today()
        return rounds.create_round(self.user(self.me), name="Open round", kind="business", budget_thb=200_000,
                                   max_per_grant_thb=30_000, opens_on=today - timedelta(days=10),
                                   closes_on=today + timedelta(days=60), eligibility=["completed_course"],
                                   criteria=CRITERIA)

    def sent(self, grant_round: GrantRound, name: str):
        from grants import applications

        participant = self.grants.eligible_participant(name)
        application = applications.start_application(participant, grant_round, participant)
        applications.save_draft(application, participant, {
            "business_idea": "Noodle stall", "location": "Lampang", "market": "Students",
            "competitors": "One", "skills": "Cook", "plan_six_months": "Sell 50 bowls a day"},
            [applications.LineInput("Cart", 1, 15_000)], 10_000, 1_000, [])
        applications.submit(application, participant, clock.today())
        return application

    def build(self) -> dict[str, int]:
        """One of each kind of grants work; returns a few ids the tests use."""
        from grants import applications
        from privacy import services as privacy

        with self.app.app_context():
            grant_round = self.open_round()
            today = clock.today()

            def sent(name: str):
                return self.sent(grant_round, name)

            sent("Waits for reviewers")  # no reviewer yet
            mine = sent("Reviewed by me")
            reviews.assign_reviewer(self.user(self.other), mine, self.user(self.me))
            theirs = sent("Reviewed by the other")
            reviews.assign_reviewer(self.user(self.me), theirs, self.user(self.other))
            decided_by_me = sent("Waits for a decision")
            self.grants.reviewed(decided_by_me)
            # Reviewed by two, the other one of them: the other may not decide it, I may.
            second = sent("Decision, the other reviewed")
            self.grants.reviewed(second, scores=((4, 4),), recommendations=("fund",))
            review = reviews.assign_reviewer(self.user(self.me), second, self.user(self.other))
            reviews.declare_conflict(review, self.user(self.other), False, "")
            reviews.submit_review(review, self.user(self.other),
                                  {c.id: 3 for c in reviews.criteria_for(second)}, "ok", "fund")
            # Drafts: one held by the round's rule, one whose rule staff waived, one that meets it.
            held = self.user(self.people.make(Role.PARTICIPANT, "Held by a rule"))
            applications.start_application(held, grant_round, self.user(self.me))
            waived = self.user(self.people.make(Role.PARTICIPANT, "Rule waived"))
            applications.start_application(waived, grant_round, self.user(self.me))
            rounds.grant_exception(self.user(self.me), grant_round, waived.id, "completed_course", "Course abroad")
            applications.start_application(self.grants.eligible_participant("Meets it"), grant_round,
                                           self.user(self.me))
            # Visits of an award: one due in three days, one overdue, one done, one next month.
            for month, due_on, status in ((1, today + timedelta(days=3), "scheduled"),
                                          (2, today - timedelta(days=20), "overdue"),
                                          (3, today - timedelta(days=40), "done"),
                                          (4, today + timedelta(days=30), "scheduled")):
                db.session.add(FollowUpVisit(application_id=decided_by_me.id, month=month, due_on=due_on,
                                             status=status))
            privacy.request_deletion(self.user(self.people.make(Role.CUSTOMER, "Leaving")))
            db.session.commit()
            return {"second": second.id}


def _staff_client(app, people, user_id: int):
    client = app.test_client()
    response = sign_in(client, people.login_name(user_id))
    assert response.status_code == 302
    return client, response


STAFF_LINES = {
    "New messages": "/me/messages",
    "Reviews to declare and score": "/reviews",
    "Applications waiting for reviewers": "/staff/grants/waiting/reviewers",
    "Decisions waiting": "/staff/grants/waiting/decision",
    "Drafts held by an eligibility rule": "/staff/grants/waiting/exception",
    "Follow-up visits due this week": "/staff/grants/monitoring",
    "Follow-up visits overdue": "/staff/grants/monitoring",
    "Posts to check": "/staff/training/",
    "Employers to verify": "/staff/training/",
    "Check-ins to follow up": "/staff/training/check-ins",
    "Check-ins with no answer: call the person": "/staff/training/check-ins",
    "Deletion requests": "/staff/deletion-requests",
    "People whose records are due for deletion": "/staff/retention",
    "Payments to check": "/manage/shop/attention",
}


def test_staff_land_on_their_to_do_with_a_count_and_a_link_for_each_kind_of_work(app, people):
    programme = Programme(app, people)
    programme.build()
    client, response = _staff_client(app, people, programme.me)
    assert response.headers["Location"].endswith("/my-work")
    rows, html = _home(client)
    assert {label: href for label, (href, _count) in rows.items()} == STAFF_LINES
    counts = {label: count for label, (_href, count) in rows.items()}
    assert counts["Reviews to declare and score"] == "1"  # the other's review is not mine
    # Sent with fewer than two reviewers: none, the other's (the one I am asked to review is sealed from me
    # until I declare no conflict, here as on every list).
    assert counts["Applications waiting for reviewers"] == "2"
    assert counts["Decisions waiting"] == "2"
    assert counts["Drafts held by an eligibility rule"] == "1"  # not the waived one, not the one that meets it
    assert counts["Follow-up visits due this week"] == "1" and counts["Follow-up visits overdue"] == "1"
    assert counts["Deletion requests"] == "1"
    assert counts["Posts to check"] == counts["Employers to verify"] == "None"
    assert counts["Payments to check"] == "None"


def test_a_reviewer_does_not_count_a_decision_on_what_they_reviewed(app, people):
    programme = Programme(app, people)
    programme.build()
    client, _response = _staff_client(app, people, programme.other)
    counts = _counts(client)
    assert counts["Reviews to declare and score"] == "1"  # the review the first one asked of them
    assert counts["Decisions waiting"] == "1"  # not the one they reviewed themself


def test_each_line_leads_to_a_list_that_shows_what_it_counts(app, people):
    programme = Programme(app, people)
    ids = programme.build()
    client, _response = _staff_client(app, people, programme.me)
    rows, _html = _home(client)
    decisions = client.get(rows["Decisions waiting"][0]).get_data(as_text=True)
    assert "Waits for a decision" in decisions and "Decision, the other reviewed" in decisions
    assert f"/staff/grants/applications/{ids['second']}" in decisions
    held = client.get(rows["Drafts held by an eligibility rule"][0]).get_data(as_text=True)
    assert "Held by a rule" in held and "Rule waived" not in held and "Meets it" not in held
    waiting = client.get(rows["Applications waiting for reviewers"][0]).get_data(as_text=True)
    assert "Waits for reviewers" in waiting and "Reviewed by the other" in waiting
    assert "Waits for a decision" not in waiting and "Reviewed by me" not in waiting
    my_reviews = client.get(rows["Reviews to declare and score"][0])
    assert my_reviews.status_code == 200


def test_nothing_waiting_is_said_plainly(app, people):
    client, _response = _staff_client(app, people, people.make(Role.STAFF))
    rows, html = _home(client)
    assert set(rows) == set(STAFF_LINES)  # every list stays one click away
    assert {count for _href, count in rows.values()} == {"None"}
    assert "Nothing waits for you now." in html


def test_the_staff_menu_is_shorter_and_leads_to_the_home(app, people):
    client, _response = _staff_client(app, people, people.make(Role.STAFF))
    nav = client.get("/my-work").get_data(as_text=True).split("<nav", 1)[1].split("</nav>", 1)[0]
    assert 'href="/my-work"' in nav
    for gone in ("/staff/deletion-requests", "/staff/retention", "/staff/grants/monitoring", "/reviews",
                 "/staff/training/check-ins", "/manage/shop/attention"):
        assert f'href="{gone}"' not in nav, gone


def test_the_home_is_in_thai_for_a_thai_reader(app, people):
    user_id = people.make(Role.STAFF)
    with app.app_context():
        db.session.get(User, user_id).locale = "th"
        db.session.commit()
    client, _response = _staff_client(app, people, user_id)
    html = client.get("/my-work").get_data(as_text=True)
    assert "Nothing waits for you now." not in html and "Deletion requests" not in html
    assert re.search("[\u0e00-\u0e7f]", html.split("<main", 1)[1])


# --- reviewers from outside, employers, shop managers --------------------------------------------------------

def test_an_outside_reviewer_sees_their_reviews_only_while_one_waits(app, people):
    programme = Programme(app, people)
    with app.app_context():
        manager = people.make(Role.MANAGER, "Outside reviewer")
        grant_round = programme.open_round()
        application = programme.sent(grant_round, "Malee")
        client, response = _staff_client(app, people, manager)
        assert response.headers["Location"].endswith("/my-work")
        assert "Reviews to declare and score" not in _counts(client)
        reviews.assign_reviewer(programme.user(programme.me), application, programme.user(manager), outside=True)
        db.session.commit()
    rows, _html = _home(client)
    assert rows["Reviews to declare and score"] == ("/reviews", "1")


def test_an_employer_sees_their_posts_with_applicants_by_state_and_places_filled(app, people):
    from privacy import services as privacy
    from training import applications

    training = Training(app)
    training.wages()
    employer = people.make(Role.EMPLOYER, "Boss")
    rival = people.make(Role.EMPLOYER, "Rival")
    client, response = _staff_client(app, people, employer)
    assert response.headers["Location"].endswith("/my-work")
    rows, html = _home(client)
    assert rows == {"New messages": ("/me/messages", "None"), "New applications to answer": ("/employer/", "None")}
    assert "No posts yet." in html
    post_id = training.post(training.organisation(employer), openings=2, title="Café assistant")
    rival_post = training.post(training.organisation(rival, number="0105500000002"), title="Rival job")
    today = clock.today()
    with app.app_context():
        from training.employer_models import WorkPost

        post = db.session.get(WorkPost, post_id)
        for name, outcome in (("Hired one", "hired"), ("New one", None), ("Another new", None),
                              ("Offered one", "offer")):
            address = f"{name.split()[0].lower()}{len(name)}@example.org"  # the way the employer answers
            person = db.session.get(User, people.make(Role.PARTICIPANT, name, email=address))
            privacy.give_consent(person, "share_with_employers", "v1")
            application = applications.apply_to_post(person, post, ["display_name", "email"], "", today)
            if outcome == "hired":
                applications.record_outcome(application, db.session.get(User, employer), "hired", today)
            elif outcome == "offer":
                applications.offer_post(application, db.session.get(User, employer), today)
        elsewhere = db.session.get(User, people.make(Role.PARTICIPANT, "Applies elsewhere",
                                                     email="elsewhere@example.org"))
        privacy.give_consent(elsewhere, "share_with_employers", "v1")
        applications.apply_to_post(elsewhere, db.session.get(WorkPost, rival_post), ["display_name", "email"], "",
                                   today)
        db.session.commit()
    rows, html = _home(client)
    # Four applied (each told as a new message), two wait for an answer; not the rival's applicant.
    assert rows == {"New messages": ("/me/messages", "4"), "New applications to answer": ("/employer/", "2")}
    assert "1 hired of 2 places" in html
    table_row = html.split("Café assistant", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td>(\d+)</td>", table_row) == ["2", "1", "0", "1", "0"]
    assert "Rival job" not in html
    assert f'href="/employer/posts/{post_id}/applications"' in html


def test_a_shop_manager_sees_the_orders_to_pack_of_their_own_shop(app, people):
    from marketplace import checkout

    shop = Shop(app, people)
    enterprise, manager = shop.enterprise("coffee")
    other_enterprise, _other_manager = shop.enterprise("jewels")
    product = shop.product(enterprise)
    other_product = shop.product(other_enterprise, name="Ring")
    client, response = _staff_client(app, people, manager)
    assert response.headers["Location"].endswith("/my-work")
    assert _home(client)[0] == {"New messages": ("/me/messages", "None"), "Orders to pack": ("/manage/shop/", "None")}
    buyer = checkout.Buyer(name="Sam", email="sam@example.org", phone="081 000 0000", delivery="pickup", address="")
    with app.app_context():
        checkout.place_order({product: 1}, buyer, None, use_stripe=False)  # paid when collected: to pack
        checkout.place_order({product: 1, other_product: 1}, buyer, None, use_stripe=False)
        checkout.place_order({other_product: 2}, buyer, None, use_stripe=False)  # the other shop's
        db.session.commit()
    assert _counts(client) == {"New messages": "None", "Orders to pack": "2"}


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.CUSTOMER])
def test_participants_and_customers_have_no_work_home(app, people, role):
    client, response = _staff_client(app, people, people.make(role))
    assert not response.headers["Location"].endswith("/my-work")
    assert client.get("/my-work").status_code == 403


def test_a_page_asked_for_before_signing_in_still_wins(app, people):
    from tests.conftest import PASSWORD, post_form

    user_id = people.make(Role.STAFF)
    client = app.test_client()
    response = post_form(client, "/sign-in?next=/staff/grants/",
                         {"login_name": people.login_name(user_id), "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/grants/"


def test_counts_stay_one_statement_each(app, people):
    """The whole staff home: a fixed number of statements, whatever waits (the crawl's query-count test checks
    it against ten times the data too)."""
    from tests.test_query_counts import counting

    client, _response = _staff_client(app, people, people.make(Role.STAFF))
    client.get("/my-work")
    with counting() as empty:
        client.get("/my-work")
    Programme(app, people).build()
    with counting() as full:
        client.get("/my-work")
    assert full.count == empty.count
