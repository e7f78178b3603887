"""A check-in months after starting work, one question a page (core.steps), then "Check your answers" with
"Send my answers". Once answered, its page thanks the person and says where to find help."""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from accounts import drafts
from core import clock
from core.extensions import db
from core.models import Role
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import roles_required
from core.steps import Pages, Step, Steps, as_answers, check_page, step_page
from training import check_ins
from training.forms import CheckInForm
from training.models import PlacementCheckIn
from training.views import bp

STEPS = [Step("working", ("still_working",)), Step("paid", ("paid_as_promised",)),
         Step("problems", ("problems",)), Step("note", ("note",)), Step("help", ("wants_help",))]
CHECK_IN_STEPS = Steps("check_in", STEPS, lambda formdata, answers: CheckInForm(formdata=formdata),
                       lambda: as_answers(CheckInForm(formdata=None), [name for s in STEPS for name in s.fields]),
                       title=_l("How is your work going?"))


def draft_forms() -> dict:
    """This form, by its drafts' name (accounts.drafts: "My information" shows a draft in its words)."""
    return {CHECK_IN_STEPS.name: CHECK_IN_STEPS}


def _mine(check_in_id: int) -> PlacementCheckIn:
    item = db.session.get(PlacementCheckIn, check_in_id)
    if item is None or item.participant_id != current_user.id:
        abort(404)
    if item.status != "answered" and item.due_on > clock.today():
        abort(404)  # not offered before it is due (check_ins.answer refuses it too)
    return item


def _pages(item: PlacementCheckIn) -> Pages:
    def url(step: Step | None, **args) -> str:
        if step is None:
            return url_for("training.check_in", check_in_id=item.id, **args)
        return url_for(f"training.check_in_{step.slug}", check_in_id=item.id, **args)
    record: Any = item.application.post or item.application.course  # a hire is on a post, or on a course
    work = current_app.jinja_env.filters["written"](record, "title")  # their words, marked as theirs
    where = escape(_("%(months)d months at %(work)s.")) % {"months": item.month, "work": work}  # escaped: Markup
    return Pages(CHECK_IN_STEPS, drafts.store(current_user._get_current_object(), f"check_in:{item.id}"), url,
                 _("How is your work going?"), lead=Markup("{} {}").format(
                     where, _("Your employer does not see your answers. Only the first question needs an answer.")))


def _view(slug: str):
    def view(check_in_id: int):
        """One question of a check-in; the answers wait (a draft) until "Send my answers"."""
        item = _mine(check_in_id)
        if item.status == "answered":
            return redirect(url_for("training.check_in", check_in_id=item.id))
        return step_page(_pages(item), slug)
    return roles_required(Role.PARTICIPANT)(view)


for _step in STEPS:
    bp.add_url_rule(f"/me/check-ins/<int:check_in_id>/{_step.slug}", endpoint=f"check_in_{_step.slug}",
                    methods=["GET", "POST"], view_func=_view(_step.slug))


@bp.route("/me/check-ins/<int:check_in_id>", methods=["GET", "POST"])
@roles_required(Role.PARTICIPANT)
def check_in(check_in_id: int):
    """How the work is going, months after it started: the first question, then the answers with "Change"
    and "Send my answers". Once answered: thanks, and where to find help."""
    item = _mine(check_in_id)
    if item.status == "answered":
        return render_template("training/check_in.html", check_in=item, helplines=check_ins.HELPLINES)
    person = current_user._get_current_object()

    def save(form):
        try:
            check_ins.answer(item, person, clock.today(), form.answer())
        except Refusal as error:
            show_error_on(form, error)
            return None
        return redirect(url_for("training.check_in", check_in_id=item.id))
    return check_page(_pages(item), save, _("Send my answers"))
