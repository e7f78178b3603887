"""Managers shape what a product is sold as: its options and their values, and the variants (each combination
that is sold) with their price, weight, SKU and stock. Stock changes only through the ledger (marketplace.stock).
Each function flushes and writes its audit entry; the request commits."""
from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit
from core.content_languages import search_text, translate
from core.extensions import db
from core.models import User
from core.unit_of_work import savepoint
from marketplace import stock
from marketplace.cart import ShopError
from marketplace.models import OptionValue, Product, ProductOption, ProductVariant, VariantValue
from marketplace.variants import combination_key

MAX_OPTIONS = 3  # weight × grind × roast is already 27 variants
MAX_VALUES = 20
MAX_VARIANTS = 100


def _name(text: str, field: str = "name") -> str:
    name = " ".join((text or "").split())
    if not name:
        raise ShopError(_l("Give a name."), field)
    if len(name) > 60:
        raise ShopError(_l("At most %(n)d characters.", n=60), field)
    return name


def _values(text: str) -> list[str]:
    """"250 g, 500 g, 1 kg" → the names, each once, in the order written."""
    names: list[str] = []
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if name and name not in names:
            names.append(_name(name, "values"))
    if not names:
        raise ShopError(_l("Give at least one value, separated by commas."), "values")
    if len(names) > MAX_VALUES:
        raise ShopError(_l("At most %(n)d values for one option.", n=MAX_VALUES), "values")
    return names


def _lock(product: Product) -> None:
    """One change of a product's options and variants at a time (two managers, a double click): a no-op UPDATE
    locks the product's row until the request commits, and what was read of its options before is read again.
    Its variants' rows are locked first, in id order as a checkout locks them, before anything is written: a
    removal that wrote first (the product's row, the cache versions) and then waited for a checkout's variant
    deadlocked with it on PostgreSQL."""
    db.session.execute(sa.select(ProductVariant.id).where(ProductVariant.product_id == product.id)
                       .order_by(ProductVariant.id).with_for_update())
    db.session.execute(sa.update(Product).where(Product.id == product.id)
                       .values(options_text=Product.options_text).execution_options(synchronize_session=False))
    db.session.expire(product, ["options", "variants"])
    for option in product.options:
        db.session.expire(option, ["values"])


def add_option(manager: User, product: Product, name: str, values_text: str) -> ProductOption:
    """A new option with its values. The variants already there take its first value, so each still is one
    combination (a product without options becomes "first value" of it)."""
    name, names = _name(name), _values(values_text)
    _lock(product)
    if len(product.options) >= MAX_OPTIONS:
        raise ShopError(_l("A product has at most %(n)d options.", n=MAX_OPTIONS), "name")
    if any(option.name.casefold() == name.casefold() for option in product.options):
        raise ShopError(_l("This product already has an option with this name."), "name")
    option = ProductOption(product_id=product.id, name=name, position=len(product.options),
                           text_language=product.text_language)
    option.values = [OptionValue(name=text, position=n, text_language=product.text_language)
                     for n, text in enumerate(names)]
    try:
        with savepoint():  # the unique index backs the check above
            db.session.add(option)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise ShopError(_l("This product already has an option with this name."), "name") from None
    first = option.values[0]
    for variant in product.variants:
        db.session.add(VariantValue(variant_id=variant.id, option_id=option.id, value_id=first.id))
        variant.combination = combination_key([*(v.id for v in variant.values), first.id])
    db.session.flush()
    for variant in product.variants:
        db.session.expire(variant, ["values"])
    _after_change(product)
    audit.record("product.option_add", "product", product.id, actor=manager, detail={"option": option.id})
    return option


def add_value(manager: User, option: ProductOption, name: str) -> OptionValue:
    name = _name(name)
    _lock(option.product)
    if len(option.values) >= MAX_VALUES:
        raise ShopError(_l("At most %(n)d values for one option.", n=MAX_VALUES), "name")
    if any(value.name.casefold() == name.casefold() for value in option.values):
        raise ShopError(_l("This option already has this value."), "name")
    value = OptionValue(option_id=option.id, name=name, position=len(option.values),
                        text_language=option.text_language)
    db.session.add(value)
    db.session.flush()
    db.session.expire(option, ["values"])
    _after_change(option.product)
    audit.record("product.option_value_add", "product", option.product_id, actor=manager, detail={"value": value.id})
    return value


def translate_name(manager: User, record: ProductOption | OptionValue, language: str, texts: dict) -> None:
    """An option's or a value's name in one more language (or one removed), searchable like product texts."""
    translate(manager, record, language, texts,
              "product_option" if isinstance(record, ProductOption) else "option_value")
    product = record.product if isinstance(record, ProductOption) else record.option.product
    _after_change(product)


def _sku(text: str | None) -> str | None:
    sku = (text or "").strip()
    if len(sku) > 60:
        raise ShopError(_l("At most %(n)d characters.", n=60), "sku")
    return sku or None


def _check_sku_free(sku: str | None, variant_id: int | None) -> None:
    if sku is None:
        return
    other = db.session.scalar(sa.select(ProductVariant.id).where(ProductVariant.sku == sku))
    if other is not None and other != variant_id:
        raise ShopError(_l("Another product already has this SKU."), "sku")


def add_variant(manager: User, product: Product, chosen: Mapping[int, int | None], values: dict) -> ProductVariant:
    """A new combination for sale. `values`: price_minor, weight_grams, sku, low_stock_at, made_to_order and
    `counted` (its first stock)."""
    _lock(product)
    if not product.options:
        raise ShopError(_l("Add an option first (for example weight or size)."))
    if len(product.variants) >= MAX_VARIANTS:
        raise ShopError(_l("A product has at most %(n)d variants.", n=MAX_VARIANTS))
    value_ids: list[int] = []
    for option in product.options:
        wanted = chosen.get(option.id)
        if wanted is None or wanted not in {value.id for value in option.values}:
            raise ShopError(_l("Choose a value for every option."), f"option_{option.id}")
        value_ids.append(wanted)
    if not values["made_to_order"] and values.get("counted") is None:
        raise ShopError(_l("Give the number in stock, or tick made to order."), "counted")
    sku = _sku(values.get("sku"))
    _check_sku_free(sku, None)
    key = combination_key(value_ids)
    variant = ProductVariant(product_id=product.id, combination=key, sku=sku, price_minor=values["price_minor"],
                             weight_grams=values["weight_grams"], low_stock_at=values["low_stock_at"],
                             position=len(product.variants))
    try:
        with savepoint():  # the unique index decides between two managers adding the same combination at once
            db.session.add(variant)
            db.session.flush()
    except sa.exc.IntegrityError:
        _check_sku_free(sku, None)  # taken at the same moment by another product's variant
        raise ShopError(_l("This combination is already for sale. Change that variant instead.")) from None
    by_value = {value.id: option.id for option in product.options for value in option.values}
    db.session.add_all(VariantValue(variant_id=variant.id, option_id=by_value[v], value_id=v) for v in value_ids)
    db.session.flush()
    db.session.expire(product, ["variants"])
    db.session.expire(variant, ["values"])
    stock.set_count(variant, manager, None if values["made_to_order"] else values["counted"], "new variant")
    _after_change(product)
    audit.record("product.variant_add", "product", product.id, actor=manager, detail={"variant": variant.id})
    return variant


def save_variant(manager: User, variant: ProductVariant, values: dict) -> None:
    """Price, weight, SKU, low-stock mark, for sale; and the stock as the product form changes it: a new count
    against the figure shown (`counted`, `shown`), or made to order ticked or unticked."""
    sku = _sku(values.get("sku")) if "sku" in values else variant.sku
    _check_sku_free(sku, variant.id)
    variant.price_minor, variant.weight_grams = values["price_minor"], values["weight_grams"]
    variant.low_stock_at, variant.sku = values["low_stock_at"], sku
    variant.active = values.get("active", variant.active)
    if not variant.active and not any(v.active for v in variant.product.variants if v is not variant):
        raise ShopError(_l("At least one variant stays for sale: take the whole product off sale instead."),
                        "active")
    try:
        with savepoint():
            db.session.flush()
    except sa.exc.IntegrityError:  # the SKU taken at the same moment by another variant
        raise ShopError(_l("Another product already has this SKU."), "sku") from None
    shown = values.get("shown")
    if values["made_to_order"]:
        if shown is not None:
            stock.make_to_order(variant)
    elif values.get("counted") is not None:
        stock.recount(variant, manager, values["counted"], shown, "set in the product form")
    elif shown is None:
        raise ShopError(_l("Give the number in stock, or tick made to order."), "counted")
    _after_change(variant.product)
    audit.record("product.variant_save", "product", variant.product_id, actor=manager,
                 detail={"variant": variant.id, "counted": values.get("counted")})


def _after_change(product: Product) -> None:
    """The product's search text gains its options' and values' names in every language, and its SKUs."""
    db.session.flush()
    db.session.expire(product, ["options", "variants"])
    words: list[str] = []
    for option in product.options:
        records: list[ProductOption | OptionValue] = [option, *option.values]
        for record in records:
            words.append(record.name)
            words.extend(text for texts in (record.translations or {}).values() for text in texts.values())
    words.extend(v.sku for v in product.variants if v.sku)
    product.options_text = "\n".join(dict.fromkeys(words))
    db.session.flush()


# --- renaming and removing ----------------------------------------------------------------------------------

def rename_option(manager: User, option: ProductOption, name: str) -> bool:
    """A new name for an option; what was sold keeps the name it was sold under (order lines are frozen).
    True when the name changed (and its other languages were forgotten)."""
    name = _name(name)
    _lock(option.product)
    if any(other.id != option.id and other.name.casefold() == name.casefold() for other in option.product.options):
        raise ShopError(_l("This product already has an option with this name."), "name")
    changed = name != option.name
    if changed:
        _forget_other_languages(option)
    option.name = name
    try:
        with savepoint():
            db.session.flush()
    except sa.exc.IntegrityError:
        raise ShopError(_l("This product already has an option with this name."), "name") from None
    _after_change(option.product)
    audit.record("product.option_rename", "product", option.product_id, actor=manager, detail={"option": option.id})
    return changed


def rename_value(manager: User, value: OptionValue, name: str) -> bool:
    name = _name(name)
    _lock(value.option.product)
    if any(other.id != value.id and other.name.casefold() == name.casefold() for other in value.option.values):
        raise ShopError(_l("This option already has this value."), "name")
    changed = name != value.name
    if changed:
        _forget_other_languages(value)
    value.name = name
    db.session.flush()
    _after_change(value.option.product)
    audit.record("product.option_value_rename", "product", value.option.product_id, actor=manager,
                 detail={"value": value.id})
    return changed


def _forget_other_languages(record: ProductOption | OptionValue) -> None:
    """A renamed option or value is another thing ("250 g" renamed "500 g"): its names in other languages named
    the old one, and a buyer reading Thai would be offered "250 กรัม" at the 500 g price. They are written
    again ("Other languages")."""
    record.translations = {}
    record.translated_text = search_text({})


def _sold(variant_ids: list[int]) -> bool:
    from marketplace.models import OrderLine

    return bool(variant_ids) and db.session.scalar(
        sa.select(sa.exists().where(OrderLine.variant_id.in_(variant_ids)))) or False


def _subscribed(variant_ids: list[int]) -> bool:
    """A subscription Stripe may still charge (or its customer still on Stripe's page) names one of them: its
    variant gone, every invoice would be paid for nothing. Asked after `_lock`: on PostgreSQL a subscription
    started meanwhile holds its variant's row (its foreign key) until it commits, so it is seen here."""
    from marketplace.subscription_models import Subscription

    return bool(variant_ids) and db.session.scalar(
        sa.select(sa.exists().where(Subscription.variant_id.in_(variant_ids),
                                    Subscription.status.not_in(("cancelled", "expired"))))) or False


def remove_value(manager: User, value: OptionValue) -> None:
    """A value goes with the variants that have it, only while none of them was ever ordered (their order lines
    and money would lose what they were) nor is subscribed to: a sold variant is taken off sale instead. An
    option keeps at least one value, and the product at least one variant."""
    option = value.option
    product = option.product
    _lock(product)
    if len(option.values) <= 1:
        raise ShopError(_l("This is the option's only value: remove the option instead."))
    using = [v for v in product.variants if any(chosen.id == value.id for chosen in v.values)]
    if _sold([v.id for v in using]):
        raise ShopError(_l("Variants with this value have been ordered. Take them off sale instead."))
    if _subscribed([v.id for v in using]):
        raise ShopError(_l("Customers subscribe to variants with this value. Take them off sale instead."))
    if len(using) >= len(product.variants):
        raise ShopError(_l("Every variant has this value: the product would have none left."))
    try:
        with savepoint():
            for variant in using:
                db.session.delete(variant)  # its values, stock entries and cart places go with it
            db.session.delete(value)
            db.session.flush()
    except sa.exc.IntegrityError:
        # Ordered while this was read: a checkout's line now names one of them (PostgreSQL waits for that
        # checkout to commit, then refuses the delete).
        raise ShopError(_l("Variants with this value have been ordered. Take them off sale instead.")) from None
    for position, left in enumerate(sorted(option.values, key=lambda v: v.position)):
        left.position = position
    db.session.expire(option, ["values"])
    _after_change(product)
    audit.record("product.option_value_remove", "product", product.id, actor=manager,
                 detail={"value": value.id, "variants": [v.id for v in using]})


def remove_option(manager: User, option: ProductOption) -> None:
    """An option goes only when it has one value left: every variant has that value, so without it each is
    still one combination of its own."""
    product = option.product
    _lock(product)
    if len(option.values) > 1:
        raise ShopError(_l("Remove the option's other values first: without the option, its variants would be "
                           "the same."))
    [only] = option.values
    for variant in product.variants:
        variant.combination = combination_key([v.id for v in variant.values if v.option_id != option.id])
    db.session.delete(option)  # its value and the variants' choices of it go with it
    db.session.flush()
    for position, left in enumerate(o for o in product.options if o.id != option.id):
        left.position = position
    for variant in product.variants:
        db.session.expire(variant, ["values"])
    _after_change(product)
    audit.record("product.option_remove", "product", product.id, actor=manager,
                 detail={"option": option.id, "value": only.id})
