"""Two workers moving the same record at once: for every life cycle, the one that decided from a state the
record has since left is refused, writes nothing and sees the state the other left. Proved on a stored record
of each life cycle's model (from a whole world), and with real threads for the award answers, where a lost
race used to both accept and decline, or end in a database error."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, User
from core.refusal import Refusal
from core.states import lifecycles
from grants import awards
from grants.models import GrantApplication, GrantRound
from marketplace.models import Order, Refund
from tests.site_world import build_world
from tests.test_lifecycles import MODELS

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # each worker has its own session and connection


def _world_with_every_model(app) -> None:
    with app.app_context():
        build_world()
        paid = db.session.scalar(sa.select(Order).where(Order.status == "paid"))
        db.session.add(Refund(order_id=paid.id, amount_minor=100, idempotency_key="race-refund"))
        db.session.commit()


def _movable(model, lifecycle):
    """A stored record in a state some event leaves, and that event."""
    for record in db.session.scalars(sa.select(model).order_by(*model.__mapper__.primary_key)):
        events = sorted(event for state, event in lifecycle.table if state.value == record.status)
        if events:
            return record, events
    return None, []


def test_a_worker_deciding_from_an_old_state_is_refused_in_every_life_cycle(app):
    _world_with_every_model(app)
    raced = []
    for name, model in MODELS.items():
        lifecycle = lifecycles()[name]
        with app.app_context():  # worker A reads the record...
            slow, events = _movable(model, lifecycle)
            assert slow is not None, f"the world has no {name} that can move"
            seen = slow.status
            with app.app_context():  # ...worker B moves it and commits first
                fast = db.session.get(model, sa.inspect(slow).identity)
                lifecycle.apply(fast, events[0])
                db.session.commit()
            audit_rows = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
            with pytest.raises(Refusal):  # what A decided from the state it saw: another step, or the same
                lifecycle.apply(slow, events[-1])
            assert slow.status == lifecycle.table[(lifecycle.states(seen), events[0])].value, name
            db.session.flush()
            assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == audit_rows, name
            db.session.rollback()
        raced.append(name)
    assert sorted(raced) == sorted(lifecycles())


@pytest.mark.parametrize("answers", [("accept", "decline"), ("accept", "accept"), ("decline", "decline")])
def test_two_answers_to_an_award_at_the_same_moment_one_counts(app, answers):
    _world_with_every_model(app)
    with app.app_context():
        award = db.session.scalar(sa.select(GrantApplication).where(GrantApplication.status == "approved"))
        award_id, person_id, round_id = award.id, award.participant_id, award.round_id
        amount, committed = award.amount_awarded_thb, award.round.committed_thb
    results: list[str] = []
    barrier = threading.Barrier(len(answers))

    def answer(how: str) -> None:
        with app.app_context():
            application = db.session.get(GrantApplication, award_id)
            person = db.session.get(User, person_id)
            application.round  # noqa: B018 - loaded before the race, as a request would have it
            barrier.wait()
            try:
                getattr(awards, how)(application, person)
                db.session.commit()
                results.append(how)
            except Refusal:
                db.session.rollback()
                results.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=answer, args=(how,)) for how in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) in (sorted([answers[0], "refused"]), sorted([answers[1], "refused"])), results
    [won] = [r for r in results if r != "refused"]
    with app.app_context():
        award = db.session.get(GrantApplication, award_id)
        assert award.status == {"accept": "accepted", "decline": "award_declined"}[won]
        returned = amount if won == "decline" else 0
        assert db.session.get(GrantRound, round_id).committed_thb == committed - returned
        answers_written = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
            AuditEntry.action.in_(["grant_application.accept_award", "grant_application.decline_award"]),
            AuditEntry.record_id == str(award_id)))
        assert answers_written == 1
