"""Small-business grants and training scholarships: rounds, review, decisions, tranches and follow-up."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from core import clock
from core.features import Feature, Job, Nav, NoticeKind, ParticipantData, RecordLink
from core.models import Role
from impact.services import THEMES
from privacy.services import DataSection

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


def feature() -> Feature:
    from grants import privacy_data, sealing, staff_views, templating, views
    from grants.demo import seed_grants_demo
    from grants.forms import BUSINESS_STATUS_LABELS, TRANCHE_KINDS
    from grants.models import (
        BudgetLine,
        EligibilityException,
        FollowUpVisit,
        GrantApplication,
        GrantRound,
        PlannedTranche,
        ReviewAssignment,
        RiskFlag,
        Tranche,
    )
    from grants.outcomes import themes
    from grants.reports import PORTFOLIO_CACHE
    from grants.rounds import scholarship_courses

    staff = [Role.STAFF, Role.ADMIN]
    return Feature(
        "grants",
        setup=_setup,
        templating=templating.init_app,
        blueprints=(views.bp, staff_views.bp),
        nav=(Nav("grants.home", _l("Grants"), roles=[Role.PARTICIPANT]),
             Nav("grants_staff.rounds_list", _l("Grants"), roles=staff),
             Nav("grants_staff.monitoring_board", _l("Follow-up visits"), roles=staff),
             Nav("grants_staff.report", _l("Grants portfolio"), roles=staff),
             Nav("grants.my_reviews", _l("My reviews"), roles=[Role.STAFF, Role.ADMIN, Role.EMPLOYER, Role.MANAGER])),
        record_links=(RecordLink("grants_staff.apply_for", _l("Grant application on their behalf")),),
        code_lists={"grant_status": templating.GRANT_STATUS, "business_status": BUSINESS_STATUS_LABELS,
                    "tranche_kind": TRANCHE_KINDS},
        data_sections=(DataSection("grant_applications", _l("Your grant applications"), privacy_data.export_grants,
                                   privacy_data.anonymise_grants, fields=privacy_data.FIELDS,
                                   sealed_note=privacy_data.sealed_note),),
        seeders=(seed_grants_demo,),
        participant_data=(ParticipantData(GrantApplication, "participant_id"),
                          ParticipantData(EligibilityException, "participant_id"),
                          *(ParticipantData(model, "application_id", via=GrantApplication) for model in (
                              BudgetLine, ReviewAssignment, Tranche, PlannedTranche, FollowUpVisit, RiskFlag))),
        cache_watches={PORTFOLIO_CACHE: (GrantApplication, GrantRound, FollowUpVisit, RiskFlag)},
        provides={"scholarship_courses": (scholarship_courses,), THEMES: (themes,)},
        statement_hooks=(sealing.filter_statement,),
        cli=(grants_cli,),
        jobs=(Job("grants.daily", daily_job, "cron", {"hour": 6, "minute": 0}),),
        notice_kinds=_notice_kinds(),
        migrations="grants/migrations",
    )


def _setup(app: Flask) -> None:
    from grants import privacy_data
    from grants.models import FollowUpVisit, GrantApplication
    from privacy import retention

    _seal_from_reviewers(app)
    # Retention (privacy.retention): what counts as a participant's activity, and ended applications' words.
    retention.register_activity(GrantApplication, "participant_id")
    retention.register_activity_via(FollowUpVisit, "application_id", GrantApplication)
    retention.register_ended_applications("grant_applications", _l("Grant applications"),
                                          privacy_data.count_ended_due, privacy_data.forget_ended_due)


def _seal_from_reviewers(app: Flask) -> None:
    # A grant application and everything under it are sealed from a reviewer until they declare no conflict of
    # interest, and for good after a conflict: left out of every query they make (grants.sealing).
    from core.models import Notice
    from grants import sealing
    from grants.models import BudgetLine, FollowUpVisit, GrantApplication, PlannedTranche, RiskFlag, Tranche
    from grants.reviews import notice_not_about, sealed_application_ids
    sealing.register(sealed_application_ids, {
        GrantApplication: "id", BudgetLine: "application_id", Tranche: "application_id",
        PlannedTranche: "application_id", FollowUpVisit: "application_id", RiskFlag: "application_id",
        Notice: notice_not_about})  # "Your grant of ... baht is approved", on the person's record


def _notice_kinds() -> dict[str, NoticeKind]:
    return {
        "grant.approved": NoticeKind(_l("Your grant is approved"), _l(
            "Your grant of %(amount)s baht is approved. Please read what it includes and say yes or no. Saying no "
            "is fine.")),
        "grant.visit_soon": NoticeKind(_l("A follow-up visit is coming"), _l(
            "Someone from the programme will visit or call about your business around %(date)s. If you prefer, "
            "tell us how it is going yourself on Pathways.")),
        "grant.award_accepted": NoticeKind(_l("A grant was accepted"), _l(
            "The person accepted grant %(number)s. Payments and follow-up visits can start."),
            to_participant=False),
        "grant.award_declined": NoticeKind(_l("A grant was declined"), _l(
            "The person said no to grant %(number)s. Its money went back to the round."), to_participant=False),
    }
