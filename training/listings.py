"""Public listings: open courses and published posts, searched and filtered, a page at a time."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from core.extensions import db
from training.employer_models import WorkPost, public_posts
from training.models import Course

PAGE_SIZE = 20


@dataclass(frozen=True)
class Listing:
    kind: str
    item: object


def search(q: str | None = None, kind: str | None = None, province: str | None = None,
           sector: str | None = None, page: int = 1) -> tuple[list[Listing], int]:
    found: list[Listing] = []
    pattern = f"%{q.strip().lower()}%" if q and q.strip() else None
    if kind in (None, "", "course"):
        query = sa.select(Course).where(Course.is_open)
        if pattern:
            query = query.where(sa.or_(sa.func.lower(Course.title).like(pattern),
                                       sa.func.lower(Course.description).like(pattern),
                                       sa.func.lower(Course.provider).like(pattern)))
        if province:
            query = query.where(sa.or_(Course.province_code == province, Course.online))
        if sector:
            query = query.where(Course.sector == sector)
        found += [Listing("course", c) for c in db.session.scalars(query.order_by(Course.title, Course.id))]
    if kind in (None, "", "apprenticeship", "job"):
        query = sa.select(WorkPost).where(public_posts())
        if kind:
            query = query.where(WorkPost.kind == kind)
        if pattern:
            query = query.where(sa.or_(sa.func.lower(WorkPost.title).like(pattern),
                                       sa.func.lower(WorkPost.description).like(pattern)))
        if province:
            query = query.where(WorkPost.province_code == province)
        if sector:
            query = query.where(WorkPost.sector == sector)
        found += [Listing(p.kind, p) for p in db.session.scalars(query.order_by(WorkPost.title, WorkPost.id))]
    start = max(page - 1, 0) * PAGE_SIZE
    return found[start:start + PAGE_SIZE], len(found)


def public_post(post_id: int) -> WorkPost | None:
    post = db.session.get(WorkPost, post_id)
    return post if post is not None and post.is_public else None
