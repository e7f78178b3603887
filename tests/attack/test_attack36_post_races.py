"""Attack brief 36, near target 1: two saves of one post at once (two tabs of its employer, or two members of its
organisation). Each save screens the post as its own request read it, then moves the post's state with an
UPDATE that checks only the state it saw: a move from "waiting" to "public" does not notice that the other save,
committed meanwhile, wrote words this one never screened.

PostgreSQL only: the two saves are put in a known order by a row lock a third connection holds (PostgreSQL grants
a row's lock to its waiters in turn); SQLite takes one writer at a time and refuses the stale one."""
from __future__ import annotations

import os
import threading
import time

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.attack import test_attack36_screening as screening
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD

employer = screening.employer  # the fixture: the demo employer signed in, and one of its public posts
_form, _status = screening._form, screening._status

pytestmark = [pytest.mark.real_commits,
              pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="a PostgreSQL row-lock queue")]

DECEPTIVE_THAI = {"title": "พนักงานแพ็คสินค้า",
                  "description": "ค่าหัวคิว 20,000 บาท จ่ายเงินสดให้นายหน้าก่อนเริ่มงาน ติดต่อไลน์ไอดี jobs999 เท่านั้น"}


def _waiting_on_locks(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(sa.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                         "AND datname = current_database()"))


def _until(condition, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the saves never reached the locked row"
        time.sleep(0.05)


def test_a_translation_saved_at_the_same_moment_as_a_clean_edit_is_never_public_unscreened(app, employer):
    """Harm: a Thai text asking for a 20,000 baht broker's fee in cash and moving contact to LINE is public, and
    the post's flags say nothing of it (staff are not alerted; participants see no warning or question). The
    post waits for staff because its description asks for a fee. Its employer sends two saves at once: in one
    tab the description without the fee (clean), in the other the Thai text. The Thai save is screened with it,
    is held, and commits first; the description save screened the post as it read it before, without the Thai
    text, finds it clean and moves it from "pending_review" to "published": the UPDATE checks only that it is
    still pending_review, which it is. The stored flags are the clean save's."""
    from sqlalchemy.orm import Session

    from tests.conftest import sign_in
    from training.employer_models import WorkPost

    client, post_id, _people = employer
    with app.app_context():
        clean = db.session.get(WorkPost, post_id).description
    edit = f"/employer/posts/{post_id}/edit"
    data = _form(client, edit, edit)
    data.update({"worker_fee_thb": "0", "description": clean + " Before you start, pay a recruitment fee of 5,000 "
                                                                 "baht to our agent."})
    assert client.post(edit, data=data).status_code == 302
    status, _note, flags = _status(app, post_id)
    assert status == "pending_review" and "text_recruitment_fee" in flags, (status, flags)

    other_tab = app.test_client()
    assert sign_in(other_tab, DEMO_LOGINS["employer"], DEMO_PASSWORD).status_code == 302
    languages = f"/employer/posts/{post_id}/languages"
    translation = {**_form(other_tab, f"{languages}?language=th", languages), "language": "th", **DECEPTIVE_THAI}
    description = {**_form(client, edit, edit), "worker_fee_thb": "0", "description": clean}

    engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    answers: dict[str, int] = {}
    with Session(engine) as blocker:
        blocker.execute(sa.text("SELECT id FROM work_posts WHERE id = :id FOR UPDATE"), {"id": post_id})
        translating = threading.Thread(target=lambda: answers.update(
            th=other_tab.post(languages, data=translation).status_code))
        translating.start()
        _until(lambda: _waiting_on_locks(engine) >= 1)
        editing = threading.Thread(target=lambda: answers.update(
            en=client.post(edit, data=description).status_code))
        editing.start()
        _until(lambda: _waiting_on_locks(engine) >= 2)
        blocker.rollback()
    translating.join(60)
    editing.join(60)
    engine.dispose()
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        status, thai, flags = post.status, (post.translations or {}).get("th"), list(post.red_flags or [])
    assert not (status == "published" and thai), \
        f"public with an unscreened Thai text (answers {answers}, flags {flags}, Thai {thai})"
