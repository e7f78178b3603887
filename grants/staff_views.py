"""Staff pages for grants: rounds, an application's reviews and decision, payments, visits and monitoring."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from accounts import people
from core import clock, kept_input
from core.charts import bars
from core.content_languages import languages_page
from core.exports import download
from core.extensions import db
from core.forms import THEIRS, ButtonForm
from core.labels import code_label
from core.models import Role, User
from core.navigation import flash_form_errors, flash_refusal, show_error_on
from core.numbers import whole_number
from core.pagination import paginate
from core.refusal import Refusal
from core.security import roles_required
from grants import applications, awards, decisions, disbursement, monitoring, reviews, rounds, waiting
from grants import reports as grant_reports
from grants.forms import (
    AssignForm,
    CriteriaForm,
    DecisionForm,
    ExceptionForm,
    PaymentPlanForm,
    RescheduleForm,
    RoundForm,
    TrancheForm,
    VisitForm,
    VisitsStartForm,
)
from grants.models import ELIGIBILITY_RULES, OUTCOME_AREAS, FollowUpVisit, GrantApplication, GrantRound, Tranche
from training import public as training

bp = Blueprint("grants_staff", __name__, url_prefix="/staff/grants")
STAFF = (Role.STAFF, Role.ADMIN)


def _me():
    return current_user._get_current_object()


@bp.route("/")
@roles_required(*STAFF)
def rounds_list():
    all_rounds = db.session.scalars(sa.select(GrantRound).order_by(GrantRound.closes_on.desc())).all()
    return render_template("grants/staff/rounds.html", rounds=all_rounds)


@bp.route("/rounds/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def new_round():
    form = RoundForm()
    form.eligibility.choices = [SelectChoice(r, rounds.RULE_LABELS[r]) for r in ELIGIBILITY_RULES]
    chosen = form.course_id.data if form.is_submitted() and isinstance(form.course_id.data, int) else None
    form.course_id.choices = [SelectChoice(0, _("Not a scholarship"))] + [
        SelectChoice(course_id, title, render_kw=THEIRS)
        for course_id, title in training.course_choices(form.course_search.data, include=chosen)]
    if form.find_course.data:  # "Find courses" only narrows the list; nothing is saved
        form.course_search.validate(form)
        return render_template("grants/staff/round_form.html", form=form, course_limit=training.COURSE_CHOICES)
    if form.validate_on_submit():
        try:
            created = rounds.create_round(_me(), name=form.name.data, kind=form.kind.data,
                                          budget_thb=form.budget_thb.data,
                                          max_per_grant_thb=form.max_per_grant_thb.data,
                                          opens_on=form.opens_on.data, closes_on=form.closes_on.data,
                                          eligibility=form.eligibility.data, criteria=_criteria(form),
                                          course_id=form.course_id.data or None,
                                          visit_months=rounds.parse_months(form.visit_months.data),
                                          visits_start=form.visits_start.data,
                                          text_language=form.text_language.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Round created."), "success")
            return redirect(url_for("grants_staff.round_page", round_id=created.id))
    return render_template("grants/staff/round_form.html", form=form, course_limit=training.COURSE_CHOICES)


def _criteria(form) -> list[rounds.CriterionInput]:
    return [rounds.CriterionInput(c.form.name.data, c.form.guidance.data or "", c.form.weight.data or 1,
                                  tuple((getattr(c.form, f"level_{n}").data or "") for n in range(1, 6)))
            for c in form.criteria if c.form.name.data]


@bp.route("/rounds/<int:round_id>/criteria", methods=["GET", "POST"])
@roles_required(*STAFF)
def criteria(round_id: int):
    """Change the review criteria. Once a review has used them, a new version is made and the old one kept."""
    grant_round = db.session.get(GrantRound, round_id) or abort(404)
    form = CriteriaForm()
    if not form.is_submitted():
        for entry, criterion in zip(form.criteria, grant_round.current_criteria(), strict=False):
            entry.form.name.data, entry.form.guidance.data = criterion.name, criterion.guidance
            entry.form.weight.data = int(criterion.weight)
            for n, level in enumerate(criterion.levels, start=1):
                getattr(entry.form, f"level_{n}").data = level
    if form.validate_on_submit():
        try:
            version = rounds.change_criteria(_me(), grant_round, _criteria(form))
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Criteria saved (version %(n)d).", n=version), "success")
            return redirect(url_for("grants_staff.round_page", round_id=round_id))
    return render_template("grants/staff/criteria.html", form=form, round=grant_round,
                           in_use=rounds.criteria_in_use(grant_round))


@bp.route("/applications/<int:application_id>/exception", methods=["POST"])
@roles_required(*STAFF)
def exception(application_id: int):
    item = _application_or_404(application_id)
    form = ExceptionForm(prefix="exception")
    form.rule.choices = [SelectChoice(r, rounds.RULE_LABELS[r]) for r in item.round.eligibility]
    if form.validate_on_submit():
        try:
            rounds.grant_exception(_me(), item.round, item.participant_id, form.rule.data, form.reason.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Exception recorded."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("grants_staff.application", application_id=item.id))


@bp.route("/visits/<int:visit_id>/move", methods=["POST"])
@roles_required(*STAFF)
def move_visit(visit_id: int):
    """Change one business's schedule: move a visit that has not happened."""
    item = db.session.get(FollowUpVisit, visit_id) or abort(404)
    form = RescheduleForm(prefix="move")
    if form.validate_on_submit():
        try:
            monitoring.reschedule(item, _me(), form.due_on.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Visit moved."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("grants_staff.application", application_id=item.application_id))


@bp.route("/applications/<int:application_id>/accepted-in-person", methods=["POST"])
@roles_required(*STAFF)
def accept_in_person(application_id: int):
    """The person accepted the award's terms in person, or by phone; staff record it for them."""
    item = _application_or_404(application_id)
    if ButtonForm().validate_on_submit():
        try:
            awards.accept(item, _me(), clock.today())
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Acceptance recorded. Payments and follow-up visits can start."), "success")
    return redirect(url_for("grants_staff.application", application_id=item.id))


@bp.route("/applications/<int:application_id>/visits-start", methods=["POST"])
@roles_required(*STAFF)
def move_visits_start(application_id: int):
    """Count the visits not yet made from another day (the business opened later, say)."""
    item = _application_or_404(application_id)
    form = VisitsStartForm(prefix="start")
    if form.validate_on_submit():
        try:
            awards.move_start(item, _me(), form.start.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("The visits not yet made were moved."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("grants_staff.application", application_id=item.id))


@bp.route("/rounds/<int:round_id>")
@roles_required(*STAFF)
def round_page(round_id: int):
    grant_round = db.session.get(GrantRound, round_id) or abort(404)
    listed = rounds.applications_listed(grant_round)  # without those sealed from this viewer (grants.sealing)
    summaries, short_of_reviewers = reviews.list_figures(listed.rows, _me())
    return render_template("grants/staff/round.html", round=grant_round, rows=listed.rows, summaries=summaries,
                           rule_labels=rounds.RULE_LABELS, listed=listed, short_of_reviewers=short_of_reviewers)


@bp.route("/participants/<int:participant_id>/apply")
@roles_required(*STAFF)
def apply_for(participant_id: int):
    """Staff start (or reopen) an application on a participant's behalf; it is recorded as such."""
    person = people.get_participant(participant_id) or abort(404)
    open_rounds = rounds.open_rounds(clock.today())
    return render_template("grants/staff/apply_for.html", person=person, rounds=open_rounds, form=ButtonForm())


@bp.route("/participants/<int:participant_id>/rounds/<int:round_id>/start", methods=["POST"])
@roles_required(*STAFF)
def start_for(participant_id: int, round_id: int):
    person = people.get_participant(participant_id) or abort(404)
    grant_round = db.session.get(GrantRound, round_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    application = applications.start_application(person, grant_round, _me())
    return redirect(url_for("grants.edit", application_id=application.id))


def _sealed_page(review, item: GrantApplication | None = None, assign: AssignForm | None = None):
    """Asked to review it: nothing of it before the conflict declaration, and nothing ever after a conflict.
    Until they answer, staff can still ask the other reviewers (who they are says nothing of the application)."""
    context = {"review": review}
    if item is not None and review.status == "assigned" and item.status in ("submitted", "in_review"):
        context.update(assign_form=_assign_form(item, assign), reviews=reviews.current_reviews(item),
                       application_id=item.id)
    return make_response(render_template("grants/staff/sealed.html", **context), 403)


def _application_or_404(application_id: int) -> GrantApplication:
    sealed = reviews.sealed_for(_me(), [application_id])
    if sealed:
        abort(_sealed_page(sealed[application_id]))
    return db.session.get(GrantApplication, application_id) or abort(404)


def _unsealed_application(application_id: int) -> tuple[GrantApplication, object | None]:
    """The application read past the viewer's own seal, with that seal: only for assigning reviewers."""
    sealed = reviews.sealed_for(_me(), [application_id]).get(application_id)
    item = db.session.scalars(sa.select(GrantApplication).where(GrantApplication.id == application_id)
                              .execution_options(include_sealed=True)).first() or abort(404)
    if sealed is not None and sealed.status != "assigned":
        abort(_sealed_page(sealed))
    return item, sealed


def _assign_form(item: GrantApplication, form: AssignForm | None = None) -> AssignForm:
    """Programme staff by default; shop managers only as reviewers from outside the programme; never employers,
    the applicant or anyone already asked."""
    form = form or AssignForm(prefix="assign")
    staff, outsiders = reviews.reviewer_choices(item)
    groups = {_("Programme staff"): [_reviewer_choice(u) for u in staff]}
    if outsiders:
        groups[_("Shop managers (from outside the programme only)")] = [_reviewer_choice(u) for u in outsiders]
    form.reviewer_id.choices = groups
    return form


def _reviewer_choice(person: User) -> SelectChoice:
    return SelectChoice(person.id, f"{person.display_name} ({code_label('role', person.role)})", render_kw=THEIRS)


@bp.route("/applications/<int:application_id>")
@roles_required(*STAFF)
def application(application_id: int):
    """The application, its reviews (once the viewer's own review is sent), decision, payments and visits."""
    item, sealed = _unsealed_application(application_id)
    if sealed is not None:
        return _sealed_page(sealed, item)
    return render_template("grants/staff/application.html", **_application_context(item))


def _exception_form(item: GrantApplication) -> ExceptionForm:
    form = ExceptionForm(prefix="exception", formdata=None)  # not the page's other forms' data...
    kept_input.take(form)  # ...but what was typed in it when it was refused (core.kept_input)
    form.rule.choices = [SelectChoice(r, rounds.RULE_LABELS[r]) for r in rounds.unmet_rules(item.round,
                                                                                             item.participant_id)]
    return form


def _start_form(item: GrantApplication) -> VisitsStartForm:
    form = VisitsStartForm(prefix="start", formdata=None, start=item.visits_start_on)
    kept_input.take(form, start=item.visits_start_on)
    return form


def _application_context(item: GrantApplication, **forms) -> dict:
    assign = _assign_form(item, forms.get("assign"))
    plan_rows = disbursement.plan_against_payments(item, clock.today())
    unpaid = [row.planned for row in plan_rows if row.planned is not None and row.paid is None]
    # A payment starts from the next planned one: payments fill the plan's places in order.
    next_planned = unpaid[0] if unpaid else None
    tranche = forms.get("tranche") or (
        TrancheForm(prefix="tranche", formdata=None, amount_thb=next_planned.amount_thb,
                    condition=next_planned.condition) if next_planned else TrancheForm(prefix="tranche"))
    tranche.condition.choices = [SelectChoice(k, v) for k, v in disbursement.CONDITIONS.items()]
    # The plan form shows the unpaid planned payments as they are, so that changing one is changing one.
    plan = forms.get("plan") or _plan_form(formdata=None, payments=[
        {"planned_on": p.planned_on, "amount_thb": p.amount_thb, "condition": p.condition} for p in unpaid])
    return {
        "application": item, "summary": reviews.visible_summary(item, _me()),
        "needs_another_reviewer": item.id in reviews.short_of_reviewers([item.id]),
        "reviews": reviews.current_reviews(item), "assign_form": assign,
        "may_decide": reviews.may_decide(item, _me()),
        "decision_form": forms.get("decision") or DecisionForm(prefix="decision"), "tranche_form": tranche,
        "plan_form": plan, "plan_rows": plan_rows, "next_planned": next_planned,
        "visits": db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == item.id)
                                     .order_by(FollowUpVisit.due_on)).all(),
        "tranches": db.session.scalars(sa.select(Tranche).where(Tranche.application_id == item.id)
                                       .order_by(Tranche.position)).all(),
        "unmet": rounds.unmet_rules(item.round, item.participant_id),
        "exception_form": _exception_form(item), "move_form": RescheduleForm(prefix="move"),
        "start_form": _start_form(item),
        "button_form": ButtonForm(), "terms": awards.terms(item),
        "rule_labels": rounds.RULE_LABELS,
    }


@bp.route("/applications/<int:application_id>/assign", methods=["POST"])
@roles_required(*STAFF)
def assign(application_id: int):
    item, sealed = _unsealed_application(application_id)
    form = _assign_form(item)
    if form.validate_on_submit():
        try:
            reviews.assign_reviewer(_me(), item, db.session.get(User, form.reviewer_id.data), form.outside.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Reviewer assigned."), "success")
            return redirect(url_for("grants_staff.application", application_id=item.id))
    if sealed is not None:
        page = _sealed_page(sealed, item, form)
        page.status_code = 400
        return page
    return render_template("grants/staff/application.html", **_application_context(item, assign=form)), 400


@bp.route("/applications/<int:application_id>/decide", methods=["POST"])
@roles_required(*STAFF)
def decide(application_id: int):
    item = _application_or_404(application_id)
    form = DecisionForm(prefix="decision")
    if form.validate_on_submit():
        try:
            decisions.decide(item, _me(), form.decision.data, form.reason.data, form.amount_thb.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Decision saved. The applicant can see it with your reason."), "success")
            return redirect(url_for("grants_staff.application", application_id=item.id))
    return render_template("grants/staff/application.html", **_application_context(item, decision=form)), 400


def _items(text: str) -> list[dict]:
    items = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        quantity, cost = (whole_number(p) for p in parts[1:3]) if len(parts) == 3 else (None, None)
        if quantity is None or cost is None or quantity < 0 or cost < 0:
            raise rounds.GrantError(_("Write each item as: item; quantity; cost of one."), "items")
        items.append({"item": parts[0], "quantity": quantity, "unit_cost_thb": cost})
    return items


@bp.route("/applications/<int:application_id>/tranches", methods=["POST"])
@roles_required(*STAFF)
def pay(application_id: int):
    item = _application_or_404(application_id)
    form = TrancheForm(prefix="tranche")
    form.condition.choices = [SelectChoice(k, v) for k, v in disbursement.CONDITIONS.items()]
    if form.validate_on_submit():
        upload = form.receipt.data
        receipt = (upload.read(), upload.filename or "receipt") if upload else None
        try:
            disbursement.pay_tranche(item, _me(), amount_thb=form.amount_thb.data, kind=form.kind.data,
                                     paid_on=form.paid_on.data, condition=form.condition.data,
                                     items=_items(form.items.data), receipt=receipt)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Payment recorded."), "success")
            return redirect(url_for("grants_staff.application", application_id=item.id))
    return render_template("grants/staff/application.html", **_application_context(item, tranche=form)), 400


def _plan_form(**kwargs) -> PaymentPlanForm:
    form = PaymentPlanForm(prefix="plan", **kwargs)
    for row in form.payments:
        row.form.condition.choices = [SelectChoice(k, v) for k, v in disbursement.CONDITIONS.items()]
    return form


@bp.route("/applications/<int:application_id>/payment-plan", methods=["POST"])
@roles_required(*STAFF)
def plan_payments(application_id: int):
    """The amounts and dates of the payments still to make, compared on the page with what was paid."""
    item = _application_or_404(application_id)
    form = _plan_form()
    if form.validate_on_submit():
        rows = [disbursement.PlanInput(row.form.planned_on.data, row.form.amount_thb.data,
                                       row.form.condition.data or "none")
                for row in form.payments if row.form.amount_thb.data]
        if any(row.planned_on is None for row in rows):
            show_error_on(form, rounds.GrantError(_("Give each planned payment a date."), "plan"))
        else:
            try:
                disbursement.plan_tranches(item, _me(), rows)
            except Refusal as error:
                show_error_on(form, error)
            else:
                flash(_("Payment plan saved."), "success")
                return redirect(url_for("grants_staff.application", application_id=item.id))
    return render_template("grants/staff/application.html", **_application_context(item, plan=form)), 400


@bp.route("/visits/<int:visit_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def visit(visit_id: int):
    item = db.session.get(FollowUpVisit, visit_id) or abort(404)
    form = VisitForm(obj=item if item.status == "done" else None)
    if form.validate_on_submit():
        try:
            monitoring.record_visit(
                item, _me(), form.done_on.data, form.kind.data, form.business_status.data or None,
                form.revenue_thb.data, form.costs_thb.data, form.people_working.data, form.going_well.data or "",
                form.challenges.data or "", form.support_needed.data, form.referral.data or "",
                {area: getattr(form, f"rating_{area}").data for area in OUTCOME_AREAS})
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Visit saved."), "success")
            return redirect(url_for("grants_staff.application", application_id=item.application_id))
    return render_template("grants/staff/visit.html", form=form, visit=item)


@bp.route("/monitoring")
@roles_required(*STAFF)
def monitoring_board():
    """Visits due this week, overdue visits and businesses at risk, each one click from the record."""
    return render_template("grants/staff/monitoring.html", board=monitoring.monitoring_board(clock.today()),
                           reasons=monitoring.RISK_REASONS)


@bp.route("/waiting/<any(reviewers, decision, exception):what>")
@roles_required(*STAFF)
def waiting_list(what: str):
    """Applications that wait for staff: for reviewers, for a decision, or held by an eligibility rule (the
    lines of the work home, counted from the same queries)."""
    listed = paginate(waiting.listed(what, _me()), size=30)
    return render_template("grants/staff/waiting.html", what=what, title=waiting.LISTS[what], listed=listed)


@bp.route("/report")
@roles_required(*STAFF)
def report():
    """The portfolio: awards, money paid, survival, revenue, visits on time, open risks, with small charts."""
    data = grant_reports.portfolio(clock.today())
    revenue_chart = bars([(str(int(r.month)), r.median_revenue_thb) for r in data.revenue.itertuples()])
    survival_chart = bars([(str(r.month), r.share) for r in data.survival.itertuples()])
    return render_template("grants/staff/report.html", data=data, revenue_chart=revenue_chart,
                           survival_chart=survival_chart, form=ButtonForm())


@bp.route("/report.<any(csv, xlsx):fmt>")
@roles_required(*STAFF)
def report_export(fmt: str):
    """Without names; `?named=1` adds them and is audited."""
    content, content_type = grant_reports.export(_me(), fmt, named=request.args.get("named") == "1")
    return download(content, content_type, "grants-portfolio", fmt)


@bp.route("/rounds/<int:round_id>/languages", methods=["GET", "POST"])
@roles_required(*STAFF)
def round_languages(round_id: int):
    """The round's name in the languages its applicants read."""
    item = db.session.get(GrantRound, round_id) or abort(404)

    def save(language: str, texts: dict) -> None:
        rounds.translate_round(_me(), item, language, texts)
    return languages_page(item, RoundForm, save, heading=item.name,
                          back=url_for("grants_staff.round_page", round_id=item.id),
                          here=url_for("grants_staff.round_languages", round_id=item.id))
