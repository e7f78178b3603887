"""Answers kept between the steps of a participant's long form (core.steps), in the drafts table.

A draft is the person's own words before they send them: only they see it (and their "My information"), it
goes when the form is sent, at the quick exit, when the account is anonymised, and DRAFT_DAYS after it was last
touched (a nightly job). Features reach it through `store(person, form)`.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context
from sqlalchemy.exc import IntegrityError

from accounts.models import Draft
from core.db import utcnow
from core.extensions import changed_rows, db
from core.models import User


class DraftStore:
    """core.steps' store for one person's draft of one form."""

    def __init__(self, person: User, form: str):
        self.person_id = person.id
        self.form = form

    def _row(self) -> Draft | None:
        return db.session.scalar(sa.select(Draft).where(Draft.user_id == self.person_id, Draft.form == self.form,
                                                        Draft.expires_at > utcnow()))

    def get(self) -> dict[str, list[str]] | None:
        row = self._row()
        return dict(row.answers) if row is not None else None

    def put(self, answers: dict[str, list[str]]) -> None:
        expires = utcnow() + timedelta(days=current_app.config["DRAFT_DAYS"])
        values = {"answers": answers, "updated_at": utcnow(), "expires_at": expires}
        where = (Draft.user_id == self.person_id) & (Draft.form == self.form)
        if changed_rows(sa.update(Draft).where(where).values(**values).execution_options(synchronize_session=False)):
            return
        try:  # the first step: a second tab answering at the same moment wrote it first, then update that one
            with db.session.begin_nested():
                db.session.add(Draft(user_id=self.person_id, form=self.form, **values))
        except IntegrityError:
            db.session.execute(sa.update(Draft).where(where).values(**values)
                               .execution_options(synchronize_session=False))

    def clear(self) -> None:
        db.session.execute(sa.delete(Draft).where(Draft.user_id == self.person_id, Draft.form == self.form)
                           .execution_options(synchronize_session=False))


def store(person: User, form: str) -> DraftStore:
    return DraftStore(person, form)


def forget_all(person: User) -> None:
    """At the quick exit and when the account is anonymised: nothing typed stays."""
    db.session.execute(sa.delete(Draft).where(Draft.user_id == person.id).execution_options(synchronize_session=False))


def purge_expired() -> int:
    """Scheduled, nightly: drafts not touched for DRAFT_DAYS go."""
    return changed_rows(sa.delete(Draft).where(Draft.expires_at <= utcnow())
                        .execution_options(synchronize_session=False))


def forms() -> dict:
    """The forms asked in steps, by their draft's name: each feature provides its own (core.hooks)."""
    from core import hooks

    return {code: steps for provided in hooks.collect("draft_forms") for code, steps in provided.items()}


def _in_words(code: str, answers: dict) -> str:
    steps = forms().get(code)
    if steps is not None and has_request_context():  # its form's words (a form needs a request to be built)
        return steps.describe(answers)
    return "; ".join(f"{name}: {', '.join(values)}" for name, values in answers.items() if values)


def rows_of(person: User) -> list[dict]:
    return [{"form": row.form.split(":")[0], "answers": _in_words(row.form.split(":")[0], row.answers),
             "saved": row.updated_at,
             "removed_after": row.expires_at}
            for row in db.session.scalars(sa.select(Draft).where(Draft.user_id == person.id).order_by(Draft.id))]
