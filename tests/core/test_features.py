"""Features declare themselves (core.features); the app keeps what they declare, in the order of app.py."""
from __future__ import annotations

import configparser
from pathlib import Path

import pytest

from core import commands, navigation, scheduler
from core.features import Feature, install, registries
from privacy import services as privacy
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]

MENU = {  # the order people see, role by role
    None: ["site.home", "training.opportunities", "shop.index", "shop.view_cart"],
    "participant": ["site.home", "people.my_messages", "people.my_contact", "privacy.my_data",
                    "training.opportunities", "training.my_matches", "training.my_pathway", "training.my_profile",
                    "grants.home", "shop.index"],
    # Lists of waiting work are lines of the work home (site.my_work), not menu entries (issue 33).
    "staff": ["site.home", "site.my_work", "people.participants", "impact.report", "privacy.my_data",
              "training.opportunities", "training_staff.dashboard", "grants_staff.rounds_list", "grants_staff.report",
              "shop.index", "shop_manager.report", "shop_manager.shipping", "shop_manager.discount_codes",
              "shop_manager.businesses"],
    "manager": ["site.home", "site.my_work", "privacy.my_data", "training.opportunities", "shop.index",
                "shop_manager.home", "shop_manager.report", "shop_manager.discount_codes",
                "shop_manager.wholesale_settings"],
    "employer": ["site.home", "site.my_work", "privacy.my_data", "training.opportunities", "employer.home",
                 "shop.index"],
    "customer": ["site.home", "privacy.my_data", "training.opportunities", "shop.index", "shop.view_cart",
                 "shop.my_orders", "subscriptions.mine", "shop.business"],
    "admin": ["site.home", "site.my_work", "people.participants", "impact.report", "admin.audit_log",
              "admin.accounts_list", "privacy.my_data", "training.opportunities", "training_staff.dashboard",
              "grants_staff.rounds_list", "grants_staff.report", "shop.index", "shop_manager.enterprises",
              "shop_manager.report", "shop_manager.shipping", "shop_manager.discount_codes",
              "shop_manager.businesses"],
}
SECTIONS = ["account", "messages", "contact_suggestions", "drafts", "consents", "access", "training_profile",
            "training_applications", "training_pathway", "training_check_ins", "grant_applications", "shop_orders",
            "wholesale_business", "shop_subscriptions"]
JOBS = ["core.purge_sign_in_counters", "core.forget_unconfirmed_registrations",
        "accounts.purge_expired_trusted_browsers", "accounts.purge_expired_drafts", "privacy.retention",
        "training.rescreen_posts",
        "training.remind_offers", "training.check_ins", "training.forget_abandoned_registrations", "grants.daily",
        "shop.expire_checkouts",
        "shop.reconcile_refunds", "shop.low_stock", "shop.overdue_invoices", "shop.cancel_subscriptions_at_stripe",
        "core.impact", "core.outbox",
        "core.optimize_database"]
SEEDERS = ["give_demo_consent", "seed_training_demo", "seed_grants_demo", "seed_shop_demo", "seed_wholesale_demo",
           "seed_figures"]


def _snapshot(app) -> dict:
    with app.app_context():
        return {"menu": {role: [endpoint for endpoint, _label in navigation.nav_links(role)] for role in MENU},
                "sections": [section.name for section in privacy.data_sections()],
                "jobs": [job.id for job in scheduler.registered_jobs()],
                "seeders": [seeder.__name__ for seeder in commands.seeders()],
                "record_links": [endpoint for endpoint, _label in navigation.record_links()]}


def test_the_menu_sections_jobs_and_demo_data_keep_their_order(tmp_path):
    found = _snapshot(make_app(tmp_path))
    assert found["menu"] == MENU
    assert found["sections"] == SECTIONS
    assert found["jobs"] == JOBS
    assert found["seeders"] == SEEDERS
    assert found["record_links"] == ["training_staff.participant_profile", "grants_staff.apply_for"]


def test_two_apps_in_one_process_neither_share_nor_double_what_features_declare(tmp_path):
    first = make_app(tmp_path / "one")
    before = _snapshot(first)
    second = make_app(tmp_path / "two")
    assert registries(first) is not registries(second)
    assert _snapshot(first) == before == _snapshot(second)
    assert registries(first).features == ["accounts", "privacy", "training", "grants", "marketplace", "impact"]


def test_a_feature_is_installed_once(tmp_path):
    app = make_app(tmp_path)
    with pytest.raises(ValueError, match="installed twice"):
        install(app, [Feature("training")])


def test_alembic_finds_the_migrations_of_every_feature(tmp_path):
    """alembic.ini lists the folders (Flask-Migrate reads it as it is); they must be the declared ones."""
    declared = registries(make_app(tmp_path)).migrations
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "core" / "migrations" / "alembic.ini")
    listed = config["alembic"]["version_locations"].split()
    assert listed[0] == "%(here)s/versions"
    assert sorted(entry.removeprefix("%(here)s/../../") for entry in listed[1:]) == sorted(declared)
