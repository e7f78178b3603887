"""Admin pages: the audit log and accounts for staff, managers, employers and admins."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from core import accounts, audit
from core.extensions import db
from core.forms import AccountForm, AuditFilterForm
from core.models import Role, User
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import roles_required

bp = Blueprint("admin", __name__, url_prefix="/admin")



@bp.route("/audit")
@roles_required(Role.ADMIN)
def audit_log():
    """The audit log, newest first, filtered by action, record type, person and dates."""
    form = AuditFilterForm(request.args)
    page = request.args.get("page", 1, type=int)
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
    rows = db.session.scalars(sa.select(User).where(User.role != Role.PARTICIPANT.value,
                                                    User.anonymised_at.is_(None))
                              .order_by(User.role, User.display_name)).all()
    return render_template("core/admin/accounts.html", rows=rows)


@bp.route("/accounts/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_account():
    """A work account (staff, manager, employer, admin) with a one-time set-up code."""
    form = AccountForm()
    form.role.choices = [SelectChoice(r.value, r.value) for r in (Role.STAFF, Role.MANAGER, Role.EMPLOYER, Role.ADMIN)]
    if form.validate_on_submit():
        try:
            user = accounts.create_account(Role(form.role.data), form.display_name.data,
                                           username=form.username.data, email=form.email.data,
                                           phone=form.phone.data or None, locale=form.locale.data or None,
                                           created_by=current_user._get_current_object())
            code = accounts.issue_setup_code(user, current_user._get_current_object())
        except Refusal as error:
            show_error_on(form, error)
        else:
            return render_template("core/staff/setup_code.html", person=user, code=code)
    return render_template("core/staff/participant_form.html", form=form, title=_("New work account"))
