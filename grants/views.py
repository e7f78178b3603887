"""Participants' grant pages, and reviewers' pages (staff, or people from outside the programme)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core import clock, file_store
from core.extensions import db
from core.forms import ButtonForm, reword
from core.models import Role
from core.navigation import flash_refusal, show_error_on
from core.numbers import record_id, whole_number
from core.refusal import Refusal
from core.security import roles_required
from grants import applications, awards, disbursement, monitoring, reviews, rounds
from grants.applications import LineInput
from grants.forms import APPLICATION_WORDS_FOR_STAFF, ApplicationForm, ConflictForm, ReviewForm
from grants.models import EXTRA_CHECK_IN_MONTH, FollowUpVisit, GrantApplication, GrantRound, ReviewAssignment, Tranche

bp = Blueprint("grants", __name__)


def _me():
    return current_user._get_current_object()


def _may_edit(application: GrantApplication) -> bool:
    return application.participant_id == current_user.id or current_user.has_role(Role.STAFF, Role.ADMIN)


@bp.route("/grants")
@roles_required(Role.PARTICIPANT)
def home():
    """Open rounds, and the person's own applications with their status in plain words."""
    mine = db.session.scalars(sa.select(GrantApplication).where(GrantApplication.participant_id == current_user.id)
                              .order_by(GrantApplication.created_at.desc())).all()
    open_rounds = [(r, rounds.unmet_rules(r, current_user.id)) for r in rounds.open_rounds(clock.today())]
    return render_template("grants/home.html", rounds=open_rounds, mine=mine, rule_labels=rounds.RULE_LABELS,
                           form=ButtonForm())


@bp.route("/grants/rounds/<int:round_id>/start", methods=["POST"])
@roles_required(Role.PARTICIPANT)
def start(round_id: int):
    grant_round = db.session.get(GrantRound, round_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    application = applications.start_application(_me(), grant_round, _me())
    return redirect(url_for("grants.edit", application_id=application.id))


def lines_from(form: ApplicationForm) -> list[LineInput]:
    return [LineInput(row.item.data or "", row.quantity.data or 0, row.unit_cost_thb.data or 0)
            for row in form.lines if (row.item.data or row.quantity.data or row.unit_cost_thb.data)]


@bp.route("/grants/applications/<int:application_id>/follow-up", methods=["POST"])
@roles_required(Role.PARTICIPANT)
def follow_up(application_id: int):
    """A follow-up grant (to expand, say) is a new application linked to the first business."""
    first = db.session.get(GrantApplication, application_id)
    if first is None or first.participant_id != current_user.id or first.status != "accepted":
        abort(404)
    round_id = record_id(request.form.get("round_id"))
    grant_round = (db.session.get(GrantRound, round_id) if round_id else None) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    application = applications.start_application(_me(), grant_round, _me(), follows=first.id)
    return redirect(url_for("grants.edit", application_id=application.id))


@bp.route("/grants/applications/<int:application_id>/edit", methods=["GET", "POST"])
@roles_required(Role.PARTICIPANT, Role.STAFF, Role.ADMIN)
def edit(application_id: int):
    """The application as a draft: save as often as you like; send when ready (the text then locks)."""
    application = db.session.get(GrantApplication, application_id)
    if application is None or not _may_edit(application):
        abort(404)
    form = ApplicationForm(obj=application)
    own = application.participant_id == current_user.id
    if not own:  # staff writing it on the participant's behalf read it said of them
        reword(form, APPLICATION_WORDS_FOR_STAFF)
    if not form.is_submitted():
        for row, line in zip(form.lines, application.budget_lines, strict=False):
            row.item.data, row.quantity.data, row.unit_cost_thb.data = line.item, line.quantity, line.unit_cost_thb
    if form.validate_on_submit():
        try:
            applications.save_draft(application, _me(), {f: getattr(form, f).data for f in applications.TEXT_FIELDS},
                                    lines_from(form), form.amount_requested_thb.data, form.own_contribution_thb.data,
                                    form.support_wanted.data)
            if form.send.data:
                applications.submit(application, _me(), clock.today())
                flash(_("Your application is sent. It will be reviewed by at least two people.") if own else
                      _("The application is sent. It will be reviewed by at least two people."), "success")
                return redirect(url_for("grants.application", application_id=application.id))
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Draft saved."), "success")
            return redirect(url_for("grants.edit", application_id=application.id))
    return render_template("grants/edit.html", form=form, application=application, own=own)


@bp.route("/grants/applications/<int:application_id>")
@roles_required(Role.PARTICIPANT)
def application(application_id: int):
    """The participant's own application: status, decision and reason, payments and visits."""
    item = db.session.get(GrantApplication, application_id)
    if item is None or item.participant_id != current_user.id:
        abort(404)
    visits = db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == item.id)
                                .order_by(FollowUpVisit.due_on)).all()
    tranches = db.session.scalars(sa.select(Tranche).where(Tranche.application_id == item.id)).all()
    next_visit = next((v for v in visits if v.status != "done"), None)
    return render_template("grants/application.html", application=item, visits=visits, tranches=tranches,
                           form=ButtonForm(), open_rounds=rounds.open_rounds(clock.today()), terms=awards.terms(item),
                           next_visit=next_visit, extra_month=EXTRA_CHECK_IN_MONTH,
                           check_in_now=next_visit is not None and monitoring.counts_as_visit(next_visit,
                                                                                               clock.today()))


@bp.route("/grants/applications/<int:application_id>/answer", methods=["POST"])
@roles_required(Role.PARTICIPANT)
def answer_award(application_id: int):
    """The person accepts the award's terms, or says no to it (saying no closes no other door)."""
    item = db.session.get(GrantApplication, application_id)
    if item is None or item.participant_id != current_user.id:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            if request.form.get("answer") == "yes":
                awards.accept(item, _me(), clock.today())
                flash(_("Thank you. The programme will contact you about the first payment."), "success")
            else:
                awards.decline(item, _me())
                flash(_("You said no to this grant. You can still apply for other grants and courses."), "success")
        except Refusal as error:
            flash_refusal(error)
    return redirect(url_for("grants.application", application_id=item.id))


@bp.route("/grants/applications/<int:application_id>/withdraw", methods=["POST"])
@roles_required(Role.PARTICIPANT)
def withdraw(application_id: int):
    item = db.session.get(GrantApplication, application_id) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            applications.withdraw(item, _me())
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Withdrawn. You can apply again later."), "success")
    return redirect(url_for("grants.home"))


@bp.route("/reviews")
def my_reviews():
    """Applications assigned to the signed-in person for review."""
    return render_template("grants/my_reviews.html", rows=reviews.reviews_for(_me()))


@bp.route("/reviews/<int:review_id>", methods=["GET", "POST"])
def review(review_id: int):
    """Declare any conflict of interest, then score each criterion. Others' scores stay hidden until sent."""
    item = db.session.get(ReviewAssignment, review_id)
    if item is None or item.reviewer_id != current_user.id:
        abort(404)
    # Sealed (no "no conflict" yet, or a conflict): the application is not loaded at all (grants.sealing), only
    # its round and number are shown with the conflict question.
    application = None if reviews.sealed_for(_me(), [item.application_id]) else item.application
    criteria = reviews.criteria_for(application) if application is not None else []
    conflict_form, review_form = ConflictForm(prefix="conflict"), ReviewForm(prefix="review")
    try:
        if item.conflict_declared_at is None and conflict_form.validate_on_submit():
            reviews.declare_conflict(item, _me(), conflict_form.has_conflict.data == "yes",
                                     conflict_form.note.data or "")
            return redirect(url_for("grants.review", review_id=item.id))
        if item.conflict_declared_at is not None and review_form.validate_on_submit():
            scores = {c.id: _score(c.id) for c in criteria}
            reviews.submit_review(item, _me(), scores, review_form.comments.data or "", review_form.recommendation.data)
            flash(_("Your review is sent."), "success")
            return redirect(url_for("grants.review", review_id=item.id))
    except Refusal as error:
        show_error_on(conflict_form if item.conflict_declared_at is None else review_form, error)
    return render_template("grants/review.html", review=item, application=application, criteria=criteria,
                           round=reviews.round_of(item), conflict_form=conflict_form, review_form=review_form,
                           summary=reviews.visible_summary(application, _me()) if application is not None else None)


def _score(criterion_id: int) -> int:
    value = whole_number(request.form.get(f"score-{criterion_id}", ""))
    return value if value is not None and value > 0 else 0


@bp.route("/grants/tranches/<int:tranche_id>/receipt")
@roles_required(Role.PARTICIPANT, Role.STAFF, Role.ADMIN)
def receipt(tranche_id: int):
    """A tranche's receipt for the business owner and staff: a photo opens in the browser, a PDF is saved.
    Served as a file that cannot run anything (no scripts, nothing embedded, its type fixed)."""
    tranche = db.session.get(Tranche, tranche_id)  # None for a reviewer it is sealed from (grants.sealing)
    if tranche is None or (current_user.has_role(Role.PARTICIPANT)
                           and tranche.application.participant_id != current_user.id):
        abort(404)
    try:
        found = disbursement.open_receipt(tranche, _me())
    except Refusal:
        abort(404)
    response = file_store.send(found.file, mimetype=found.content_type, as_attachment=not found.inline,
                               download_name=found.download_name)
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response.headers["Cache-Control"] = "no-store"
    return response
