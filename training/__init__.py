"""Training and work: profiles, courses, apprenticeships and jobs, matching, the pathway, safe recruitment."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import Feature, HomeSection, Job, Nav, RecordLink, ToDo
from core.models import Role
from impact.services import THEMES


def feature() -> Feature:
    from training import (
        apply_steps,
        audit_labels,
        check_in_steps,
        codes,
        employer_signup,
        employer_signup_views,
        employer_views,
        geo,
        notices,
        privacy_data,
        profile_steps,
        staff_views,
        startup,
        templating,
        vetting,
        views,
        waiting,
    )
    from training.applications import remind_unanswered_offers, stop_sharing_with_employers
    from training.check_ins import run_daily as check_ins_daily
    from training.commands import rescreen_job, training_cli
    from training.demo import seed_training_demo
    from training.employer_models import EmployerOrganisation, WorkPost
    from training.listings import LISTINGS_CACHE
    from training.models import Course, DemandRecord, Profile
    from training.outcomes import themes
    from training.recommendations import OPPORTUNITIES_CACHE, PARTICIPANTS_CACHE

    staff = [Role.STAFF, Role.ADMIN]
    return Feature(
        "training",
        setup=startup.setup,
        blueprints=(views.bp, employer_views.bp, employer_signup_views.bp, staff_views.bp),
        templating=templating.init_app,
        nav=(Nav("training.opportunities", _l("Courses and work")),
             Nav("training.my_matches", _l("Suggested for me"), roles=[Role.PARTICIPANT]),
             Nav("training.my_pathway", _l("My pathway"), roles=[Role.PARTICIPANT]),
             Nav("training.my_profile", _l("My profile"), roles=[Role.PARTICIPANT]),
             Nav("employer.home", _l("My organisation and posts"), roles=[Role.EMPLOYER]),
             Nav("training_staff.dashboard", _l("Training and work"), roles=staff)),
        to_do=(ToDo("training_staff.dashboard", _l("Posts to check"), waiting.count_posts_to_check, staff),
               ToDo("training_staff.dashboard", _l("Employers to verify"), waiting.count_employers_to_verify, staff),
               ToDo("training_staff.check_ins_board", _l("Check-ins to follow up"),
                    waiting.count_check_ins_to_follow_up, staff),
               ToDo("training_staff.check_ins_board", _l("Check-ins with no answer: call the person"),
                    waiting.count_check_ins_unanswered, staff),
               ToDo("employer.home", _l("New applications to answer"), waiting.count_new_applications,
                    [Role.EMPLOYER])),
        home_sections=(HomeSection("training/employer/_home_posts.html", waiting.posts_section, [Role.EMPLOYER]),),
        record_links=(RecordLink("training_staff.participant_profile", _l("Change the profile")),),
        code_lists=codes.code_lists(),
        data_sections=privacy_data.sections(),
        cache_watches={OPPORTUNITIES_CACHE: (Course, WorkPost, EmployerOrganisation, DemandRecord),
                       PARTICIPANTS_CACHE: (Profile,),
                       LISTINGS_CACHE: (Course, WorkPost, EmployerOrganisation)},
        withdrawal_hooks={"share_with_employers": (stop_sharing_with_employers,)},
        participant_data=privacy_data.PARTICIPANT_DATA,
        seeders=(seed_training_demo,),
        jobs=(Job("training.rescreen_posts", rescreen_job, "cron", {"hour": 5, "minute": 30}),
              Job("training.remind_offers", remind_unanswered_offers, "cron", {"hour": 9, "minute": 0}),
              Job("training.check_ins", check_ins_daily, "cron", {"hour": 9, "minute": 15}),
              Job("training.forget_abandoned_registrations", employer_signup.forget_abandoned, "cron",
                  {"hour": 3, "minute": 45})),
        notice_kinds=notices.NOTICE_KINDS,
        cli=(training_cli,),
        provides={THEMES: (themes,), "draft_forms": (profile_steps.draft_forms, apply_steps.draft_forms,
                                                  check_in_steps.draft_forms),
                  "email_confirmed": (vetting.registration_confirmed,),
                  "province_choices": (geo.province_choices,)},  # the shop's address, named in every language
        audit_actions=audit_labels.ACTIONS,
        audit_record_types=audit_labels.RECORD_TYPES,
        migrations="training/migrations",
    )
