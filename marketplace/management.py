"""Running the shop: products, which manager runs which enterprise (the shipping table: marketplace/shipping.py).
Each function commits once, with its audit entry."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core import audit
from core.content_languages import check_first_language, translate
from core.db import utcnow
from core.extensions import db
from core.models import Role, User
from marketplace import variant_management
from marketplace.cart import ShopError
from marketplace.models import Enterprise, EnterpriseManager, Product

PRODUCT_TEXT_FIELDS = ("name", "description", "text_language", "category", "active")
# What the product form says of a product without options: its one (default) variant's figures.
VARIANT_FIELDS = ("weight_grams", "low_stock_at")


def save_product(manager: User, enterprise_id: int, values: dict, product: Product | None = None) -> Product:
    """`values` holds the text fields and, for a product without options, its one variant's: price_thb,
    weight_grams, low_stock_at, made_to_order, `counted` (a new count, or None to leave the stock alone: sales
    and returns keep it) and `shown` (the stock the form showed; None when made to order). A product with
    options keeps its variants' figures on its variants' page."""
    new = product is None
    if new and not values["made_to_order"] and values.get("counted") is None:
        raise ShopError(_l("Give the number in stock, or tick made to order."), "counted")
    check_first_language(product, values.get("text_language"))
    if product is None:
        product = Product(enterprise_id=enterprise_id, price_minor=values["price_thb"] * 100,
                          weight_grams=values["weight_grams"], low_stock_at=values["low_stock_at"])
    for field in PRODUCT_TEXT_FIELDS:
        setattr(product, field, values[field])
    db.session.add(product)
    db.session.flush()
    if not product.has_options:
        variant_management.save_variant(manager, product.default_variant, {
            "price_minor": values["price_thb"] * 100, **{f: values[f] for f in VARIANT_FIELDS},
            "made_to_order": values["made_to_order"], "counted": values.get("counted"),
            "shown": None if new else values.get("shown")})
    audit.record("product.save", "product", product.id, actor=manager,
                 detail={"counted": values["counted"]} if values.get("counted") is not None else None)
    db.session.flush()
    return product


def translate_product(manager: User, product: Product, language: str, texts: dict[str, str]) -> None:
    """The product's name and description in one more language, or one removed (every text empty)."""
    translate(manager, product, language, texts, "product")


def save_story(manager: User, enterprise: Enterprise, story: str, text_language: str) -> Enterprise:
    """The enterprise's story as its manager first writes it, in the language they write it in."""
    check_first_language(enterprise, text_language)
    enterprise.story, enterprise.text_language = story.strip(), text_language
    audit.record("enterprise.story_save", "enterprise", enterprise.id, actor=manager)
    db.session.flush()
    return enterprise


def translate_story(manager: User, enterprise: Enterprise, language: str, texts: dict[str, str]) -> None:
    translate(manager, enterprise, language, texts, "enterprise")


def link_manager(admin: User, manager_id: int | None, enterprise_id: int | None) -> None:
    manager = db.session.get(User, manager_id or 0)
    enterprise = db.session.get(Enterprise, enterprise_id or 0)
    if manager is None or enterprise is None or not manager.has_role(Role.MANAGER):
        raise ShopError(_l("Choose a manager account and an enterprise."))
    link = db.session.get(EnterpriseManager, manager.id) or EnterpriseManager(user_id=manager.id)
    link.enterprise_id = enterprise.id
    db.session.add(link)
    audit.record("enterprise.manager_link", "enterprise", enterprise.id, actor=admin, detail={"manager": manager.id})
    db.session.flush()


def save_standing(manager: User, enterprise: Enterprise, makers: int | None, registered: bool,
                  registration_number: str) -> bool:
    """The manager states how many makers the enterprise has and whether it is a registered organisation (for
    the impact figures: only then may its sales be named). A change waits for staff to confirm it again.
    Returns whether anything changed."""
    number = registration_number.strip()
    if makers is not None and makers < 1:
        raise ShopError(_l("Count the people who make what you sell: at least 1."), "makers")
    if registered and not number:
        raise ShopError(_l("Give the organisation's registration number."), "registration_number")
    stated = (makers, registered, number if registered else "")
    if stated == (enterprise.makers, enterprise.registered_organisation, enterprise.registration_number):
        return False
    enterprise.makers, enterprise.registered_organisation, enterprise.registration_number = stated
    enterprise.standing_confirmed_at = enterprise.standing_confirmed_by_id = None
    audit.record("enterprise.standing_save", "enterprise", enterprise.id, actor=manager,
                 detail={"makers": makers, "registered_organisation": registered})
    db.session.flush()
    return True


def confirm_standing(staff: User, enterprise: Enterprise) -> None:
    """Staff checked what the manager stated (the makers, the registration): the impact figures may use it."""
    if not staff.has_role(Role.STAFF, Role.ADMIN):
        raise ShopError(_l("Only programme staff confirm this."))
    if enterprise.makers is None and not enterprise.registered_organisation:
        raise ShopError(_l("The manager has not stated anything to confirm yet."))
    enterprise.standing_confirmed_at, enterprise.standing_confirmed_by_id = utcnow(), staff.id
    audit.record("enterprise.standing_confirm", "enterprise", enterprise.id, actor=staff,
                 detail={"makers": enterprise.makers, "registered_organisation": enterprise.registered_organisation})
    db.session.flush()

