"""Placements and how long they last: retention at 3, 6 and 12 months by course, employer and province, and
the placement export for donor reports.

A placement is a hire (or an apprenticeship started) with its check-ins. "In work at 6 months" counts the
people who answered the 6-month check-in and said they still work there; the share is of those who answered,
and the number not answered is shown beside it, so a silent person is never counted as staying or leaving.
The course of a placement is the course the person finished last before the work started (or the course
the apprenticeship belongs to).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.extensions import db
from core.pagination import Page, paginate
from privacy import access_log
from training.employer_models import EmployerOrganisation, WorkPost
from training.geo import place_name
from training.models import CHECK_IN_MONTHS, Application, Course, PathwayStep, PlacementCheckIn

DIMENSIONS = ("course", "employer", "province")


def _course_of_placement():
    """The placement's course: its own course, else the last course the person finished before starting."""
    finished = aliased(PathwayStep)
    last_finished = (sa.select(finished.course_id).where(
        finished.participant_id == PlacementCheckIn.participant_id, finished.step == "completed",
        finished.course_id.is_not(None), finished.on_date <= PlacementCheckIn.started_on)
        .order_by(finished.on_date.desc(), finished.id.desc()).limit(1).correlate(PlacementCheckIn)
        .scalar_subquery())
    return sa.func.coalesce(Application.course_id, last_finished)


def _placements() -> sa.Select:
    """One row per check-in, with the keys of the three dimensions."""
    return (sa.select(PlacementCheckIn.id, PlacementCheckIn.application_id, PlacementCheckIn.participant_id,
                      PlacementCheckIn.month,
                      PlacementCheckIn.status, PlacementCheckIn.due_on, PlacementCheckIn.still_working,
                      PlacementCheckIn.started_on,
                      _course_of_placement().label("course_id"),
                      WorkPost.organisation_id.label("employer_id"), WorkPost.kind.label("post_kind"),
                      sa.func.coalesce(WorkPost.province_code, Course.province_code).label("province_code"))
            .join(Application, Application.id == PlacementCheckIn.application_id)
            .outerjoin(WorkPost, WorkPost.id == Application.post_id)
            .outerjoin(Course, Course.id == Application.course_id))


@dataclass(frozen=True)
class RetentionRow:
    key: str | int | None
    label: str
    placements: int
    by_month: dict[int, tuple[int, int, int]]  # month -> (due, answered, still working)

    def share(self, month: int) -> float | None:
        _due, answered, working = self.by_month[month]
        return working / answered if answered else None


def retention(dimension: str, today: date, *, number: int | None = None) -> tuple[Page, list[RetentionRow]]:
    """One page of groups (courses, employers or provinces), each with its check-in counts by month, in two
    statements whatever the number of placements."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    base = _placements().subquery()
    key = {"course": base.c.course_id, "employer": base.c.employer_id, "province": base.c.province_code}[dimension]
    columns = [key.label("key"), sa.func.count(sa.distinct(base.c.application_id)).label("placements")]
    for month in CHECK_IN_MONTHS:
        at = base.c.month == month
        columns += [
            sa.func.sum(sa.case((sa.and_(at, base.c.due_on <= today), 1), else_=0)).label(f"due_{month}"),
            sa.func.sum(sa.case((sa.and_(at, base.c.status == "answered"), 1), else_=0)).label(f"answered_{month}"),
            sa.func.sum(sa.case((sa.and_(at, base.c.still_working.is_(True)), 1), else_=0)).label(f"working_{month}"),
        ]
    query = sa.select(*columns).group_by(key).order_by(sa.desc("placements"), key.asc().nulls_last())
    page = paginate(query, size=25, param=f"{dimension}_page", number=number, scalars=False)
    labels = _labels(dimension, [row.key for row in page.rows])
    rows = [RetentionRow(row.key, labels.get(row.key, "—"), row.placements,
                         {m: (int(getattr(row, f"due_{m}") or 0), int(getattr(row, f"answered_{m}") or 0),
                              int(getattr(row, f"working_{m}") or 0)) for m in CHECK_IN_MONTHS})
            for row in page.rows]
    return page, rows


def _labels(dimension: str, keys: list) -> dict:
    known = [k for k in keys if k is not None]
    if dimension == "province":
        return {k: place_name(k) for k in known}
    model, column = (Course, Course.title) if dimension == "course" else (EmployerOrganisation,
                                                                          EmployerOrganisation.name)
    return dict(db.session.execute(sa.select(model.id, column).where(model.id.in_(known))).all()) if known else {}


EXPORT_COLUMNS = ["placement", "kind", "started", "course", "employer", "province",
                  *[f"{m}_months_{what}" for m in CHECK_IN_MONTHS for what in ("check_in", "still_working")],
                  "in_work_at_last_answer"]


def export_rows(chunk: int = 2_000) -> Iterator[list]:
    """One row per placement, no names: start month, course, employer, province, each check-in's state and
    answer, and the latest answer. Read in keyset chunks of placements, so memory stays flat."""
    after = 0
    while True:
        ids = list(db.session.scalars(sa.select(PlacementCheckIn.application_id).where(
            PlacementCheckIn.application_id > after).group_by(PlacementCheckIn.application_id)
            .order_by(PlacementCheckIn.application_id).limit(chunk)))
        if not ids:
            return
        base = _placements().where(PlacementCheckIn.application_id.in_(ids)).subquery()
        rows = db.session.execute(sa.select(base, Course.title, EmployerOrganisation.name)
                                  .outerjoin(Course, Course.id == base.c.course_id)
                                  .outerjoin(EmployerOrganisation, EmployerOrganisation.id == base.c.employer_id)
                                  .order_by(base.c.application_id, base.c.month)).all()
        by_placement: dict[int, list] = {}
        for row in rows:
            by_placement.setdefault(row.application_id, []).append(row)
        # No names, but each row is one person's work history: the read log says whose were in the file.
        access_log.shown({row.participant_id for row in rows})
        for application_id in ids:
            yield _export_row(application_id, by_placement.get(application_id, []))
        after = ids[-1]


def _answer(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _export_row(application_id: int, rows: list) -> list:
    first = rows[0]
    months = {row.month: row for row in rows}
    answered = [row for row in rows if row.status == "answered"]
    cells = [application_id, first.post_kind or "apprenticeship", first.started_on.strftime("%Y-%m"), first.title or "",
             first.name or "", place_name(first.province_code) if first.province_code else ""]
    for month in CHECK_IN_MONTHS:
        row = months.get(month)
        cells += [row.status if row else "", _answer(row.still_working) if row else ""]
    cells.append(_answer(answered[-1].still_working) if answered else "")
    return cells
