"""0048 (a post may be paused) up and down with rows: the CHECK takes "paused" after it, not before; the post
search's triggers and the partial index of posts waiting for staff survive SQLite's copy of the table; undone,
a paused post is public again."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from core.extensions import db
from tests.conftest import make_app

pytestmark = pytest.mark.slow  # every migration up to 0047 on a database of its own

NOW = "2026-12-01 10:00:00"
SEARCH = {"work_posts_search_insert", "work_posts_search_update", "work_posts_search_delete"}


def _insert(table: str, row: dict) -> None:
    db.session.execute(sa.text(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})"),
                       row)


def _schema(kind: str) -> set[str]:
    """The names of the table's triggers, or its indexes with how each is made (a partial one's WHERE)."""
    rows = db.session.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = :k AND tbl_name = "
                                      "'work_posts'"), {"k": kind}).all()
    return {name if kind == "trigger" else f"{name}: {' '.join((sql or '').split())}" for name, sql in rows}


def _post(post_id: int, status: str) -> None:
    _insert("work_posts", {
        "id": post_id, "organisation_id": 1, "kind": "job", "title": f"Cook {post_id}", "description": "Cook rice.",
        "isco_code": "5120", "sector": "food", "province_code": "50", "days_mask": 31, "hours_from": 8,
        "hours_to": 17, "overtime_hours_week": 0, "pay_period": "day", "openings": 2, "filled": 0,
        "accommodation_offered": False, "accommodation_conditions": "", "what_you_learn": "", "skills_taught": "[]",
        "skills_required": "[]", "prerequisites": "", "language": "th", "reading_level_needed": "none",
        "childcare_offered": False, "worker_fee_thb": 0, "employer_holds_documents": False,
        "travel_abroad_as_debt": False, "declares_no_fees": True, "declares_keeps_documents": True,
        "declares_free_to_leave": True, "declares_minimum_wage": True, "declares_legal_hours": True,
        "status": status, "red_flags": "[]", "text_flags": "[]", "review_note": "", "approval_reason": "",
        "created_at": NOW, "text_language": "en", "translations": "{}", "translated_text": ""})


def test_post_paused_migration_goes_up_and_down_with_its_rows(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/paused.db")
    with app.app_context():
        upgrade(revision="0047")
        indexes = _schema("index")
        assert any(i.startswith("ix_work_posts_waiting") and "WHERE" in i for i in indexes)
        assert SEARCH <= _schema("trigger")
        _insert("employer_organisations", {"id": 1, "name": "Rice Co", "registration_number": "0105", "address": "",
                                           "province_code": "50", "contact_name": "K", "contact_phone": "053",
                                           "suspension_reason": "", "created_at": NOW})
        _post(1, "published")
        db.session.commit()
        with pytest.raises(sa.exc.IntegrityError):  # before 0048 the database refuses the state
            db.session.execute(sa.text("UPDATE work_posts SET status = 'paused' WHERE id = 1"))
        db.session.rollback()

        upgrade(revision="0048")
        assert _schema("index") == indexes and SEARCH <= _schema("trigger")
        db.session.execute(sa.text("UPDATE work_posts SET status = 'paused' WHERE id = 1"))
        _post(2, "closed")
        db.session.commit()
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.text("UPDATE work_posts SET status = 'sleeping' WHERE id = 1"))
        db.session.rollback()
        from core import text_search
        from training.employer_models import WorkPost
        assert db.session.scalar(sa.select(WorkPost.id).where(text_search.matches(WorkPost, "Cook"))
                                 .order_by(WorkPost.id).limit(1)) == 1  # the search index was built again

        downgrade(revision="0047")
        assert _schema("index") == indexes and SEARCH <= _schema("trigger")
        rows = db.session.execute(sa.text("SELECT id, status FROM work_posts ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "published"), (2, "closed")]
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.text("UPDATE work_posts SET status = 'paused' WHERE id = 1"))
        db.session.rollback()
        upgrade()
