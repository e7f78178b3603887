"""Wholesale pages (marketplace/wholesale.py): the business's application and checkout and its invoice PDF on
the shop's blueprint; the deciders' list of businesses, the manager's prices, terms and invoices on the
managers' blueprint."""
from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from core import clock
from core.extensions import db
from core.forms import THEIRS, ButtonForm
from core.models import Role
from core.navigation import flash_form_errors, flash_refusal, show_error_on
from core.numbers import record_id
from core.pagination import paginate
from core.refusal import Refusal
from core.security import keep_private, public, roles_required
from core.unit_of_work import refused
from marketplace import checkout, fulfilment, mail, payments, shipping, wholesale, wholesale_pdf
from marketplace.manager_views import _enterprise_id, _me, _order_with_own_lines
from marketplace.manager_views import bp as manager_bp
from marketplace.models import Order, Product, ProductVariant
from marketplace.templating import variant_label
from marketplace.views import _cart_rows, _hold_key, _shop_id, current_cart, save_cart
from marketplace.views import bp as shop_bp
from marketplace.wholesale_forms import (
    ApproveForm,
    BusinessForm,
    DecisionNoteForm,
    TermsForm,
    WholesaleCheckoutForm,
    WholesalePriceForm,
    WholesaleTermsForm,
)
from marketplace.wholesale_models import BusinessCustomer, BusinessState, OrderInvoice, WholesalePrice

BUSINESS_STATUS = wholesale.BUSINESS_STATUS
PAYMENT_CHOICES = {"invoice": _l("On invoice: bank transfer within your terms"),
                   "card": _l("Card or PromptPay now (Stripe)"), "collection": _l("Pay when you collect")}


def _satang(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * 100)


# --- the business's own pages ----------------------------------------------------------------------------------

@shop_bp.route("/business", methods=["GET", "POST"])
@roles_required(Role.CUSTOMER)
def business():
    """Apply as a business (or correct the application while it waits, or after a refusal); see the decision."""
    me = _me()
    mine = wholesale.business_of(me)
    editable = mine is None or mine.status in (BusinessState.PENDING.value, BusinessState.REFUSED.value)
    form = BusinessForm(obj=mine)
    if editable and form.validate_on_submit():
        try:
            wholesale.apply(me, wholesale.BusinessDetails(
                form.name.data, form.tax_id.data, form.branch.data, form.address.data, form.contact_name.data,
                form.contact_phone.data or ""))
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Thank you. Programme staff or a shop manager will look at it soon."), "success")
            return redirect(url_for("shop.business"))
    return render_template("marketplace/wholesale/business.html", form=form, business=mine, editable=editable,
                           status_words=BUSINESS_STATUS), 400 if form.errors else 200


def _payment_choices(business) -> list[SelectChoice]:
    choices = [SelectChoice("invoice", PAYMENT_CHOICES["invoice"])] if business.pay_on_invoice else []
    return choices + [SelectChoice("card", PAYMENT_CHOICES["card"]) if payments.configured()
                      else SelectChoice("collection", PAYMENT_CHOICES["collection"])]


@shop_bp.route("/business/checkout", methods=["GET", "POST"])
@roles_required(Role.CUSTOMER)
def wholesale_checkout():
    """An approved business's checkout: its prices, each enterprise's minimum, on invoice or by card."""
    me = _me()
    business = wholesale.approved_business(me)
    if business is None:
        abort(404)
    items = current_cart()
    if not items:
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("shop.index"))
    form = WholesaleCheckoutForm(obj=me, name=me.display_name, address=business.address) \
        if request.method == "GET" else WholesaleCheckoutForm()
    locale = str(get_locale() or "")
    form.province.choices = [SelectChoice("", _("Choose the province"))] + [
        SelectChoice(code, name) for code, name in shipping.province_choices(locale)]
    form.payment.choices = _payment_choices(business)
    if request.method == "GET":
        form.payment.data = form.payment.choices[0].value
    summary = wholesale.cart_for(business, _cart_rows())
    if form.validate_on_submit():
        buyer = checkout.Buyer(form.name.data, form.email.data, form.phone.data or "", form.delivery.data,
                               form.address.data or "", form.province.data or "")
        on_invoice = form.payment.data == "invoice"
        try:
            order = wholesale.place_order(items, buyer, me, on_invoice=on_invoice, use_stripe=payments.configured(),
                                          locale=locale, session_id=_shop_id(), hold_key=_hold_key(),
                                          from_cart=True)
            if order.payment_method == "stripe":
                page = url_for("shop.order", token=order.token, _external=True)
                hosted = checkout.open_checkout(order, page + "?from=checkout", page + "?cancelled=1")
                save_cart({})
                return redirect(hosted, code=303)
            save_cart({})
        except Refusal as error:
            refused()  # undone first: this request's own taking out of the cart is not what is looked at
            if not current_cart():  # ordered by another click of this form at the same moment: see it there
                flash(error.message, "error")
                return redirect(url_for("shop.my_orders"))
            show_error_on(form, error)
        else:
            if on_invoice:
                mail.send_order_email(order, _l("Your Pathways shop order %(n)d", n=order.id), [
                    _l("Thank you! Your order is placed on invoice. Please transfer the amount by %(date)s.",
                       date=_due_on(order))], documents=False)
                flash(_("Thank you! Your order is placed on invoice."), "success")
            else:
                mail.send_order_email(order, _l("Your Pathways shop order %(n)d", n=order.id),
                                      [_l("Thank you! Your order is placed. Pay when you collect it.")])
                flash(_("Thank you! Your order is placed. Pay when you collect it."), "success")
            return redirect(url_for("shop.order", token=order.token))
    weight = checkout.parcel_weight(_cart_rows())
    return render_template("marketplace/wholesale/checkout.html", form=form, business=business, summary=summary,
                           weight=weight, postage=shipping.prices_for(weight), zone_labels=shipping.ZONE_LABELS,
                           ), 400 if form.errors else 200


def _due_on(order: Order) -> str:
    invoice = wholesale.invoice_of(order)
    return invoice.due_on.isoformat() if invoice is not None else ""


def _pdf(data: bytes, filename: str) -> Response:
    keep_private()
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@shop_bp.route("/orders/<token>/invoice.pdf")
@public
def order_invoice(token: str):
    """The invoice (ใบแจ้งหนี้) of an order on invoice, by the order's secret link."""
    order = db.session.scalar(sa.select(Order).where(Order.token == token)) or abort(404)
    invoice = wholesale.invoice_of(order) or abort(404)
    return _pdf(wholesale_pdf.invoice_pdf(order, invoice), f"invoice-order-{order.id}.pdf")


# --- deciding on businesses -----------------------------------------------------------------------------------

DECIDERS = (Role.MANAGER, Role.STAFF, Role.ADMIN)


@manager_bp.route("/businesses")
@roles_required(*DECIDERS)
def businesses():
    status = request.args.get("status", "")
    status = status if status in BUSINESS_STATUS else ""
    page = paginate(wholesale.businesses(status))
    return render_template("marketplace/wholesale/businesses.html", page=page, status=status,
                           status_words=BUSINESS_STATUS)


def _business(business_id: int) -> BusinessCustomer:
    return db.session.get(BusinessCustomer, business_id) or abort(404)


@manager_bp.route("/businesses/<int:business_id>")
@roles_required(*DECIDERS)
def business_page(business_id: int, forms: dict | None = None, status: int = 200):
    item = _business(business_id)
    forms = forms or {}
    terms = TermsForm(formdata=None, terms_days=str(item.terms_days), pay_on_invoice=item.pay_on_invoice)
    return render_template("marketplace/wholesale/business_decide.html", business=item, status_words=BUSINESS_STATUS,
                           approve_form=forms.get("approve") or ApproveForm(formdata=None),
                           terms_form=forms.get("terms") or terms,
                           refuse_form=forms.get("refuse") or DecisionNoteForm(formdata=None, prefix="refuse"),
                           suspend_form=forms.get("suspend") or DecisionNoteForm(formdata=None, prefix="suspend"),
                           button=ButtonForm()), status


@manager_bp.route("/businesses/<int:business_id>/<any(approve, terms, refuse, suspend, reinstate):step>",
                  methods=["POST"])
@roles_required(*DECIDERS)
def decide_business(business_id: int, step: str):
    item = _business(business_id)
    form = {"approve": ApproveForm, "terms": TermsForm}.get(step)
    form = form() if form else DecisionNoteForm(prefix=step) if step in ("refuse", "suspend") else ButtonForm()
    if form.validate_on_submit():
        try:
            if step in ("approve", "terms"):
                days = int(form.terms_days.data or 0)
                (wholesale.approve if step == "approve" else wholesale.change_terms)(
                    item, _me(), days, bool(form.pay_on_invoice.data))
            elif step == "refuse":
                wholesale.refuse(item, _me(), form.note.data or "")
            elif step == "suspend":
                wholesale.suspend(item, _me(), form.note.data or "")
            else:
                wholesale.reinstate(item, _me())
        except Refusal as error:
            show_error_on(form, error)
        else:
            _tell_business(item, step)
            flash(_("Saved."), "success")
            return redirect(url_for("shop_manager.business_page", business_id=item.id))
    if isinstance(form, ButtonForm):
        abort(400)
    return business_page(item.id, {step: form}, 400)


def _tell_business(item: BusinessCustomer, step: str) -> None:
    from core import outbox
    from core.models import User

    words = {"approve": _l("Your business is approved for wholesale. Sign in to see your prices."),
             "refuse": _l("Your application to buy wholesale was not approved. Open it to see why and correct it."),
             "suspend": _l("Your wholesale account is suspended. Open it to see why."),
             "reinstate": _l("Your wholesale account is open again.")}
    user = db.session.get(User, item.user_id)
    if step in words and user is not None and user.email:
        outbox.queue_email(user.email, outbox.language_of(user), _l("Your wholesale account"),
                           [words[step], "", url_for("shop.business", _external=True)])


# --- the manager's prices, terms and invoices -----------------------------------------------------------------

def _variants_page(enterprise_id: int):
    return paginate(sa.select(ProductVariant).join(Product).where(Product.enterprise_id == enterprise_id)
                    .options(selectinload(ProductVariant.product), selectinload(ProductVariant.values))
                    .order_by(Product.name, Product.id, ProductVariant.position, ProductVariant.id), size=30)


def _business_choices() -> list[SelectChoice]:
    return [SelectChoice("", _("Every approved business"))] + [
        SelectChoice(str(b.id), b.name, render_kw=THEIRS) for b in db.session.scalars(
            sa.select(BusinessCustomer).where(BusinessCustomer.status == BusinessState.APPROVED.value)
            .order_by(BusinessCustomer.name, BusinessCustomer.id).limit(200))]


@manager_bp.route("/wholesale", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def wholesale_settings():
    """The enterprise's minimum wholesale order and bank account; its variants' wholesale prices."""
    enterprise_id = _enterprise_id()
    terms = wholesale.terms_of(enterprise_id)
    form = WholesaleTermsForm(obj=terms, minimum_thb=Decimal(terms.minimum_order_minor) / 100) \
        if request.method == "GET" else WholesaleTermsForm()
    if form.validate_on_submit():
        try:
            wholesale.save_terms(_me(), enterprise_id, _satang(form.minimum_thb.data) or 0,
                                 form.bank_details.data or "")
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("shop_manager.wholesale_settings"))
    page = _variants_page(enterprise_id)
    prices = db.session.execute(sa.select(WholesalePrice).options(selectinload(WholesalePrice.business)).where(
        WholesalePrice.variant_id.in_([v.id for v in page.rows])).order_by(WholesalePrice.id)).scalars().all()
    price_form = WholesalePriceForm(prefix="price")
    price_form.business_id.choices = _business_choices()
    price_form.variant_id.choices = [SelectChoice(str(v.id), variant_label(v).striptags()) for v in page.rows]
    return render_template("marketplace/wholesale/settings.html", form=form, page=page, prices=prices,
                           price_form=price_form), 400 if form.errors else 200


@manager_bp.route("/wholesale/prices", methods=["POST"])
@roles_required(Role.MANAGER)
def wholesale_price():
    form = WholesalePriceForm(prefix="price")
    form.business_id.choices = _business_choices()
    if form.validate_on_submit():
        try:
            wholesale.set_price(_me(), _enterprise_id(), record_id(form.variant_id.data),
                                _satang(form.price_thb.data), record_id(form.business_id.data or ""))
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Saved."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("shop_manager.wholesale_settings", page=request.args.get("page")))


@manager_bp.route("/invoices")
@roles_required(Role.MANAGER)
def invoices():
    """Orders on invoice waiting for the transfer, the longest overdue first."""
    overdue = request.args.get("overdue") == "1"
    page = paginate(wholesale.open_invoices(_enterprise_id(), overdue_only=overdue), scalars=False)
    return render_template("marketplace/wholesale/invoices.html", page=page, overdue=overdue, form=ButtonForm())


@manager_bp.route("/orders/<int:order_id>/invoice-paid", methods=["POST"])
@roles_required(Role.MANAGER)
def invoice_paid(order_id: int):
    item = _order_with_own_lines(order_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        wholesale.mark_paid(item, _me())
    except Refusal as error:
        flash_refusal(error)
    else:
        mail.send_order_email(item, _l("Payment received for order %(n)d", n=item.id),
                              [_l("Thank you. Your transfer has arrived and the invoice is paid.")], documents=True)
        flash(_("The invoice is marked paid."), "success")
    return redirect(url_for("shop_manager.order", order_id=item.id))


@manager_bp.route("/orders/<int:order_id>/invoice.pdf", endpoint="order_invoice")
@roles_required(Role.MANAGER)
def manager_invoice(order_id: int):
    item = _order_with_own_lines(order_id)
    invoice = wholesale.invoice_of(item)
    if invoice is None or invoice.enterprise_id != _enterprise_id():
        abort(404)
    return _pdf(wholesale_pdf.invoice_pdf(item, invoice), f"invoice-order-{item.id}.pdf")



# --- what the shop's own templates show an approved business ----------------------------------------------------

def _trade_price(variant) -> int | None:
    return wholesale.request_prices().get(variant.id) if variant is not None else None


def _trade_from(product) -> int | None:
    """The lowest wholesale price of the product's variants for sale (None: none, or not a business)."""
    prices = wholesale.request_prices()
    found = [prices[v.id] for v in product.for_sale if v.id in prices] if prices else []
    return min(found) if found else None


def _wholesale_cart(rows) -> wholesale.WholesaleCart | None:
    """The cart page's rows ((variant, quantity), discount) at the business's prices; None for anyone else."""
    business = wholesale.signed_in_business()
    if business is None:
        return None
    if "wholesale_cart" not in g:
        g.wholesale_cart = wholesale.cart_for(business, [(v, q) for (v, q), _off in rows])
    return g.wholesale_cart


def _overdue_here(enterprise_id: int | None = None, limit: int = 10) -> list:
    """The manager's enterprise's overdue invoices, the longest overdue first (the head of the orders page), as
    plain rows of what it shows (the order's number, total and e-mail, the invoice's due day and buyer); the
    enterprise looked up unless the page knows it."""
    enterprise_id = enterprise_id or fulfilment.enterprise_of(_me())
    if enterprise_id is None:
        return []
    return list(db.session.execute(wholesale.open_invoices(enterprise_id, overdue_only=True).with_only_columns(
        Order.id, Order.total_minor, Order.email, OrderInvoice.due_on, OrderInvoice.buyer).limit(limit)))


@shop_bp.app_context_processor
def wholesale_helpers() -> dict:
    return {"trade_price": _trade_price, "trade_from": _trade_from, "wholesale_cart": _wholesale_cart,
            "invoice_of": wholesale.invoice_of, "overdue_here": _overdue_here, "today": clock.today,
            "can_remind": wholesale.can_remind}
