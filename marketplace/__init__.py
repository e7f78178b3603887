"""The social-enterprise shop: catalogue, cart, Stripe Checkout with verified webhooks, orders and refunds."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav, ToDo
from core.models import Role
from impact.services import THEMES


def feature() -> Feature:
    from marketplace import (
        audit_labels,
        cart,
        checkout,
        discount_views,  # noqa: F401 (its routes join manager_views' blueprint)
        fulfilment,
        manager_views,
        privacy_data,
        receipt_views,  # noqa: F401 (its routes join the shop's and manager_views' blueprints)
        refunds,
        stock,
        subscription_privacy,
        subscription_views,
        subscriptions,
        templating,
        variant_views,  # noqa: F401 (its routes join manager_views' blueprint)
        views,
        wholesale,
        wholesale_privacy,
        wholesale_views,  # noqa: F401 (its routes join the shop's and manager_views' blueprints)
    )
    from marketplace.commands import shop_cli
    from marketplace.demo import seed_shop_demo
    from marketplace.models import Enterprise, Order, OrderLine
    from marketplace.outcomes import themes
    from marketplace.reports import SALES_CACHE
    from marketplace.wholesale_demo import seed_wholesale_demo

    staff = [Role.STAFF, Role.ADMIN]
    return Feature(
        "marketplace",
        blueprints=(views.bp, manager_views.bp, subscription_views.bp),
        templating=templating.init_app,
        nav=(Nav("shop.index", _l("Shop")),
             Nav("shop.view_cart", _l("Cart"), roles=["anonymous", Role.CUSTOMER]),
             Nav("shop.my_orders", _l("My orders"), roles=[Role.CUSTOMER]),
             Nav("subscriptions.mine", _l("My subscriptions"), roles=[Role.CUSTOMER]),
             Nav("shop_manager.home", _l("My shop"), roles=[Role.MANAGER]),
             Nav("shop_manager.enterprises", _l("Shop managers"), roles=[Role.ADMIN]),
             Nav("shop_manager.report", _l("Shop sales"), roles=[Role.MANAGER, Role.STAFF, Role.ADMIN]),
             Nav("shop_manager.shipping", _l("Shipping rates"), roles=staff),
             Nav("shop_manager.discount_codes", _l("Discount codes"), roles=[Role.MANAGER, *staff]),
             Nav("shop.business", _l("Buy wholesale"), roles=[Role.CUSTOMER]),
             Nav("shop_manager.businesses", _l("Business customers"), roles=staff),  # managers: from "Wholesale"
             Nav("shop_manager.wholesale_settings", _l("Wholesale"), roles=[Role.MANAGER])),
        to_do=(ToDo("shop_manager.attention", _l("Payments to check"), fulfilment.count_payments_to_check, staff),
               ToDo("shop_manager.home", _l("Orders to pack"), fulfilment.count_orders_to_pack, [Role.MANAGER]),
               ToDo("shop_manager.businesses", _l("Businesses to decide on"), wholesale.count_to_decide,
                    [Role.MANAGER, *staff], quiet=True),
               ToDo("shop_manager.invoices", _l("Overdue invoices"), wholesale.count_overdue, [Role.MANAGER],
                    quiet=True, args={"overdue": "1"})),
        sign_in_hooks=(cart.merge_guest_cart,),
        jobs=(Job("shop.expire_checkouts", checkout.expire_stale_orders, "interval", {"minutes": 5}),
              Job("shop.reconcile_refunds", refunds.reconcile, "interval", {"minutes": 10}),
              Job("shop.low_stock", stock.low_stock_alerts, "cron", {"hour": 7, "minute": 0}),
              Job("shop.overdue_invoices", wholesale.send_overdue_reminders, "cron", {"hour": 9, "minute": 0}),
              Job("shop.cancel_subscriptions_at_stripe", subscription_privacy.cancel_owed, "interval",
                  {"minutes": 10})),
        seeders=(seed_shop_demo, seed_wholesale_demo),
        cli=(shop_cli,),
        # the report's sums; a sale or refund builds them again
        cache_watches={SALES_CACHE: (Order, OrderLine, Enterprise)},
        code_lists={**templating.CODE_LISTS, "wholesale_status": wholesale.BUSINESS_STATUS,
                    **subscription_privacy.CODE_LISTS},
        data_sections=[*privacy_data.sections(), *wholesale_privacy.sections(), *subscription_privacy.sections()],
        provides={THEMES: (themes,)},
        audit_actions={**audit_labels.ACTIONS, **wholesale.AUDIT_ACTIONS, **subscriptions.AUDIT_ACTIONS},
        audit_record_types={**audit_labels.RECORD_TYPES, **wholesale.AUDIT_RECORD_TYPES,
                            **subscriptions.AUDIT_RECORD_TYPES},
        migrations="marketplace/migrations",
    )
