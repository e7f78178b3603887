"""After Stripe's 24-hour key window the job looks for a lost refund among the payment's refunds. Stripe
answers that list in pages (10 by default, 100 at most): a payment with many refunds hides the lost one."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from tests.attack.helpers import browser, flat, forms, order_row, refunds_table
from tests.concurrency.harness import build_world
from tests.marketplace.stripe_fakes import Fault

pytestmark = pytest.mark.real_commits


def test_a_lost_refund_is_found_after_a_day_behind_a_hundred_others(shop_app, stripe_servers, server):
    """Break: with 101 later refunds (12 pass), the job does not find the lost one, asks again with a key
    Stripe has forgotten, and Stripe pays it a second time."""
    later_refunds = 101
    from marketplace.models import Refund
    from marketplace.refunds import reconcile
    world = build_world(shop_app, stripe_servers.base)
    pi = order_row(shop_app, world.paid_order)["pi"]
    fake = stripe_servers.refunds
    fake.reset()
    a = browser(server, world, "manager_a")

    def refund(amount):
        money = forms(a, f"/manage/shop/orders/{world.paid_order}")[
            f"/manage/shop/orders/{world.paid_order}/refund-amount"]
        a.http.post(server.base + money.action, data=flat(money, amount_thb=amount, reason="bit by bit"),
                    allow_redirects=False, timeout=120)

    fake.inject(Fault.FAIL_AFTER, times=None)  # the first: made at Stripe, its answer lost
    refund("100.00")
    fake.clear_faults()
    for _ in range(later_refunds):
        refund("1.00")
    fake.forget_keys()  # a day passes
    with shop_app.app_context():
        db.session.execute(sa.update(Refund).values(created_at=utcnow() - timedelta(hours=25)))
        db.session.commit()
        reconcile(older_than=timedelta(0))
    row = order_row(shop_app, world.paid_order)
    made = (len(fake.refunds_for(pi)), fake.refunded_total(pi))  # all of them, not one page
    pending = [r for r in refunds_table(shop_app) if r[3] == "pending"]
    print(f"\n{later_refunds} later: order refunded {row['refunded']} reserved {row['reserved']}, Stripe {made}, "
          f"pending {pending}")
    assert made[1] == row["refunded"] == 10000 + later_refunds * 100
