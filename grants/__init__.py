"""Small-business grants and training scholarships: rounds, review, decisions, tranches and follow-up."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav, RecordLink, ToDo
from core.models import Role
from impact.services import THEMES


def feature() -> Feature:
    from grants import (
        audit_labels,
        check_in_steps,
        codes,
        notices,
        privacy_data,
        sealing,
        staff_views,
        startup,
        templating,
        views,
        waiting,
    )
    from grants.commands import daily_job, grants_cli
    from grants.demo import seed_grants_demo
    from grants.models import FollowUpVisit, GrantApplication, GrantRound, RiskFlag
    from grants.outcomes import themes
    from grants.reports import PORTFOLIO_CACHE
    from grants.rounds import scholarship_courses

    staff = [Role.STAFF, Role.ADMIN]
    return Feature(
        "grants",
        setup=startup.setup,
        templating=templating.init_app,
        blueprints=(views.bp, staff_views.bp),
        nav=(Nav("grants.home", _l("Grants"), roles=[Role.PARTICIPANT]),
             Nav("grants_staff.rounds_list", _l("Grants"), roles=staff),
             Nav("grants_staff.report", _l("Grants portfolio"), roles=staff)),
        # Reviews, decisions, exceptions and visits are lines of the work home, not menu entries.
        to_do=(ToDo("grants.my_reviews", _l("Reviews to declare and score"), waiting.reviews_to_answer, staff),
               ToDo("grants.my_reviews", _l("Reviews to declare and score"), waiting.reviews_to_answer,
                    [Role.MANAGER, Role.EMPLOYER], quiet=True),  # outside reviewers, now and then
               ToDo("grants_staff.waiting_list", waiting.LISTS["reviewers"], waiting.count_needing_reviewers, staff,
                    args={"what": "reviewers"}),
               ToDo("grants_staff.waiting_list", waiting.LISTS["decision"], waiting.count_waiting_for_decision,
                    staff, args={"what": "decision"}),
               ToDo("grants_staff.waiting_list", waiting.LISTS["exception"], waiting.count_held_by_a_rule, staff,
                    args={"what": "exception"}),
               ToDo("grants_staff.monitoring_board", _l("Follow-up visits due this week"),
                    waiting.count_visits_due, staff),
               ToDo("grants_staff.monitoring_board", _l("Follow-up visits overdue"), waiting.count_visits_overdue,
                    staff)),
        record_links=(RecordLink("grants_staff.apply_for", _l("Grant application on their behalf")),),
        code_lists=codes.code_lists(),
        data_sections=privacy_data.sections(),
        seeders=(seed_grants_demo,),
        participant_data=privacy_data.PARTICIPANT_DATA,
        cache_watches={PORTFOLIO_CACHE: (GrantApplication, GrantRound, FollowUpVisit, RiskFlag)},
        provides={"scholarship_courses": (scholarship_courses,), THEMES: (themes,),
                  "draft_forms": (check_in_steps.draft_forms,)},
        statement_hooks=(sealing.filter_statement,),
        cli=(grants_cli,),
        jobs=(Job("grants.daily", daily_job, "cron", {"hour": 6, "minute": 0}),),
        notice_kinds=notices.NOTICE_KINDS,
        audit_actions=audit_labels.ACTIONS,
        audit_record_types=audit_labels.RECORD_TYPES,
        migrations="grants/migrations",
    )
