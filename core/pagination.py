"""One page of a list, cut by the database: a count and a LIMIT/OFFSET, two statements whatever the list."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import request

from core.extensions import db
from core.numbers import whole_number

DEFAULT_SIZE = 25
MAX_PAGE = 100_000  # a page number past any real list: refused to OFFSET billions of rows


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    total: int
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
             scalars: bool = True) -> Page:
    """`query` must be fully ordered (end with a unique column) so that pages never overlap."""
    number = number if number is not None else page_number(param)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())) or 0
    cut = query.limit(size).offset((number - 1) * size)
    rows = list(db.session.scalars(cut) if scalars else db.session.execute(cut))
    return Page(rows, total, number, size, param)
