"""Training and work: profiles, courses, apprenticeships and jobs, matching, the pathway, safe recruitment."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav, ParticipantData, RecordLink
from core.models import Role
from impact.services import THEMES
from privacy.services import DataSection

training_cli = AppGroup("training", help="Training and work: safe-recruitment checks.")


@training_cli.command("rescreen")
def rescreen_command() -> None:
    """Screen every published post again with the current rules (also run daily by the scheduler)."""
    held = rescreen_job()
    click.echo(f"posts screened again; sent back to staff: {held}")


def rescreen_job() -> int:
    from core import clock
    from training.employers import rescreen_published

    return len(rescreen_published(clock.today()))


def feature() -> Feature:
    from training import codes, employer_views, notices, profiles, staff_views, templating, views
    from training.applications import remind_unanswered_offers, stop_sharing_with_employers
    from training.check_ins import run_daily as check_ins_daily
    from training.demo import seed_training_demo
    from training.employer_models import EmployerOrganisation, WorkPost
    from training.listings import LISTINGS_CACHE
    from training.models import Application, Course, DemandRecord, PathwayStep, PlacementCheckIn, Profile
    from training.outcomes import themes
    from training.recommendations import OPPORTUNITIES_CACHE

    staff = [Role.STAFF, Role.ADMIN]
    return Feature(
        "training",
        setup=_setup,
        blueprints=(views.bp, employer_views.bp, staff_views.bp),
        templating=templating.init_app,
        nav=(Nav("training.opportunities", _l("Courses and work")),
             Nav("training.my_matches", _l("Suggested for me"), roles=[Role.PARTICIPANT]),
             Nav("training.my_pathway", _l("My pathway"), roles=[Role.PARTICIPANT]),
             Nav("training.my_profile", _l("My profile"), roles=[Role.PARTICIPANT]),
             Nav("employer.home", _l("My organisation and posts"), roles=[Role.EMPLOYER]),
             Nav("training_staff.dashboard", _l("Training and work"), roles=staff),
             Nav("training_staff.check_ins_board", _l("Check-ins after a hire"), roles=staff)),
        record_links=(RecordLink("training_staff.participant_profile", _l("Change the profile")),),
        code_lists=codes.code_lists(),
        data_sections=(
            DataSection("training_profile", _l("Your profile"), profiles.export_profile,
                        profiles.anonymise_training_data, fields=profiles.PROFILE_DATA_FIELDS),
            DataSection("training_applications", _l("Your applications"), profiles.export_applications,
                        lambda user: None, fields=profiles.APPLICATION_DATA_FIELDS),
            DataSection("training_pathway", _l("Your pathway"), profiles.export_pathway, lambda user: None,
                        fields=profiles.PATHWAY_DATA_FIELDS),
            DataSection("training_check_ins", _l("Your check-ins after starting work"), profiles.export_check_ins,
                        profiles.anonymise_check_ins, fields=profiles.CHECK_IN_DATA_FIELDS)),
        cache_watches={OPPORTUNITIES_CACHE: (Course, WorkPost, EmployerOrganisation, DemandRecord),
                       LISTINGS_CACHE: (Course, WorkPost, EmployerOrganisation)},
        withdrawal_hooks={"share_with_employers": (stop_sharing_with_employers,)},
        participant_data=(ParticipantData(Profile, "user_id"), ParticipantData(PlacementCheckIn, "participant_id"),
                          ParticipantData(Application, "participant_id"),
                          ParticipantData(PathwayStep, "participant_id")),
        seeders=(seed_training_demo,),
        jobs=(Job("training.rescreen_posts", rescreen_job, "cron", {"hour": 5, "minute": 30}),
              Job("training.remind_offers", remind_unanswered_offers, "cron", {"hour": 9, "minute": 0}),
              Job("training.check_ins", check_ins_daily, "cron", {"hour": 9, "minute": 15})),
        notice_kinds=notices.NOTICE_KINDS,
        cli=(training_cli,),
        provides={THEMES: (themes,)},
        migrations="training/migrations",
    )


def _setup(app: Flask) -> None:
    from privacy import retention
    from training import retention as ended
    from training import screening
    from training.models import Application, PathwayStep, PlacementCheckIn, Profile

    screening.validate_once()  # a broken rule file stops the start, it never screens silently
    # Retention (privacy.retention): what counts as a participant's activity, and ended applications' words.
    for model, attribute in ((Application, "participant_id"), (PathwayStep, "participant_id"),
                             (PlacementCheckIn, "participant_id"), (Profile, "user_id")):
        retention.register_activity(model, attribute)
    retention.register_ended_applications("training_applications", _l("Training and job applications"),
                                          ended.count_ended_due, ended.forget_ended_due)
