"""Small-business grants and training scholarships: rounds, review, decisions, tranches and follow-up."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from core import clock

grants_cli = AppGroup("grants", help="Grant rounds and follow-up of funded businesses.")


@grants_cli.command("run-daily")
def run_daily_command() -> None:
    """Mark overdue visits and flag businesses at risk (safe to run more than once a day)."""
    from grants.monitoring import run_daily

    result = run_daily(clock.today())
    click.echo(f"visits reminded: {result['reminded']}, overdue visits marked: {result['overdue']}, "
               f"risk flags raised: {result['raised']}, "
               f"closed: {result['resolved']}")


def daily_job():
    from grants.monitoring import run_daily

    return run_daily(clock.today())


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from core.commands import register_seeder
    from core.models import Role
    from core.navigation import register_nav, register_record_link
    from core.scheduler import register_job
    from grants import privacy_data, staff_views, templating, views
    from grants.demo import seed_grants_demo
    from privacy.services import register_data_section

    templating.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(staff_views.bp)
    register_nav("grants.home", _l("Grants"), roles=[Role.PARTICIPANT])
    register_nav("grants_staff.rounds_list", _l("Grants"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("grants_staff.monitoring_board", _l("Follow-up visits"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("grants_staff.report", _l("Grants portfolio"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("grants.my_reviews", _l("My reviews"), roles=[Role.STAFF, Role.ADMIN, Role.EMPLOYER, Role.MANAGER])
    register_record_link("grants_staff.apply_for", _l("Grant application on their behalf"))
    from core.labels import register_codes
    from grants.forms import BUSINESS_STATUS_LABELS, TRANCHE_KINDS
    register_codes("grant_status", templating.GRANT_STATUS)
    register_codes("business_status", BUSINESS_STATUS_LABELS)
    register_codes("tranche_kind", TRANCHE_KINDS)
    register_data_section("grant_applications", _l("Your grant applications"), privacy_data.export_grants,
                          privacy_data.anonymise_grants, fields=privacy_data.FIELDS,
                          sealed_note=privacy_data.sealed_note)
    register_seeder(seed_grants_demo)
    from grants.models import (
        BudgetLine,
        EligibilityException,
        FollowUpVisit,
        GrantApplication,
        PlannedTranche,
        ReviewAssignment,
        RiskFlag,
        Tranche,
    )
    from privacy.access_log import register_participant_data, register_participant_data_via
    register_participant_data(GrantApplication, "participant_id")
    register_participant_data(EligibilityException, "participant_id")
    for model in (BudgetLine, ReviewAssignment, Tranche, PlannedTranche, FollowUpVisit, RiskFlag):
        register_participant_data_via(model, "application_id", GrantApplication)
    # A grant application and everything under it are sealed from a reviewer until they declare no conflict of
    # interest, and for good after a conflict: left out of every query they make (grants.sealing).
    from core.models import Notice
    from grants import sealing
    from grants.reviews import notice_not_about, sealed_application_ids
    sealing.register(sealed_application_ids, {
        GrantApplication: "id", BudgetLine: "application_id", Tranche: "application_id",
        PlannedTranche: "application_id", FollowUpVisit: "application_id", RiskFlag: "application_id",
        Notice: notice_not_about})  # "Your grant of ... baht is approved", on the person's record
    from core.versioned_cache import watch
    from grants.models import GrantRound
    from grants.reports import PORTFOLIO_CACHE
    watch(PORTFOLIO_CACHE, GrantApplication, GrantRound, FollowUpVisit, RiskFlag)
    from core.hooks import provide
    from grants.rounds import scholarship_courses
    provide("scholarship_courses", scholarship_courses)
    app.cli.add_command(grants_cli)
    register_job("grants.daily", daily_job, "cron", hour=6, minute=0)
    _register_notices()
    from grants.outcomes import register_themes
    register_themes()
    # Retention (privacy.retention): what counts as a participant's activity, and ended applications' words.
    from privacy import retention
    retention.register_activity(GrantApplication, "participant_id")
    retention.register_activity_via(FollowUpVisit, "application_id", GrantApplication)
    retention.register_ended_applications("grant_applications", _l("Grant applications"),
                                          privacy_data.count_ended_due, privacy_data.forget_ended_due)


def _register_notices() -> None:
    from flask_babel import lazy_gettext as _l

    from core.notify import register_kind
    register_kind("grant.approved", _l("Your grant is approved"),
                  _l("Your grant of %(amount)s baht is approved. Please read what it includes and say yes or no. "
                     "Saying no is fine."))
    register_kind("grant.visit_soon", _l("A follow-up visit is coming"),
                  _l("Someone from the programme will visit or call about your business around %(date)s. If you "
                     "prefer, tell us how it is going yourself on Pathways."))
    register_kind("grant.award_accepted", _l("A grant was accepted"),
                  _l("The person accepted grant %(number)s. Payments and follow-up visits can start."),
                  to_participant=False)
    register_kind("grant.award_declined", _l("A grant was declined"),
                  _l("The person said no to grant %(number)s. Its money went back to the round."),
                  to_participant=False)
