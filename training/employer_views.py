"""Employers: register the organisation, post apprenticeships and jobs, see applications to their own posts."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core import clock
from core.content_languages import languages_page
from core.extensions import db
from core.forms import ButtonForm
from core.models import Role
from core.navigation import flash_form_errors, flash_refusal, show_error_on
from core.pagination import paginate
from core.refusal import Refusal
from core.security import roles_required
from training import applications, employers, post_actions, waiting
from training.employer_models import WorkPost
from training.forms import OfferForm, OrganisationForm, PostForm
from training.models import Application
from training.safety import RED_FLAGS
from training.views import place_choices
from training.vocabulary import days_to_mask, mask_to_days

bp = Blueprint("employer", __name__, url_prefix="/employer")


def _me():
    return current_user._get_current_object()


def _own_post(post_id: int) -> WorkPost:
    post = db.session.get(WorkPost, post_id)
    organisation = employers.organisation_of(_me())
    if post is None or organisation is None or post.organisation_id != organisation.id:
        abort(404)
    return post


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def home():
    """The organisation (register it first) and its posts with their status."""
    organisation = employers.organisation_of(_me())
    form = OrganisationForm()
    place_choices(form, optional=False)
    if organisation is None and form.validate_on_submit():
        try:
            employers.register_organisation(_me(), **{f: getattr(form, f).data for f in (
                "name", "registration_number", "address", "province_code", "contact_name", "contact_phone",
                "contact_email")})
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Registered. Programme staff will verify your organisation before your posts are public."),
                  "success")
            return redirect(url_for("employer.home"))
    posts = None if organisation is None else paginate(
        sa.select(WorkPost).where(WorkPost.organisation_id == organisation.id)
        .order_by(WorkPost.organisation_id, WorkPost.created_at.desc(), WorkPost.id.desc()), size=20)
    return render_template("training/employer/home.html", organisation=organisation, form=form, posts=posts,
                           red_flags=RED_FLAGS)


def _post_values(form: PostForm) -> dict:
    values = {name: field.data for name, field in form._fields.items()
              if name not in ("csrf_token", "submit", "days")}
    values["days_mask"] = days_to_mask(form.days.data)
    values["district_code"] = form.district_code.data or None
    values["contract_type"] = form.contract_type.data or None
    return values


@bp.route("/posts/new", methods=["GET", "POST"])
@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def edit_post(post_id: int | None = None):
    """Write or change a post. Every save runs the safe-recruitment check again."""
    post = _own_post(post_id) if post_id else None
    form = PostForm(obj=post)
    place_choices(form, optional=False, saved_province=post.province_code if post else None)
    if post is not None and not form.is_submitted():
        form.days.data = mask_to_days(post.days_mask)
    if form.validate_on_submit():
        try:
            saved = employers.save_post(_me(), _post_values(form), clock.today(), post)
        except Refusal as error:
            show_error_on(form, error)
        else:
            if saved.status == "published":
                flash(_("Your post is public."), "success")
            else:
                flash(_("Your post waits for programme staff to check it."), "info")
            return redirect(url_for("employer.home"))
    return render_template("training/form.html", form=form, title=_("Apprenticeship or job"))


@bp.route("/posts/<int:post_id>/applications")
@roles_required(Role.EMPLOYER)
def post_applications(post_id: int):
    """One of this employer's posts: its state and buttons, places filled, and its applications, filtered by
    state (new, offered, said yes, hired, closed), showing only what each person chose to share."""
    post = _own_post(post_id)
    state = request.args.get("state", "")
    state = state if state in waiting.COLUMNS else ""
    listed = paginate(waiting.applications_of(post.id, state or None)
                      .options(joinedload(Application.participant))
                      .order_by(Application.created_at, Application.id), size=30)
    shared = applications.shared_views(listed.rows)
    return render_template("training/employer/applications.html", post=post, shared=shared, listed=listed,
                           form=ButtonForm(), offer_form=OfferForm(), state=state,
                           counts=waiting.applicant_counts(post.id), columns=waiting.COLUMNS)


@bp.route("/posts/<int:post_id>/<any(pause, resume, close):action>", methods=["POST"])
@roles_required(Role.EMPLOYER)
def post_state(post_id: int, action: str):
    """Pause a public post, resume a paused one (checked again first), or close it for good."""
    post = _own_post(post_id)
    form = ButtonForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("employer.post_applications", post_id=post.id))
    try:
        if action == "pause":
            post_actions.pause_post(_me(), post)
            flash(_("Your post is paused. Job seekers do not see it; you can still answer its applications."),
                  "success")
        elif action == "resume":
            if post_actions.resume_post(_me(), post, clock.today()) == "published":
                flash(_("Your post is public."), "success")
            else:
                flash(_("Your post waits for programme staff to check it."), "info")
        else:
            closed = post_actions.close_post(_me(), post, clock.today())
            flash(ngettext("Your post is closed. %(num)d open application was closed and the person was told.",
                           "Your post is closed. %(num)d open applications were closed and each person was told.",
                           closed), "success")
    except Refusal as error:
        flash_refusal(error)
    return redirect(url_for("employer.post_applications", post_id=post.id))


@bp.route("/posts/<int:post_id>/post-again", methods=["POST"])
@roles_required(Role.EMPLOYER)
def post_again(post_id: int):
    """A closed post written again as a new post, which is checked like any new post; then change it."""
    post = _own_post(post_id)
    form = ButtonForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("employer.post_applications", post_id=post.id))
    try:
        copy = post_actions.post_again(_me(), post, clock.today())
    except Refusal as error:
        flash_refusal(error)
        return redirect(url_for("employer.post_applications", post_id=post.id))
    if copy.status == "published":
        flash(_("Posted again as a new post. It is public."), "success")
    else:
        flash(_("Posted again as a new post. It waits for programme staff to check it."), "info")
    return redirect(url_for("employer.post_applications", post_id=copy.id))


@bp.route("/applications/<int:application_id>/<any(offer, hired, not_hired):decision>", methods=["POST"])
@roles_required(Role.EMPLOYER)
def decide_application(application_id: int, decision: str):
    application = db.session.get(Application, application_id)
    if application is None or application.post_id is None:
        abort(404)
    post = _own_post(application.post_id)
    form = OfferForm() if decision == "offer" else ButtonForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("employer.post_applications", post_id=post.id))
    try:
        if decision == "offer":
            applications.offer_post(application, _me(), clock.today(), form.answer_by.data)
        else:
            applications.record_outcome(application, _me(), decision, clock.today())
    except Refusal as error:
        flash_refusal(error)
    else:
        flash(_("Saved."), "success")
    return redirect(url_for("employer.post_applications", post_id=post.id))


@bp.route("/posts/<int:post_id>/languages", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def post_languages(post_id: int):
    """The post's words in more languages. Each save runs the safe-recruitment check again."""
    post = _own_post(post_id)

    def save(language: str, texts: dict) -> str:
        saved = employers.translate_post(_me(), post, language, texts, clock.today())
        return _("Your post is public.") if saved.status == "published" else \
            _("Your post waits for programme staff to check it.")
    return languages_page(post, PostForm, save, heading=post.title, back=url_for("employer.home"),
                          here=url_for("employer.post_languages", post_id=post.id))
