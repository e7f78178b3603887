"""Public listings: open courses and published posts, searched and filtered, a page at a time."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core import pagination, text_search, versioned_cache
from core.extensions import db
from core.pagination import Count, count_up_to
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


LISTINGS_CACHE = "listings"


class Row(NamedTuple):
    kind: str
    id: int


@dataclass(frozen=True)
class ListingIndex:
    """Every listed course and post, in listing order, as columns of NumPy arrays (no pandas on a page)."""

    kind: np.ndarray
    course: np.ndarray  # kind == "course"
    id: np.ndarray
    province_code: np.ndarray
    online: np.ndarray
    sector: np.ndarray


def _build_listing_index() -> ListingIndex:
    """Every listed course and post with what the filters need, in listing order (courses first, then posts,
    each by title, then id). Two column queries; kept in each worker until a course, post or employer changes."""
    courses = db.session.execute(sa.select(sa.literal("course").label("kind"), Course.id, Course.title,
                                           Course.province_code, Course.online, Course.sector).where(Course.is_open))
    posts = db.session.execute(sa.select(WorkPost.kind, WorkPost.id, WorkPost.title, WorkPost.province_code,
                                         sa.literal(False).label("online"), WorkPost.sector).where(public_posts()))
    rows = sorted([*courses, *posts], key=lambda row: (row.kind != "course", row.title, row.id))
    return ListingIndex(kind=np.array([row.kind for row in rows], dtype=object),
                        course=np.array([row.kind == "course" for row in rows], dtype=bool),
                        id=np.array([row.id for row in rows], dtype=np.int64),
                        province_code=np.array([row.province_code for row in rows], dtype=object),
                        online=np.array([bool(row.online) for row in rows], dtype=bool),
                        sector=np.array([row.sector for row in rows], dtype=object))


def _from_index(kind: str | None, province: str | None, sector: str | None, page: int) -> tuple[list[Row], int]:
    index = versioned_cache.cached(LISTINGS_CACHE, _build_listing_index)
    keep = np.ones(len(index.id), dtype=bool)
    if kind:
        keep &= index.kind == kind
    if province:
        keep &= (index.province_code == province) | (index.online & (index.kind == "course"))
    if sector:
        keep &= index.sector == sector
    chosen = np.flatnonzero(keep)
    start = max(page - 1, 0) * PAGE_SIZE
    shown = chosen[start:start + PAGE_SIZE]
    return [Row(kind, id_) for kind, id_ in zip(index.kind[shown].tolist(), index.id[shown].tolist(),
                                                  strict=True)], len(chosen)


def _from_database(text: str, kind: str | None, province: str | None, sector: str | None,
                   page: int) -> tuple[list, int]:
    parts = []
    if kind in (None, "", "course"):
        parts.append(_matching_courses(text, province, sector))
    if kind in (None, "", "apprenticeship", "job"):
        parts.append(_matching_posts(kind or None, text, province, sector))
    found = sa.union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    total = count_up_to(sa.select(found.c.id), page, PAGE_SIZE)
    rows = db.session.execute(
        sa.select(found.c.kind, found.c.id)
        .order_by(sa.case((found.c.kind == "course", 0), else_=1), found.c.title, found.c.id)
        .limit(PAGE_SIZE).offset(max(page - 1, 0) * PAGE_SIZE)).all()
    return list(rows), total


def _searched_in_index(text: str, kind: str | None, province: str | None, sector: str | None,
                       page: int) -> tuple[list[Row], Count]:
    """What _from_database gives for typed words, cut from the cached index: the text index gives the ids
    whose words match (one statement, both kinds at once), the cached index filters and orders them. The
    database neither reads the matching rows nor sorts them, nor evaluates the search twice (once to count)."""
    # One string of ids, as the database joins them: a common word matches thousands of rows, and a result row
    # for each (then a list, and the garbage collector running over them) cost more than the search itself.
    # Ids are positive: a post's comes negated, so that the one string carries both kinds.
    parts = []
    if kind in (None, "course"):
        parts.append(text_search.matching_ids(Course, text))
    if kind in (None, "apprenticeship", "job"):
        posts = text_search.matching_ids(WorkPost, text).subquery()
        parts.append(sa.select((-posts.c.id).label("id")))
    matched = (sa.union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    joined = db.session.scalar(sa.select(sa.func.aggregate_strings(sa.cast(matched.c.id, sa.String), ",")))
    # fromstring parses the joined ids in C: splitting 10,000 of them into strings first took 1.4 ms, not 0.2.
    matched_ids = np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.array([], dtype=np.int64)
    course_ids, post_ids = matched_ids[matched_ids > 0], -matched_ids[matched_ids < 0]
    index = versioned_cache.cached(LISTINGS_CACHE, _build_listing_index)
    keep = np.where(index.course, np.isin(index.id, course_ids), np.isin(index.id, post_ids))
    if kind:
        keep &= index.kind == kind
    if province:
        keep &= (index.province_code == province) | (index.online & index.course)
    if sector:
        keep &= index.sector == sector
    chosen = np.flatnonzero(keep)
    start = max(page - 1, 0) * PAGE_SIZE
    shown = chosen[start:start + PAGE_SIZE]
    # Counted as count_up_to counts what the database finds: "more than 1,000" is all a pager needs.
    limit = max(pagination.COUNT_AT_LEAST, (page + pagination.PAGES_AHEAD) * PAGE_SIZE)
    return [Row(kind, id_) for kind, id_ in zip(index.kind[shown].tolist(), index.id[shown].tolist(),
                                                  strict=True)], Count(min(len(chosen), limit), len(chosen) <= limit)


def listed(q: str | None = None, kind: str | None = None, province: str | None = None,
           sector: str | None = None, page: int = 1) -> tuple[list[Row], int]:
    """Which listings are on the page (kind and id), courses first, then posts, each by title. Without words the
    page is cut from the worker's cached index of listings (one small query to check it is current); words are
    looked for by the database's text index."""
    text = q.strip() if q and q.strip() else None
    if kind not in (None, "", "course", "apprenticeship", "job"):
        return [], 0
    return (_searched_in_index(text, kind or None, province, sector, page) if text
            else _from_index(kind or None, province, sector, page))


def search(q: str | None = None, kind: str | None = None, province: str | None = None,
           sector: str | None = None, page: int = 1) -> tuple[list[Listing], int]:
    """The page's listings as objects: what `listed` gives, its courses and posts loaded, one statement each."""
    rows, total = listed(q, kind, province, sector, page)
    return load(rows), total


def load(rows: list[Row]) -> list[Listing]:
    course_ids = [int(row.id) for row in rows if row.kind == "course"]
    post_ids = [int(row.id) for row in rows if row.kind != "course"]
    courses = {c.id: c for c in db.session.scalars(sa.select(Course).where(Course.id.in_(course_ids)))}
    posts = {p.id: p for p in db.session.scalars(sa.select(WorkPost).where(WorkPost.id.in_(post_ids))
                                                 .options(joinedload(WorkPost.organisation)))}
    return [Listing("course", courses[int(row.id)]) if row.kind == "course" else Listing(row.kind, posts[int(row.id)])
            for row in rows]


def public_post(post_id: int) -> WorkPost | None:
    post = db.session.get(WorkPost, post_id)
    return post if post is not None and post.is_public else None


def reportable_post(post_id: int, user_id: int | None) -> WorkPost | None:
    """A post someone may report: a public one, or one its employer paused or closed (off the listings) that
    this person applied to: what happened to them can still be told (from their pathway), the person it hired
    most of all."""
    post = db.session.get(WorkPost, post_id)
    if post is None or post.is_public:
        return post
    if post.status not in ("paused", "closed") or user_id is None:
        return None
    from training.models import Application  # the pathway's model

    applied = db.session.scalar(sa.select(Application.id).where(Application.post_id == post.id,
                                                                Application.participant_id == user_id).limit(1))
    return post if applied is not None else None
