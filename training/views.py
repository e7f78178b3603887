"""Public listings and the participant's own pages: profile, matches, applications and pathway."""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from accounts import throttle
from core import clock, hooks
from core.extensions import db
from core.forms import ButtonForm
from core.models import Role
from core.navigation import flash_refusal, show_error_on
from core.page_cache import page_cached
from core.pagination import page_number
from core.refusal import Refusal
from core.security import public, roles_required
from training import applications, check_ins, employers, listing_cards, listings, occupations, profiles, recommendations
from training.employer_models import EmployerOrganisation, WorkPost
from training.forms import ProfileForm, ReportForm, SearchForm
from training.geo import district_choices, province_choices
from training.models import Application, Course, CourseStart, DemandRecord
from training.vocabulary import SECTORS, SKILLS, days_to_mask, mask_to_days

bp = Blueprint("training", __name__)


def _locale() -> str:
    return str(get_locale() or "en")


def place_choices(form, optional: bool = True, saved_province: str | None = None) -> None:
    """Provinces, and the districts of the chosen province only: small pages, and no JavaScript needed
    (choose a province, save, then the district list fills in)."""
    blank = [SelectChoice("", _("Choose"))] if optional else []
    if hasattr(form, "province_code"):
        form.province_code.choices = blank + [SelectChoice(c, n) for c, n in province_choices(_locale())]
    if hasattr(form, "district_code"):
        province = request.form.get("province_code") or saved_province
        form.district_code.choices = [SelectChoice("", _("Any district"))] + [
            SelectChoice(c, n) for c, n in district_choices(province, _locale())]
        form.district_code.render_kw = {"data-districts-url": url_for("training.districts")}
        if not province:
            form.district_code.description = _("Choose a province first; then the districts show.")


@bp.route("/places/districts")
@public
def districts():
    """The districts of one province, in the reader's language: what places.js puts in a district list."""
    province = request.args.get("province", "")
    return jsonify(districts=[[code, name] for code, name in district_choices(province, _locale())])


@bp.route("/occupations")
@public
def occupation_search():
    """Occupations matching typed words or a code, for the list that appears under an occupation field."""
    found = occupations.search(request.args.get("q", "")[:100], _locale())
    return jsonify(occupations=[[o.code, o.title(_locale())] for o in found])


@bp.route("/opportunities")
@public
@page_cached(Course, WorkPost, EmployerOrganisation, DemandRecord)
def opportunities():
    """Courses, apprenticeships and jobs anyone can browse, search and filter."""
    form = SearchForm(request.args)
    form.province.choices = [SelectChoice("", _("Anywhere"))] + [
        SelectChoice(c, n) for c, n in province_choices(_locale())]
    form.sector.choices = [SelectChoice("", _("All"))] + [SelectChoice(c, label) for c, label in SECTORS.items()]
    page = page_number()
    filters = {k: getattr(form, k).data for k in ("q", "kind", "province", "sector")} if form.validate() else {}
    rows, total = listings.listed(page=page, **filters)
    return render_template("training/opportunities.html", form=form, cards=listing_cards.cards(rows), total=total,
                           page=page, page_size=listings.PAGE_SIZE)


@bp.route("/courses/<int:course_id>")
@public
@page_cached(Course, CourseStart)
def course(course_id: int):
    item = db.session.get(Course, course_id)
    if item is None or not item.is_open and not (current_user.is_authenticated and
                                                  current_user.has_role(Role.STAFF, Role.ADMIN)):
        abort(404)
    return render_template("training/course.html", course=item, form=ButtonForm(), today=clock.today())


def not_taking(post_id: int):
    """A post its employer paused or closed: say so and show the other offers (else: no such page)."""
    post = db.session.get(WorkPost, post_id)
    if post is None or post.status not in applications.NOT_TAKING:
        abort(404)
    flash(str(applications.NOT_TAKING[post.status]), "info")
    return redirect(url_for("training.opportunities"))


@bp.route("/posts/<int:post_id>")
@public
@page_cached(WorkPost, EmployerOrganisation)
def post(post_id: int):
    item = listings.public_post(post_id)
    if item is None:
        return not_taking(post_id)
    return render_template("training/post.html", post=item, report_form=ReportForm())


def profile_form(profile) -> ProfileForm:
    """The profile form with its place choices; on first view, filled from the stored profile."""
    form = ProfileForm(obj=profile)
    place_choices(form, saved_province=profile.province_code if profile else None)
    if profile is not None and not form.is_submitted():
        form.days.data = mask_to_days(profile.days_mask)
        for code, level in (profile.skills or {}).items():
            if hasattr(form, f"skill_{code}"):
                getattr(form, f"skill_{code}").data = level
    return form


def profile_values(form: ProfileForm) -> dict:
    values = {f: getattr(form, f).data for f in (
        "goal", "sectors", "languages_spoken", "languages_read", "reading_level", "travel_daily",
        "max_travel_minutes", "relocate", "hours_from", "hours_to", "childcare_needed", "must_earn",
        "monthly_need_thb")}
    values["province_code"] = form.province_code.data or None
    values["district_code"] = form.district_code.data or None
    values["days_mask"] = days_to_mask(form.days.data)
    values["skills"] = {code: getattr(form, f"skill_{code}").data for code in SKILLS
                        if getattr(form, f"skill_{code}").data}
    return values


@bp.route("/me/matches")
@roles_required(Role.PARTICIPANT)
def my_matches():
    """Opportunities ranked for this participant, each with why it fits and what may be hard."""
    profile = profiles.profile_of(current_user._get_current_object())
    if profile is None:
        flash(_("Tell us a little about yourself first, so we can suggest what fits."), "info")
        return redirect(url_for("training.my_profile"))
    # Courses a scholarship pays for count as paid (grants answers through a hook: training does not import it).
    paid_for = frozenset().union(*hooks.collect("scholarship_courses", current_user.id))
    matches = recommendations.matches_for(profile, scholarship_course_ids=paid_for, locale=_locale())
    return render_template("training/matches.html", matches=matches)


@bp.route("/courses/<int:course_id>/apply", methods=["POST"])
@roles_required(Role.PARTICIPANT)
def apply_course(course_id: int):
    item = db.session.get(Course, course_id) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            applications.apply_to_course(current_user._get_current_object(), item, clock.today())
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Your application is sent. Programme staff will contact you."), "success")
    return redirect(url_for("training.my_pathway"))


@bp.route("/posts/<int:post_id>/report", methods=["GET", "POST"])
@public
def report_post(post_id: int):
    """"Something is wrong with this offer": one tap on the post, signed in or not; the post is hidden until
    staff look. Without an account the reports of one address are throttled, so a flood cannot bury staff."""
    item = listings.reportable_post(post_id, current_user.id if current_user.is_authenticated else None) \
        or abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        reporter = current_user._get_current_object() if current_user.is_authenticated else None
        if reporter is None and throttle.claim(throttle.report_limits(request.remote_addr)):
            form.form_errors.append(_("Thank you. We have had many reports from this connection in the last hour. "
                                      "Please try again later."))
            return render_template("training/form.html", form=form, title=_("Report this offer")), 429
        try:
            employers.report_post(item, reporter, form.reason.data or "", form.reason_code.data or employers.ONE_TAP)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Thank you. The offer is hidden until programme staff have looked at it."), "success")
            return redirect(url_for("training.opportunities"))
    return render_template("training/form.html", form=form, title=_("Report this offer"))


@bp.route("/me/pathway")
@roles_required(Role.PARTICIPANT)
def my_pathway():
    """The participant's own path: applications, offers and dated steps, including ones they declined."""
    apps, steps = applications.pathway_of(current_user.id)
    return render_template("training/pathway.html", applications=apps, steps=steps, form=ButtonForm(),
                           check_ins=check_ins.open_for(current_user.id, clock.today()))


@bp.route("/me/applications/<int:application_id>/step-back", methods=["POST"])
@roles_required(Role.PARTICIPANT)
def step_back(application_id: int):
    """Decline an offer or withdraw, with no reason asked."""
    item = db.session.get(Application, application_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        applications.step_back(item, current_user._get_current_object(), clock.today())
    except Refusal as error:
        flash_refusal(error)
    else:
        flash(_("Done. You can apply again whenever you like."), "success")
    return redirect(url_for("training.my_pathway"))


@bp.route("/me/applications/<int:application_id>/accept", methods=["POST"])
@roles_required(Role.PARTICIPANT)
def accept_offer(application_id: int):
    """Say yes to an offer."""
    item = db.session.get(Application, application_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        applications.accept_offer(item, current_user._get_current_object(), clock.today())
    except Refusal as error:
        flash_refusal(error)
    else:
        flash(_("You said yes. The programme will tell you the next step."), "success")
    return redirect(url_for("training.my_pathway"))
