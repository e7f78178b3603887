"""A business owner's own check-in instead of a visit, one question a page (core.steps), then "Check your
answers" with "Send my check-in". Every answer is optional; the rules stay in monitoring.record_visit."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts import drafts
from core import clock
from core.extensions import db
from core.i18n import format_day
from core.models import Role
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import roles_required
from core.steps import Pages, Step, Steps, as_answers, check_page, step_page
from grants import monitoring
from grants.forms import CheckInForm
from grants.models import FollowUpVisit
from grants.views import bp

STEPS = [Step("business", ("business_status",)), Step("money", ("revenue_thb",)),
         Step("hard", ("challenges",)), Step("support", ("support_needed",))]
VISIT_STEPS = Steps("visit", STEPS, lambda formdata, answers: CheckInForm(formdata=formdata),
                    lambda: as_answers(CheckInForm(formdata=None), [name for s in STEPS for name in s.fields]),
                    title=_l("Tell us how the business is going"))


def draft_forms() -> dict:
    """This form, by its drafts' name (accounts.drafts: "My information" shows a draft in its words)."""
    return {VISIT_STEPS.name: VISIT_STEPS}


def _mine(visit_id: int) -> FollowUpVisit:
    visit = db.session.get(FollowUpVisit, visit_id)
    if visit is None or visit.application.participant_id != current_user.id or visit.status == "done":
        abort(404)
    return visit


def _pages(visit: FollowUpVisit) -> Pages:
    def url(step: Step | None, **args) -> str:
        if step is None:
            return url_for("grants.check_in", visit_id=visit.id, **args)
        return url_for(f"grants.check_in_{step.slug}", visit_id=visit.id, **args)
    lead = _("Every question is optional. Programme staff read it and can help.")
    if not monitoring.counts_as_visit(visit, clock.today()):
        lead += " " + _("The visit around %(date)s stays planned: this is an extra check-in.",
                        date=format_day(visit.due_on))
    return Pages(VISIT_STEPS, drafts.store(current_user._get_current_object(), f"visit:{visit.id}"), url,
                 _("Tell us how the business is going"), lead=lead)


def _view(slug: str):
    def view(visit_id: int):
        """One question of the check-in; the answers wait (a draft) until "Send my check-in"."""
        return step_page(_pages(_mine(visit_id)), slug)
    return roles_required(Role.PARTICIPANT)(view)


for _step in STEPS:
    bp.add_url_rule(f"/grants/visits/<int:visit_id>/check-in/{_step.slug}", endpoint=f"check_in_{_step.slug}",
                    methods=["GET", "POST"], view_func=_view(_step.slug))


@bp.route("/grants/visits/<int:visit_id>/check-in", methods=["GET", "POST"])
@roles_required(Role.PARTICIPANT)
def check_in(visit_id: int):
    """The participant's own check-in instead of a visit: the first question, then the answers with "Change"
    and "Send my check-in"."""
    visit = _mine(visit_id)
    me = current_user._get_current_object()

    def save(form):
        try:
            recorded = monitoring.self_check_in(visit, me, clock.today(), form.business_status.data or None,
                                                revenue_thb=form.revenue_thb.data,
                                                challenges=form.challenges.data or "",
                                                support_needed=form.support_needed.data)
        except Refusal as error:
            show_error_on(form, error)
            return None
        if recorded.id == visit.id:
            flash(_("Thank you. Programme staff will read it."), "success")
        else:
            flash(_("Thank you. Programme staff will read it. The visit around %(date)s stays planned.",
                    date=format_day(visit.due_on)), "success")
        return redirect(url_for("grants.application", application_id=visit.application_id))
    return check_page(_pages(visit), save, _("Send my check-in"))
