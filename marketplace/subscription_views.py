"""Subscription pages: subscribing to a product (signed-in customers, Stripe configured), the customer's
"My subscriptions" with pause, resume and cancel, and for managers the product's intervals and their
enterprise's subscriptions. Server-rendered forms; nothing needs JavaScript."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import EmailField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from core.extensions import db
from core.forms import ButtonForm, Form, MultiCheckboxField
from core.models import Role
from core.navigation import flash_refusal, show_error_on
from core.pagination import paginate
from core.refusal import Refusal
from core.security import keep_private, roles_required
from marketplace import fulfilment, payments, shipping, subscriptions, variants
from marketplace.models import Product
from marketplace.subscription_models import INTERVALS
from marketplace.templating import baht

bp = Blueprint("subscriptions", __name__)
PAGE_SIZE = 25


class SubscribeForm(Form):
    variant = SelectField(_l("Which one"), choices=[], validators=[InputRequired()])
    interval = RadioField(_l("How often"), choices=[], validators=[InputRequired()])
    quantity = StringField(_l("Quantity"), default="1", validators=[DataRequired(), Length(max=6)])
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail (for the order confirmation)"), render_kw={"readonly": True},
                       description=_l("Your account's e-mail: each delivery's messages go there."))
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    delivery = RadioField(_l("Delivery"), choices=[SelectChoice("pickup", _l("Pick up at the shop")),
                                                  SelectChoice("shipping", _l("Ship within Thailand"))],
                          default="pickup", validators=[InputRequired()])
    address = TextAreaField(_l("Address for shipping"), validators=[Length(max=1000)],
                            description=_l("Only if we ship it to you. Leave it empty for pick-up."))
    province = SelectField(_l("Province of the address"), choices=[], validators=[Optional()],
                           description=_l("Bangkok, Nonthaburi, Pathum Thani, Samut Prakan, Samut Sakhon and Nakhon "
                                          "Pathom have one shipping price, other provinces another."))
    submit = SubmitField(_l("Subscribe and pay by card"))


class PlanForm(Form):
    intervals = MultiCheckboxField(_l("Offer it by subscription"), choices=[],
                                   description=_l("Customers with an account can have it delivered at these "
                                                  "intervals, paid by card each time. Tick none to stop offering "
                                                  "it; subscriptions already made go on."))
    submit = SubmitField(_l("Save"))


@bp.context_processor
def _words():
    from marketplace.subscription_privacy import REQUESTED_CHANGE, SUBSCRIPTION_STATUS

    return {"subscription_status": lambda code: SUBSCRIPTION_STATUS.get(code, code),
            "requested_change": lambda code: REQUESTED_CHANGE.get(code or "", code)}


def _interval_choices(codes: list[str]) -> list[SelectChoice]:
    return [SelectChoice(code, str(INTERVALS[code].label)) for code in codes]


# --- the customer ---------------------------------------------------------------------------------------

@bp.route("/shop/products/<int:product_id>/subscribe", methods=["GET", "POST"])
@roles_required(Role.CUSTOMER)
def subscribe(product_id: int):
    """Choose the variant, how often and where to; then Stripe's page (cards only) in subscription mode."""
    product = db.session.get(Product, product_id)
    if product is None or not product.enterprise.active:
        abort(404)
    codes = subscriptions.offered(product)
    if not codes:
        abort(404)
    keep_private()
    customer = current_user._get_current_object()
    locale = str(get_locale() or "")
    form = SubscribeForm(name=customer.display_name, phone=customer.phone or "") if request.method == "GET" \
        else SubscribeForm()
    form.email.data = customer.email or ""
    form.variant.choices = [SelectChoice(str(v.id), f"{variants.values_label(v, locale) or variants.label(v, locale)}"
                                         f" — {baht(v.price_minor)}") for v in product.for_sale]
    form.interval.choices = _interval_choices(codes)
    if form.interval.data is None and len(codes) == 1:
        form.interval.data = codes[0]
    form.province.choices = [SelectChoice("", _("Choose the province"))] + [
        SelectChoice(code, name) for code, name in shipping.province_choices(locale)]
    if form.validate_on_submit():
        choice = subscriptions.Choice(form.variant.data, form.interval.data, form.quantity.data, form.name.data,
                                      form.phone.data or "", form.delivery.data, form.address.data or "",
                                      form.province.data or "")
        try:
            started = subscriptions.start(customer, product, choice, locale)
            mine = url_for("subscriptions.mine", _external=True)
            hosted = subscriptions.open_checkout(started, mine + "?from=checkout", mine + "?cancelled=1")
        except Refusal as error:
            show_error_on(form, error)
        else:
            return redirect(hosted, code=303)
    return render_template("marketplace/subscriptions/subscribe.html", form=form, product=product,
                           postage=shipping.prices_for(product.default_variant.weight_grams),
                           zone_labels=shipping.ZONE_LABELS)


@bp.route("/shop/my-subscriptions")
@roles_required(Role.CUSTOMER)
def mine():
    keep_private()
    customer = current_user._get_current_object()
    rows = paginate(subscriptions.customers_subscriptions(customer), size=PAGE_SIZE)
    return render_template("marketplace/subscriptions/mine.html", rows=rows, button=ButtonForm(),
                           intervals=INTERVALS, can_ask=subscriptions.can_ask, waiting=subscriptions.waiting,
                           from_checkout=request.args.get("from") == "checkout")


@bp.route("/shop/my-subscriptions/<int:subscription_id>/<any(pause, resume, cancel):change>", methods=["POST"])
@roles_required(Role.CUSTOMER)
def change(subscription_id: int, change: str):
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        subscriptions.request_change(current_user._get_current_object(), subscription_id, change)
    except Refusal as error:
        flash_refusal(error)
    else:
        flash(_("Asked. Your subscription changes here as soon as Stripe confirms it."), "success")
    return redirect(url_for("subscriptions.mine"))


# --- the manager ----------------------------------------------------------------------------------------

def _own_product(product_id: int) -> Product:
    enterprise_id = fulfilment.enterprise_of(current_user._get_current_object())
    product = db.session.get(Product, product_id)
    if enterprise_id is None or product is None or product.enterprise_id != enterprise_id:
        abort(404)
    return product


@bp.route("/manage/shop/products/<int:product_id>/subscriptions", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def plan(product_id: int):
    """Which intervals a product is offered at by subscription (none: not offered)."""
    product = _own_product(product_id)
    current = subscriptions.plan_of(product.id)
    form = PlanForm(intervals=current.codes if current else [])
    form.intervals.choices = _interval_choices(list(INTERVALS))
    if form.validate_on_submit():
        try:
            subscriptions.save_plan(current_user._get_current_object(), product, form.intervals.data or [])
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("subscriptions.plan", product_id=product.id))
    return render_template("marketplace/subscriptions/plan.html", form=form, product=product,
                           stripe_on=payments.configured())


@bp.route("/manage/shop/subscriptions")
@roles_required(Role.MANAGER)
def enterprise_list():
    """The enterprise's subscriptions that deliver (or may again), newest first, a page at a time."""
    enterprise_id = fulfilment.enterprise_of(current_user._get_current_object())
    if enterprise_id is None:
        abort(404)
    keep_private()
    rows = paginate(subscriptions.enterprise_subscriptions(enterprise_id), size=PAGE_SIZE)
    return render_template("marketplace/subscriptions/enterprise.html", rows=rows, intervals=INTERVALS,
                           zone_labels=shipping.ZONE_LABELS)
