"""Enterprise managers: their own products and their own lines of orders. Nothing of another enterprise."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import lazyload, selectinload
from wtforms.fields.choices import SelectChoice

from core import kept_input
from core.charts import bars
from core.content_languages import languages_page
from core.exports import download, rows_file
from core.extensions import db
from core.forms import ButtonForm
from core.models import Role, User
from core.navigation import flash_form_errors, flash_refusal, show_error_on
from core.numbers import record_id, whole_number
from core.pagination import page_number, paginate
from core.refusal import Refusal
from core.security import roles_required
from marketplace import (
    fulfilment,
    mail,
    management,
    media,
    order_list,
    pdf_documents,
    refunds,
    stock,
    tax_invoices,
)
from marketplace import reports as sales_reports
from marketplace import shipping as parcels  # the view `shipping` (the rates page) has the module's name
from marketplace.cart import ShopError
from marketplace.forms import (
    AmountRefundForm,
    CreditForm,
    ImageForm,
    OrderSearchForm,
    ProductForm,
    RefundForm,
    RefundIntentForm,
    ShipmentForm,
    ShippingRateForm,
    StandingForm,
    StockAdjustForm,
    StoryForm,
)
from marketplace.models import (
    Enterprise,
    EnterpriseManager,
    MakerCredit,
    Order,
    Product,
    ProductImage,
    ProductVariant,
)
from marketplace.templating import ORDER_STATUS

bp = Blueprint("shop_manager", __name__, url_prefix="/manage/shop")


def _me():
    return current_user._get_current_object()


def _enterprise_id() -> int:
    enterprise_id = fulfilment.enterprise_of(_me())
    if enterprise_id is None:
        abort(404)
    return enterprise_id


@bp.route("/")
@roles_required(Role.MANAGER)
def home():
    enterprise_id = fulfilment.enterprise_of(_me())
    if enterprise_id is None:
        return render_template("marketplace/manager/not_linked.html")
    form = _order_search_form()
    page = page_number()
    orders, total, lines = order_list.search(enterprise_id, _order_filter(form), page)
    # The list shows each product's price and stock, read from its variants: not the options and their values
    # that a product loads with it by default (three statements more, and some 200 objects).
    products = paginate(sa.select(Product).where(Product.enterprise_id == enterprise_id)
                        .options(selectinload(Product.variants).lazyload(ProductVariant.values),
                                 lazyload(Product.options))
                        .order_by(Product.name, Product.id), size=30, param="products_page")
    return render_template("marketplace/manager/home.html", orders=orders, total=total, page=page,
                           page_size=order_list.PAGE_SIZE, lines=lines, products=products, search_form=form,
                           running_low=stock.running_low(enterprise_id), enterprise_id=enterprise_id)


def _order_search_form() -> OrderSearchForm:
    form = OrderSearchForm(request.args)
    form.status.choices = [SelectChoice("", _("All"))] + [SelectChoice(s, ORDER_STATUS.get(s, s))
                                                           for s in order_list.VISIBLE]
    return form


def _order_filter(form: OrderSearchForm) -> order_list.OrderFilter:
    if not form.validate():
        return order_list.OrderFilter()
    return order_list.OrderFilter(form.q.data or "", form.status.data or "", form.since.data, form.until.data)


@bp.route("/orders.<any(csv, xlsx):fmt>")
@roles_required(Role.MANAGER)
def orders_export(fmt: str):
    """The orders of the search, this enterprise's lines only; customers' names and addresses once shipped."""
    enterprise_id = _enterprise_id()
    rows = order_list.export_rows(enterprise_id, _order_filter(_order_search_form()))
    content, content_type = rows_file(order_list.EXPORT_COLUMNS, rows, fmt, "orders")
    return download(content, content_type, "orders", fmt)


def _own_product(product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if product is None or product.enterprise_id != _enterprise_id():
        abort(404)
    return product


@bp.route("/products/new", methods=["GET", "POST"])
@bp.route("/products/<int:product_id>/edit", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def edit_product(product_id: int | None = None):
    product = _own_product(product_id) if product_id else None
    form = ProductForm(obj=product)
    one = product.default_variant if product is not None and not product.has_options else None
    if product is not None and product.has_options:  # its figures are its variants', on their own page
        for name in ProductForm.VARIANT_FIELDS:
            delattr(form, name)
    elif one is not None and not form.is_submitted():
        form.price_thb.data = one.price_minor // 100
        form.weight_grams.data, form.low_stock_at.data = one.weight_grams, one.low_stock_at
        form.made_to_order.data = one.stock is None
        form.stock_shown.data = _shown(one.stock)
    if form.validate_on_submit():
        values = {name: form[name].data for name in (*management.PRODUCT_TEXT_FIELDS, *ProductForm.VARIANT_FIELDS)
                  if name in form}
        values["shown"] = whole_number(form.stock_shown.data) if "stock_shown" in form else None
        try:
            management.save_product(_me(), _enterprise_id(), values, product)
        except stock.StockChanged as error:
            show_error_on(form, error)
            form.stock_shown.data = _shown(error.now)  # the count they typed stays, against the new figure
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Product saved."), "success")
            return redirect(url_for("shop_manager.home"))
    if one is not None and one.stock is not None:
        form.counted.description = _("Now %(n)d in stock. Leave this empty to keep it: sales and returns change "
                                     "it by themselves. Write a number only when you have counted.", n=one.stock)
    return render_template("marketplace/manager/product_form.html", form=form, product=product,
                           images=media.images_of(product.id) if product else [],
                           credits=media.makers_of(product.id) if product else [],
                           image_form=ImageForm(), credit_form=CreditForm(), button=ButtonForm(),
                           stock_form=StockAdjustForm(), movements=stock.history(product.id) if product else [],
                           stock_reasons=stock.REASON_LABELS)


def _shown(figure: int | None) -> str:
    """The stock as the form shows it, carried back with a count ("" for made to order)."""
    return "" if figure is None else str(figure)


@bp.route("/products/<int:product_id>/languages", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def product_languages(product_id: int):
    """The product's name and description in the languages its buyers read."""
    product = _own_product(product_id)

    def save(language: str, texts: dict) -> None:
        management.translate_product(_me(), product, language, texts)
    return languages_page(product, ProductForm, save, heading=product.name,
                          back=url_for("shop_manager.edit_product", product_id=product.id),
                          here=url_for("shop_manager.product_languages", product_id=product.id))


@bp.route("/story", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def edit_story():
    """The story on the enterprise's shop page, as the manager first writes it."""
    enterprise = db.session.get(Enterprise, _enterprise_id())
    form = StoryForm(obj=enterprise)
    if form.validate_on_submit():
        try:
            management.save_story(_me(), enterprise, form.story.data or "", form.text_language.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("shop_manager.edit_story"))
    return render_template("marketplace/manager/story.html", form=form, enterprise=enterprise)


@bp.route("/standing", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def edit_standing():
    """The makers and the registration the manager states, for the public impact figures; staff confirm."""
    enterprise = db.session.get(Enterprise, _enterprise_id())
    form = StandingForm(obj=enterprise)
    if form.validate_on_submit():
        try:
            changed = management.save_standing(_me(), enterprise, form.makers.data,
                                               bool(form.registered_organisation.data),
                                               form.registration_number.data or "")
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved. Programme staff will confirm it.") if changed else _("Nothing changed."), "success")
            return redirect(url_for("shop_manager.edit_standing"))
    return render_template("marketplace/manager/standing.html", form=form, enterprise=enterprise)


@bp.route("/standings", methods=["GET", "POST"])
@roles_required(Role.STAFF, Role.ADMIN)
def standings():
    """Staff confirm what managers stated (makers, registration): only then are sales named on the impact page."""
    if request.method == "POST" and ButtonForm().validate_on_submit():
        enterprise = db.session.get(Enterprise, record_id(request.form.get("enterprise_id")) or 0)
        if enterprise is None:
            abort(404)
        try:
            management.confirm_standing(_me(), enterprise)
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Confirmed."), "success")
        return redirect(url_for("shop_manager.standings", page=request.args.get("page")))
    page = paginate(sa.select(Enterprise).order_by(Enterprise.standing_confirmed_at.is_not(None), Enterprise.name,
                                                   Enterprise.id))
    return render_template("marketplace/manager/standings.html", page=page, form=ButtonForm())


@bp.route("/story/languages", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def story_languages():
    enterprise = db.session.get(Enterprise, _enterprise_id())

    def save(language: str, texts: dict) -> None:
        management.translate_story(_me(), enterprise, language, texts)
    return languages_page(enterprise, StoryForm, save, heading=enterprise.name,
                          back=url_for("shop_manager.edit_story"), here=url_for("shop_manager.story_languages"))


@bp.route("/products/<int:product_id>/stock", methods=["POST"])
@roles_required(Role.MANAGER)
def adjust_stock(product_id: int):
    """A manual change of the stock of a product without options, with its reason; it becomes a row of the
    product's stock history. A product with options changes each variant's stock on the variant's page."""
    product = _own_product(product_id)
    form = StockAdjustForm()
    if form.validate_on_submit():
        try:
            if product.has_options:
                raise ShopError(_l("Change the stock of each variant on its own page."))
            stock.adjust(product.default_variant, _me(), form.change.data, form.note.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Stock changed."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("shop_manager.edit_product", product_id=product.id))


@bp.route("/products/<int:product_id>/images", methods=["POST"])
@roles_required(Role.MANAGER)
def add_image(product_id: int):
    product = _own_product(product_id)
    form = ImageForm()
    if form.validate_on_submit():
        try:
            media.add_image(product, _me(), form.image.data.read(), form.alt_text.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Picture added."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("shop_manager.edit_product", product_id=product.id))


@bp.route("/products/<int:product_id>/images/<int:image_id>/remove", methods=["POST"])
@roles_required(Role.MANAGER)
def remove_image(product_id: int, image_id: int):
    product = _own_product(product_id)
    image = db.session.get(ProductImage, image_id)
    if image is None or image.product_id != product.id or not ButtonForm().validate_on_submit():
        abort(404)
    media.remove_image(image, _me())
    return redirect(url_for("shop_manager.edit_product", product_id=product.id))


@bp.route("/products/<int:product_id>/credits", methods=["POST"])
@roles_required(Role.MANAGER)
def add_credit(product_id: int):
    product = _own_product(product_id)
    form = CreditForm()
    if form.validate_on_submit():
        try:
            media.credit_maker(product, _me(), form.first_name.data, form.consent.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Credit added."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("shop_manager.edit_product", product_id=product.id))


@bp.route("/products/<int:product_id>/credits/<int:credit_id>/withdraw", methods=["POST"])
@roles_required(Role.MANAGER)
def withdraw_credit(product_id: int, credit_id: int):
    product = _own_product(product_id)
    credit = db.session.get(MakerCredit, credit_id)
    if credit is None or credit.product_id != product.id or not ButtonForm().validate_on_submit():
        abort(404)
    media.withdraw_credit(credit, _me())
    flash(_("The name no longer appears in the shop."), "success")
    return redirect(url_for("shop_manager.edit_product", product_id=product.id))


def _order_with_own_lines(order_id: int) -> Order:
    order = db.session.get(Order, order_id)
    if order is None or not fulfilment.lines_for(order, _enterprise_id()):
        abort(404)
    return order


@bp.route("/orders/<int:order_id>")
@roles_required(Role.MANAGER)
def order(order_id: int):
    item = _order_with_own_lines(order_id)
    # Each form names one intended refund: sent twice, it is still one refund.
    refund_form, amount_form = RefundForm(intent=refunds.new_intent()), AmountRefundForm(intent=refunds.new_intent())
    return _order_page(item, refund_form, amount_form)


def _order_page(item: Order, refund_form, amount_form, ship_form: ShipmentForm | None = None, status: int = 200):
    documents = [(d, url_for("shop_manager.order_tax_document", order_id=item.id, document_id=d.id))
                 for d in tax_invoices.documents_of(item, _enterprise_id())]
    parcel = next((p for p in item.shipments if p.enterprise_id == _enterprise_id() and p.tracking_number), None)
    return render_template("marketplace/manager/order.html", order=item,
                           lines=fulfilment.lines_for(item, _enterprise_id()), form=ButtonForm(),
                           ship_form=ship_form or ShipmentForm(formdata=None), parcel=parcel,
                           carriers=parcels.CARRIERS, tracking_url=parcels.tracking_url,
                           province=parcels.province_name(item.province_code, str(get_locale())),
                           refund_form=refund_form, amount_form=amount_form,
                           next_statuses=fulfilment.NEXT_STATUSES, documents=documents,
                           receipt_ready=pdf_documents.receipt_ready(item),
                           document_number=tax_invoices.number_label), status


@bp.route("/orders/<int:order_id>/ship", methods=["POST"])
@roles_required(Role.MANAGER)
def ship(order_id: int):
    """A shipping order's parcel leaves: the carrier and its tracking number, then the buyer's e-mail."""
    item = _order_with_own_lines(order_id)
    form = ShipmentForm()
    if form.validate_on_submit():
        try:
            parcel = fulfilment.ship_parcel(item, _me(), form.carrier.data or "", form.tracking_number.data or "")
        except Refusal as error:
            show_error_on(form, error)
        else:
            mail.send_shipped_email(item, parcel)
            flash(_("Order updated."), "success")
            return redirect(url_for("shop_manager.order", order_id=item.id))
    return _order_page(item, RefundForm(intent=refunds.new_intent()), AmountRefundForm(intent=refunds.new_intent()),
                       form, 400)


@bp.route("/orders/<int:order_id>/<any(packed, shipped, ready_for_pickup, completed, cancelled, paid):step>",
          methods=["POST"])
@roles_required(Role.MANAGER)
def move(order_id: int, step: str):
    item = _order_with_own_lines(order_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        if step == "paid":
            fulfilment.mark_paid_on_collection(item, _me())
        else:
            fulfilment.move_lines(item, _me(), step)
    except Refusal as error:
        flash_refusal(error)
    else:
        if step in ("shipped", "ready_for_pickup", "cancelled"):
            mail.send_order_email(item, _l("News about your order %(n)d", n=item.id),
                                  [_l("Your order has a new status. Open the link to see it.")])
        flash(_("Order updated."), "success")
    return redirect(url_for("shop_manager.order", order_id=item.id))


@bp.route("/orders/<int:order_id>/refund", methods=["POST"])
@roles_required(Role.MANAGER)
def refund(order_id: int):
    """Refund chosen quantities of this enterprise's lines (in full or in part)."""
    item = _order_with_own_lines(order_id)
    form = RefundForm()
    if form.validate_on_submit():
        quantities = {}
        for line in fulfilment.lines_for(item, _enterprise_id()):
            quantity = whole_number(request.form.get(f"refund-{line.id}", "").strip() or "0")
            if quantity is None or quantity < 0:
                flash(_("Quantities must be whole numbers."), "error")
                kept_input.keep(form, {f"refund-{line.id}": [_("Quantities must be whole numbers.")]})
                return redirect(url_for("shop_manager.order", order_id=item.id))
            if quantity:
                quantities[line.id] = quantity
        try:
            result = fulfilment.refund_lines(item, _me(), quantities, restock=form.restock.data,
                                             intent=form.intent.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            _flash_refund(result)
    else:
        flash_form_errors(form)
    return redirect(url_for("shop_manager.order", order_id=item.id))


@bp.route("/orders/<int:order_id>/refund-amount", methods=["POST"])
@roles_required(Role.MANAGER)
def refund_amount(order_id: int):
    """Give back an amount (shipping, a price mistake) without touching the items or the stock."""
    item = _order_with_own_lines(order_id)
    form = AmountRefundForm()
    if form.validate_on_submit():
        try:
            result = fulfilment.refund_amount(item, _me(), int(form.amount_thb.data * 100), form.reason.data,
                                              intent=form.intent.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            _flash_refund(result)
    else:
        flash_form_errors(form)
    return redirect(url_for("shop_manager.order", order_id=item.id))


def _flash_refund(result: refunds.Result) -> None:
    amount = f"{result.amount / 100:,.2f}"
    if result.outcome == refunds.Outcome.WAITING:
        flash(_("Stripe has not answered yet. The refund of %(amount)s baht is kept aside and will be settled "
                "by itself; do not send it again.", amount=amount), "info")
    elif result.outcome == refunds.Outcome.ALREADY:
        flash(_("This refund of %(amount)s baht was already made.", amount=amount), "success")
    else:
        flash(_("Refunded %(amount)s baht.", amount=amount), "success")


@bp.route("/enterprises", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def enterprises():
    """Admin: which manager account runs which enterprise's shop."""
    if request.method == "POST" and ButtonForm().validate_on_submit():
        try:
            management.link_manager(_me(), record_id(request.form.get("manager_id")),
                                    record_id(request.form.get("enterprise_id")))
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Saved."), "success")
        return redirect(url_for("shop_manager.enterprises"))
    managers = db.session.scalars(sa.select(User).where(User.role == Role.MANAGER.value, User.anonymised_at.is_(None))
                                  .order_by(User.display_name)).all()
    links = {link.user_id: link.enterprise_id for link in db.session.scalars(sa.select(EnterpriseManager))}
    return render_template("marketplace/manager/enterprises.html", managers=managers, links=links,
                           enterprises=db.session.scalars(sa.select(Enterprise).order_by(Enterprise.name)).all(),
                           form=ButtonForm())


def _report_scope() -> int | None:
    """Managers see their enterprise; staff and admins see every enterprise."""
    return None if current_user.has_role(Role.STAFF, Role.ADMIN) else _enterprise_id()


@bp.route("/report")
@roles_required(Role.MANAGER, Role.STAFF, Role.ADMIN)
def report():
    data = sales_reports.sales(_report_scope())
    chart = bars([(row.month, float(row.sold_thb)) for row in data.by_month.itertuples()])
    return render_template("marketplace/manager/report.html", data=data, chart=chart)


@bp.route("/report.<any(csv, xlsx):fmt>")
@roles_required(Role.MANAGER, Role.STAFF, Role.ADMIN)
def report_export(fmt: str):
    content, content_type = sales_reports.export(_report_scope(), fmt)
    return download(content, content_type, "sales", fmt)


@bp.route("/shipping", methods=["GET", "POST"])
@roles_required(Role.STAFF, Role.ADMIN)
def shipping():
    """Staff keep the shipping table: each zone's price for parcels up to a weight."""
    form = ShippingRateForm()
    status = 200
    if form.validate_on_submit():
        try:
            parcels.save_rate(_me(), form.zone.data, form.max_weight_grams.data, form.price_thb.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("shop_manager.shipping"))
    if form.errors:
        status = 400
    rates = paginate(parcels.rates_by_zone_and_weight(), size=50)
    return render_template("marketplace/manager/shipping.html", form=form, rates=rates,
                           zone_labels=parcels.ZONE_LABELS), status


@bp.route("/attention")
@roles_required(Role.STAFF, Role.ADMIN)
def attention():
    """Staff: payments that need a check, each ended by giving the money back or keeping it."""
    page = paginate(fulfilment.waiting_for_a_check())
    return render_template("marketplace/manager/attention.html", page=page, form=ButtonForm(),
                           refund_form=RefundIntentForm(), intents={o.id: refunds.new_intent() for o in page.rows})


def _waiting_order(order_id: int) -> Order:
    item = db.session.get(Order, order_id)
    if item is None:
        abort(404)
    return item


@bp.route("/attention/<int:order_id>/give-back", methods=["POST"])
@roles_required(Role.STAFF, Role.ADMIN)
def give_all_back(order_id: int):
    item = _waiting_order(order_id)
    form = RefundIntentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if item.status != "payment_needs_attention":
            raise ShopError(_l("This order is not waiting for a check."))
        result = refunds.refund_in_full(item, _me(), "checked_by_staff", form.intent.data)
    except Refusal as error:
        flash_refusal(error)
    else:
        _flash_refund(result)
    return redirect(url_for("shop_manager.attention"))


@bp.route("/attention/<int:order_id>/keep", methods=["POST"])
@roles_required(Role.STAFF, Role.ADMIN)
def accept_payment(order_id: int):
    item = _waiting_order(order_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        fulfilment.accept_payment(item, _me())
    except Refusal as error:
        flash_refusal(error)
    else:
        mail.send_order_email(item, _l("Payment received for order %(n)d", n=item.id),
                              [_l("Thank you. Your payment is confirmed and the order is being prepared.")],
                              documents=True)
        flash(_("The payment is kept and the order is paid."), "success")
    return redirect(url_for("shop_manager.attention"))
