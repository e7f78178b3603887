"""0059: on PostgreSQL each searched table gets its stored search document (a generated column, the GIN index on
it); SQLite keeps its FTS5 tables. The migrations before it still build the index on the expression, as they did
when they were written, so a database upgraded from 0058 ends with the schema of one built from nothing (the test
database, built by the migrations at the start of the run), and going back down gives 0058's schema again."""
from __future__ import annotations

import secrets
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from core import text_search
from core.extensions import db
from core.models import Role, User
from tests.conftest import make_app


def _schema() -> dict[str, list[tuple]]:
    """Every table, column (generated ones with their expression), index, constraint and trigger of the current
    app's database, without the order columns were added in (a column dropped and added again comes last)."""
    if db.engine.dialect.name == "sqlite":
        # A table SQLite copied (batch mode) lists its constraints in no fixed order: one item a line, sorted.
        return {"objects": [(kind, name, table, sorted(part.rstrip(", \n)") for part in (sql or "").split("\n\t")))
                            for kind, name, table, sql in db.session.execute(sa.text(
                                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"))]}
    queries = {
        "columns": "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, "
                   "column_default, is_generated, generation_expression FROM information_schema.columns "
                   "WHERE table_schema = 'public' ORDER BY 1, 2",
        "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2",
        "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2",
        "triggers": "SELECT event_object_table, trigger_name, action_statement FROM information_schema.triggers "
                    "ORDER BY 1, 2",
        "storage": "SELECT attrelid::regclass::text, attname, attstorage, attcompression FROM pg_attribute "
                   "WHERE attnum > 0 AND NOT attisdropped AND attrelid IN (SELECT oid FROM pg_class "
                   "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r') ORDER BY 1, 2",
        "extensions": "SELECT extname FROM pg_extension ORDER BY 1",
    }
    return {name: [tuple(row) for row in db.session.execute(sa.text(sql))] for name, sql in queries.items()}


@contextmanager
def _second_database(app, tmp_path):
    """An empty database beside the test database, of the same kind, for a second app; dropped after."""
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path}/upgraded.db"
        return
    name = f"{url.database}_upgraded_{secrets.token_hex(4)}"
    server = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with server.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def _found(text: str) -> set[int]:
    return set(db.session.scalars(sa.select(User.id).where(text_search.matches(User, text))))


@pytest.mark.slow  # every migration, on a database of its own
def test_upgraded_from_0058_the_schema_is_the_one_built_from_nothing_and_goes_back(app, tmp_path):
    with app.app_context():
        built_from_nothing = _schema()
        db.session.remove()
    with _second_database(app, tmp_path) as url:
        other = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=url)
        with other.app_context():
            postgresql = db.engine.dialect.name == "postgresql"
            upgrade(revision="0058")
            at_0058 = _schema()
            if postgresql:  # what a database at 0058 has: the GIN index on the expression, nothing stored
                assert not [c for c in at_0058["columns"] if c[1] == text_search.DOCUMENT_COLUMN]
                indexes = {name: definition for _table, name, definition in at_0058["indexes"]}
                for searchable in text_search.SEARCHABLE.values():
                    assert "gin (lower(" in indexes[searchable.gin_index], indexes[searchable.gin_index]
            db.session.add(User(username="malee", display_name="Malee Srisuk", role=Role.PARTICIPANT.value,
                                email="Malee@Example.org"))
            db.session.commit()

            upgrade()
            assert _schema() == built_from_nothing
            assert _found("SRISUK") == _found("malee@example") != set(), "the rows already there are found"
            if postgresql:
                stored = db.session.scalar(sa.text("SELECT search_document FROM users WHERE username = 'malee'"))
                assert stored == "malee srisuk\x1fmalee\x1fmalee@example.org"  # columns apart since 0060
                # Statistics from the start: the planner tells a common word from a rare one before autovacuum.
                assert db.session.scalar(sa.text("SELECT count(*) FROM pg_stats WHERE tablename = 'users' "
                                                 "AND attname = 'search_document'")) == 1
            db.session.commit()

            downgrade(revision="0059")  # 0059's document again: the columns joined by spaces
            if postgresql:
                stored = db.session.scalar(sa.text("SELECT search_document FROM users WHERE username = 'malee'"))
                assert stored == "malee srisuk malee malee@example.org"
            db.session.commit()
            downgrade(revision="0058")
            assert _schema() == at_0058
            upgrade()
            assert _schema() == built_from_nothing
            assert _found("srisuk") != set()
            db.session.remove()
            db.engine.dispose()  # no pooled connection may keep the database from being dropped
