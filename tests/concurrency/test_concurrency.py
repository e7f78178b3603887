"""Issue #26's concurrency harness: ten requests at once at a real gunicorn (2 workers x 4 threads) for every
POST route that changes money, stock, holds or messages, found from the site; then what must hold. Run with
`pytest -s` to see the figures; on PostgreSQL through tests/with_postgres.sh."""
from __future__ import annotations

import time
from collections import Counter

import pytest
import requests

from tests.concurrency.conftest import THREADS, WORKERS
from tests.concurrency.harness import (
    BURST,
    WHO,
    Browser,
    build_world,
    check,
    discover,
    fire,
    highest_order_id,
    payload,
    route_key,
)

pytestmark = pytest.mark.real_commits  # a server process commits for real; the tables are emptied after

# Discovery must at least find these, or it found nothing worth the name.
MUST_FIND = {"shop.checkout_page", "shop_manager.refund", "shop_manager.refund_amount", "shop_manager.adjust_stock",
             "shop_manager.move"}
MIXED = ("shop_manager.refund", "shop_manager.refund_amount", "shop_manager.adjust_stock", "shop.checkout_page")


def _preferred(found, world):
    """One form per route to fire: the first person in WHO's order, a form on the paid card order first."""
    def rank(item):
        return (f"/orders/{world.paid_order}/" not in item.form.action + "/", WHO.index(item.who))
    chosen = {}
    for item in sorted(found, key=rank):
        if item.changed and item.status < 500:
            chosen.setdefault(route_key(item.form), item)
    return chosen


def _timed(action, *args):
    started = time.monotonic()
    return action(*args), time.monotonic() - started


def _answers(shots) -> dict:
    return dict(sorted(Counter(str(s.status) for s in shots).items()))


def _aimed(server, world, item):
    """The person's browser on the server, and the form as their page gives it there now."""
    browser = Browser(server.base)
    if item.who != "guest":
        browser.sign_in(world.logins[item.who])
    form = browser.form_on(item.form.page, item.form.action, item.form.names())
    return browser, form


def test_ten_at_once_on_every_route_that_moves_money_stock_holds_or_messages(shop_app, stripe_servers, server):
    started = time.monotonic()
    world, found, unreached = discover(shop_app, stripe_servers.base)
    changing = {item.form.endpoint for item in found if item.changed}
    routes = _preferred(found, world)
    print(f"\nconcurrency harness on {shop_app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}: gunicorn "
          f"{WORKERS} workers x {THREADS} threads; {len(found)} POST forms posted once in "
          f"{time.monotonic() - started:.1f} s; {len(routes)} routes change "
          f"{sorted({t for item in found for t in item.changed})}:")
    for (endpoint, action), item in sorted(routes.items()):
        print(f"  {endpoint} {action} as {item.who}: changes {sorted(item.changed)}")
    if unreached:
        print(f"  POST endpoints no page of this world offers: {sorted(unreached)}")
    assert MUST_FIND <= changing, f"discovery missed {sorted(MUST_FIND - changing)}"

    # The checker itself: a fresh world nobody has touched breaks nothing.
    build_world(shop_app, stripe_servers.base)
    assert check(shop_app, stripe_servers.base, [], highest_order_id(shop_app)).violations == []

    violations: list[str] = []
    fired = 0
    for (endpoint, action), item in sorted(routes.items()):
        world = build_world(shop_app, stripe_servers.base)
        browser, form = _aimed(server, world, item)
        before = highest_order_id(shop_app)
        cookies = requests.utils.dict_from_cookiejar(browser.http.cookies)
        shots, took = _timed(fire, server.base,
                             [(f"{endpoint} {action}", item.who, cookies, (form.action, payload(form)))] * BURST)
        fired += len(shots)
        outcome = check(shop_app, stripe_servers.base, shots, before, server.cause)
        print(f"  {BURST} x {endpoint} {action} in {took:.2f} s: answers {_answers(shots)}, "
              f"{outcome.refunds_made} Stripe refunds, "
              f"{len(outcome.violations)} violations")
        violations += [f"[{BURST} x {endpoint} {action}] {v}" for v in outcome.violations
                       if not _allowed_repeat(shop_app, endpoint, v)]

    # Mixed: refund by items, refund by amount, stock adjustment and checkout, round and round, at once.
    world = build_world(shop_app, stripe_servers.base)
    aimed = []
    for endpoint in MIXED:
        item = next(i for key, i in routes.items() if key[0] == endpoint)
        browser, form = _aimed(server, world, item)
        aimed.append((endpoint, item.who, requests.utils.dict_from_cookiejar(browser.http.cookies),
                      (form.action, payload(form))))
    before = highest_order_id(shop_app)
    shots, took = _timed(fire, server.base, [aimed[i % len(aimed)] for i in range(BURST)])
    fired += len(shots)
    outcome = check(shop_app, stripe_servers.base, shots, before, server.cause)
    print(f"  {BURST} mixed ({', '.join(MIXED)}) in {took:.2f} s: answers {_answers(shots)}, "
          f"{outcome.refunds_made} Stripe refunds, {len(outcome.violations)} violations")
    violations += [f"[{BURST} mixed] {v}" for v in outcome.violations]

    print(f"  {fired} requests fired in {len(routes) + 1} bursts; {len(violations)} violations; "
          f"{time.monotonic() - started:.1f} s in all")
    for violation in violations:
        print("  VIOLATION " + violation)
    assert violations == [], "\n".join(violations)


def _allowed_repeat(app, endpoint: str, violation: str) -> bool:
    """Registering an address that has an account mails its owner each time, up to the hourly limit: ten tries
    at once are ten tries, not one state change sent twice (the limit itself is what this burst checks)."""
    import re

    repeated = re.match(r"the same e-mail (\d+) times", violation)
    return (endpoint == "auth.register" and repeated is not None
            and int(repeated.group(1)) <= app.config["REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR"])
