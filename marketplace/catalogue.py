"""The public catalogue: browse by enterprise and category, search, sort, a page at a time."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from core import text_search
from core.extensions import db
from core.pagination import count_up_to
from marketplace.models import Enterprise, Product, ProductVariant

PAGE_SIZE = 12
# A product's price is its lowest variant's for sale ("from 320 ฿"), as its card shows.
_PRICE = sa.select(sa.func.min(ProductVariant.price_minor)).where(ProductVariant.product_id == Product.id,
                                                                  ProductVariant.active).scalar_subquery()
SORTS = {"name": (Product.name, Product.id), "price_low": (_PRICE, Product.id),
         "price_high": (_PRICE.desc(), Product.id), "newest": (Product.created_at.desc(), Product.id)}


def search(q: str | None = None, enterprise: str | None = None, category: str | None = None,
           sort: str = "name", page: int = 1) -> tuple[list[Product], int]:
    query = sa.select(Product).join(Enterprise).where(Product.active, Enterprise.active)
    if q and q.strip():
        query = query.where(text_search.matches(Product, q))
    if enterprise:
        query = query.where(Enterprise.slug == enterprise)
    if category:
        query = query.where(Product.category == category)
    total = count_up_to(query, page, PAGE_SIZE)
    rows = db.session.scalars(query.options(selectinload(Product.images)).order_by(*SORTS.get(sort, SORTS["name"]))
                              .limit(PAGE_SIZE).offset(max(page - 1, 0) * PAGE_SIZE)).all()
    return list(rows), total


def enterprises() -> list[Enterprise]:
    return list(db.session.scalars(sa.select(Enterprise).where(Enterprise.active).order_by(Enterprise.name)))
