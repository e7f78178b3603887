"""Migrations build the schema: an empty database upgrades to head, the models match head, and it goes back."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from core.extensions import db
from tests.conftest import make_app


def _diff(app):
    with app.app_context(), db.engine.connect() as conn:
        # The same options as the migrations' own comparison (the search indexes live outside the models).
        opts = {key: value for key, value in app.extensions["migrate"].configure_args.items()
                if key in ("compare_type", "include_name")}
        context = MigrationContext.configure(conn, opts=opts)
        return compare_metadata(context, db.metadata)


def test_empty_database_upgrades_to_head_and_models_match(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/m.db")
    with app.app_context():
        upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
    assert {"users", "audit_entries", "sign_in_counters", "consents", "deletion_requests"} <= tables
    assert _diff(app) == []


@pytest.mark.slow  # every migration down and up again
def test_downgrade_to_base_and_up_again(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/d.db")
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
    assert _diff(app) == []


@pytest.mark.real_commits  # compares the schema through a connection of its own
def test_test_database_is_at_head_and_matches_models(app):
    # The shared test database (SQLite or PostgreSQL) was built by the migrations, not create_all.
    assert _diff(app) == []
    with app.app_context():
        version = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    from alembic.script import ScriptDirectory
    from flask_migrate import Config
    directory = app.extensions["migrate"].directory
    config = Config(f"{directory}/alembic.ini")  # its version_locations list every feature's folder
    config.set_main_option("script_location", directory)
    assert version == ScriptDirectory.from_config(config).get_current_head()


def test_foreign_keys_are_enforced_and_sqlite_uses_wal(ctx):
    import pytest

    from core.models import Consent

    db.session.add(Consent(user_id=987654, purpose="privacy_notice", notice_version="x"))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    if db.engine.dialect.name == "sqlite":
        assert db.session.scalar(sa.text("PRAGMA journal_mode")) == "wal"
