"""A person's own contact details and messages (/me), and staff work with participants' records (/staff).
Their privacy pages (/me/data, /me/privacy, the notice) are privacy's (privacy/views.py)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts import contact, people
from accounts import services as accounts
from accounts.forms import ParticipantEditForm, ParticipantForm
from core import notify
from core.forms import ButtonForm, SearchForm
from core.models import Role
from core.navigation import flash_refusal, record_links, show_error_on
from core.numbers import record_id
from core.pagination import page_number
from core.refusal import Refusal
from core.security import roles_required
from privacy import retention
from privacy import services as privacy

bp = Blueprint("people", __name__)
STAFF = (Role.STAFF, Role.ADMIN)


def _me():
    return current_user._get_current_object()


@bp.route("/me/contact/suggestions/<int:proposal_id>/<any(accept, refuse):answer>", methods=["POST"])
def answer_contact_suggestion(proposal_id: int, answer: str):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        contact.answer_proposal(_me(), proposal_id, accept=answer == "accept")
    except Refusal as error:
        flash_refusal(error)
    else:
        flash(_("Your contact details are changed.") if answer == "accept" else _("Nothing was changed."),
              "success")
    return redirect(url_for("people.my_contact"))


@bp.route("/me/messages")
def my_messages():
    """Messages to the person, newest first, in their language; opening the page marks them read."""
    page, shown = notify.messages_page(_me())
    return render_template("core/people/my_messages.html", page=page, shown=shown)


# --- staff ---------------------------------------------------------------------------------------------

def _participant_or_404(participant_id: int):
    participant = people.get_participant(participant_id)
    if participant is None:
        abort(404)
    return participant


@bp.route("/staff/participants")
@roles_required(*STAFF)
def participants():
    form = SearchForm(request.args)
    page = page_number()
    rows, total = people.list_participants(form.q.data if form.validate() else None, page)
    return render_template("core/staff/participants.html", form=form, rows=rows, total=total, page=page,
                           page_size=people.PAGE_SIZE)


@bp.route("/staff/participants/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def enrol_participant():
    """Enrol a participant and show the one-time set-up code to hand over."""
    form = ParticipantForm()
    if form.validate_on_submit():
        try:
            participant, code = people.enrol_participant(_me(), form.display_name.data, form.username.data,
                                                         form.email.data, form.phone.data, form.locale.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            return render_template("core/staff/setup_code.html", person=participant, code=code)
    return render_template("core/staff/participant_form.html", form=form, title=_("Enrol a participant"))


@bp.route("/staff/participants/<int:participant_id>")
@roles_required(*STAFF)
def participant(participant_id: int):
    """A participant's record. Opening it writes an audit entry."""
    person = _participant_or_404(participant_id)
    data = people.open_record(person)
    return render_template("core/staff/participant.html", person=person, data=data.rows, totals=data.totals,
                           notes=data.notes,
                           sections=privacy.staff_sections(), form=ButtonForm(), links=record_links())


@bp.route("/staff/participants/<int:participant_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_participant(participant_id: int):
    person = _participant_or_404(participant_id)
    form = ParticipantEditForm(obj=person)
    if form.validate_on_submit():
        try:
            changed, suggested = people.update_participant(_me(), person, {f: getattr(form, f).data
                                                                           for f in people.EDITABLE_FIELDS})
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved. The person is asked to confirm the new contact details.") if suggested
                  else _("Saved."), "success")
            return redirect(url_for("people.participant", participant_id=person.id))
    return render_template("core/staff/participant_form.html", form=form, title=_("Change details"))


@bp.route("/staff/participants/<int:participant_id>/setup-code", methods=["POST"])
@roles_required(*STAFF)
def new_setup_code(participant_id: int):
    person = _participant_or_404(participant_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return render_template("core/staff/setup_code.html", person=person, code=accounts.issue_setup_code(person, _me()))


@bp.route("/staff/deletion-requests")
@roles_required(*STAFF)
def deletion_requests():
    return render_template("core/staff/deletion_requests.html", rows=privacy.pending_deletions(),
                           form=ButtonForm())


@bp.route("/staff/deletion-requests/<int:request_id>/<any(confirm, cancel):decision>", methods=["POST"])
@roles_required(*STAFF)
def decide_deletion(request_id: int, decision: str):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        if decision == "confirm":
            notes = privacy.confirm_deletion(request_id, _me())
            flash(_("The information is removed. The record is kept only as an anonymous row."), "success")
            for note in notes:  # what the deletion did beyond erasing (paid orders not sent, given back)
                flash(str(note), "info")
        else:
            privacy.cancel_deletion(request_id, _me())
            flash(_("The request is cancelled."), "info")
    except Refusal as error:
        flash_refusal(error)
    return redirect(url_for("people.deletion_requests"))


# --- retention: closing a case, and records due for deletion ----------------------------------------------------

@bp.route("/staff/participants/<int:participant_id>/case/<any(close, reopen):action>", methods=["POST"])
@roles_required(*STAFF)
def change_case(participant_id: int, action: str):
    person = _participant_or_404(participant_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        if action == "close":
            retention.close_case(person, _me())
            flash(_("The case is closed. The record is kept for the period the privacy notice states."), "success")
        else:
            retention.reopen_case(person, _me())
            flash(_("The case is open again."), "success")
    except Refusal as error:
        flash_refusal(error)
    return redirect(url_for("people.participant", participant_id=person.id))


@bp.route("/staff/retention")
@roles_required(*STAFF)
def retention_due():
    """Records whose time is up, waiting for staff to confirm (RETENTION_AUTOMATIC off)."""
    return render_template("core/staff/retention.html", page=retention.participants_due_page(),
                           others=retention.other_records_due(), form=ButtonForm(),
                           automatic=current_app.config.get("RETENTION_AUTOMATIC"))


@bp.route("/staff/retention/participants", methods=["POST"])
@roles_required(*STAFF)
def retention_confirm_participants():
    if not ButtonForm().validate_on_submit():
        abort(400)
    field = "page_ids" if request.form.get("all") else "ids"
    ids = [value for value in map(record_id, request.form.getlist(field)) if value is not None]
    done = retention.anonymise_participants(ids, _me())
    flash(_("%(count)s records anonymised.", count=done) if done else _("Nothing was chosen."),
          "success" if done else "info")
    return redirect(url_for("people.retention_due"))


@bp.route("/staff/retention/other", methods=["POST"])
@roles_required(*STAFF)
def retention_confirm_other():
    if not ButtonForm().validate_on_submit():
        abort(400)
    retention.forget_other_records(_me())
    flash(_("Done: the old entries are deleted and the ended applications' words removed."), "success")
    return redirect(url_for("people.retention_due"))
