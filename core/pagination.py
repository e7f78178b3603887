"""One page of a list, cut by the database: a count and a LIMIT/OFFSET, two statements whatever the list.

The count stops at COUNT_AT_LEAST rows or ten pages past the one shown, whichever is more: counting a whole
table of 100,000 orders costs more than showing the page, and "more than 1,000" is all a pager needs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import request

from core.extensions import db
from core.numbers import whole_number

DEFAULT_SIZE = 25
MAX_PAGE = 100_000  # a page number past any real list: refused to OFFSET billions of rows
COUNT_AT_LEAST = 1_000
PAGES_AHEAD = 10


class Count(int):
    """A number of rows that may be a floor: `exact` is False when counting stopped ("more than 1,000")."""

    exact: bool

    def __new__(cls, value: int, exact: bool = True) -> Count:
        made = super().__new__(cls, value)
        made.exact = exact
        return made


def _rows_to_count(query: sa.Select) -> sa.Select:
    """A list of one model is counted on its primary key alone: SQLite otherwise reads every column of the
    first 1,001 rows into the subquery it counts (a course's texts: 3-10 ms for the staff's course list, where
    the key alone takes 0.1 ms). The same rows, so the same number: the key is unique, so DISTINCT keeps as many,
    and the statement still names the model, so the seals' criteria (grants.sealing) still apply to it.
    Anything else (several models, columns, an alias, a union) is counted as it is."""
    if not isinstance(query, sa.Select):
        return query
    described = query.column_descriptions
    if len(described) != 1 or described[0]["expr"] is not described[0]["entity"] or described[0]["entity"] is None:
        return query
    key = sa.inspect(described[0]["entity"]).primary_key
    return query.with_only_columns(*key, maintain_column_froms=True) if len(key) == 1 else query


def count_up_to(query: sa.Select, number: int = 1, size: int = DEFAULT_SIZE) -> Count:
    """How many rows `query` has, counting at most enough for the pager around page `number`."""
    limit = max(COUNT_AT_LEAST, (number + PAGES_AHEAD) * size)
    counted = db.session.scalar(sa.select(sa.func.count()).select_from(
        _rows_to_count(query).order_by(None).limit(limit + 1).subquery())) or 0
    return Count(min(counted, limit), exact=counted <= limit)


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    total: Count
    number: int
    size: int
    param: str = "page"

    @property
    def last(self) -> int:
        return max((self.total + self.size - 1) // self.size, 1)


def page_number(param: str = "page") -> int:
    number = whole_number(request.args.get(param, "1")) or 1
    return min(max(number, 1), MAX_PAGE)


def paginate(query: sa.Select, *, size: int = DEFAULT_SIZE, param: str = "page", number: int | None = None,
             scalars: bool = True, counted: sa.Select | None = None) -> Page:
    """`query` must be fully ordered (end with a unique column) so that pages never overlap. `counted`, when
    given, is counted instead: the same rows in a cheaper statement (a list read as columns of one model and of
    what it joins, counted on that model alone)."""
    number = number if number is not None else page_number(param)
    total = count_up_to(query if counted is None else counted, number, size)
    cut = query.limit(size).offset((number - 1) * size)
    rows = list(db.session.scalars(cut) if scalars else db.session.execute(cut))
    return Page(rows, total, number, size, param)
