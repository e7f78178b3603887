"""Sign-in throttling: per account and per address, kept in the database, never locking out others."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
import time_machine

from core import throttle
from core.db import utcnow
from core.extensions import db
from core.models import LoginFailure, Role
from tests.conftest import PASSWORD, make_app, post_form


def _from(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def _try(client, login_name, password, address):
    return post_form(client, "/sign-in", {"login_name": login_name, "password": password}, **_from(address))


def test_five_failures_a_minute_then_wait_even_with_the_right_password(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    with time_machine.travel(utcnow(), tick=False) as clock:
        client = app.test_client()
        for _ in range(5):
            assert _try(client, name, "not the password", "10.0.0.1").status_code == 200
        blocked = _try(client, name, PASSWORD, "10.0.0.1")
        assert blocked.status_code == 429
        assert "Too many tries" in blocked.get_data(as_text=True)
        blocked_elsewhere = _try(app.test_client(), name, PASSWORD, "10.0.0.99")
        assert blocked_elsewhere.status_code == 429  # the account is throttled from every address
        clock.shift(timedelta(seconds=61))
        assert _try(client, name, PASSWORD, "10.0.0.1").status_code == 302


def test_one_throttled_account_does_not_lock_out_others(app, people):
    victim_name = people.login_name(people.make(Role.STAFF))
    other_name = people.login_name(people.make(Role.STAFF))
    attacker = app.test_client()
    for _ in range(6):
        _try(attacker, victim_name, "guess", "10.0.0.2")
    assert _try(app.test_client(), other_name, PASSWORD, "10.0.0.3").status_code == 302


def test_an_address_trying_many_accounts_is_throttled(app, people):
    names = [people.login_name(people.make(Role.CUSTOMER)) for _ in range(6)]
    client = app.test_client()
    for name in names[:5]:
        _try(client, name, "guess", "10.0.0.4")
    assert _try(client, names[5], PASSWORD, "10.0.0.4").status_code == 429
    assert _try(app.test_client(), names[5], PASSWORD, "10.0.0.5").status_code == 302


@pytest.mark.real_commits  # a second worker with its own engine
def test_throttle_holds_across_workers_sharing_the_database(app, people):
    # Two app objects on one database stand for two gunicorn workers.
    name = people.login_name(people.make(Role.PARTICIPANT))
    other_worker = make_app(app.config["TEST_TMP_DIR"])
    for _ in range(5):
        _try(app.test_client(), name, "guess", "10.0.0.6")
    assert _try(other_worker.test_client(), name, PASSWORD, "10.0.0.7").status_code == 429


def test_success_clears_the_account_failures(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    for _ in range(4):
        _try(app.test_client(), name, "typo", "10.0.0.8")
    assert _try(app.test_client(), name, PASSWORD, "10.0.0.8").status_code == 302
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).where(LoginFailure.key == throttle.account_key(name)))
    assert count == 0


def test_old_failures_are_purged_by_the_scheduled_job(ctx):
    with time_machine.travel(utcnow() - timedelta(minutes=5)):
        throttle.add_failure("account:old")
        db.session.commit()
    throttle.add_failure("account:new")
    db.session.commit()
    assert throttle.purge_old_failures() == 1
    assert db.session.scalars(sa.select(LoginFailure.key)).all() == ["account:new"]
