"""Applying to an apprenticeship or job, one question a page (core.steps): what the employer may see, then a
message, then "Check your answers" with "Send my application". The rules stay in applications.apply_to_post."""
from __future__ import annotations

from flask import current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from accounts import drafts
from core import clock
from core.models import Role
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import roles_required
from core.steps import Pages, Step, Steps, as_answers, check_page, step_page
from training import applications, listings
from training.forms import ApplyToPostForm
from training.views import bp, not_taking

STEPS = [
    Step("share", ("shared_fields",), hint=_l("The employer sees only what you tick below. They are not told "
                                              "that you take part in a programme.")),
    Step("message", ("message",)),
]
APPLY_STEPS = Steps("apply", STEPS, lambda formdata, answers: ApplyToPostForm(formdata=formdata),
                    lambda: as_answers(ApplyToPostForm(formdata=None), [name for s in STEPS for name in s.fields]),
                    title=_l("Application to an apprenticeship or job"))


def draft_forms() -> dict:
    """This form, by its drafts' name (accounts.drafts: "My information" shows a draft in its words)."""
    return {APPLY_STEPS.name: APPLY_STEPS}


def _pages(post) -> Pages:
    def url(step: Step | None, **args) -> str:
        if step is None:
            return url_for("training.apply_post", post_id=post.id, **args)
        return url_for(f"training.apply_post_{step.slug}", post_id=post.id, **args)
    return Pages(APPLY_STEPS, drafts.store(current_user._get_current_object(), f"apply:{post.id}"), url, _("Apply"),
                 heading=Markup("{}: {}").format(_("Apply"), current_app.jinja_env.filters["written"](post, "title")),
                 links=((_("What I share"), url_for("privacy.my_privacy")),))  # where to agree to share


def _view(slug: str):
    def view(post_id: int):
        """One question of an application; the answers wait (a draft) until "Send my application"."""
        post = listings.public_post(post_id)
        return step_page(_pages(post), slug) if post is not None else not_taking(post_id)
    return roles_required(Role.PARTICIPANT)(view)


for _step in STEPS:
    bp.add_url_rule(f"/posts/<int:post_id>/apply/{_step.slug}", endpoint=f"apply_post_{_step.slug}",
                    methods=["GET", "POST"], view_func=_view(_step.slug))


@bp.route("/posts/<int:post_id>/apply", methods=["GET", "POST"])
@roles_required(Role.PARTICIPANT)
def apply_post(post_id: int):
    """Apply to an apprenticeship or job, choosing exactly what the employer may see: the first question, then
    the answers with "Change" and the button that sends them."""
    post = listings.public_post(post_id)
    if post is None:
        return not_taking(post_id)
    person = current_user._get_current_object()

    def save(form):
        try:
            applications.apply_to_post(person, post, form.shared_fields.data, form.message.data or "", clock.today())
        except Refusal as error:
            show_error_on(form, error)
            return None
        flash(_("Your application is sent."), "success")
        return redirect(url_for("training.my_pathway"))
    return check_page(_pages(post), save, _("Send my application"))
