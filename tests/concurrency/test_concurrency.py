"""Issue #26's concurrency harness: ten requests at once at a real gunicorn (2 workers x 4 threads) for every
POST route that changes money, stock, holds or messages, found from the site; then what must hold. The shop
routes on the shop world; every route of the whole site that tells someone (an e-mail, a notice) on
tests/site_world.py's programme. Run with
`pytest -s` to see the figures; on PostgreSQL through tests/with_postgres.sh."""
from __future__ import annotations

import time
from collections import Counter

import pytest
import requests

from tests.concurrency.conftest import THREADS, WORKERS
from tests.concurrency.harness import (
    BURST,
    MESSAGES,
    WHO,
    Browser,
    build_site_world,
    build_world,
    check,
    check_messages,
    discover,
    discover_site,
    fire,
    highest_message_ids,
    highest_order_id,
    message_routes,
    payload,
    route_key,
    site_logins,
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
    at once are ten tries, not one state change sent twice (the limit itself is what this burst checks). A
    business registering to post jobs answers the same way and shares the limit (accounts.registration)."""
    import re

    repeated = re.match(r"the same (?:e-mail|message) (\d+) times", violation)
    return (endpoint in ("auth.register", "employer_signup.register") and repeated is not None
            and int(repeated.group(1)) <= app.config["REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR"])


# The site discovery must reach the training, grants and people routes that tell someone, or it found nothing.
SITE_MUST_FIND = {"grants_staff.decide", "training_staff.offer_place", "training.accept_offer",
                  "people.edit_participant"}


def _aimed_site(app, server, item):
    from tests.site_world import DEMO_PASSWORD

    browser = Browser(server.base)
    if item.who != "guest":
        browser.sign_in(site_logins()[item.who], DEMO_PASSWORD, app=app)
    return browser, browser.form_on(item.form.page, item.form.action, item.form.names())


def test_ten_at_once_on_every_site_route_that_tells_someone(shop_app, server):
    """Every POST route of the whole site (training, grants, people, shop) whose form wrote an e-mail or a
    notice when posted once: ten identical requests at once (one cookie, the form as the page gave it) on the
    site world, then no 5xx and no message or notice written twice for one state change."""
    started = time.monotonic()
    found, unreached, pages = discover_site(shop_app)
    routes = message_routes(found)
    print(f"\nsite concurrency on {shop_app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}: {pages} pages read, "
          f"{len(found)} POST forms posted once in {time.monotonic() - started:.1f} s; "
          f"{len({route_key(i.form) for i in found})} routes, {len(routes)} of them write {list(MESSAGES)}:")
    for (endpoint, action), item in sorted(routes.items()):
        print(f"  {endpoint} {action} as {item.who}: changes {sorted(item.changed)}")
    if unreached:
        print(f"  POST endpoints no page of the site world offers: {sorted(unreached)}")
    changing = {endpoint for endpoint, _action in routes}
    assert SITE_MUST_FIND <= changing, f"site discovery missed {sorted(SITE_MUST_FIND - changing)}"

    violations: list[str] = []
    fired, builds, untold = 0, 1, []
    fresh = True  # discovery's world is still as built: its posts were rolled back
    for (endpoint, action), item in sorted(routes.items()):
        label = f"{endpoint} {action}"
        for attempt in (1, 2):
            try:  # re-aimed at the world as earlier bursts left it, or at a fresh one if they used its record up
                browser, form = _aimed_site(shop_app, server, item)
            except AssertionError:
                if fresh:
                    raise
                build_site_world(shop_app)
                builds, fresh = builds + 1, True
                continue
            before = highest_message_ids(shop_app)
            cookies = requests.utils.dict_from_cookiejar(browser.http.cookies)
            shots, took = _timed(fire, server.base, [(label, item.who, cookies, (form.action, payload(form)))] * BURST)
            fired += len(shots)
            fresh = False
            told = check_messages(shop_app, shots, before, server.cause)
            print(f"  {BURST} x {label} as {item.who} in {took:.2f} s: answers {_answers(shots)}, "
                  f"{told.messages} messages and {told.notices} notices written, {len(told.violations)} violations")
            if told.messages or told.notices or told.violations or attempt == 2:
                break
            # Nothing told: an earlier burst may have changed what this one needed (a channel, a state).
            build_site_world(shop_app)
            builds, fresh = builds + 1, True
        if not (told.messages or told.notices):
            untold.append(label)
        violations += [f"[{BURST} x {label} as {item.who}] {v}" for v in told.violations
                       if not _allowed_repeat(shop_app, endpoint, v)]

    print(f"  {fired} requests fired in {fired // BURST} bursts on {len(routes)} routes, {builds} worlds built; "
          f"{len(violations)} violations; {time.monotonic() - started:.1f} s in all")
    if untold:
        print(f"  routes whose burst told nobody (refused or the record had moved on): {untold}")
    for violation in violations:
        print("  VIOLATION " + violation)
    assert violations == [], "\n".join(violations)
