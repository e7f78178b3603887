"""Shared fixtures: one migrated database per run (SQLite file, or PostgreSQL when TEST_DATABASE_URL is set),
emptied after every test; a test client with CSRF on; helpers to make people and sign them in."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import has_app_context

from accounts import passwords
from accounts import services as accounts
from app import create_app
from core import page_cache
from core.extensions import db
from core.models import Role
from training import listing_cards

PASSWORD = "correct horse battery"
TESTS = Path(__file__).resolve().parent
SLOW_FOLDERS = {"browser", "concurrency", "attack"}  # every test in them is marked slow, and every test with
SLOW_FIXTURES = {"stripe_servers"}  # a fake Stripe in a process of its own

# The cost every deployment hashes passwords at, kept before the quick one below replaces it.
PRODUCTION_HASHER, PRODUCTION_DUMMY_HASH = passwords._hasher, passwords._DUMMY_HASH

if os.environ.get("PATHWAYS_QUICK_PASSWORD_HASHES"):
    # `make test` and `make test-fast`: argon2id at its lowest cost, as hashing at the real one (a fifth of a
    # second each time someone is made or signs in) was most of the suite's time. The tests about the cost itself
    # (the hash's parameters, a wrong name taking as long as a wrong password) ask for `real_password_cost`.
    from argon2 import PasswordHasher

    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    passwords._DUMMY_HASH = passwords._hasher.hash("not a real password, only for timing")


@pytest.fixture
def real_password_cost(monkeypatch):
    """Passwords hashed and checked at the production cost for this test."""
    monkeypatch.setattr(passwords, "_hasher", PRODUCTION_HASHER)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", PRODUCTION_DUMMY_HASH)


def database_url(tmp_dir: Path) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_dir / 'test.sqlite3'}"


def make_app(tmp_dir: Path, **overrides):
    config = {"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": database_url(tmp_dir),
              "SERVER_NAME": None, "QUICK_EXIT_URL": "https://weather.example/",
              # The second step for work accounts is on in tests/accounts/test_two_factor.py and one run of
              # tests/test_route_matrix.py; elsewhere people sign in with their password (or a demo factor).
              "TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS": False,
              "MAIL_SERVER": "",  # e-mail is written to the log (a test that sends to a server of its own sets one)
              # Every test browser comes from 127.0.0.1: the hold limits have a test of their own.
              "SHOP_HOLDS_PER_ADDRESS": 1000, "SHOP_HOLDS_PER_SESSION": 1000}
    config.update(overrides)
    return create_app(config)


def reset_schema(app) -> None:
    """Start from an empty database and build it with the migrations, as production does."""
    from flask_migrate import upgrade

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        else:
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()


# Files whose tests never open the test database (the screening's rules and second opinion, the disclosure
# auditor, the benchmarks, which run on a SQLite file of their own, the catalogues, fonts and the Stripe fake):
# they answer the same on both passes, so the PostgreSQL pass leaves them out (shown as deselected). A test in
# them that asks for the app, and so for the database, still runs on both.
DATABASE_FREE = {"training/test_screening.py", "training/test_screening_normalise.py",
                 "training/test_screening_regressions.py", "training/test_screening_second_opinion.py",
                 "training/test_geo.py", "training/test_matching.py", "impact/test_auditor.py",
                 "impact/test_disclosure.py", "test_benchmarks.py", "test_package_boundaries.py",
                 "core/test_catalogues.py", "core/test_fonts.py", "marketplace/test_stripe_refund_fake.py"}


# Crawls of what the pages say and how (valid HTML, the words used of a participant, Thai shown as words, the quick
# exit on a participant's pages, no DataFrame built) and the translation test over every ad: what they check is the
# same whichever database stored the rows, and every page is still opened on PostgreSQL by the route matrix, the
# statement counts, the hostile-input and the data-audit crawls. Left out of the PostgreSQL pass (shown as
# deselected) with DATABASE_FREE, so that CI's three passes side by side stay under 30 minutes.
SAME_WORDS_ON_BOTH = {"test_valid_html.py", "test_readers_own_wording.py", "test_thai_pages_show_words.py",
                      "accounts/test_shared_devices.py::test_every_page_a_participant_sees_offers_the_quick_exit_and_no_"
                      "page_is_stored", "test_pages_build_no_frames.py",
                      "training/test_content_languages.py::test_every_deceptive_ad_waits_for_staff_when_written_as_"
                      "another_language_of_an_honest_post"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = item.path.relative_to(TESTS).parts[0] if item.path.is_relative_to(TESTS) else ""
        if folder in SLOW_FOLDERS or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    missing = {name for name in DATABASE_FREE if not (TESTS / name).exists()}
    assert not missing, f"DATABASE_FREE names files that are gone: {sorted(missing)}"
    collected = {item.nodeid.removeprefix("tests/").split("[")[0] for item in items}
    gone = {name for name in SAME_WORDS_ON_BOTH if not (TESTS / name.split("::")[0]).exists() or (
        "::" in name and name.split("::")[0] in {c.split("::")[0] for c in collected} and name not in collected)}
    assert not gone, f"SAME_WORDS_ON_BOTH names tests that are gone: {sorted(gone)}"
    if os.environ.get("TEST_DATABASE_URL"):
        def same_on_both(item) -> bool:
            if not item.path.is_relative_to(TESTS):
                return False
            name = item.path.relative_to(TESTS).as_posix()
            if name in SAME_WORDS_ON_BOTH or f"{name}::{item.originalname}" in SAME_WORDS_ON_BOTH:
                return True
            return name in DATABASE_FREE and "app" not in getattr(item, "fixturenames", ())
        left_out = [item for item in items if same_on_both(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not same_on_both(item)]


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    tmp_dir = tmp_path_factory.mktemp("db")
    application = make_app(tmp_dir)
    application.config["TEST_TMP_DIR"] = tmp_dir
    reset_schema(application)
    return application


# Fixtures that bring a second app with its own engine: their tests commit for real.
REAL_COMMIT_FIXTURES = {"stripe_app", "stripe_servers", "probe_app"}


@pytest.fixture(autouse=True)
def _database_per_test(request):
    """Each test runs inside one outer transaction that is rolled back at its end (the Warehouse way): the
    app's commits only release SAVEPOINTs. Tests marked `real_commits` (threads racing on connections of
    their own, a second app with its own engine, tests that build their own rolled-back world) commit for
    real, and the tables are emptied after them."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    page_cache.forget_all()  # kept pages are per worker and keyed by data versions that a rollback reuses
    listing_cards.forget_all()  # so are kept cards
    if request.node.get_closest_marker("real_commits") or REAL_COMMIT_FIXTURES & set(request.fixturenames):
        yield
        _empty_tables(app)
        return
    with RolledBackDatabase(app):
        yield


def _empty_tables(app) -> None:
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(sa.text(f'DELETE FROM "{table}"'))


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 API (moto in server mode, in a thread) on a free loopback port: its address."""
    import socket

    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


class Bucket:
    """A fresh bucket on the S3 server, seen from outside the app (its own client, the app's keys)."""

    def __init__(self, endpoint: str) -> None:
        import boto3

        self.name = f"pathways-{os.urandom(4).hex()}"
        self.endpoint = endpoint
        self.settings = {"UPLOAD_S3_BUCKET": self.name, "UPLOAD_S3_ENDPOINT_URL": endpoint,
                         "UPLOAD_S3_REGION": "us-east-1", "UPLOAD_S3_ACCESS_KEY_ID": "test-key",
                         "UPLOAD_S3_SECRET_ACCESS_KEY": "test-secret"}  # noqa: S105 - the test server's
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                                   aws_access_key_id="test-key", aws_secret_access_key="test-secret")  # noqa: S106
        self.client.create_bucket(Bucket=self.name)

    def keys(self) -> list[str]:
        return [item["Key"] for item in self.client.list_objects_v2(Bucket=self.name).get("Contents", ())]

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def bucket(app, s3_server):
    """The app keeps its uploads in a fresh bucket for this test (as UPLOAD_S3_BUCKET and the endpoint would set
    it), and in its upload folder again after."""
    from core import file_store

    made = Bucket(s3_server)
    before = {key: app.config[key] for key in made.settings}
    app.config.update(made.settings)
    file_store.configure(app)
    yield made
    app.config.update(before)
    file_store.configure(app)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path: str | None = None) -> str:
    # Pages of visitors who are not signed in carry no form but the sign-in's (core.page_cache).
    html = client.get(path or "/").get_data(as_text=True)
    if path is None and 'name="csrf_token"' not in html:
        path = "/sign-in"
        html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client, path: str, data: dict | None = None, **kwargs):
    """POST as a browser would: with the CSRF token the page gave."""
    token = csrf_token(client)
    payload = {"csrf_token": token}
    for key in (data or {}):  # forms with a prefix ("decision-reason") carry their own prefixed token
        if "-" in key and not key.startswith("lines-"):
            payload[key.split("-")[0] + "-csrf_token"] = token
    payload.update(data or {})
    return client.post(path, data=payload, **kwargs)


def post_review(client, path: str, data: dict):
    """A staff decision on a post, as a browser sends it: with the digest of the words the review page showed
    (training.employers.words_digest), read from that page."""
    page = client.get(path).get_data(as_text=True)
    seen = re.search(r'name="seen" type="hidden" value="([^"]*)"', page)
    answering = re.search(r'name="answering" type="hidden" value="([^"]*)"', page)
    return post_form(client, path, {"seen": seen.group(1) if seen else "",
                                    "answering": answering.group(1) if answering else "", **data})


@contextmanager
def unit_of_work(app):
    """Where a test helper does its work: inside the test's own app context when one is open (the same
    transaction, as one request would be), else in a new one that commits when it ends (core.unit_of_work)."""
    if has_app_context():
        yield
        db.session.flush()
    else:
        with app.app_context():
            yield


class People:
    """Makes accounts in the test database."""

    def __init__(self, app):
        self.app = app

    def make(self, role: Role = Role.PARTICIPANT, name: str | None = None, *, email: str | None = None,
             username: str | None = None, password: str | None = PASSWORD, read_notice: bool = True) -> int:
        """A participant has read the privacy notice unless `read_notice=False` (their first sign-in)."""
        from privacy import services as privacy

        with unit_of_work(self.app):
            if not email and not username:
                username = f"{role.value}-{os.urandom(3).hex()}"
            user = accounts.create_account(role, name or role.value.title(), email=email, username=username,
                                           password=password)
            if role == Role.PARTICIPANT and read_notice:
                privacy.accept_notice(user, self.app.config["PRIVACY_NOTICE_VERSION"], share_with_employers=False)
            return user.id

    def login_name(self, user_id: int) -> str:
        from core.models import User

        with unit_of_work(self.app):
            return db.session.get(User, user_id).login_name


@pytest.fixture
def people(app):
    return People(app)


def sign_in(client, login_name: str, password: str = PASSWORD, *, second_step: bool = True):
    """Sign in with the password, and for an account with a second factor (the demo work accounts have one)
    with a code computed from its key, as the person's app would (`second_step=False` stops before it)."""
    response = post_form(client, "/sign-in", {"login_name": login_name, "password": password})
    if second_step and response.status_code == 302 and response.headers["Location"].endswith("/sign-in/code"):
        code = current_code(client.application, login_name)
        response = post_form(client, "/sign-in/code", {"code": code})
    return response


def current_code(app, login_name: str) -> str:
    """A code of the account's app that has not been used yet. Within the one step of drift either way a test
    may sign the same account in three times in 30 seconds; when all three are used, the account's last used
    step is set back to a minute ago, as if the test had waited that long (a test of replays sends its codes
    itself), and now's code is used again, so that no test sleeps for the next step."""
    import time

    import pyotp

    from accounts import two_factor
    from accounts.models import SecondFactor

    with unit_of_work(app):
        user = accounts.find_by_login_name(login_name)
        factor = db.session.get(SecondFactor, user.id)
        db.session.refresh(factor)
        secret = two_factor.unseal(factor.secret_sealed, user.id)
        now = int(time.time()) // two_factor.STEP_SECONDS
        # Now's step first: the step before expires from the window at the next boundary, perhaps before the
        # code reaches the server (a browser journey's first sign-in failed so, once, in CI).
        free = [step for step in (now, now + 1, now - 1) if step > factor.last_step]
        if not free:  # not the step before: at the next boundary it leaves the window (a journey failed so in CI)
            factor.last_step, free = now - 2, [now]
    return pyotp.TOTP(secret).at(free[0] * two_factor.STEP_SECONDS)


@pytest.fixture
def signed_in(app, people):
    """signed_in(Role.STAFF) -> (client, user_id): a fresh client signed in as a new person with that role."""
    def _sign_in(role: Role, **kwargs):
        user_id = people.make(role, **kwargs)
        client = app.test_client()
        response = sign_in(client, people.login_name(user_id))
        assert response.status_code == 302, response.get_data(as_text=True)
        return client, user_id
    return _sign_in


class RolledBackDatabase:
    """Everything done inside runs in one outer transaction that is rolled back at the end; the app's own
    commits only release SAVEPOINTs (the Warehouse way). `savepoint()` marks a state to come back to.

    On SQLite this needs SQLAlchemy's documented pysqlite recipe: the driver's own transaction handling off
    (`isolation_level = None`) and BEGIN emitted when the connection begins, or SAVEPOINTs do not nest."""

    def __init__(self, app):
        self.app = app

    def __enter__(self):
        with self.app.app_context():
            db.session.remove()
            self.engine = db.engine
            self.connection = self.engine.connect()
            if self.connection.dialect.name == "sqlite":
                self.driver = self.connection.connection.driver_connection
                self.driver_isolation = self.driver.isolation_level
                self.driver.isolation_level = None
                sa.event.listen(self.connection, "begin", _emit_begin)
            self.outer = self.connection.begin()
            db.engines[None] = self.connection  # every session of the app now works on this connection
            db.session.configure(join_transaction_mode="create_savepoint")
            # No transaction of its own either (core.unit_of_work.apart): it would see nothing of the outer one.
            self.write_apart = self.app.config["WRITE_APART"]
            self.app.config["WRITE_APART"] = False
        return self

    def savepoint(self):
        return self.connection.begin_nested()

    def __exit__(self, *exc):
        with self.app.app_context():
            db.session.remove()
            db.session.session_factory.kw.pop("join_transaction_mode", None)  # back to SQLAlchemy's default
            db.engines[None] = self.engine
        self.app.config["WRITE_APART"] = self.write_apart
        self.outer.rollback()
        if self.connection.dialect.name == "sqlite":
            sa.event.remove(self.connection, "begin", _emit_begin)
            self.driver.isolation_level = self.driver_isolation
        self.connection.close()
        return False


def _emit_begin(connection):
    connection.exec_driver_sql("BEGIN")


_FINGERPRINT_SQL: dict[tuple, str] = {}


def table_fingerprint(connection, tables: Iterable[str] | None = None) -> dict[str, tuple[int, int | None]]:
    """Row count and highest id of every table (or of `tables`), in one statement (compiled once per database
    kind and set of tables: the crawls take a fingerprint after every request, and building the union of every
    table was most of their time)."""
    dialect = connection.dialect
    wanted = None if tables is None else frozenset(tables)
    if wanted is not None and not wanted:
        return {}
    sql = _FINGERPRINT_SQL.get((dialect.name, wanted))
    if sql is None:
        selects = []
        for table in db.metadata.sorted_tables:
            if wanted is not None and table.name not in wanted:
                continue
            key = list(table.primary_key.columns)
            highest = sa.func.max(key[0]) if len(key) == 1 and isinstance(key[0].type, sa.Integer) else sa.null()
            name = sa.literal(table.name, sa.String)
            selects.append(sa.select(name, sa.func.count(), sa.cast(highest, sa.BigInteger)).select_from(table))
        sql = _FINGERPRINT_SQL[(dialect.name, wanted)] = str(sa.union_all(*selects).compile(
            dialect=dialect, compile_kwargs={"literal_binds": True}))
    return {name: (count, highest) for name, count, highest in connection.exec_driver_sql(sql)}


def _rows_added_or_removed(connection) -> dict[str, int]:
    """Per table, the rows inserted and deleted so far in this transaction, those of rolled-back savepoints
    included (PostgreSQL). SQLite counts only for the whole connection (`total_changes()`, every row inserted,
    changed or deleted), given as the table "*": when it moved, every table is counted again."""
    if connection.dialect.name != "postgresql":
        return {"*": connection.exec_driver_sql("SELECT total_changes()").scalar()}
    return {name: rows for name, rows in connection.exec_driver_sql(
        "SELECT relname, n_tup_ins + n_tup_del FROM pg_stat_xact_user_tables WHERE schemaname = current_schema()")}


class TableWatch:
    """Which tables' row count or highest id differ from the baseline taken when it was made, for crawls that
    send a request in a savepoint, look, and roll it back. On PostgreSQL a table no row was inserted into or
    deleted from since `start()` keeps the count and highest id it had then, so only the tables that moved are
    counted: counting every table took 49 ms a request by the end of the hostile-input crawl (each table full
    of rolled-back rows), half of its 9 minutes. On SQLite a request that changed no row is not counted at all."""

    def __init__(self, connection):
        self.connection = connection
        self.baseline = table_fingerprint(connection)
        self.written = _rows_added_or_removed(connection)

    def start(self) -> None:
        """Call right after the savepoint is taken: the state then is the baseline (everything before it was
        rolled back)."""
        self.written = _rows_added_or_removed(self.connection)

    def changed(self) -> set[str]:
        after = _rows_added_or_removed(self.connection)
        moved = {name for name, rows in after.items() if rows != self.written.get(name, 0)}
        if "*" in moved:
            moved = set(self.baseline)
        now = {**self.baseline, **table_fingerprint(self.connection, moved & set(self.baseline))}
        return {name for name in now if now[name] != self.baseline[name]}


def enrol_second_factor(app, user_id: int) -> str:
    """Turn on an authenticator app for an account, as its set-up page would; returns the app's key."""
    import time

    import pyotp

    from accounts import two_factor
    from core.models import User

    secret = two_factor.new_secret()
    # Enrolled with the code of the step before now (one step of drift is allowed), so that the step now and the
    # next one are still unused: a test can sign in and then prove itself again without waiting 30 seconds.
    for _ in range(2):  # a second try only if a step boundary passed between making the code and checking it
        try:
            with unit_of_work(app):
                earlier = pyotp.TOTP(secret).at(time.time() - two_factor.STEP_SECONDS)
                two_factor.confirm_enrolment(db.session.get(User, user_id), secret, earlier)
            return secret
        except two_factor.TwoFactorError:
            continue
    raise AssertionError("could not enrol a second factor")
