"""Staff work on training: courses, posts waiting for review, employers to verify, pathway steps,
labour-market demand, matching weights and the minimum wage table."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from accounts import people
from core import clock
from core.content_languages import languages_page
from core.exports import download, rows_file
from core.extensions import db
from core.forms import ButtonForm, reword
from core.models import Role
from core.navigation import flash_form_errors, flash_refusal, show_error_on
from core.numbers import record_id
from core.pagination import paginate
from core.refusal import Refusal
from core.security import roles_required
from core.unit_of_work import refused
from training import (
    applications,
    check_ins,
    courses,
    demand,
    employers,
    placements,
    profiles,
    recommendations,
    safety,
    vetting,
    wages,
)
from training.applications import STAFF_STEPS
from training.employer_models import EmployerOrganisation, MinimumWage, WorkPost
from training.forms import (
    CHECK_IN_WORDS_FOR_STAFF,
    PROFILE_WORDS_FOR_STAFF,
    CheckInFollowUpForm,
    CheckInForm,
    CourseForm,
    DemandImportForm,
    MinimumWageForm,
    OfferForm,
    RefuseEmployerForm,
    ReviewForm,
    StepForm,
    SuspendForm,
    WeightsForm,
)
from training.models import CHECK_IN_MONTHS, Application, Course, PlacementCheckIn
from training.safety import RED_FLAGS
from training.templating import STEP_LABELS
from training.views import place_choices, profile_form, profile_values
from training.vocabulary import SKILLS, days_to_mask, mask_to_days

bp = Blueprint("training_staff", __name__, url_prefix="/staff/training")
STAFF = (Role.STAFF, Role.ADMIN)


def _me():
    return current_user._get_current_object()


@bp.route("/")
@roles_required(*STAFF)
def dashboard():
    """What waits for staff: posts to check, reported posts, employers to verify; and the courses."""
    unverified = paginate(vetting.to_verify(), size=20, param="employers")
    # The 50 courses as the four columns the list shows, not objects (~2,500 calls; issue 35), counted on the model.
    all_courses = paginate(sa.select(Course.id, Course.title, Course.seats_taken, Course.seats)
                           .order_by(Course.title, Course.id), size=50, scalars=False, counted=sa.select(Course))
    waiting = paginate(employers.posts_waiting_for_staff(), size=20, param="waiting")
    closed_reported = paginate(employers.closed_posts_reported(), size=20, param="closed")
    # One refusal form per employer, each with its own field names (one page, no two fields with one id).
    refuse_forms = {org.id: _refuse_form(org.id) for org in unverified.rows}
    return render_template("training/staff/dashboard.html", posts=waiting, closed_reported=closed_reported,
                           unverified=unverified,
                           courses=all_courses, red_flags=RED_FLAGS, form=ButtonForm(), refuse_forms=refuse_forms)


def _refuse_form(organisation_id: int) -> RefuseEmployerForm:
    return RefuseEmployerForm(prefix=f"refuse{organisation_id}")


@bp.route("/employers/<int:organisation_id>/verify", methods=["POST"])
@roles_required(*STAFF)
def verify_employer(organisation_id: int):
    organisation = db.session.get(EmployerOrganisation, organisation_id) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            published = vetting.verify_organisation(organisation, _me(), clock.today())
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Verified. %(n)d waiting posts had no other problem and are now public.", n=published),
                  "success")
    return redirect(url_for("training_staff.dashboard"))


@bp.route("/employers/<int:organisation_id>/refuse", methods=["POST"])
@roles_required(*STAFF)
def refuse_employer(organisation_id: int):
    """Staff could not verify the employer: it is told why, and its waiting posts are rejected."""
    organisation = db.session.get(EmployerOrganisation, organisation_id) or abort(404)
    form = _refuse_form(organisation_id)
    if form.validate_on_submit():
        try:
            vetting.refuse_organisation(organisation, _me(), form.reason.data)
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("The employer is refused and was told why. Nothing it posts is shown."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("training_staff.dashboard"))


@bp.route("/employers/<int:organisation_id>/suspend", methods=["POST"])
@roles_required(*STAFF)
def suspend_employer(organisation_id: int):
    """Suspend an employer: every post leaves the listings at once. A refusal goes back to the post the form
    was on (`from_post`), where the reason typed is shown again under its error."""
    organisation = db.session.get(EmployerOrganisation, organisation_id) or abort(404)
    form = SuspendForm()
    if form.validate_on_submit():
        try:
            employers.suspend_employer(organisation, _me(), form.reason.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("The employer is suspended. None of its posts is shown."), "success")
            return redirect(url_for("training_staff.dashboard"))
    else:
        flash_form_errors(form)
    post = db.session.get(WorkPost, record_id(request.args.get("from_post")) or 0)
    if post is not None and post.organisation_id == organisation.id:
        return redirect(url_for("training_staff.review_post", post_id=post.id))
    return redirect(url_for("training_staff.dashboard"))


@bp.route("/employers/<int:organisation_id>/lift-suspension", methods=["POST"])
@roles_required(*STAFF)
def lift_suspension(organisation_id: int):
    organisation = db.session.get(EmployerOrganisation, organisation_id) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            employers.lift_suspension(organisation, _me())
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("The suspension is lifted. Posts that pass the checks are shown again."), "success")
    return redirect(url_for("training_staff.dashboard"))


@bp.route("/posts/<int:post_id>/review", methods=["GET", "POST"])
@roles_required(*STAFF)
def review_post(post_id: int):
    post = db.session.get(WorkPost, post_id) or abort(404)
    form = ReviewForm()
    if post.status in ("reported", "closed"):
        form.answering_reports(closed=post.status == "closed")
    if form.validate_on_submit():
        try:
            # A page without both digests (an old page, a hand-made request) decides nothing: each is checked.
            seen, answering = form.seen.data or "", form.answering.data or ""
            if post.status in ("reported", "closed"):
                outcome = employers.resolve_reports(post, _me(), republish=form.decision.data == "approve",
                                                    note=form.note.data or "", seen=seen, answering=answering)
                if outcome == "pending_review":
                    flash(_("The reports are answered. The post has flags now, so it waits for an approval like "
                            "any flagged post."), "info")
                    return redirect(url_for("training_staff.review_post", post_id=post.id))
            else:
                outcome = employers.review_post(post, _me(), form.decision.data, form.note.data or "", seen=seen,
                                                answering=answering)
                if outcome == "waiting_for_second_approval":
                    flash(_("Approval recorded. Another staff member must confirm it before the post is public."),
                          "info")
                    return redirect(url_for("training_staff.dashboard"))
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Decision saved."), "success")
            return redirect(url_for("training_staff.dashboard"))
    form.seen.data = employers.words_digest(post)  # what this page shows, not what an older page showed
    form.answering.data = employers.answering_digest(post)
    return render_template("training/staff/review_post.html", post=post, form=form, red_flags=RED_FLAGS,
                           minimum=safety.minimum_daily_wage(post.province_code, post.district_code, clock.today()),
                           reports=employers.reports_of(post), earlier_flags=employers.earlier_flags(post),
                           record=employers.employer_record(post.organisation),
                           report_reasons=employers.REPORT_LABELS, suspend_form=SuspendForm(),
                           lift_form=ButtonForm())


@bp.route("/courses/new", methods=["GET", "POST"])
@bp.route("/courses/<int:course_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_course(course_id: int | None = None):
    course = db.session.get(Course, course_id) if course_id else None
    if course_id and course is None:
        abort(404)
    form = CourseForm(obj=course)
    place_choices(form, saved_province=course.province_code if course else None)
    if course is not None and not form.is_submitted():
        form.days.data = mask_to_days(course.days_mask)
        form.start_dates.data = ", ".join(s.starts_on.isoformat() for s in course.starts)
    if form.validate_on_submit():
        try:
            starts = [date.fromisoformat(d.strip()) for d in (form.start_dates.data or "").split(",") if d.strip()]
        except ValueError:
            form.start_dates.errors = [_("Write dates as YYYY-MM-DD, separated by commas.")]
        else:
            values = {n: f.data for n, f in form._fields.items() if n not in ("csrf_token", "submit", "days",
                                                                              "start_dates")}
            values.update(days_mask=days_to_mask(form.days.data), province_code=form.province_code.data or None,
                          district_code=form.district_code.data or None)
            try:
                saved = courses.save_course(_me(), values, starts, course)
            except Refusal as error:
                show_error_on(form, error)
            else:
                flash(_("Course saved."), "success")
                return redirect(url_for("training_staff.course", course_id=saved.id))
    return render_template("training/form.html", form=form, title=_("Course"))


@bp.route("/courses/<int:course_id>")
@roles_required(*STAFF)
def course(course_id: int):
    """A course's applicants and the participants it fits."""
    item = db.session.get(Course, course_id) or abort(404)
    rows = paginate(sa.select(Application).where(Application.course_id == item.id)
                    .options(joinedload(Application.participant))
                    .order_by(Application.created_at, Application.id), size=30)
    step_form = StepForm()
    step_form.step.choices = [SelectChoice(s, STEP_LABELS[s]) for s in STAFF_STEPS]
    return render_template("training/staff/course.html", course=item, rows=rows, form=ButtonForm(),
                           step_form=step_form, offer_form=OfferForm(), today=clock.today(),
                           fits=recommendations.participants_for_course(item))


@bp.route("/applications/<int:application_id>/offer", methods=["POST"])
@roles_required(*STAFF)
def offer_place(application_id: int):
    application = db.session.get(Application, application_id) or abort(404)
    form = OfferForm()
    if form.validate_on_submit():
        try:
            applications.offer_course_place(application, _me(), clock.today(), form.answer_by.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("A seat is held. The participant can accept or decline."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("training_staff.course", course_id=application.course_id))


@bp.route("/applications/<int:application_id>/accepted-in-person", methods=["POST"])
@roles_required(*STAFF)
def record_acceptance(application_id: int):
    """The person said yes to staff in person or on the phone: staff record it for them."""
    application = db.session.get(Application, application_id) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            applications.accept_offer(application, application.participant, clock.today(), recorded_by=_me())
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Saved: the participant said yes."), "success")
    return redirect(url_for("training_staff.course", course_id=application.course_id))


@bp.route("/applications/<int:application_id>/step", methods=["POST"])
@roles_required(*STAFF)
def record_step(application_id: int):
    application = db.session.get(Application, application_id) or abort(404)
    form = StepForm()
    form.step.choices = [SelectChoice(s, STEP_LABELS[s]) for s in STAFF_STEPS]
    if form.validate_on_submit():
        try:
            applications.record_step(application, _me(), form.step.data, form.on_date.data, form.note.data or "")
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Step recorded."), "success")
    else:
        flash_form_errors(form)
    target = url_for("training_staff.course", course_id=application.course_id) if application.course_id \
        else url_for("people.participant", participant_id=application.participant_id)
    return redirect(target)


@bp.route("/participants/<int:participant_id>/profile", methods=["GET", "POST"])
@roles_required(*STAFF)
def participant_profile(participant_id: int):
    """Staff edit a participant's profile with them; each change is written in the audit log."""
    person = people.get_participant(participant_id) or abort(404)
    form = reword(profile_form(profiles.profile_of(person)), PROFILE_WORDS_FOR_STAFF)
    if form.validate_on_submit():
        try:
            profiles.update_profile(person, profile_values(form), by=_me())
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("people.participant", participant_id=person.id))
    return render_template("training/profile_form.html", form=form, skills=SKILLS, person=person,
                           title=_("Profile of %(name)s", name=person.display_name))


@bp.route("/demand", methods=["GET", "POST"])
@roles_required(*STAFF)
def import_demand():
    """Upload local labour-market demand. Every row must be right, or nothing is imported."""
    form = DemandImportForm()
    row_errors = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            result = demand.import_demand(upload.read(), upload.filename or "upload", form.source.data,
                                          form.source_date.data, _me())
        except demand.DemandImportError as error:
            refused()  # all or nothing: whatever the import wrote before it stopped is undone
            form.form_errors.append(error.message)
            row_errors = error.row_errors
        else:
            if result.already_imported:
                flash(_("This file was imported before. Nothing changed."), "info")
            else:
                flash(_("%(n)d rows imported.", n=result.rows), "success")
            return redirect(url_for("training_staff.import_demand"))
    return render_template("training/staff/demand.html", form=form, row_errors=row_errors)


@bp.route("/weights", methods=["GET", "POST"])
@roles_required(*STAFF)
def weights():
    form = WeightsForm(data=recommendations.current_weights())
    if form.validate_on_submit():
        recommendations.set_weights(_me(), {n: float(getattr(form, n).data) for n in
                                            ("interest", "skills", "demand", "pay", "distance")})
        flash(_("Weights saved."), "success")
        return redirect(url_for("training_staff.weights"))
    return render_template("training/form.html", form=form, title=_("Matching weights"))


@bp.route("/minimum-wages", methods=["GET", "POST"])
@roles_required(*STAFF)
def minimum_wages():
    """The dated table of daily minimum wages the safe-recruitment check uses."""
    form = MinimumWageForm()
    place_choices(form, optional=False)
    if form.validate_on_submit():
        try:
            wages.add_rate(_me(), form.province_code.data, form.district_code.data or None, form.daily_wage_thb.data,
                     form.effective_from.data, form.source.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Rate added."), "success")
            return redirect(url_for("training_staff.minimum_wages"))
    rows = db.session.scalars(sa.select(MinimumWage).order_by(MinimumWage.province_code,
                                                              MinimumWage.effective_from.desc())).all()
    return render_template("training/staff/minimum_wages.html", form=form, rows=rows)


@bp.route("/check-ins")
@roles_required(*STAFF)
def check_ins_board():
    """Check-ins after a hire: answers that need a follow-up, and check-ins due with no answer (to call)."""
    unanswered = paginate(check_ins.unanswered(clock.today()), size=30, param="unanswered_page")
    return render_template("training/staff/check_ins.html", attention=check_ins.needing_follow_up(),
                           unanswered=unanswered, problem_labels=check_ins.PROBLEM_ABOUT)


@bp.route("/check-ins/<int:check_in_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def check_in(check_in_id: int):
    """One check-in: record the answers given on a call, or follow up a problem."""
    item = db.session.get(PlacementCheckIn, check_in_id) or abort(404)
    form = reword(CheckInForm(prefix="call"), CHECK_IN_WORDS_FOR_STAFF)
    follow_up_form = CheckInFollowUpForm(prefix="follow")
    try:
        if item.status != "answered" and form.validate_on_submit():
            check_ins.answer(item, _me(), clock.today(), form.answer())
            flash(_("Answers saved."), "success")
            return redirect(url_for("training_staff.check_in", check_in_id=item.id))
        if item.needs_follow_up and follow_up_form.validate_on_submit():
            check_ins.follow_up(item, _me(), {"yes": True, "no": False}.get(follow_up_form.upheld.data))
            flash(_("Follow-up recorded."), "success")
            return redirect(url_for("training_staff.check_ins_board"))
    except Refusal as error:
        show_error_on(form if item.status != "answered" else follow_up_form, error)
    return render_template("training/staff/check_in.html", check_in=item, form=form, follow_up_form=follow_up_form,
                           problem_labels=check_ins.PROBLEM_ABOUT)


@bp.route("/placements")
@roles_required(*STAFF)
def placements_report():
    """Retention at 3, 6 and 12 months by course, employer and province."""
    tables = {dimension: placements.retention(dimension, clock.today()) for dimension in placements.DIMENSIONS}
    return render_template("training/staff/placements.html", tables=tables, months=CHECK_IN_MONTHS)


@bp.route("/placements.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def placements_export(fmt: str):
    """Every placement with its check-ins, no names: for donor reports."""
    content, content_type = rows_file(placements.EXPORT_COLUMNS, placements.export_rows(), fmt, "placements")
    return download(content, content_type, "placements", fmt)


@bp.route("/courses/<int:course_id>/languages", methods=["GET", "POST"])
@roles_required(*STAFF)
def course_languages(course_id: int):
    """The course's words in the site's other languages, one language at a time."""
    item = db.session.get(Course, course_id) or abort(404)

    def save(language: str, texts: dict) -> None:
        courses.translate_course(_me(), item, language, texts)
    return languages_page(item, CourseForm, save, heading=item.title,
                          back=url_for("training_staff.course", course_id=item.id),
                          here=url_for("training_staff.course_languages", course_id=item.id))
