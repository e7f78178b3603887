"""Template helpers for the shop: money from minor units, status words, the product name in the reader's language."""
from __future__ import annotations

from babel import numbers
from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from core.labels import labels_once

ORDER_STATUS = {
    "pending_payment": _l("Waiting for payment"), "pay_on_collection": _l("Pay when you collect"),
    "paid": _l("Paid"), "payment_failed": _l("Payment failed"), "expired": _l("Payment time ran out"),
    "cancelled": _l("Cancelled"), "refunded": _l("Refunded"),
    "payment_needs_attention": _l("Payment being checked"), "invoiced": _l("On invoice, awaiting payment"),
}
ORDER_STATUS_ABOUT = {**ORDER_STATUS, "pay_on_collection": _l("To be paid on collection")}  # as the shop reads it
# declared in the shop's `feature()` (core.labels; ".about": the list's twin, said of the customer)
CODE_LISTS = {"order_status": ORDER_STATUS, "order_status.about": ORDER_STATUS_ABOUT}
LINE_STATUS = {
    "open": _l("Being prepared"), "packed": _l("Packed"), "shipped": _l("Shipped"),
    "ready_for_pickup": _l("Ready for pick-up"), "completed": _l("Completed"), "cancelled": _l("Cancelled"),
    "refunded": _l("Refunded"),
}


STEP_BUTTONS = {"packed": _l("Mark as packed"), "shipped": _l("Mark as shipped"),
                "ready_for_pickup": _l("Ready for pick-up"), "completed": _l("Mark as completed"),
                "cancelled": _l("Cancel and give the money back")}


# The pattern read once, not at every price (Flask-Babel's format_decimal parses it each time: a third of a
# price's cost, and the shop's lists show dozens; issue 35). The same words: the same pattern, locale and call.
_BAHT = numbers.parse_pattern("#,##0.00")


def baht(minor: int | None) -> str:
    return numbers.format_decimal((minor or 0) / 100, format=_BAHT, locale=get_locale()) + " ฿"


def variant_label(variant) -> Markup:
    """The product's name as its texts are shown (people's words, in their language) and the variant's values."""
    from core.content_languages import shown
    from marketplace.variants import values_label

    name = shown(variant.product, "name")
    values = values_label(variant)
    return Markup('<span lang="{}" data-user-content>{}</span>{}').format(
        name.language, name.text, Markup(" — <span data-user-content>{}</span>").format(values) if values else "")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["baht"] = baht

    @app.context_processor
    def shop_helpers():
        status, status_about = labels_once(ORDER_STATUS), labels_once(ORDER_STATUS_ABOUT)  # once per page
        line = labels_once(LINE_STATUS)
        return {
            "order_status": lambda code, about=False: (status_about if about else status)(code),
            "line_status": line,
            "step_label": lambda code: STEP_BUTTONS.get(code, code),
            "variant_label": variant_label,
        }
