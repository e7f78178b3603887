"""Admin pages: the audit log, and every account (find, edit, disable, re-enable, role, set-up code)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from accounts import admin as account_admin
from accounts import enrolment_codes, two_factor
from accounts import services as accounts
from accounts.forms import AccountEditForm, AccountForm, AccountSearchForm, AuditFilterForm
from core import audit
from core.forms import ButtonForm
from core.labels import role_label
from core.models import Role
from core.navigation import flash_refusal, show_error_on
from core.pagination import page_number
from core.refusal import Refusal
from core.security import roles_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _me():
    return current_user._get_current_object()


@bp.route("/audit")
@roles_required(Role.ADMIN)
def audit_log():
    """The audit log, newest first, filtered by action, record type, person and dates."""
    form = AuditFilterForm(request.args)
    page = page_number()
    filters = {}
    if form.validate():
        filters = {"action": form.action.data, "record_type": form.record_type.data,
                   "actor": form.actor.data, "since": form.since.data, "until": form.until.data}
    rows, total = audit.search(page=page, **filters)
    return render_template("core/admin/audit.html", form=form, rows=rows, total=total, page=page,
                           page_size=audit.PAGE_SIZE)


@bp.route("/accounts")
@roles_required(Role.ADMIN)
def accounts_list():
    """Every account, found by name, username or e-mail, role and status; a page at a time."""
    form = AccountSearchForm(request.args)
    form.role.choices = [SelectChoice("", _("All")), *(SelectChoice(r.value, role_label(r.value)) for r in Role)]
    page = page_number()
    filters = {"text": None, "role": None, "status": None}
    if form.validate():
        filters = {"text": form.q.data, "role": form.role.data or None, "status": form.status.data or None}
    rows, total = account_admin.search_accounts(page=page, **filters)
    return render_template("core/admin/accounts.html", form=form, rows=rows, total=total, page=page,
                           page_size=account_admin.PAGE_SIZE)


def _account_or_404(user_id: int):
    user = account_admin.get_account(user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/accounts/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def account(user_id: int):
    """One account: change its details and work role; disable, enable, or give a new set-up code."""
    user = _account_or_404(user_id)
    form = AccountEditForm(obj=user)
    work_account = Role(user.role) in account_admin.WORK_ROLES
    if work_account:
        form.role.choices = [SelectChoice(r.value, role_label(r.value)) for r in account_admin.WORK_ROLES]
    else:
        del form.role
    if form.validate_on_submit():
        try:
            account_admin.update_account(_me(), user, {f: getattr(form, f).data
                                                       for f in account_admin.EDITABLE_FIELDS})
            if work_account:
                account_admin.change_role(_me(), user, Role(form.role.data or user.role))
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("admin.account", user_id=user.id))
    second_factor = two_factor.factor_of(user)
    return render_template("core/admin/account.html", person=user, form=form, button=ButtonForm(),
                           second_factor=second_factor,
                           needs_enrolment_code=second_factor is None and user.active
                           and user.role in enrolment_codes.FOR_ROLES)


@bp.route("/accounts/<int:user_id>/<any(disable, enable):action>", methods=["POST"])
@roles_required(Role.ADMIN)
def set_active(user_id: int, action: str):
    user = _account_or_404(user_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        if action == "disable":
            account_admin.disable(_me(), user)
            flash(_("The account is disabled and signed out everywhere."), "success")
        else:
            account_admin.enable(_me(), user)
            flash(_("The account can sign in again."), "success")
    except Refusal as error:
        flash_refusal(error)
    return redirect(url_for("admin.account", user_id=user.id))


@bp.route("/accounts/<int:user_id>/setup-code", methods=["POST"])
@roles_required(Role.ADMIN)
def setup_code(user_id: int):
    user = _account_or_404(user_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        code = account_admin.reissue_setup_code(_me(), user)
    except Refusal as error:
        flash_refusal(error)
        return redirect(url_for("admin.account", user_id=user.id))
    return render_template("core/staff/setup_code.html", person=user, code=code)


@bp.route("/accounts/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_account():
    """A work account (staff, manager, employer, admin) with a one-time set-up code."""
    form = AccountForm()
    form.role.choices = [SelectChoice(r.value, role_label(r.value)) for r in account_admin.WORK_ROLES]
    if form.validate_on_submit():
        try:
            user = accounts.create_account(Role(form.role.data), form.display_name.data,
                                           username=form.username.data, email=form.email.data,
                                           phone=form.phone.data or None, locale=form.locale.data or None,
                                           created_by=_me())
            code = accounts.issue_setup_code(user, _me())
        except Refusal as error:
            show_error_on(form, error)
        else:
            return render_template("core/staff/setup_code.html", person=user, code=code)
    return render_template("core/staff/participant_form.html", form=form, title=_("New work account"))
