"""The health check, the scheduler wiring and the demo data command."""
import time

import pytest
import sqlalchemy as sa

from core import scheduler, text_search
from core.commands import DEMO_ACCOUNTS, DEMO_PASSWORD
from core.extensions import db
from core.models import User
from tests.conftest import make_app, sign_in


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {
        "status": "ok", "database": "ok", "scheduler": "no leader", "scheduler_here": "off"}


def test_healthz_503_when_the_database_does_not_answer(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/x.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["status"] == "unavailable"


def test_jobs_are_registered_and_web_workers_do_not_start_the_scheduler(tmp_path):
    app = make_app(tmp_path, TESTING=False, SCHEDULER_IN_WEB=False)
    assert "scheduler" not in app.extensions
    assert "core.purge_sign_in_counters" in {job.id for job in scheduler.registered_jobs(app)}


@pytest.mark.real_commits  # a second app, on its own connections
def test_scheduler_in_web_takes_part_when_asked_and_health_says_who_leads(app):
    web = make_app(app.config["TEST_TMP_DIR"], TESTING=False, SCHEDULER_IN_WEB=True,
                   SCHEDULER_LEASE_SECONDS=2, SCHEDULER_RENEW_SECONDS=0.2)
    part = web.extensions["scheduler"]
    try:
        assert part.running
        deadline = time.monotonic() + 30
        while not part.leads and time.monotonic() < deadline:
            time.sleep(0.05)
        assert web.test_client().get("/healthz").get_json() | {"status": "ok"} == {
            "status": "ok", "database": "ok", "scheduler": "led", "scheduler_here": "leader"}
    finally:
        part.stop()
    assert not part.running and not part.leads
    assert web.test_client().get("/healthz").get_json()["scheduler"] == "no leader", "it gave the lease up"


def test_a_job_runs_as_a_plain_call_inside_the_app(app):
    job = next(j for j in scheduler.registered_jobs(app) if j.id == "core.purge_sign_in_counters")
    assert scheduler.run_job(app, job) == 0


def test_seed_demo_is_idempotent_and_makes_one_account_per_role(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["seed-demo"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        rows = db.session.execute(sa.select(User.email, User.role)).all()
    assert sorted(rows) == sorted((email, role.value) for role, email, _n, _l in DEMO_ACCOUNTS)
    for role, email, _name, _locale in DEMO_ACCOUNTS:
        assert sign_in(app.test_client(), email, DEMO_PASSWORD).status_code == 302, role


def test_seed_demo_if_empty_leaves_a_used_database_alone(app, people):
    people.make()
    result = app.test_cli_runner().invoke(args=["seed-demo", "--if-empty"])
    assert "not added" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_the_nightly_job_keeps_sqlite_statistics_for_the_planner(app):
    job = next(j for j in scheduler.registered_jobs(app) if j.id == "core.optimize_database")
    result = scheduler.run_job(app, job)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            assert result == "optimized"
            assert db.session.execute(sa.text("SELECT count(*) FROM sqlite_stat1")).scalar() > 0
        else:
            assert result == "nothing to do"


def test_the_nightly_job_leaves_no_trace_of_a_changed_name_in_the_search_index(app, people):
    person = people.make(name="Zqxwvu Kyaw")
    with app.app_context():
        db.session.execute(sa.update(User).where(User.id == person).values(display_name="Erased"))
        db.session.commit()

    def index_holds_old_name() -> bool:
        with app.app_context():
            blocks = db.session.scalars(sa.text("SELECT block FROM users_search_data")).all()
            return any(b"qxw" in block for block in blocks if isinstance(block, bytes))

    with app.app_context():
        assert db.session.scalars(sa.select(User.id).where(text_search.matches(User, "qxwvu"))).all() == []
        if db.engine.dialect.name != "sqlite":  # PostgreSQL's GIN index is cleaned by its autovacuum
            return
    assert index_holds_old_name(), "the trigram index keeps deleted terms until its segments are merged"
    job = next(j for j in scheduler.registered_jobs(app) if j.id == "core.optimize_database")
    scheduler.run_job(app, job)
    assert not index_holds_old_name()
