"""Discount codes for staff (every enterprise's, and shop-wide ones) and for managers (their enterprise's):
create, list newest first a page at a time, pause and resume."""
from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from core.extensions import db
from core.forms import THEIRS, ButtonForm
from core.models import Role
from core.navigation import show_error_on
from core.pagination import paginate
from core.refusal import Refusal
from core.security import roles_required
from marketplace import discounts, fulfilment
from marketplace.forms import DiscountCodeForm
from marketplace.manager_views import _me, bp
from marketplace.models import DiscountCode, Enterprise

PAGE_SIZE = 25


def _scope() -> int | None:
    """Staff and admins see and make every code; a manager only their enterprise's (404 when not linked)."""
    if current_user.has_role(Role.STAFF, Role.ADMIN):
        return None
    enterprise_id = fulfilment.enterprise_of(_me())
    if enterprise_id is None:
        abort(404)
    return enterprise_id


def _form(scope: int | None) -> DiscountCodeForm:
    form = DiscountCodeForm()
    if scope is None:
        form.enterprise.choices = [SelectChoice("", _("Every enterprise (the whole shop)"))] + [
            SelectChoice(str(e.id), e.name, render_kw=THEIRS)
            for e in db.session.scalars(sa.select(Enterprise).order_by(Enterprise.name, Enterprise.id))]
    else:
        own = db.session.get(Enterprise, scope)
        form.enterprise.choices = [SelectChoice(str(scope), own.name if own else "", render_kw=THEIRS)]
    return form


def _satang(amount: Decimal | None) -> int:
    return int((amount or Decimal(0)) * 100)


def _new_code(form: DiscountCodeForm) -> discounts.NewCode:
    kind = form.kind.data
    value = (form.percent.data or 0) if kind == "percent" else _satang(form.amount_thb.data)
    return discounts.NewCode(
        code=form.code.data, kind=kind, value=value,
        enterprise_id=int(form.enterprise.data) if form.enterprise.data else None,
        min_order_minor=_satang(form.min_order_thb.data), starts_on=form.starts_on.data, ends_on=form.ends_on.data,
        max_uses=form.max_uses.data, max_uses_per_customer=form.max_uses_per_customer.data)


@bp.route("/discounts", methods=["GET", "POST"])
@roles_required(Role.MANAGER, Role.STAFF, Role.ADMIN)
def discount_codes():
    """The codes, newest first, and a form for a new one."""
    if not current_user.has_role(Role.STAFF, Role.ADMIN) and fulfilment.enterprise_of(_me()) is None:
        return render_template("marketplace/manager/not_linked.html")
    scope = _scope()
    form = _form(scope)
    if form.validate_on_submit():
        try:
            if form.kind.data == "percent" and not form.percent.data:
                raise Refusal(_("Write the percentage off."), "percent")
            if form.kind.data == "amount" and not form.amount_thb.data:
                raise Refusal(_("Write the amount off."), "amount_thb")
            code = discounts.create(_me(), _new_code(form))
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("The discount code %(code)s is created.", code=code.code), "success")
            return redirect(url_for("shop_manager.discount_codes"))
    page = paginate(discounts.listed(scope), size=PAGE_SIZE)
    results = discounts.results([code.id for code in page.rows], scope)
    return render_template("marketplace/manager/discounts.html", form=form, page=page, button=ButtonForm(),
                           results=results, nothing=discounts.CodeResult()), 400 if form.errors else 200


@bp.route("/discounts/<int:code_id>/pause", methods=["POST"])
@roles_required(Role.MANAGER, Role.STAFF, Role.ADMIN)
def pause_discount_code(code_id: int):
    """Pause a code (buyers can no longer apply it; orders placed with it keep their prices), or resume it."""
    scope = _scope()
    code = db.session.get(DiscountCode, code_id)
    if code is None or (scope is not None and code.enterprise_id != scope):
        abort(404)
    if ButtonForm().validate_on_submit():
        # The button says what it does ("?to=resume", else pause): a double click never undoes the first press.
        discounts.set_paused(_me(), code, request.args.get("to") != "resume")
        flash(_("The code %(code)s is paused.", code=code.code) if code.paused else
              _("The code %(code)s can be used again.", code=code.code), "success")
    return redirect(url_for("shop_manager.discount_codes"))
