"""The social-enterprise shop: catalogue, cart, Stripe Checkout with verified webhooks, orders and refunds."""
from __future__ import annotations

import click
from flask import Flask, session
from flask.cli import AppGroup

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
    from core.models import Role
    from marketplace import cart

    if user.has_role(Role.CUSTOMER):
        guest = cart.from_session(guest_session)
        if guest:
            cart.to_database(user, cart.merge(cart.from_database(user), guest))
    elif guest_session.get("cart"):
        session["cart"] = guest_session["cart"]  # other roles keep the session cart as it was


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from accounts.services import register_sign_in_hook
    from core.commands import register_seeder
    from core.models import Role
    from core.navigation import register_nav
    from core.scheduler import register_job
    from marketplace import checkout, manager_views, privacy_data, refunds, stock, templating, views
    from marketplace.demo import seed_shop_demo
    from privacy.services import register_data_section

    app.register_blueprint(views.bp)
    app.register_blueprint(manager_views.bp)
    templating.init_app(app)
    register_nav("shop.index", _l("Shop"))
    register_nav("shop.view_cart", _l("Cart"), roles=["anonymous", Role.CUSTOMER])
    register_nav("shop.my_orders", _l("My orders"), roles=[Role.CUSTOMER])
    register_nav("shop_manager.home", _l("My shop"), roles=[Role.MANAGER])
    register_nav("shop_manager.enterprises", _l("Shop managers"), roles=[Role.ADMIN])
    register_nav("shop_manager.report", _l("Shop sales"), roles=[Role.MANAGER, Role.STAFF, Role.ADMIN])
    register_nav("shop_manager.shipping", _l("Shipping rates"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("shop_manager.attention", _l("Payments to check"), roles=[Role.STAFF, Role.ADMIN])
    register_sign_in_hook(_merge_guest_cart)
    register_job("shop.expire_checkouts", checkout.expire_stale_orders, "interval", minutes=5)
    register_job("shop.reconcile_refunds", refunds.reconcile, "interval", minutes=10)
    register_job("shop.low_stock", stock.low_stock_alerts, "cron", hour=7, minute=0)
    register_seeder(seed_shop_demo)
    app.cli.add_command(shop_cli)
    from core.versioned_cache import watch
    from marketplace.models import Enterprise, Order, OrderLine
    from marketplace.reports import SALES_CACHE
    watch(SALES_CACHE, Order, OrderLine, Enterprise)  # the report's sums; a sale or refund builds them again
    from core.labels import register_codes
    from marketplace.templating import ORDER_STATUS
    register_codes("order_status", ORDER_STATUS)
    register_data_section("shop_orders", _l("Your orders"), privacy_data.export_orders,
                          privacy_data.anonymise_orders, fields=privacy_data.FIELDS)
    from marketplace.outcomes import register_themes
    register_themes()
