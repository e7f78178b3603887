"""`flask backup` and `flask restore` on the test database (SQLite, or PostgreSQL with TEST_DATABASE_URL): a
whole programme goes out and comes back row for row into a new empty database; a filled target, a changed
copy and a copy from newer code are refused with nothing changed; a backup taken while another connection
writes is one consistent state."""
from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from accounts import services as accounts
from core import backup
from core.extensions import db
from core.models import Role
from tests.conftest import make_app, table_fingerprint
from tests.site_world import build_world

pytestmark = pytest.mark.real_commits  # a backup copies committed rows; the tables are emptied after each test

VERSION = sa.table("alembic_version", sa.column("version_num"))


@pytest.fixture(autouse=True)
def _postgres_tools(app):
    """On PostgreSQL these tests need pg_dump and pg_restore: without them they fail, never skip."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return
        major, _version = backup._pg_server_version(db.engine)
        for tool in ("pg_dump", "pg_restore"):
            try:
                backup._pg_tool(tool, major)
            except backup.BackupError as error:
                pytest.fail(f"TEST_DATABASE_URL is PostgreSQL, so the backup tests need {tool}: {error.message}")


@pytest.fixture
def scratch(app, tmp_path):
    """new() -> an app on a new empty database of the same kind: a new SQLite file, or a new PostgreSQL
    database on the test server, dropped after the test."""
    with app.app_context():
        url = db.engine.url
    apps, databases = [], []

    def new():
        number = len(apps)
        if url.get_backend_name() == "sqlite":
            target = f"sqlite:///{tmp_path / f'scratch{number}.sqlite3'}"
        else:
            name = f"pathways_restore_{os.getpid()}_{number}"
            with _server(url) as server:
                server.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                server.execute(sa.text(f'CREATE DATABASE "{name}"'))
            databases.append(name)
            target = url.set(database=name).render_as_string(hide_password=False)
        scratch_app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=target)
        apps.append(scratch_app)
        return scratch_app

    yield new
    for scratch_app in apps:
        with scratch_app.app_context():
            db.engine.dispose()
    if databases:
        with _server(url) as server:
            for name in databases:
                server.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


class _server:
    """A connection to the PostgreSQL server's maintenance database, outside any transaction."""

    def __init__(self, url: sa.URL):
        self.engine = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def __enter__(self) -> sa.Connection:
        self.connection = self.engine.connect()
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()
        self.engine.dispose()


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def _backup(app, path: Path) -> dict:
    result = _cli(app, "backup", str(path))
    assert result.exit_code == 0, result.output
    return json.loads(backup.manifest_path(path).read_text())


def _every_row(app) -> dict[str, list[tuple]]:
    """Every table of the metadata and alembic_version, each in primary-key order."""
    with app.app_context(), db.engine.connect() as connection:
        rows = {}
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(sa.select(table).order_by(*order))]
        rows["alembic_version"] = sorted(connection.execute(sa.select(VERSION.c.version_num)).all())
        return rows


def _table_names(app) -> set[str]:
    with app.app_context(), db.engine.connect() as connection:
        return set(sa.inspect(connection).get_table_names())


def _set_version(app, revision: str) -> None:
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(VERSION.update().values(version_num=revision))


def _small_world(app) -> None:
    with app.app_context():
        for number in range(3):
            accounts.create_account(Role.STAFF, f"Staff {number}", email=f"staff{number}@backup.example",
                                    password="correct horse battery")


def test_a_whole_programme_comes_back_row_for_row(app, scratch, tmp_path):
    with app.app_context():
        build_world()
    copy = tmp_path / "programme.backup"
    manifest = _backup(app, copy)

    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.manifest_path(copy).stat().st_mode) == 0o600
    with app.app_context():
        url, head = db.engine.url, db.session.scalar(sa.select(VERSION.c.version_num))
    assert manifest["database"] == url.get_backend_name()
    assert manifest["migration_heads"] == [head]
    assert manifest["sha256"] == backup.sha256_of(copy) and manifest["size"] == copy.stat().st_size
    assert manifest["created_at"].endswith("+00:00")
    # What it is, never where the database lives or how to sign in to it.
    assert set(manifest) == {"format", "database", "server_version", "migration_heads", "created_at",
                             "app_version", "file", "size", "sha256"}
    text = backup.manifest_path(copy).read_text()
    for secret in filter(None, [url.password, url.render_as_string(hide_password=False),
                                app.config["SECRET_KEY"]]):
        assert secret not in text

    target = scratch()
    result = _cli(target, "restore", str(copy))
    assert result.exit_code == 0, result.output
    assert "db upgrade" not in result.output  # same head: nothing to upgrade

    source_rows = _every_row(app)
    assert sum(1 for rows in source_rows.values() if rows) >= 30, "the world should fill most tables"
    assert _every_row(target) == source_rows
    assert _table_names(target) == _table_names(app)
    with target.app_context():  # the id sequences came back too: a new row does not collide
        accounts.create_account(Role.STAFF, "After the restore", email="after@backup.example", password="x" * 12)
    assert len(_every_row(target)["users"]) == len(source_rows["users"]) + 1


def test_restore_refuses_a_target_with_rows_and_changes_nothing(app, tmp_path):
    _small_world(app)
    copy = tmp_path / "small.backup"
    _backup(app, copy)
    with app.app_context(), db.engine.connect() as connection:
        before = table_fingerprint(connection)

    result = _cli(app, "restore", str(copy))  # this very database is the target, and it has rows

    assert result.exit_code != 0
    assert "not empty" in result.output and "users" in result.output
    with app.app_context(), db.engine.connect() as connection:
        assert table_fingerprint(connection) == before


def test_restore_goes_into_a_migrated_database_without_rows(app, scratch, tmp_path):
    """The usual slip: `flask db upgrade` ran on the new database before the restore. Its tables are empty,
    so it counts as empty, and the copy replaces them."""
    from flask_migrate import upgrade

    _small_world(app)
    copy = tmp_path / "small.backup"
    _backup(app, copy)
    target = scratch()
    with target.app_context():
        upgrade()

    result = _cli(target, "restore", str(copy))

    assert result.exit_code == 0, result.output
    assert _every_row(target) == _every_row(app)


def test_restore_refuses_a_changed_copy(app, scratch, tmp_path):
    _small_world(app)
    copy = tmp_path / "small.backup"
    _backup(app, copy)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    target = scratch()

    result = _cli(target, "restore", str(copy))

    assert result.exit_code != 0
    assert "SHA-256" in result.output
    assert _table_names(target) == set()


def test_restore_refuses_a_manifest_that_does_not_match_its_copy(app, scratch, tmp_path):
    _small_world(app)
    copy = tmp_path / "small.backup"
    manifest = _backup(app, copy)
    backup.manifest_path(copy).write_text(json.dumps({**manifest, "migration_heads": ["0001"]}))
    target = scratch()

    result = _cli(target, "restore", str(copy))

    assert result.exit_code != 0 and "differs" in result.output
    assert _table_names(target) == set()


def _copy_at(app, scratch, tmp_path, revision: str) -> Path:
    """A copy of the programme whose database (and so manifest) stands at another migration revision."""
    _small_world(app)
    first = tmp_path / "first.backup"
    _backup(app, first)
    middle = scratch()
    assert _cli(middle, "restore", str(first)).exit_code == 0
    _set_version(middle, revision)
    copy = tmp_path / f"at-{revision}.backup"
    assert _backup(middle, copy)["migration_heads"] == [revision]
    return copy


def test_restore_refuses_a_copy_from_newer_code(app, scratch, tmp_path):
    copy = _copy_at(app, scratch, tmp_path, "9999_from_newer_code")
    target = scratch()

    result = _cli(target, "restore", str(copy))

    assert result.exit_code != 0
    assert "9999_from_newer_code" in result.output and "does not know" in result.output
    assert _table_names(target) == set()


def test_restore_takes_a_copy_from_older_code_and_asks_for_an_upgrade(app, scratch, tmp_path):
    from alembic.script import ScriptDirectory
    from flask_migrate import upgrade

    with app.app_context():
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        older = script.get_revision(script.get_current_head()).down_revision
    copy = _copy_at(app, scratch, tmp_path, older)
    migrated = scratch()
    with migrated.app_context():
        upgrade()
    tables = _table_names(migrated)

    refused = _cli(migrated, "restore", str(copy))  # its empty tables are newer than the copy's: some would stay

    assert refused.exit_code != 0 and "new empty database" in refused.output
    assert _table_names(migrated) == tables and _every_row(migrated)["alembic_version"] != [(older,)]

    target = scratch()
    result = _cli(target, "restore", str(copy))

    assert result.exit_code == 0, result.output
    assert "db upgrade" in result.output
    assert _every_row(target)["alembic_version"] == [(older,)]


def test_restore_refuses_clearly_without_a_manifest(app, scratch, tmp_path):
    _small_world(app)
    copy = tmp_path / "small.backup"
    _backup(app, copy)
    backup.manifest_path(copy).unlink()

    result = _cli(scratch(), "restore", str(copy))

    assert result.exit_code != 0 and "manifest" in result.output


def test_backup_never_overwrites_an_earlier_one(app, tmp_path):
    copy = tmp_path / "once.backup"
    _backup(app, copy)
    earlier = copy.read_bytes()

    result = _cli(app, "backup", str(copy))

    assert result.exit_code != 0 and "already exists" in result.output
    assert copy.read_bytes() == earlier


def test_a_backup_taken_while_another_connection_writes_is_one_state(app, scratch, tmp_path):
    """The writer adds a sign-in counter and a cache version in one transaction, again and again: a consistent
    copy has both rows of every pair or neither."""
    with app.app_context():
        build_world()  # pages enough that the copy takes a while
        counters, versions = db.metadata.tables["sign_in_counters"], db.metadata.tables["cache_versions"]
    written, stop, failures = [], threading.Event(), []

    def writer():
        try:
            with app.app_context():
                number = 0
                while not stop.is_set():
                    with db.engine.begin() as connection:
                        connection.execute(counters.insert().values(key=f"writer-{number}"))
                        connection.execute(versions.insert().values(name=f"writer-{number}", version=number))
                    written.append(number)
                    number += 1
        except Exception as error:  # the assertion below reports it
            failures.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20 and thread.is_alive():
            stop.wait(0.01)
        copy = tmp_path / "during.backup"
        _backup(app, copy)
        during = len(written)
        while len(written) < during + 20 and thread.is_alive():
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()
    assert not failures, failures

    if copy.read_bytes().startswith(b"SQLite format 3"):
        with closing(sqlite3.connect(copy)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    target = scratch()
    assert _cli(target, "restore", str(copy)).exit_code == 0
    with target.app_context(), db.engine.connect() as connection:
        keys = set(connection.execute(sa.select(counters.c.key).where(counters.c.key.like("writer-%"))).scalars())
        names = set(connection.execute(sa.select(versions.c.name).where(versions.c.name.like("writer-%")))
                    .scalars())
    assert keys == names
    assert 20 <= len(keys) < len(written)


def _fake_tool(folder: Path, name: str, version: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tool = folder / name
    tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version} (Debian {version}-1)'\n")
    tool.chmod(0o755)
    return tool


def test_the_postgresql_client_matches_the_server_or_is_refused(tmp_path, monkeypatch):
    """The server's own major version from Debian's folders first, else a newer one; an older one, or none, is
    refused with what to install."""
    monkeypatch.setattr(backup, "PG_LIB", tmp_path / "lib")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(backup.BackupError, match="pg_dump was not found.*postgresql-client-16"):
        backup._pg_tool("pg_dump", 16)

    _fake_tool(tmp_path / "bin", "pg_dump", "13.9")
    with pytest.raises(backup.BackupError, match="only pg_dump found is older.*postgresql-client-16"):
        backup._pg_tool("pg_dump", 16)

    matching = _fake_tool(tmp_path / "lib" / "16" / "bin", "pg_dump", "16.4")
    _fake_tool(tmp_path / "lib" / "17" / "bin", "pg_dump", "17.0")
    assert backup._pg_tool("pg_dump", 16) == str(matching)
    assert backup._pg_tool("pg_dump", 17).endswith("/17/bin/pg_dump")
    assert backup._pg_tool("pg_dump", 12) == str(tmp_path / "bin" / "pg_dump")  # 13 on PATH reads a 12 server
    _fake_tool(tmp_path / "bin", "pg_dump", "16.2")
    assert backup._pg_tool("pg_dump", 16) == str(matching)  # the server's own folder before PATH


def test_the_postgresql_password_stays_out_of_the_command_line():
    url = sa.make_url("postgresql+psycopg://pathways:s3cret@db.internal:5433/pathways?sslmode=require")
    assert backup._pg_dbname(url) == "postgresql://pathways@db.internal:5433/pathways?sslmode=require"


def test_a_database_that_cannot_be_reached_is_said_in_one_line(tmp_path):
    closed_port = make_app(tmp_path, SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/pathways")

    result = _cli(closed_port, "backup", str(tmp_path / "x.backup"))

    assert result.exit_code != 0 and "cannot be reached" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.backup").exists()
