"""Every life cycle the app registers, walked pair by pair: each (state, event) either moves the record to the
state its table names (and writes an audit row) or is refused and changes nothing. The database backs the
states with CHECK constraints built from the same enums, and the "only one open" rules with unique indexes."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from accounts.models import ContactProposal
from core.extensions import db
from core.refusal import Refusal
from core.states import lifecycles
from grants.models import FollowUpVisit, GrantApplication, ReviewAssignment
from marketplace.models import Order, OrderLine, Refund
from marketplace.subscription_models import Subscription
from marketplace.wholesale_models import BusinessCustomer
from privacy.models import DeletionRequest
from training.employer_models import WorkPost
from training.models import Application, PlacementCheckIn

# The model each life cycle governs; a model with a `status` column must be here or in NOT_YET.
MODELS = {"deletion_request": DeletionRequest, "contact_proposal": ContactProposal,
          "training_application": Application, "placement_check_in": PlacementCheckIn,
          "grant_application": GrantApplication, "follow_up_visit": FollowUpVisit, "refund": Refund,
          "grant_review": ReviewAssignment, "work_post": WorkPost,
          "order": Order, "order_line": OrderLine, "business_customer": BusinessCustomer,
          "subscription": Subscription}
NOT_YET = {  # records whose states are still checked by hand; each has an issue that moves it to a table
    "outbox_messages": "internal delivery state, set only by core.outbox",
}


def test_every_record_with_a_status_has_a_life_cycle(app):
    with_status = {table.name for table in db.metadata.sorted_tables if "status" in table.c}
    governed = {model.__tablename__ for model in MODELS.values()}
    assert with_status - governed - set(NOT_YET) == set()
    assert set(lifecycles()) == set(MODELS)


def test_every_state_and_event_pair_moves_or_is_refused(ctx, capsys):
    walked = 0
    for name, lifecycle in lifecycles().items():
        for state in lifecycle.states:
            for event in lifecycle.events:
                record = SimpleNamespace(status=state.value, id=None)
                expected = lifecycle.table.get((state, event))
                if expected is None:
                    with pytest.raises(Refusal):
                        lifecycle.apply(record, event)
                    assert record.status == state.value, (name, state, event)
                else:
                    assert lifecycle.apply(record, event) == expected
                    assert record.status == expected.value, (name, state, event)
                walked += 1
        with pytest.raises(Refusal):
            lifecycle.apply(SimpleNamespace(status="nonsense", id=None), lifecycle.events[0])
    with capsys.disabled():
        print(f"\nlife cycles: {len(lifecycles())}, (state, event) pairs walked: {walked}")
    assert walked > 60


def test_a_transition_writes_its_audit_row(ctx):
    from core.models import AuditEntry

    lifecycle = lifecycles()["deletion_request"]
    lifecycle.apply(SimpleNamespace(status="pending", id=7), "confirm", action="privacy.deletion_confirmed")
    entry = db.session.scalar(sa.select(AuditEntry))
    assert (entry.action, entry.record_type, entry.record_id) == ("privacy.deletion_confirmed", "deletion_request",
                                                                  "7")


def test_the_database_check_allows_exactly_the_enum(app):
    for name, model in MODELS.items():
        checks = [c for c in model.__table__.constraints if isinstance(c, sa.CheckConstraint)
                  and c.name and c.name.endswith("status_known") and not c.name.endswith("business_status_known")]
        [check] = checks
        allowed = set(re.findall(r"'([a-z_]+)'", str(check.sqltext)))
        assert allowed == {s.value for s in lifecycles()[name].states}, name


def test_only_one_open_application_per_person_and_course(app, training, people):
    from training.models import ApplicationState

    course_id = training.course()
    participant_id = people.make()
    with app.app_context():
        db.session.add(Application(participant_id=participant_id, course_id=course_id, created_by_id=participant_id))
        db.session.flush()
        db.session.add(Application(participant_id=participant_id, course_id=course_id, created_by_id=participant_id,
                                   status=ApplicationState.WITHDRAWN))  # a closed one may repeat
        db.session.flush()
        with pytest.raises(sa.exc.IntegrityError):
            db.session.add(Application(participant_id=participant_id, course_id=course_id,
                                       created_by_id=participant_id))
            db.session.flush()
        db.session.rollback()


@pytest.fixture
def training(app):
    from tests.training.conftest import Training
    return Training(app)
