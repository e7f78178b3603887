"""Choosing what is sold: a product's options (weight, grind; size, colour) and the variant each combination of
their values is. Names are shown in the reader's language, like every product text."""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.content_languages import shown
from core.extensions import db
from core.numbers import record_id
from marketplace.cart import ShopError
from marketplace.models import Product, ProductVariant


def combination_key(value_ids) -> str:
    """The variant's values as one text, the same whatever order they come in ("" for none)."""
    return "-".join(str(v) for v in sorted(int(v) for v in value_ids))


def values_label(variant: ProductVariant, language: str | None = None) -> str:
    """"500 g, Ground for filter" in the reader's language ("" for a product without options)."""
    order = {option.id: n for n, option in enumerate(variant.product.options)}
    values = sorted(variant.values, key=lambda value: order.get(value.option_id, 0))
    return ", ".join(shown(value, "name", language).text for value in values)


def label(variant: ProductVariant, language: str | None = None) -> str:
    """The product's name and the variant's values: what a line of an order or a stock warning says."""
    name = shown(variant.product, "name", language).text
    values = values_label(variant, language)
    return f"{name} — {values}" if values else name


def line_name(variant: ProductVariant) -> str:
    """The name an order line keeps, in the shop's own words (the texts as first written)."""
    values = ", ".join(value.name for value in sorted(variant.values, key=lambda v: v.option_id))
    return (f"{variant.product.name} — {values}" if values else variant.product.name)[:160]


def choose(product: Product, chosen: dict[int, object]) -> ProductVariant:
    """The variant of `chosen` ({option id: value id, as sent}); a clear refusal for a missing choice or a
    combination that is not sold. A product without options has its one variant."""
    value_ids = []
    for option in product.options:
        wanted = record_id(chosen.get(option.id))
        if wanted not in {value.id for value in option.values}:
            raise ShopError(_l("Choose the %(option)s.", option=shown(option, "name").text), f"option_{option.id}")
        value_ids.append(wanted)
    key = combination_key(value_ids)
    variant = next((v for v in product.variants if v.combination == key), None)
    if variant is None or not variant.active:
        raise ShopError(_l("This combination is not sold. Please choose another."))
    return variant


def stock_label(stock: int | None) -> str:
    if stock is None:
        return str(_l("Made to order"))
    return str(_l("Sold out")) if stock == 0 else str(_l("%(n)d in stock", n=stock))


def page_data(product: Product, money: Callable[[int], str]) -> list[dict]:
    """What the product page's script needs to show a chosen variant at once: its values, price (written by
    `money`, as the page writes it) and stock."""
    return [{"values": sorted(value.id for value in v.values), "price": money(v.price_minor),
             "stock": stock_label(v.stock), "available": v.stock != 0} for v in product.for_sale]


def chosen_from(form_data, product: Product) -> dict[int, object]:
    """The values chosen on the product page's form (`option_<id>` fields)."""
    return {option.id: form_data.get(f"option_{option.id}") for option in product.options}


def variants_of(variant_ids) -> dict[int, ProductVariant]:
    ids = [i for i in variant_ids if i]
    return {v.id: v for v in db.session.scalars(sa.select(ProductVariant).where(ProductVariant.id.in_(ids)))}
