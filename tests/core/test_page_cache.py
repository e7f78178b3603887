"""Pages kept for visitors who are not signed in (core.page_cache): never stale after a change to what they read,
never someone else's, carrying each visitor's own token, setting no cookie where there is no form."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
import time_machine
from sqlalchemy.orm.attributes import flag_modified

from core import page_cache
from core.extensions import db
from tests.conftest import sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_PASSWORD, build_world

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _kept(app) -> dict[str, tuple[type, ...]]:
    return page_cache.watches(app)


@pytest.fixture
def world(app):
    with app.app_context():
        build_world()
        db.session.commit()


def _table_reader(app):
    names = sorted((t.name for t in db.metadata.sorted_tables), key=len, reverse=True)
    pattern = re.compile(r'(?:FROM|JOIN)\s+"?(' + "|".join(names) + r')"?(?![\w])')
    read: dict[str, set[str]] = {}
    state: dict[str, str | None] = {"endpoint": None}

    def note(conn, cursor, statement, parameters, context, executemany):
        if state["endpoint"]:
            read.setdefault(state["endpoint"], set()).update(pattern.findall(statement))
    return read, state, note


def test_every_table_a_kept_page_reads_is_one_it_watches(app, world, client):
    """The class is every view marked to be kept; its pages are found by crawling the site as a visitor. A page
    that reads a table its declaration does not watch would stay the same after that table changed."""
    from flask import request_started

    with app.app_context():
        read, state, note = _table_reader(app)
        engine = db.engine
    adapter = app.url_map.bind("localhost")
    visited: set[str | None] = set()

    def started(sender, **extra):
        from flask import request
        state["endpoint"] = adapter.match(request.path, method="GET")[0] if request.method == "GET" else None
        visited.add(state["endpoint"])
    sa.event.listen(engine, "before_cursor_execute", note)
    request_started.connect(started, app)
    try:
        page_cache.forget_all()
        crawl(app, client, limit=400, per_endpoint=4)
    finally:
        request_started.disconnect(started, app)
        sa.event.remove(engine, "before_cursor_execute", note)
    kept = _kept(app)
    assert {"site.home", "training.opportunities", "shop.index", "shop.product", "impact.public_page"} <= set(kept)
    assert set(kept) <= visited, f"kept pages the crawl never reached: {set(kept) - visited}"
    for endpoint, models in kept.items():
        watched = {model.__table__.name for model in models} | {"cache_versions"}
        assert read.get(endpoint, set()) <= watched, f"{endpoint} reads {read[endpoint] - watched} without watching it"


def _touch_one_row(model) -> bool:
    row = db.session.scalar(sa.select(model).limit(1))
    if row is None:
        return False
    column = next(c.key for c in sa.inspect(model).column_attrs if not c.columns[0].primary_key)
    flag_modified(row, column)
    db.session.commit()
    return True


@pytest.mark.parametrize("endpoint", ["training.opportunities", "training.course", "training.post", "shop.index",
                                      "shop.enterprise", "shop.product"])
def test_a_change_to_any_model_a_page_reads_makes_it_again(app, world, client, endpoint):
    url = _url_of(app, client, endpoint)
    assert client.get(url).headers["X-Page-Cache"] == "stored"
    assert client.get(url).headers["X-Page-Cache"] == "hit"
    touched = 0
    for model in _kept(app)[endpoint]:
        with app.app_context():
            if not _touch_one_row(model):
                continue
        touched += 1
        assert client.get(url).headers["X-Page-Cache"] == "stored", f"{model.__name__} changed, {url} kept"
        assert client.get(url).headers["X-Page-Cache"] == "hit"
    assert touched >= 1


def _url_of(app, client, endpoint: str) -> str:
    from marketplace.models import Enterprise, Product
    from training.employer_models import PostState, WorkPost

    with app.app_context():
        return {
            "training.opportunities": "/opportunities", "shop.index": "/shop/", "impact.public_page": "/impact",
            "training.course": _first_open_course_url(app, client),
            "training.post":
                f"/posts/{db.session.scalar(sa.select(WorkPost.id).where(WorkPost.status == PostState.PUBLISHED))}",
            "shop.enterprise": f"/shop/enterprises/{db.session.scalar(sa.select(Enterprise.slug))}",
            "shop.product": f"/shop/products/{db.session.scalar(sa.select(Product.id).where(Product.active))}",
        }[endpoint]


def _first_open_course_url(app, client) -> str:
    html = client.get("/opportunities?kind=course").get_data(as_text=True)
    return re.search(r'href="(/courses/\d+)"', html).group(1)


def test_what_visitors_see_follows_a_change_at_once(app, world, client):
    from marketplace.models import Product, ProductVariant
    from training.models import Course

    url = _first_open_course_url(app, client)
    course_id = int(url.rsplit("/", 1)[1])
    client.get("/opportunities"), client.get(url)
    with app.app_context():
        db.session.get(Course, course_id).title = "Latte art for beginners"
        db.session.commit()
    assert "Latte art for beginners" in client.get(url).get_data(as_text=True)
    assert "Latte art for beginners" in client.get("/opportunities?q=latte").get_data(as_text=True)
    with app.app_context():
        product = db.session.scalar(sa.select(Product).where(Product.active, ~Product.options.any()))
        product_url = f"/shop/products/{product.id}"
        client.get(product_url), client.get("/shop/")
        variant = db.session.scalar(sa.select(ProductVariant).where(ProductVariant.product_id == product.id))
        variant.price_minor = 123400
        db.session.commit()
    assert "1,234" in client.get(product_url).get_data(as_text=True)
    assert "1,234" in client.get("/shop/?sort=price").get_data(as_text=True) or \
        "1,234" in client.get("/shop/").get_data(as_text=True)


@pytest.mark.real_commits  # a served app: the kept page's version is read on connections of its own
def test_a_kept_page_follows_a_committed_change_and_outlives_a_dropped_connection(app, world, client):
    from core import versioned_cache
    from training.models import Course

    url = _first_open_course_url(app, client)
    course_id = int(url.rsplit("/", 1)[1])
    client.get(url)
    assert client.get(url).headers["X-Page-Cache"] == "hit"
    for title in ("Latte art for beginners", "Milk steaming, second week"):
        with app.app_context():
            db.session.get(Course, course_id).title = title
            db.session.commit()
        page = client.get(url)
        assert page.headers["X-Page-Cache"] == "stored" and title in page.get_data(as_text=True)
        assert client.get(url).headers["X-Page-Cache"] == "hit"
        # The database drops the connection the version was read on (a restart, a network cut): the next read
        # finds it dead and reads again on a new one, not an error page and not the old page.
        with app.app_context(), versioned_cache._engine_apart(db.engine).connect() as connection:
            connection.connection.dbapi_connection.close()


def test_a_signed_in_person_never_gets_a_kept_page(app, world, client):
    assert client.get("/shop/").headers.get("X-Page-Cache") == "stored"
    sign_in(client, "participant@demo.pathways", DEMO_PASSWORD)
    page = client.get("/shop/")
    assert "X-Page-Cache" not in page.headers
    assert "Sign out" in page.get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": TOKEN.search(page.get_data(as_text=True)).group(1)})
    assert "X-Page-Cache" not in client.get("/shop/").headers  # "You are signed out" is this visitor's own
    assert client.get("/shop/").headers.get("X-Page-Cache") == "hit"


def test_each_visitor_gets_their_own_token_and_it_works(app, world):
    from marketplace.models import Product
    with app.app_context():
        product_id = db.session.scalar(sa.select(Product.id).where(Product.active, ~Product.options.any()))
    first, second = app.test_client(), app.test_client()
    one = first.get(f"/shop/products/{product_id}")
    two = second.get(f"/shop/products/{product_id}")
    assert (one.headers["X-Page-Cache"], two.headers["X-Page-Cache"]) == ("stored", "hit")
    token_one, token_two = (TOKEN.search(r.get_data(as_text=True)).group(1) for r in (one, two))
    assert token_one != token_two
    for response in (one, two):
        assert page_cache.TOKEN_MARKER not in response.get_data(as_text=True)
    added = second.post("/shop/cart/add", data={"csrf_token": token_two, "product_id": product_id, "quantity": 1})
    assert added.status_code == 302
    assert "1" in second.get("/shop/cart").get_data(as_text=True)
    refused = second.post("/shop/cart/add", data={"csrf_token": token_one, "product_id": product_id, "quantity": 1})
    assert refused.status_code == 400  # another visitor's token is no token


def test_a_returning_visitor_keeps_their_cookie_and_token(app, world):
    """The session a form page starts is not written again on the next pages: it used to be marked "not fresh"
    by the sign-in's protection on the second page, a new cookie each time for a client that kept the first."""
    from marketplace.models import Product
    with app.app_context():
        product_id = db.session.scalar(sa.select(Product.id).where(Product.active, ~Product.options.any()))
    visitor = app.test_client()
    first = visitor.get(f"/shop/products/{product_id}")
    assert "Set-Cookie" in first.headers
    token = TOKEN.search(first.get_data(as_text=True)).group(1)
    for path in (f"/shop/products/{product_id}", "/shop/", f"/shop/products/{product_id}"):
        again = visitor.get(path)
        assert again.status_code == 200
        assert "Set-Cookie" not in again.headers, path
    added = visitor.post("/shop/cart/add", data={"csrf_token": token, "product_id": product_id, "quantity": 1})
    assert added.status_code == 302


@pytest.mark.parametrize("path", ["/", "/opportunities", "/shop/", "/impact", "/privacy", "/languages"])
def test_a_page_without_a_form_sets_no_cookie_and_carries_no_token(app, world, path):
    for attempt in ("made", "kept"):
        response = app.test_client().get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers, (path, attempt)
        assert "csrf_token" not in response.get_data(as_text=True)


def test_the_language_is_a_link_and_each_language_has_its_own_page(app, world, client):
    english = client.get("/shop/").get_data(as_text=True)
    link = re.search(r'href="(/language/th\?next=[^"]+)"', english).group(1).replace("&amp;", "&")
    chosen = client.get(link)
    assert chosen.status_code == 302 and chosen.headers["Location"].endswith("/shop/")
    thai = client.get("/shop/")
    assert thai.headers["X-Page-Cache"] == "stored" and 'lang="th"' in thai.get_data(as_text=True)
    assert client.get("/shop/").headers["X-Page-Cache"] == "hit"
    assert 'lang="en"' in app.test_client().get("/shop/").get_data(as_text=True)
    assert client.get("/language/xx").status_code == 404


def test_a_waiting_message_is_shown_to_its_visitor_only(app, world, client):
    client.get("/shop/")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Only for this visitor")]
    assert "Only for this visitor" in client.get("/shop/").get_data(as_text=True)
    others = app.test_client().get("/shop/")
    assert others.headers["X-Page-Cache"] == "hit" and "Only for this visitor" not in others.get_data(as_text=True)


def test_a_kept_page_lasts_a_minute_and_a_day(app, world, client, monkeypatch):
    assert client.get("/opportunities").headers["X-Page-Cache"] == "stored"
    moment = page_cache.time.monotonic()
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: moment + app.config["PAGE_CACHE_SECONDS"] + 1)
    assert client.get("/opportunities").headers["X-Page-Cache"] == "stored"
    monkeypatch.undo()
    assert client.get("/opportunities").headers["X-Page-Cache"] == "hit"
    with time_machine.travel(page_cache.clock.now().replace(hour=23, minute=59), tick=False):
        client.get("/opportunities")
    with time_machine.travel(page_cache.clock.now().replace(hour=0, minute=1), tick=False) as traveller:
        traveller.shift(86400)
        assert client.get("/opportunities").headers["X-Page-Cache"] == "stored"  # a new programme day


def test_only_a_plain_page_is_kept(app, world, client):
    assert client.get("/shop/products/999999").status_code == 404
    assert client.get("/shop/products/999999").headers.get("X-Page-Cache") != "hit"
    assert client.head("/shop/").status_code == 200


def test_a_prefix_or_host_sent_by_one_request_is_never_shown_to_others(app, world, client):
    """A SCRIPT_NAME passed on by a proxy, or a Host, is written into every link: kept apart per request."""
    poisoned = client.get("/shop/", environ_overrides={"SCRIPT_NAME": "//evil.example"})
    assert "//evil.example/sign-in" in poisoned.get_data(as_text=True)
    assert client.get("/shop/", environ_overrides={"SCRIPT_NAME": "//evil.example"}).headers["X-Page-Cache"] == "hit"
    plain = app.test_client().get("/shop/")
    assert plain.headers["X-Page-Cache"] == "stored" and "evil.example" not in plain.get_data(as_text=True)
    other_host = app.test_client().get("/shop/", headers={"Host": "evil.example"})
    assert other_host.headers["X-Page-Cache"] == "stored"


@pytest.mark.parametrize("path", [
    "/opportunities?q=shelter+help&province=50",  # searched words: whether a search was just made must not show
    "/privacy?" + "&" * 400,  # an address no link of the site makes: it would fill the cache
    "/shop/?sort=%00csrf-token%00",  # the marker typed into the address
])
def test_some_addresses_are_never_kept(app, world, path):
    for _ in range(2):
        response = app.test_client().get(path)
        assert response.status_code == 200 and "X-Page-Cache" not in response.headers
        assert page_cache.TOKEN_MARKER not in response.get_data(as_text=True)
        assert "Set-Cookie" not in response.headers


def test_the_kept_pages_of_a_worker_stay_within_their_bytes(app, world, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_BYTES", 40_000)
    client = app.test_client()
    sizes = [len(client.get(f"/opportunities?page={number}").data) for number in range(1, 12)]
    assert sum(sizes) > 40_000
    assert 0 < page_cache._SIZE[0] <= 40_000
    assert page_cache._SIZE[0] == sum(len(kept[2]) for kept in page_cache._PAGES.values())
    assert client.get("/opportunities?page=11").headers["X-Page-Cache"] == "hit"  # the newest stay
    assert client.get("/opportunities?page=1").headers["X-Page-Cache"] == "stored"  # the oldest went


def test_outside_tests_nobody_is_told_whether_a_page_was_kept(app, world, client, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_CACHE_HEADER", False)
    client.get("/shop/")
    assert "X-Page-Cache" not in client.get("/shop/").headers


def test_a_link_from_elsewhere_does_not_change_a_signed_in_persons_language(app, world, client):
    sign_in(client, "participant@demo.pathways", DEMO_PASSWORD)
    before = client.get("/me/pathway").get_data(as_text=True)
    assert client.get("/language/km?next=/me/pathway").status_code == 302
    assert re.search(r'<html lang="(\w+)"', client.get("/me/pathway").get_data(as_text=True)).group(1) == \
        re.search(r'<html lang="(\w+)"', before).group(1)


@pytest.mark.parametrize("path", ["/opportunities", "/shop/", "/staff/participants", "/admin/accounts",
                                  "/admin/audit", "/manage/shop/"])
def test_a_page_number_past_any_list_is_the_last_page_not_an_error(app, world, path):
    client = app.test_client()
    who = {"/staff": "staff", "/admin": "admin", "/manage": "manager"}.get("/" + path.split("/")[1])
    if who:
        sign_in(client, f"{who}@demo.pathways", DEMO_PASSWORD)
    assert client.get(f"{path}?page=99999999999999999999").status_code == 200


def test_the_version_read_apart_keeps_the_operators_connection_options():
    from core import versioned_cache

    # An operator's TLS files or timeouts reach the engine of the version read too, not only the app's own.
    operators = {"pool_pre_ping": True, "connect_args": {"sslmode": "verify-full", "sslrootcert": "/etc/ca.pem"},
                 "pool_recycle": 300}
    options = versioned_cache.apart_options(operators)
    assert options["connect_args"] == operators["connect_args"] and options["pool_recycle"] == 300
    assert (options["isolation_level"], options["pool_pre_ping"], options["pool_reset_on_return"]) == \
        ("AUTOCOMMIT", False, None)
    assert operators["pool_pre_ping"] is True  # the app's own options are not changed
