"""A notice for every piece of waiting work (issue 33).

WAITING_WORK is the table of the life-cycle steps (and the two steps that make a record rather than move one)
that leave work, or news that needs an answer, for someone other than the person who took the step. Every
other (life cycle, event) pair is in NO_NOTICE with the reason. A test keeps the two tables complete: a new
event must be placed in one of them. Each row of WAITING_WORK is driven through the real services on a real
database, and the test finds exactly one notice of its kind for that person, and its message on their channel
in their own language; the actor is not told about their own step, and no participant is ever sent a kind
meant for staff or employers.
"""
from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from core import notify
from core.extensions import db
from core.models import Notice, OutboxMessage, Role, User
from core.states import lifecycles
from tests.grants.conftest import Grants
from tests.training.conftest import CLEAN_POST, Training

TODAY = date(2026, 11, 23)

# (life cycle, event) -> (notice kind, who must act next). "record" rows make a record instead of moving one.
WAITING_WORK = {
    ("grant_application", "assign_reviewer"): ("grant.review_assigned", "the reviewer (staff or outside)"),
    ("grant_application", "request_changes"): ("grant.changes_requested", "the applicant"),
    ("grant_application", "approve"): ("grant.approved", "the applicant: accept or decline the award"),
    ("grant_application", "accept_award"): ("grant.award_accepted", "the decider: payments and visits"),
    ("grant_application", "decline_award"): ("grant.award_declined", "the decider"),
    ("grant_review", "submit"): ("grant.decision_waiting", "the staff member who assigned the reviewers"),
    ("grant_review", "declare_conflict"): ("grant.decision_waiting", "the staff member who assigned the reviewers"),
    ("work_post", "publish"): ("post.approved", "the employer (staff approved the post)"),
    ("work_post", "request_changes"): ("post.changes_requested", "the employer"),
    ("work_post", "reject"): ("post.rejected", "the employer"),
    ("work_post", "republish"): ("post.approved", "the employer (a report was set aside)"),
    ("work_post", "hold"): ("post.held_again", "the employer (re-screened with new rules)"),
    ("training_application", "offer"): ("offer.made", "the participant: say yes or no"),
    ("training_application", "accept"): ("offer.accepted", "whoever made the offer"),
    ("training_application", "decline"): ("offer.declined", "whoever made the offer"),
    ("training_application", "hire"): ("placement.hired", "programme staff: check-ins to follow up"),
    ("training_application", "close_post"): ("application.post_closed",
                                             "the participant: the post closed, she may apply elsewhere"),
    ("record", "application to a post"): ("application.received", "the employer"),
    ("record", "eligibility exception"): ("grant.exception_granted", "the participant: she can send now"),
    ("record", "employer registered itself"): ("employer.to_verify", "programme staff: verify or refuse it"),
    ("record", "employer verified"): ("employer.verified", "the employer: its posts may be public now"),
    ("record", "employer refused"): ("employer.refused", "the employer: nothing it posts is shown"),
}
NO_NOTICE = {
    ("grant_application", "submit"): "the staff to-do list shows sent applications waiting for reviewers",
    ("grant_application", "decline"): "a decision, not work: the reason is on her application page",
    ("grant_application", "withdraw"): "the person's own step; it removes work rather than making it",
    ("grant_review", "declare_no_conflict"): "the reviewer's own next step",
    ("follow_up_visit", "record"): "staff's own step", ("follow_up_visit", "move"): "staff's own step",
    ("follow_up_visit", "mark_overdue"): "the daily job; overdue visits are on the staff to-do list",
    ("work_post", "report"): "on the staff list; the employer is told only the outcome, never of the report",
    ("training_application", "withdraw"): "removes work from the employer's list",
    ("training_application", "enrol"): "staff record what the person did in person",
    ("training_application", "complete"): "staff record what the person did",
    ("training_application", "not_hire"): "no work follows; the application closes",
    ("work_post", "pause"): "the employer's own step; its applications stay and wait for them",
    ("work_post", "resume"): "the employer's own step; a post that needs staff is held and on the staff list",
    ("work_post", "close"): "the employer's own step; each applicant is told by close_post",
    ("placement_check_in", "answer"): "answers wait on the staff to-do list (check-ins to follow up)",
    ("placement_check_in", "miss"): "the monthly job; missed check-ins are on the staff to-do list",
    ("contact_proposal", "accept"): "the person's own answer", ("contact_proposal", "refuse"): "their answer",
    ("contact_proposal", "replace"): "a new proposal is told as one (contact.proposed)",
    ("deletion_request", "confirm"): "staff's own step", ("deletion_request", "cancel"): "the person's own step",
    **{("order", event): "the shop's own steps; orders to pack are on the manager's list"
       for event in ("accept", "cancel", "collect", "expire", "fail", "mismatch", "pay", "refund_all", "settle")},
    **{("business_customer", event): "the business is told by e-mail; waiting ones are on the deciders' to-do list"
       for event in ("approve", "refuse", "suspend", "reinstate", "reapply")},
    **{("order_line", event): "the shop's own steps" for event in ("cancel", "complete", "pack", "ready", "refund",
                                                                   "ship")},
    ("refund", "fail"): "the payment provider's answer, on the shop's list", ("refund", "succeed"): "likewise",
    **{("subscription", event): "Stripe's word; the customer's own page shows it, a failed payment is e-mailed"
       for event in ("activate", "cancel", "expire", "fall_behind", "pause")},
}
SCRIPTS = {"th": "\u0e00-\u0e7f", "my": "\u1000-\u109f", "km": "\u1780-\u17ff", "lo": "\u0e80-\u0eff"}


def test_every_life_cycle_event_is_placed(app):  # the app imports every feature, and so its life cycles
    """A new event must say whether it leaves work for someone else (and which notice tells them)."""
    pairs = {(name, event) for name, lifecycle in lifecycles().items() for event in lifecycle.events}
    placed = {pair for pair in WAITING_WORK if pair[0] != "record"} | set(NO_NOTICE)
    assert pairs - placed == set(), "place these in WAITING_WORK or NO_NOTICE"
    assert placed - pairs == set(), "these are no longer events"
    assert not set(WAITING_WORK) & set(NO_NOTICE)


def test_every_kind_in_the_table_is_declared_and_addressed_rightly(app):
    with app.app_context():
        kinds = notify.kinds()
    for (_cycle, _event), (kind, who) in WAITING_WORK.items():
        assert kind in kinds
        to_participant = who.startswith(("the participant", "the applicant"))
        assert kinds[kind].to_participant is to_participant, kind


def _person(people, role: Role, locale: str, email: str) -> User:
    user = db.session.get(User, people.make(role, email=email))
    user.locale = locale
    db.session.flush()
    return user


class World:
    """People in several languages, a grant round and an employer with a post, made through the services."""

    def __init__(self, app, people):
        self.people, self.grants, self.training = people, Grants(app, people), Training(app)
        self.staff = _person(people, Role.STAFF, "th", "somsri@example.org")
        self.decider = _person(people, Role.STAFF, "lo", "decider@example.org")
        self.employer = _person(people, Role.EMPLOYER, "km", "boss@example.org")
        self.participant = _person(people, Role.PARTICIPANT, "my", "malee@example.org")

    # grants
    def submitted_application(self):
        from training.models import PathwayStep

        db.session.add(PathwayStep(participant_id=self.participant.id, step="completed", on_date=TODAY))
        return self.grants.submitted(self.grants.round(), participant=self.participant)

    def reviewed_application(self):
        application = self.submitted_application()
        self.grants.reviewed(application)
        return application

    def approved_application(self):
        from grants import decisions

        application = self.reviewed_application()
        decisions.decide(application, self.decider, "approve", "A clear plan with a market.", 20_000)
        return application

    # training
    def post(self, status="published"):
        from training.employer_models import WorkPost

        self.training.wages()
        return db.session.get(WorkPost, self.training.post(self.training.organisation(self.employer.id),
                                                           status=status))

    def application(self, post=None):
        from privacy import services as privacy
        from training import applications

        privacy.give_consent(self.participant, "share_with_employers", "v1")
        return applications.apply_to_post(self.participant, post or self.post(), ["email"], "", TODAY)

    def offered(self):
        from training import applications

        application = self.application()
        applications.offer_post(application, self.employer, TODAY)
        return application


def _assign_reviewer(world):
    from grants import reviews

    reviewer = _person(world.people, Role.STAFF, "th", "reviewer@example.org")
    reviews.assign_reviewer(world.staff, world.submitted_application(), reviewer)
    return world.staff, reviewer


def _request_changes(world):
    from grants import decisions

    decisions.decide(world.reviewed_application(), world.decider, "changes", "Say more about the market.")
    return world.decider, world.participant


def _approve(world):
    world.approved_application()
    return world.decider, world.participant


def _accept_award(world):
    from grants import awards

    awards.accept(world.approved_application(), world.participant, TODAY)
    return world.participant, world.decider


def _decline_award(world):
    from grants import awards

    awards.decline(world.approved_application(), world.participant)
    return world.participant, world.decider


def _reviews_by_others(world, conflict_last: bool):
    """Staff assign three reviewers; two send their reviews; the third sends too, or declares a conflict."""
    from grants import reviews
    from grants.reviews import criteria_for

    application = world.submitted_application()
    reviewers = [_person(world.people, Role.STAFF, "th", f"r{n}@example.org") for n in range(3)]
    assigned = [reviews.assign_reviewer(world.staff, application, reviewer) for reviewer in reviewers]
    scores = {c.id: 4 for c in criteria_for(application)}
    for review, reviewer in zip(assigned[:2], reviewers[:2], strict=True):
        reviews.declare_conflict(review, reviewer, False, "")
        reviews.submit_review(review, reviewer, scores, "ok", "fund")
    assert _kinds(world.staff) == []  # one review still open: nothing waits for a decision yet
    if conflict_last:
        reviews.declare_conflict(assigned[2], reviewers[2], True, "She is my cousin.")
    else:
        reviews.declare_conflict(assigned[2], reviewers[2], False, "")
        reviews.submit_review(assigned[2], reviewers[2], scores, "ok", "fund")
    return reviewers[2], world.staff


def _review_submitted(world):
    return _reviews_by_others(world, conflict_last=False)


def _conflict_declared(world):
    return _reviews_by_others(world, conflict_last=True)


def _post_decision(decision):
    def step(world):
        from training import employers

        employers.review_post(world.post(status="pending_review"), world.staff, decision,
                              "" if decision == "approve" else "Say the hours per day.")
        return world.staff, world.employer
    return step


def _republish(world):
    from training import employers

    post = world.post()
    employers.report_post(post, None, "", "fee")
    employers.resolve_reports(post, world.staff, republish=True)
    return world.staff, world.employer


def _rescreen(world):
    from training import employers

    world.training.wages()
    organisation_id = world.training.organisation(world.employer.id)
    post = employers.save_post(world.employer, dict(CLEAN_POST), TODAY)
    assert post.organisation_id == organisation_id and post.status == "published"
    post.description = "Recruitment fee 500 baht, paid back from your first salary."  # as an older post's words
    assert employers.rescreen_published(TODAY) == [post]
    return None, world.employer


def _offer(world):
    world.offered()
    return world.employer, world.participant


def _accept_offer(world):
    from training import applications

    applications.accept_offer(world.offered(), world.participant, TODAY)
    return world.participant, world.employer


def _decline_offer(world):
    from training import applications

    applications.step_back(world.offered(), world.participant, TODAY)
    return world.participant, world.employer


def _hire(world):
    from training import applications, employers

    post = world.post(status="pending_review")
    employers.review_post(post, world.staff, "approve", "")
    application = world.application(post)
    applications.record_outcome(application, world.employer, "hired", TODAY)
    return world.employer, world.staff


def _close_post(world):
    from training import post_actions

    post = world.post()
    world.application(post)
    post_actions.close_post(world.employer, post, TODAY)
    return world.employer, world.participant


def _new_application(world):
    world.application()
    return world.participant, world.employer


def _exception(world):
    from grants import rounds
    from grants.models import GrantRound

    grant_round = db.session.get(GrantRound, world.grants.round())
    rounds.grant_exception(world.staff, grant_round, world.participant.id, "completed_course",
                           "She finished the course abroad; the certificate is on file.")
    return world.staff, world.participant


def _employer_registers_itself(world):
    """A business registers on the public page and opens the link mailed to it: staff must verify it."""
    import re

    from accounts import services as accounts
    from training import employer_signup

    with world.training.app.test_request_context():  # the mail's link is built from the request
        employer_signup.register_business(employer_signup.Business(
            name="Doi Tung Coffee", contact_name="Khun Somchai", email="owner@doitung.example", phone="053 777 888",
            province_code="57", address="1 Hill Road", registration_number="", work_offered="Coffee picking"),
            "rice fields in the morning", locale="km")
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient == "owner@doitung.example"))
    token = re.search(r"/register/confirm/(\S+)", mail.body).group(1)
    accounts.confirm_email(token)
    return None, world.staff


def _employer_decided(decision):
    def step(world):
        from training import vetting
        from training.employer_models import EmployerOrganisation

        organisation = db.session.get(EmployerOrganisation,
                                      world.training.organisation(world.employer.id, verified=False))
        if decision == "verify":
            vetting.verify_organisation(organisation, world.staff, TODAY)
        else:
            vetting.refuse_organisation(organisation, world.staff, "No business at this address.")
        return world.staff, world.employer
    return step


STEPS = {
    ("grant_application", "assign_reviewer"): _assign_reviewer,
    ("grant_application", "request_changes"): _request_changes,
    ("grant_application", "approve"): _approve,
    ("grant_application", "accept_award"): _accept_award,
    ("grant_application", "decline_award"): _decline_award,
    ("grant_review", "submit"): _review_submitted,
    ("grant_review", "declare_conflict"): _conflict_declared,
    ("work_post", "publish"): _post_decision("approve"),
    ("work_post", "request_changes"): _post_decision("changes"),
    ("work_post", "reject"): _post_decision("reject"),
    ("work_post", "republish"): _republish,
    ("work_post", "hold"): _rescreen,
    ("training_application", "offer"): _offer,
    ("training_application", "accept"): _accept_offer,
    ("training_application", "decline"): _decline_offer,
    ("training_application", "hire"): _hire,
    ("training_application", "close_post"): _close_post,
    ("record", "application to a post"): _new_application,
    ("record", "eligibility exception"): _exception,
    ("record", "employer registered itself"): _employer_registers_itself,
    ("record", "employer verified"): _employer_decided("verify"),
    ("record", "employer refused"): _employer_decided("refuse"),
}


def _kinds(user: User) -> list[str]:
    return list(db.session.scalars(sa.select(Notice.kind).where(Notice.user_id == user.id).order_by(Notice.id)))


def test_every_row_has_a_step():
    assert set(STEPS) == set(WAITING_WORK)


@pytest.mark.parametrize("pair", list(WAITING_WORK), ids=lambda pair: f"{pair[0]}.{pair[1]}")
def test_the_step_tells_the_person_who_must_act_once_in_their_language(app, people, pair):
    kind, _who = WAITING_WORK[pair]
    with app.app_context():
        world = World(app, people)
        actor, reader = STEPS[pair](world)
        db.session.flush()
        told = db.session.scalars(sa.select(Notice).where(Notice.user_id == reader.id, Notice.kind == kind)).all()
        assert len(told) == 1, f"{pair}: {reader.email} was told {_kinds(reader)}"
        if actor is not None and actor.id != reader.id:
            assert kind not in _kinds(actor), "the one who took the step is not told about it"
        # On their channel (e-mail here), once, in their own language.
        with force_locale(reader.locale):
            subject, text = notify.render(kind, told[0].params or {})
        with force_locale("en"):
            english, _ = notify.render(kind, told[0].params or {})
        assert re.search(f"[{SCRIPTS[reader.locale]}]{{3}}", subject) and subject != english
        messages = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == reader.email,
                                                                     OutboxMessage.subject == subject)).all()
        assert len(messages) == 1 and messages[0].body.startswith(text)
        # Nobody who is a participant is ever sent what is meant for staff or employers.
        kinds = notify.kinds()
        for notice in db.session.scalars(sa.select(Notice)):
            person = db.session.get(User, notice.user_id)
            if person.has_role(Role.PARTICIPANT):
                assert kinds[notice.kind].to_participant, (notice.kind, "sent to a participant")
        db.session.rollback()
