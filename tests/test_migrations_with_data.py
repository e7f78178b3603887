"""Migrations with data, as SecureDrop does: every migration goes up and down, and a database filled at an
older revision with representative rows upgrades to head with every row still there."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import Config, downgrade, upgrade

from core.extensions import db
from tests.conftest import make_app

pytestmark = pytest.mark.slow  # every migration up and down, on databases of their own

NOW = "2026-11-01 10:00:00"

# Rows written with plain SQL at the revision that introduced their tables.
ROWS_AT = {
    "0001": [
        ("users", {"id": 1, "username": "staff1", "display_name": "Staff", "role": "staff", "session_version": 1,
                   "active": True, "created_at": NOW}),
        ("users", {"id": 2, "username": "p1", "display_name": "Malee", "role": "participant", "session_version": 1,
                   "active": True, "created_at": NOW, "created_by_id": 1}),
        ("audit_entries", {"id": 1, "at": NOW, "actor_id": 1, "actor_role": "staff", "action": "participant.view",
                           "record_type": "participant", "record_id": "2"}),
        ("consents", {"id": 1, "user_id": 2, "purpose": "privacy_notice", "notice_version": "2026-11",
                      "agreed_at": NOW}),
        ("deletion_requests", {"id": 1, "user_id": 2, "requested_at": NOW, "status": "pending"}),
    ],
    "0002": [
        ("courses", {"id": 1, "title": "Barista", "description": "", "isco_code": "5132", "sector": "food",
                     "provider": "Café", "online": False, "province_code": "50", "days_mask": 31, "hours_from": 9,
                     "hours_to": 16, "duration_weeks": 12, "seats": 10, "seats_taken": 1, "cost_thb": 0,
                     "stipend_thb_month": 3000, "childcare_offered": False, "teaching_language": "th",
                     "reading_level_needed": "none", "prerequisites": "", "skills_taught": "[]", "exit_exam": True,
                     "is_open": True, "created_at": NOW}),
        ("applications", {"id": 1, "participant_id": 2, "course_id": 1, "status": "offered", "holds_seat": True,
                          "shared_fields": "[]", "message": "", "created_at": NOW, "updated_at": NOW}),
        ("minimum_wages", {"id": 1, "province_code": "50", "daily_wage_thb": 357, "effective_from": "2025-01-01",
                           "source": "Royal Gazette"}),
    ],
}


def _revisions(app) -> list[str]:
    directory = app.extensions["migrate"].directory
    config = Config(f"{directory}/alembic.ini")  # its version_locations list every feature's folder
    config.set_main_option("script_location", directory)
    script = ScriptDirectory.from_config(config)
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _insert(table: str, row: dict) -> None:
    columns = ", ".join(row)
    values = ", ".join(f":{name}" for name in row)
    db.session.execute(sa.text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)


def test_every_migration_goes_up_and_down(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/steps.db")
    with app.app_context():
        revisions = _revisions(app)
        assert revisions[:2] == ["0001", "0002"]
        for revision in revisions:
            upgrade(revision=revision)
        for revision in reversed(revisions[:-1]):
            downgrade(revision=revision)
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_rows_written_at_older_revisions_survive_upgrade_to_head(tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/data.db")
    with app.app_context():
        for revision in _revisions(app):
            upgrade(revision=revision)
            for table, row in ROWS_AT.get(revision, []):
                _insert(table, row)
            db.session.commit()
        upgrade()
        for rows in ROWS_AT.values():
            for table, row in rows:
                found = db.session.execute(sa.text(f"SELECT * FROM {table} WHERE id = :id"), {"id": row["id"]})
                stored = found.mappings().one()
                for column in ("title", "display_name", "action", "status", "purpose", "daily_wage_thb"):
                    if column in row:
                        assert stored[column] == row[column], (table, column)
        from core.models import User
        assert db.session.get(User, 2).created_at.tzinfo is not None  # old rows read as aware UTC


def test_shop_texts_in_english_and_thai_become_a_first_language_and_a_translation(tmp_path):
    """0034: a product's and a story's English columns become the first language, the Thai ones the "th"
    translation, searchable; going back down restores the two columns."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/shop.db")
    with app.app_context():
        upgrade(revision="0004")
        _insert("enterprises", {"id": 1, "slug": "coffee", "name": "Coffee", "story_en": "We roast.",
                                "story_th": "เราคั่วกาแฟ", "active": True})
        for product_id, name_th in ((1, "เมล็ดกาแฟ"), (2, "")):
            _insert("products", {"id": product_id, "enterprise_id": 1, "name_en": f"Beans {product_id}",
                                 "name_th": name_th, "description_en": "From the hills.", "description_th": "",
                                 "category": "coffee", "price_minor": 100, "currency": "THB", "stock": 1,
                                 "weight_grams": 1, "active": True, "created_at": NOW})
        db.session.commit()
        upgrade(revision="0034")
        # Read with SQL: the models have columns and tables of later revisions (0042's makers, 0043's variants)
        rows = db.session.execute(sa.text("SELECT name, description, text_language, translations FROM products "
                                          "ORDER BY id")).all()
        assert rows[0][:3] == ("Beans 1", "From the hills.", "en")
        assert json.loads(rows[0][3]) == {"th": {"name": "เมล็ดกาแฟ"}} and json.loads(rows[1][3]) == {}
        story, translations = db.session.execute(sa.text("SELECT story, translations FROM enterprises")).one()
        assert (story, json.loads(translations)) == ("We roast.", {"th": {"story": "เราคั่วกาแฟ"}})
        found = db.session.execute(sa.text("SELECT rowid FROM products_search WHERE products_search MATCH "
                                           "'\"เมล็ดกาแฟ\"'")).scalars().all()
        assert found == [1]  # the search index of that revision finds the Thai name
        db.session.commit()
        downgrade(revision="0033")
        rows = db.session.execute(sa.text("SELECT id, name_en, name_th FROM products ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "Beans 1", "เมล็ดกาแฟ"), (2, "Beans 2", "Beans 2")]
        assert db.session.execute(sa.text("SELECT story_th FROM enterprises")).scalar() == "เราคั่วกาแฟ"


def test_refunds_gain_reservations_and_a_pending_refund_keeps_what_it_asked(tmp_path):
    """0035: lines refunded before keep their price × quantity as refunded money; a refund pending at the
    upgrade reserves what it asked, so the job can settle it; the order search still finds orders (SQLite
    copies the table); going back down drops the new columns and keeps every row."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/refunds.db")
    with app.app_context():
        upgrade(revision="0034")
        _insert("enterprises", {"id": 1, "slug": "coffee", "name": "Coffee", "story": "", "active": True,
                                "text_language": "en", "translations": "{}", "translated_text": ""})
        _insert("orders", {"id": 1, "token": "t" * 43, "name": "Malee Buyer", "email": "m@example.org", "phone": "",
                           "delivery": "pickup", "address": "", "status": "paid", "payment_method": "stripe",
                           "stripe_payment_intent": "pi_1", "stock_held": True, "subtotal_minor": 64000,
                           "shipping_minor": 0, "total_minor": 64000, "refunded_minor": 32000, "currency": "THB",
                           "created_at": NOW})
        _insert("order_lines", {"id": 1, "order_id": 1, "enterprise_id": 1, "name": "Beans",
                                "unit_price_minor": 16000, "quantity": 4, "refunded_quantity": 2, "status": "open"})
        _insert("refunds", {"id": 1, "order_id": 1, "amount_minor": 16000, "status": "pending",
                            "idempotency_key": "refund-old-1", "lines": '{"1": 1}', "restock": False,
                            "final_status": "refunded", "reason": "manager", "created_at": NOW})
        db.session.commit()
        upgrade(revision="0035")
        from marketplace.models import Refund
        # Read with SQL: the order lines' model has columns of later revisions (0043's variant)
        line = db.session.execute(sa.text("SELECT refunded_minor, reserved_quantity, reserved_minor "
                                          "FROM order_lines WHERE id = 1")).one()
        assert tuple(line) == (32000, 1, 16000)
        assert db.session.execute(sa.text("SELECT refund_reserved_minor FROM orders")).scalar() == 16000
        assert db.session.get(Refund, 1).money == {"1": 16000}
        found = db.session.execute(sa.text("SELECT rowid FROM orders_search WHERE orders_search MATCH "
                                           "'\"malee\"'")).scalars().all()
        assert found == [1]
        db.session.commit()
        downgrade(revision="0034")
        assert db.session.execute(sa.text("SELECT refunded_minor FROM orders")).scalar() == 32000
        assert db.session.execute(sa.text("SELECT count(*) FROM refunds")).scalar() == 1


def test_last_activity_is_filled_from_what_is_recorded(tmp_path):
    """0038: a participant's last activity is the latest of their account, sign-in, applications, pathway steps
    (and the rest privacy.retention counts); staff get none; no case starts closed."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/activity.db")
    with app.app_context():
        for revision in _revisions(app)[:_revisions(app).index("0037") + 1]:
            upgrade(revision=revision)
            for table, row in ROWS_AT.get(revision, []):
                _insert(table, row)  # participant 2 and their application of NOW
            db.session.commit()
        _insert("users", {"id": 3, "username": "p3", "display_name": "Nok", "role": "participant",
                          "session_version": 1, "active": True, "created_at": NOW,
                          "last_login_at": "2026-11-20 08:30:00"})
        _insert("users", {"id": 4, "username": "p4", "display_name": "Niran", "role": "participant",
                          "session_version": 1, "active": True, "created_at": "2026-10-01 09:00:00"})
        _insert("pathway_steps", {"id": 1, "participant_id": 2, "step": "completed", "on_date": "2026-11-15",
                                  "note": "", "recorded_at": "2026-11-15 10:00:00"})
        db.session.commit()
        upgrade(revision="0038")
        from datetime import UTC, datetime

        from core.models import User
        latest = {user.id: (user.last_activity_at, user.case_closed_at) for user in db.session.scalars(
            sa.select(User).order_by(User.id))}
        assert latest == {1: (None, None), 2: (datetime(2026, 11, 15, 10, 0, tzinfo=UTC), None),
                          3: (datetime(2026, 11, 20, 8, 30, tzinfo=UTC), None),
                          4: (datetime(2026, 10, 1, 9, 0, tzinfo=UTC), None)}
        db.session.commit()
        downgrade(revision="0037")
        assert db.session.execute(sa.text("SELECT count(*) FROM users")).scalar() == 4


def test_the_place_of_the_time_is_filled_from_what_is_known_today_and_goes_back_down(tmp_path):
    """0041: an award takes the person's home province now, a hire and a post's step the post's province now;
    a course step and an application never hired stay empty (their place is the course's). 0042: every
    enterprise starts with nothing stated or confirmed. Down to 0039 and up again keeps every row."""
    from datetime import UTC, date, datetime

    from core.models import Role
    from grants.models import GrantApplication
    from tests.conftest import People
    from tests.grants.conftest import Grants
    from tests.training.conftest import Training
    from training.models import Application, PathwayStep, PlacementCheckIn

    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/place.db")
    with app.app_context():
        upgrade()
    people, training = People(app), Training(app)
    grantee, worker, student = (people.make(Role.PARTICIPANT) for _ in range(3))
    training.profile(grantee, province_code="57", district_code=None)
    post_id = training.post(training.organisation(people.make(Role.EMPLOYER)), province_code="20")
    course_id = training.course(province_code="50")
    with app.app_context():
        round_id = Grants(app, people).round()
        db.session.commit()
    with app.app_context():
        awarded = GrantApplication(round_id=round_id, participant_id=grantee, status="accepted",
                                   amount_awarded_thb=20_000, decided_at=datetime(2025, 3, 1, tzinfo=UTC))
        draft = GrantApplication(round_id=round_id, participant_id=grantee, status="draft")
        hired = Application(participant_id=worker, post_id=post_id, status="completed", outcome="hired")
        pending = Application(participant_id=student, post_id=post_id, status="applied")
        db.session.add_all([awarded, draft, hired, pending])
        db.session.flush()
        db.session.add_all([
            PathwayStep(participant_id=worker, post_id=post_id, application_id=hired.id, step="hired",
                        on_date=date(2025, 2, 1)),
            PathwayStep(participant_id=student, course_id=course_id, step="exam_passed", on_date=date(2025, 6, 1)),
            PlacementCheckIn(application_id=hired.id, participant_id=worker, month=3, started_on=date(2025, 2, 1),
                             due_on=date(2025, 5, 1))])
        db.session.commit()
        ids = {"awarded": awarded.id, "draft": draft.id, "hired": hired.id, "pending": pending.id}
        downgrade(revision="0039")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("applications")}
        assert "work_province_code" not in columns and "impact_years" not in sa.inspect(db.engine).get_table_names()
        assert db.session.execute(sa.text("SELECT count(*) FROM applications")).scalar() == 2
        db.session.commit()
        upgrade(revision="0041")

        def one(sql: str, **values):
            return db.session.execute(sa.text(sql), values).scalar()
        assert one("SELECT province_code FROM grant_applications WHERE id = :i", i=ids["awarded"]) == "57"
        assert one("SELECT province_code FROM grant_applications WHERE id = :i", i=ids["draft"]) is None
        assert one("SELECT work_province_code FROM applications WHERE id = :i", i=ids["hired"]) == "20"
        assert one("SELECT work_province_code FROM applications WHERE id = :i", i=ids["pending"]) is None
        steps = dict(db.session.execute(sa.text("SELECT step, province_code FROM pathway_steps")).all())
        assert steps == {"hired": "20", "exam_passed": None}
        db.session.commit()
        upgrade(revision="0042")
        assert db.session.execute(sa.text(
            "SELECT count(*) FROM enterprises WHERE standing_confirmed_at IS NOT NULL")).scalar() == 0
        db.session.commit()
        downgrade(revision="0039")
        assert db.session.execute(sa.text("SELECT count(*) FROM grant_applications")).scalar() == 2
        upgrade()


def test_each_product_becomes_one_default_variant_with_its_stock_ledger_carts_and_lines_and_goes_back(tmp_path):
    """0043: a counted and a made-to-order product each become one variant with their price, weight, stock and
    low-stock mark; the ledger's rows, a customer's cart and an order's line name that variant, the shop still
    sells and searches them. Down to 0042 with a second variant added: the product takes its first variant's
    price and all its counted stock (still its ledger's sum), the cart names the product again."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/variants.db")
    with app.app_context():
        upgrade(revision="0042")
        for row in ROWS_AT["0001"][:1]:
            _insert(*row)
        _insert("users", {"id": 3, "username": "buyer", "display_name": "Buyer", "role": "customer",
                          "session_version": 1, "active": True, "created_at": NOW})
        _insert("enterprises", {"id": 1, "slug": "coffee", "name": "Coffee", "story": "", "active": True,
                                "text_language": "en", "translations": "{}", "translated_text": ""})
        for product_id, name, price, stock in ((1, "Doi Chang beans", 32000, 7), (2, "Name bracelet", 45000, None)):
            _insert("products", {"id": product_id, "enterprise_id": 1, "name": name, "description": "",
                                 "category": "coffee", "price_minor": price, "currency": "THB", "stock": stock,
                                 "low_stock_at": 2, "weight_grams": 270, "active": True, "created_at": NOW,
                                 "text_language": "en", "translations": "{}", "translated_text": ""})
        _insert("orders", {"id": 1, "token": "t" * 43, "name": "Malee Buyer", "email": "m@example.org", "phone": "",
                           "delivery": "pickup", "address": "", "status": "paid", "payment_method": "stripe",
                           "stock_held": True, "subtotal_minor": 96000, "shipping_minor": 0, "total_minor": 96000,
                           "refunded_minor": 0, "refund_reserved_minor": 0, "currency": "THB", "created_at": NOW})
        _insert("order_lines", {"id": 1, "order_id": 1, "product_id": 1, "enterprise_id": 1, "name": "Beans",
                                "unit_price_minor": 32000, "quantity": 3, "refunded_quantity": 0,
                                "reserved_quantity": 0, "refunded_minor": 0, "reserved_minor": 0, "status": "open"})
        _insert("stock_movements", {"id": 1, "product_id": 1, "change": 10, "reason": "initial", "note": "",
                                    "at": NOW})
        _insert("stock_movements", {"id": 2, "product_id": 1, "change": -3, "reason": "hold", "note": "", "at": NOW,
                                    "order_id": 1})
        _insert("cart_items", {"user_id": 3, "product_id": 1, "quantity": 2})
        db.session.commit()

        upgrade(revision="0043")
        from marketplace import catalogue, stock, variant_management
        from marketplace.models import CartItem, OrderLine, Product, ProductVariant
        beans, bracelet = db.session.get(Product, 1), db.session.get(Product, 2)
        [variant] = beans.variants
        assert (variant.price_minor, variant.stock, variant.weight_grams, variant.low_stock_at, variant.combination) \
            == (32000, 7, 270, 2, "")
        assert [(v.price_minor, v.stock) for v in bracelet.variants] == [(45000, None)]
        assert stock.ledger_sum(variant.id) == 7 and stock.discrepancies() == []
        # Read as SQL: today's OrderLine has columns later migrations add (0047's discount).
        assert db.session.execute(sa.text("SELECT variant_id FROM order_lines WHERE id = 1")).scalar() == variant.id
        assert db.session.execute(sa.select(CartItem.variant_id, CartItem.quantity)).all() == [(variant.id, 2)]
        assert [p.id for p in catalogue.search(q="Doi Chang")[0]] == [1]
        # the shop goes on: an option, and a second variant with its own stock
        from core.models import User
        manager = db.session.get(User, 1)
        weight = variant_management.add_option(manager, beans, "Weight", "250 g, 500 g")
        variant_management.add_variant(manager, beans, {weight.id: weight.values[1].id}, {
            "price_minor": 58000, "weight_grams": 520, "low_stock_at": 1, "made_to_order": False, "counted": 4})
        assert [p.id for p in catalogue.search(q="500 g")[0]] == [1]
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count(ProductVariant.id))) == 3

        downgrade(revision="0042")
        rows = db.session.execute(sa.text("SELECT id, price_minor, stock, weight_grams, low_stock_at FROM products "
                                          "ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, 32000, 11, 270, 2), (2, 45000, None, 270, 2)]
        ledger = db.session.execute(sa.text("SELECT SUM(change) FROM stock_movements WHERE product_id = 1")).scalar()
        assert ledger == 11
        assert db.session.execute(sa.text("SELECT product_id, quantity FROM cart_items")).all() == [(1, 2)]
        assert db.session.execute(sa.text("SELECT product_id FROM order_lines")).scalar() == 1
        db.session.commit()
        upgrade()
        assert db.session.get(OrderLine, 1).variant_id == 1


@pytest.fixture
def own_database(tmp_path):
    """An empty database of its own, dropped after: on the PostgreSQL pass's server (tests/with_postgres.sh) a
    new database, on the SQLite pass a new file."""
    import os
    import secrets

    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'own.sqlite3'}"
        return
    name = f"migrations_{secrets.token_hex(4)}"
    server = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    yield url.rsplit("/", 1)[0] + "/" + name
    with server.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    server.dispose()


def test_variants_migration_goes_down_and_up_on_an_empty_database_with_its_rows(tmp_path, own_database):
    """0043 from an empty database, on each pass's own: the ids given to the default variants leave the sequence
    after them (PostgreSQL), the cart is rebuilt under the same constraint names, and down and up again keeps
    prices, stock and lines."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=own_database)
    with app.app_context():
        upgrade(revision="0042")
        _insert("users", {"id": 3, "username": "buyer", "display_name": "Buyer", "role": "customer",
                          "session_version": 1, "active": True, "created_at": NOW})
        _insert("enterprises", {"id": 1, "slug": "coffee", "name": "Coffee", "story": "", "active": True,
                                "text_language": "en", "translations": "{}", "translated_text": ""})
        _insert("products", {"id": 1, "enterprise_id": 1, "name": "Doi Chang beans", "description": "",
                             "category": "coffee", "price_minor": 32000, "currency": "THB", "stock": 7,
                             "low_stock_at": 2, "weight_grams": 270, "active": True, "created_at": NOW,
                             "text_language": "en", "translations": "{}", "translated_text": ""})
        _insert("stock_movements", {"id": 1, "product_id": 1, "change": 7, "reason": "initial", "note": "",
                                    "at": NOW})
        _insert("cart_items", {"user_id": 3, "product_id": 1, "quantity": 2})
        db.session.commit()
        upgrade()
        from marketplace import catalogue, stock
        from marketplace.models import Product, ProductVariant
        beans = db.session.get(Product, 1)
        db.session.add(ProductVariant(product_id=1, combination="x", price_minor=1, stock=None))  # a new id
        db.session.flush()
        assert stock.discrepancies() == [] and [p.id for p in catalogue.search(q="Doi Chang")[0]] == [1]
        assert beans.default_variant.id == 1
        db.session.rollback()
        downgrade(revision="0042")
        assert tuple(db.session.execute(sa.text("SELECT price_minor, stock FROM products")).one()) == (32000, 7)
        assert tuple(db.session.execute(sa.text("SELECT product_id, quantity FROM cart_items")).one()) == (1, 2)
        db.session.commit()
        upgrade()
        assert tuple(db.session.execute(sa.text("SELECT variant_id, quantity FROM cart_items")).one()) == (1, 2)
        db.session.remove()
    with app.app_context():
        db.engine.dispose()


def test_employers_that_register_themselves_go_up_and_down_with_their_rows(tmp_path):
    """0051: an organisation made by staff keeps its number and is not "registered itself"; afterwards one may
    have no number (it registered itself, a number given but unchecked). Down again, it gets a placeholder
    number (unique, as the column then is) and every row stays."""
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/employers.db")
    with app.app_context():
        upgrade(revision="0050")
        _insert("employer_organisations", {"id": 1, "name": "Rice Co", "registration_number": "0105500000001",
                                           "address": "Chiang Mai", "province_code": "50", "contact_name": "K",
                                           "contact_phone": "053", "suspension_reason": "", "created_at": NOW})
        db.session.commit()
        upgrade(revision="0051")

        def row(organisation_id: int):
            return db.session.execute(sa.text(
                "SELECT registration_number, registered_itself, given_registration_number, work_offered, "
                "refused_at, refusal_reason FROM employer_organisations WHERE id = :i"),
                {"i": organisation_id}).one()
        assert tuple(row(1)) == ("0105500000001", False, None, "", None, "")
        _insert("employer_organisations", {"id": 2, "name": "Orchid Farm", "address": "Mae Rim",
                                           "province_code": "50", "contact_name": "P", "contact_phone": "053",
                                           "suspension_reason": "", "created_at": NOW, "registered_itself": True,
                                           "given_registration_number": "0105500000001",
                                           "work_offered": "Potting orchids"})
        db.session.commit()
        assert row(2)[:4] == (None, True, "0105500000001", "Potting orchids")
        downgrade(revision="0050")
        numbers = dict(db.session.execute(sa.text("SELECT id, registration_number FROM employer_organisations")).all())
        assert numbers == {1: "0105500000001", 2: "SELF-2"}
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("employer_organisations")}
        assert "registered_itself" not in columns and "refused_at" not in columns
        db.session.commit()
        upgrade()
        assert row(1)[0] == "0105500000001" and row(2)[0] == "SELF-2"
