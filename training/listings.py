"""Public listings: open courses and published posts, searched and filtered, a page at a time."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core import text_search
from core.extensions import db
from training.employer_models import WorkPost, public_posts
from training.models import Course

PAGE_SIZE = 20


@dataclass(frozen=True)
class Listing:
    kind: str
    item: object


def _matching_courses(text: str | None, province: str | None, sector: str | None):
    query = sa.select(sa.literal("course").label("kind"), Course.id.label("id"), Course.title.label("title")) \
        .where(Course.is_open)
    if text:
        query = query.where(text_search.matches(Course, text))
    if province:
        query = query.where(sa.or_(Course.province_code == province, Course.online))
    if sector:
        query = query.where(Course.sector == sector)
    return query


def _matching_posts(kind: str | None, text: str | None, province: str | None, sector: str | None):
    query = sa.select(WorkPost.kind.label("kind"), WorkPost.id.label("id"), WorkPost.title.label("title")) \
        .where(public_posts())
    if kind:
        query = query.where(WorkPost.kind == kind)
    if text:
        query = query.where(text_search.matches(WorkPost, text))
    if province:
        query = query.where(WorkPost.province_code == province)
    if sector:
        query = query.where(WorkPost.sector == sector)
    return query


def search(q: str | None = None, kind: str | None = None, province: str | None = None,
           sector: str | None = None, page: int = 1) -> tuple[list[Listing], int]:
    """Courses first, then posts, each by title: counted, ordered and cut to one page by the database, then
    the page's courses and posts loaded in one statement each (the same statements whatever the page holds)."""
    text = q.strip() if q and q.strip() else None
    parts = []
    if kind in (None, "", "course"):
        parts.append(_matching_courses(text, province, sector))
    if kind in (None, "", "apprenticeship", "job"):
        parts.append(_matching_posts(kind or None, text, province, sector))
    found = sa.union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    total = db.session.scalar(sa.select(sa.func.count()).select_from(found)) or 0
    rows = db.session.execute(
        sa.select(found.c.kind, found.c.id)
        .order_by(sa.case((found.c.kind == "course", 0), else_=1), found.c.title, found.c.id)
        .limit(PAGE_SIZE).offset(max(page - 1, 0) * PAGE_SIZE)).all()
    course_ids = [row.id for row in rows if row.kind == "course"]
    post_ids = [row.id for row in rows if row.kind != "course"]
    courses = {c.id: c for c in db.session.scalars(sa.select(Course).where(Course.id.in_(course_ids)))}
    posts = {p.id: p for p in db.session.scalars(sa.select(WorkPost).where(WorkPost.id.in_(post_ids))
                                                 .options(joinedload(WorkPost.organisation)))}
    return [Listing("course", courses[row.id]) if row.kind == "course" else Listing(row.kind, posts[row.id])
            for row in rows], total


def public_post(post_id: int) -> WorkPost | None:
    post = db.session.get(WorkPost, post_id)
    return post if post is not None and post.is_public else None
