"""Training and work: profiles, courses, apprenticeships and jobs, matching, the pathway, safe recruitment."""
from __future__ import annotations

from collections.abc import Mapping

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from core.models import Role

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


def init_app(app: Flask) -> None:
    from core.commands import register_seeder
    from core.navigation import register_nav, register_record_link
    from core.scheduler import register_job
    from privacy.services import register_data_section
    from training import employer_views, profiles, screening, staff_views, templating, views
    from training.demo import seed_training_demo

    screening.validate_once()  # a broken rule file stops the start, it never screens silently
    for blueprint in (views.bp, employer_views.bp, staff_views.bp):
        app.register_blueprint(blueprint)
    templating.init_app(app)
    register_nav("training.opportunities", _l("Courses and work"))
    register_nav("training.my_matches", _l("Suggested for me"), roles=[Role.PARTICIPANT])
    register_nav("training.my_pathway", _l("My pathway"), roles=[Role.PARTICIPANT])
    register_nav("training.my_profile", _l("My profile"), roles=[Role.PARTICIPANT])
    register_nav("employer.home", _l("My organisation and posts"), roles=[Role.EMPLOYER])
    register_nav("training_staff.dashboard", _l("Training and work"), roles=[Role.STAFF, Role.ADMIN])
    register_nav("training_staff.check_ins_board", _l("Check-ins after a hire"), roles=[Role.STAFF, Role.ADMIN])
    register_record_link("training_staff.participant_profile", _l("Change the profile"))
    _register_codes()
    register_data_section("training_profile", _l("Your profile"), profiles.export_profile,
                          profiles.anonymise_training_data, fields=profiles.PROFILE_DATA_FIELDS)
    register_data_section("training_applications", _l("Your applications"), profiles.export_applications,
                          lambda user: None, fields=profiles.APPLICATION_DATA_FIELDS)
    register_data_section("training_pathway", _l("Your pathway"), profiles.export_pathway, lambda user: None,
                          fields=profiles.PATHWAY_DATA_FIELDS)
    register_data_section("training_check_ins", _l("Your check-ins after starting work"), profiles.export_check_ins,
                          profiles.anonymise_check_ins, fields=profiles.CHECK_IN_DATA_FIELDS)
    from core.versioned_cache import watch
    from privacy.access_log import register_participant_data
    from training.employer_models import EmployerOrganisation, WorkPost
    from training.models import Course, DemandRecord
    from training.recommendations import OPPORTUNITIES_CACHE
    watch(OPPORTUNITIES_CACHE, Course, WorkPost, EmployerOrganisation, DemandRecord)
    from training.listings import LISTINGS_CACHE
    watch(LISTINGS_CACHE, Course, WorkPost, EmployerOrganisation)
    from privacy.services import register_withdrawal_hook
    from training.applications import stop_sharing_with_employers
    register_withdrawal_hook("share_with_employers", stop_sharing_with_employers)
    from training.models import Application, PathwayStep, PlacementCheckIn, Profile
    register_participant_data(Profile, "user_id")
    register_participant_data(PlacementCheckIn, "participant_id")
    register_participant_data(Application, "participant_id")
    register_participant_data(PathwayStep, "participant_id")
    register_seeder(seed_training_demo)
    register_job("training.rescreen_posts", rescreen_job, "cron", hour=5, minute=30)
    from training.applications import remind_unanswered_offers
    register_job("training.remind_offers", remind_unanswered_offers, "cron", hour=9, minute=0)
    from training.check_ins import run_daily as check_ins_daily
    register_job("training.check_ins", check_ins_daily, "cron", hour=9, minute=15)
    _register_notices()
    app.cli.add_command(training_cli)
    # Retention (privacy.retention): what counts as a participant's activity, and ended applications' words.
    from privacy import retention
    from training import retention as ended
    for model, attribute in ((Application, "participant_id"), (PathwayStep, "participant_id"),
                             (PlacementCheckIn, "participant_id"), (Profile, "user_id")):
        retention.register_activity(model, attribute)
    retention.register_ended_applications("training_applications", _l("Training and job applications"),
                                          ended.count_ended_due, ended.forget_ended_due)
    from training.outcomes import register_themes
    register_themes()


def _register_codes() -> None:
    from core.labels import register_codes
    from training import vocabulary
    from training.applications import SHAREABLE_FIELDS
    from training.check_ins import PROBLEM_LABELS
    from training.employer_models import CONTRACT_LABELS
    from training.templating import POST_STATUS_LABELS, STATUS_LABELS, STEP_LABELS
    lists: dict[str, Mapping] = {"language": vocabulary.LANGUAGES, "reading_level": vocabulary.READING_LEVELS,
                         "goal": vocabulary.GOALS, "sector": vocabulary.SECTORS, "skill": vocabulary.SKILLS,
                         "skill_level": vocabulary.SKILL_LEVELS, "weekday": vocabulary.WEEKDAYS,
                         "application_status": STATUS_LABELS, "pathway_step": STEP_LABELS,
                         "post_status": POST_STATUS_LABELS, "shareable_field": SHAREABLE_FIELDS,
                         "check_in_problem": PROBLEM_LABELS, "contract_type": CONTRACT_LABELS,
                         "hire_outcome": {"hired": _l("Hired"), "not_hired": _l("Not hired")},
                         "check_in_status": {"scheduled": _l("Not answered yet"), "answered": _l("Answered"),
                                             "missed": _l("Not answered in time")}}
    for kind, labels in lists.items():
        register_codes(kind, labels)
    register_codes("province", _ProvinceNames())


class _ProvinceNames(Mapping):
    """Province codes as names in the reader's language (Thai or English, from the geography data)."""

    def __getitem__(self, code):
        from flask_babel import get_locale

        from training.geo import place_name
        name = place_name(code, None, str(get_locale() or "en"))
        if not name:
            raise KeyError(code)
        return name

    def __iter__(self):
        from training.geo import provinces
        return iter(provinces())

    def __len__(self) -> int:
        from training.geo import provinces
        return len(provinces())


def _register_notices() -> None:
    from flask_babel import lazy_gettext as _l

    from core.notify import register_kind
    register_kind("offer.made", _l("You have an offer"),
                  _l("You have an offer: %(title)s. Please say yes or no by %(date)s. If you need more time, "
                     "that is fine: tell the programme."))
    register_kind("offer.reminder", _l("Your offer is waiting"),
                  _l("Your offer for %(title)s is waiting for your answer by %(date)s. Saying no is fine."))
    register_kind("offer.accepted", _l("An offer was accepted"),
                  _l("The person accepted your offer for %(title)s (application %(number)s)."), to_participant=False)
    register_kind("check_in.due", _l("How is your work going?"),
                  _l("You started work %(months)s months ago. Please answer a few short questions. Your employer "
                     "does not see your answers."))
    register_kind("offer.declined", _l("An offer was declined"),
                  _l("The person said no to your offer for %(title)s (application %(number)s). Nothing else "
                     "changes for them."), to_participant=False)
