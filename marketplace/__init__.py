"""The social-enterprise shop: catalogue, cart, Stripe Checkout with verified webhooks, orders and refunds."""
from __future__ import annotations

import click
from flask import session
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav
from core.models import Role
from impact.services import THEMES
from privacy.services import DataSection

shop_cli = AppGroup("shop", help="The shop: stock ledger checks.")


@shop_cli.command("check-stock")
def check_stock_command() -> None:
    """Every counted product's stock equals the sum of its ledger; exit 1 and list those that do not."""
    from marketplace.stock import discrepancies

    wrong = discrepancies()
    for product_id, stock, total in wrong:
        click.echo(f"product {product_id}: stock {stock}, ledger {total}")
    click.echo(f"stock ledger: {len(wrong)} products disagree")
    if wrong:
        raise SystemExit(1)


def _merge_guest_cart(user, guest_session: dict) -> None:
    from marketplace import cart

    if user.has_role(Role.CUSTOMER):
        guest = cart.from_session(guest_session)
        if guest:
            cart.to_database(user, cart.merge(cart.from_database(user), guest))
    elif guest_session.get("cart"):
        session["cart"] = guest_session["cart"]  # other roles keep the session cart as it was


def feature() -> Feature:
    from marketplace import checkout, manager_views, privacy_data, refunds, stock, templating, views
    from marketplace.demo import seed_shop_demo
    from marketplace.models import Enterprise, Order, OrderLine
    from marketplace.outcomes import themes
    from marketplace.reports import SALES_CACHE

    staff = [Role.STAFF, Role.ADMIN]
    return Feature(
        "marketplace",
        blueprints=(views.bp, manager_views.bp),
        templating=templating.init_app,
        nav=(Nav("shop.index", _l("Shop")),
             Nav("shop.view_cart", _l("Cart"), roles=["anonymous", Role.CUSTOMER]),
             Nav("shop.my_orders", _l("My orders"), roles=[Role.CUSTOMER]),
             Nav("shop_manager.home", _l("My shop"), roles=[Role.MANAGER]),
             Nav("shop_manager.enterprises", _l("Shop managers"), roles=[Role.ADMIN]),
             Nav("shop_manager.report", _l("Shop sales"), roles=[Role.MANAGER, Role.STAFF, Role.ADMIN]),
             Nav("shop_manager.shipping", _l("Shipping rates"), roles=staff),
             Nav("shop_manager.attention", _l("Payments to check"), roles=staff)),
        sign_in_hooks=(_merge_guest_cart,),
        jobs=(Job("shop.expire_checkouts", checkout.expire_stale_orders, "interval", {"minutes": 5}),
              Job("shop.reconcile_refunds", refunds.reconcile, "interval", {"minutes": 10}),
              Job("shop.low_stock", stock.low_stock_alerts, "cron", {"hour": 7, "minute": 0})),
        seeders=(seed_shop_demo,),
        cli=(shop_cli,),
        # the report's sums; a sale or refund builds them again
        cache_watches={SALES_CACHE: (Order, OrderLine, Enterprise)},
        code_lists={"order_status": templating.ORDER_STATUS},
        data_sections=(DataSection("shop_orders", _l("Your orders"), privacy_data.export_orders,
                                   privacy_data.anonymise_orders, fields=privacy_data.FIELDS),),
        provides={THEMES: (themes,)},
        migrations="marketplace/migrations",
    )
