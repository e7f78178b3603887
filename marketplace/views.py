"""The shop for everyone: catalogue, cart, checkout, the order page by secret link, and the Stripe webhook."""
from __future__ import annotations

import hmac
import logging
import re
import secrets

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from core import file_store
from core.extensions import csrf, db
from core.forms import THEIRS
from core.models import Role
from core.navigation import flash_form_errors, flash_refusal, show_error_on
from core.numbers import record_id
from core.page_cache import page_cached
from core.pagination import page_number, paginate
from core.refusal import Refusal
from core.security import cacheable, derived_key, keep_private, public, roles_required
from core.unit_of_work import refused
from marketplace import (
    cart,
    catalogue,
    checkout,
    discounts,
    mail,
    media,
    payments,
    pdf_documents,
    shipping,
    subscriptions,
    tax_invoices,
    variants,
    webhooks,
    wholesale_access,
)
from marketplace.forms import AddToCartForm, CartLineForm, CheckoutForm, DiscountEntryForm, ShopSearchForm
from marketplace.models import (
    Enterprise,
    MakerCredit,
    OptionValue,
    Order,
    Product,
    ProductImage,
    ProductOption,
    ProductVariant,
    VariantValue,
)
from marketplace.subscription_models import INTERVALS, SubscriptionPlan
from marketplace.templating import baht

bp = Blueprint("shop", __name__, url_prefix="/shop")
log = logging.getLogger(__name__)


def _customer():
    if current_user.is_authenticated and current_user.has_role(Role.CUSTOMER):
        return current_user._get_current_object()
    return None


def current_cart() -> dict[int, int]:
    customer = _customer()
    return cart.from_database(customer) if customer else cart.from_session(session)


def cart_within_limit() -> dict[int, int]:
    """The cart, each quantity cut back to what this buyer may order now (said at the top of the page): a
    business suspended since it filled its cart by the case buys as anyone else."""
    items = current_cart()
    limit = cart.limit_for(_customer())
    if any(quantity > limit for quantity in items.values()):
        items = cart.within_limit(items, limit)
        save_cart(items)
        flash(_("At most %(n)d of one item per order: your cart is changed to that.", n=limit), "info")
    return items


def save_cart(items: dict[int, int]) -> None:
    customer = _customer()
    if customer:
        cart.to_database(customer, items)
    else:
        cart.to_session(session, items)
    _shop_id()  # before any checkout: checkouts sent at once with this cookie share one session's holds


@bp.route("/")
@public
@page_cached(Enterprise, Product, ProductOption, OptionValue, ProductVariant, VariantValue, ProductImage)
def index():
    """The catalogue, by enterprise and category, searchable and sorted."""
    form = ShopSearchForm(request.args)
    form.enterprise.choices = [SelectChoice("", _("All"))] + [SelectChoice(e.slug, e.name, render_kw=THEIRS)
                                                                for e in catalogue.enterprises()]
    page = page_number()
    filters = {k: getattr(form, k).data for k in ("q", "enterprise", "category", "sort")} if form.validate() else {}
    products, total = catalogue.search(page=page, **{k: v for k, v in filters.items() if v})
    return render_template("marketplace/index.html", form=form, products=products, total=total, page=page,
                           page_size=catalogue.PAGE_SIZE, enterprises=catalogue.enterprises())


@bp.route("/enterprises/<slug>")
@public
@page_cached(Enterprise, Product, ProductOption, OptionValue, ProductVariant, VariantValue, ProductImage)
def enterprise(slug: str):
    item = db.session.scalar(sa.select(Enterprise).where(Enterprise.slug == slug, Enterprise.active)) or abort(404)
    products, _total = catalogue.search(enterprise=slug, page=1)
    return render_template("marketplace/enterprise.html", enterprise=item, products=products)


def _for_sale(product_id) -> Product | None:
    item = db.session.get(Product, record_id(product_id) or 0)
    return item if item is not None and item.active and item.enterprise.active else None


@bp.route("/products/<int:product_id>")
@public
@page_cached(Enterprise, Product, ProductOption, OptionValue, ProductVariant, VariantValue, ProductImage, MakerCredit,
             SubscriptionPlan)
def product(product_id: int):
    """The product, and the variant chosen on it (`option_<id>` in the address, as its form's "Show" sends
    them): that variant's price and stock, or why that combination cannot be bought."""
    item = _for_sale(product_id) or abort(404)
    chosen, problem = None, None
    if item.has_options and any(f"option_{o.id}" in request.args for o in item.options):
        try:
            chosen = variants.choose(item, variants.chosen_from(request.args, item))
        except Refusal as error:
            problem = str(error)
        else:
            if chosen.stock == 0:
                problem = _("Sorry, this is out of stock. Please choose another.")
    elif not item.has_options:
        chosen = item.default_variant
    return render_template("marketplace/product.html", product=item, form=AddToCartForm(product_id=item.id),
                           chosen=chosen, problem=problem, selected=variants.chosen_from(request.args, item),
                           variant_data=variants.page_data(item, baht), stock_label=variants.stock_label,
                           images=media.images_of(item.id),
                           makers=media.makers_of(item.id),
                           subscription_intervals=[INTERVALS[code].label for code in subscriptions.offered(item)])


@bp.route("/images/<name>")
@public
@cacheable
def image(name: str):
    """Product pictures from the upload store; only names we made are ever served."""
    if not re.fullmatch(r"[0-9a-f]{32}\.jpg", name):
        abort(404)
    try:
        found = file_store.store().open(media.image_key(name))
    except file_store.MissingFile:
        abort(404)
    return file_store.send(found, mimetype="image/jpeg", max_age=86400)


@bp.route("/cart/add", methods=["POST"])
@public
def add_to_cart():
    """The product page's form: the chosen values and a quantity. "Show" only goes back to the page with that
    choice, to see its price and stock; a refusal goes back there too, the choice kept."""
    form = AddToCartForm()
    item = _for_sale(request.form.get("product_id"))
    if item is None:
        flash_refusal(cart.ShopError(_l("This product is not for sale.")))
        return redirect(request.referrer or url_for("shop.index"))
    chosen = variants.chosen_from(request.form, item)
    back = url_for("shop.product", product_id=item.id,
                   **{f"option_{k}": v for k, v in chosen.items() if isinstance(v, str) and v.isdigit()})
    if not form.validate_on_submit():
        flash_form_errors(form)  # back to the product's page, the quantity typed under its error
        return redirect(back)
    if form.show.data:
        return redirect(back)
    try:
        variant = variants.choose(item, chosen)
        save_cart(cart.with_item(current_cart(), variant.id, cart.parse_quantity(form.quantity.data)))
    except Refusal as error:
        flash_refusal(error, form)
        return redirect(back)
    flash(_("Added to your cart."), "success")
    return redirect(url_for("shop.view_cart"))


@bp.route("/cart", methods=["GET", "POST"])
@public
def view_cart():
    """The cart, with prices read from the database each time it is shown."""
    form = CartLineForm()
    refused_lines = {}  # variant id -> why its quantity was refused, shown beside that quantity
    if request.method == "GET":
        cart_within_limit()
    if form.is_submitted() and not form.validate():
        refused_lines[record_id(form.variant_id.data)] = [str(e) for field in (form.quantity, form.variant_id)
                                                          for e in field.errors]
    elif form.is_submitted():
        try:
            items = current_cart()
            if form.remove.data:
                items = cart.without_item(items, form.variant_id.data)
            else:
                items = cart.with_item(items, form.variant_id.data, cart.parse_quantity(form.quantity.data),
                                       replace=True)
            save_cart(items)
        except Refusal as error:
            if error.field != "quantity":
                flash_refusal(error)
                return redirect(url_for("shop.view_cart"))
            refused()  # the cart shown again, the quantity typed beside its error
            refused_lines[record_id(form.variant_id.data)] = [str(error.message)]
        else:
            return redirect(url_for("shop.view_cart"))
    return _cart_page(refused_lines, typed=request.form.get("quantity") if refused_lines else None)


def _cart_rows() -> list[tuple[ProductVariant, int]]:
    items = current_cart()
    # With what each line shows (its product, the product's options, its values): no query per line.
    found = {v.id: v for v in db.session.scalars(sa.select(ProductVariant).where(ProductVariant.id.in_(list(items)))
                                                 .options(selectinload(ProductVariant.product)
                                                          .selectinload(Product.options),
                                                          selectinload(ProductVariant.values)))}
    return [(found[vid], qty) for vid, qty in items.items() if vid in found]


def _rule_lines(rows: list[tuple[ProductVariant, int]]) -> list[discounts.Line]:
    return [discounts.Line(v.price_minor, q, v.product.enterprise_id) for v, q in rows]


def _cart_page(refused: dict, code_form: DiscountEntryForm | None = None, status: int = 200,
               typed: str | None = None):
    """`refused`: variant id -> why its quantity was refused; `typed`: what was typed in that quantity."""
    rows = _cart_rows()
    code = session.get("discount_code")
    per_unit, problem = discounts.preview(code, _rule_lines(rows)) if code else ([0] * len(rows), None)
    total = sum(v.price_minor * q for v, q in rows)
    discount = sum(off * q for off, (_v, q) in zip(per_unit, rows, strict=True))
    return render_template("marketplace/cart.html", rows=list(zip(rows, per_unit, strict=True)), total=total,
                           lines=[(v, q, v.price_minor - off) for (v, q), off in zip(rows, per_unit, strict=True)],
                           discount=discount, code=code, code_problem=problem,
                           code_form=code_form or DiscountEntryForm(formdata=None),
                           line_form=CartLineForm, refused=refused, typed=typed, values_label=variants.values_label,
                           unplaced=[m for vid, ms in refused.items() if vid not in {v.id for v, _q in rows}
                                     for m in ms]), status


@bp.route("/cart/code", methods=["POST"])
@public
def cart_code():
    """Apply a discount code to the cart (checked now against what is in it) or remove it. A refused code is
    said beside the field, and the cart and any code already applied stay as they were."""
    form = DiscountEntryForm()
    if not form.validate_on_submit():
        return _cart_page({}, form, 400)
    if form.remove_code.data:
        session.pop("discount_code", None)
        flash(_("The discount code is removed."), "success")
        return redirect(url_for("shop.view_cart"))
    try:
        code = discounts.usable(form.code.data, _rule_lines(_cart_rows()))
    except Refusal as error:
        show_error_on(form, error)
        return _cart_page({}, form, 400)
    session["discount_code"] = code.code
    flash(_("The discount code %(code)s is applied.", code=code.code), "success")
    return redirect(url_for("shop.view_cart"))


@bp.route("/checkout", methods=["GET", "POST"])
@public
def checkout_page():
    """Place the order: Stripe Checkout when configured, otherwise pay on collection."""
    items = cart_within_limit() if request.method == "GET" else current_cart()
    customer = _customer()
    if not items:
        if request.method == "POST" and (placed := checkout.just_placed(customer)) is not None:
            return _to_payment(placed)  # sent again after another submit of this cart placed its order
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("shop.index"))
    if customer is not None and wholesale_access.approved_business(customer) is not None:
        return redirect(url_for("shop.wholesale_checkout"))  # its own prices, minimum and payment on invoice
    # A signed-in customer's name, e-mail and phone come from the account (the account calls the name display_name).
    form = (CheckoutForm(obj=customer, name=customer.display_name) if customer and request.method == "GET"
            else CheckoutForm())
    locale = str(get_locale() or "")
    form.province.choices = [SelectChoice("", _("Choose the province"))] + [
        SelectChoice(code, name) for code, name in shipping.province_choices(locale)]
    cart_token = cart.token(session) if customer is None else None  # a guest's cart: one order, however sent
    if form.validate_on_submit():
        buyer = checkout.Buyer(form.name.data, form.email.data, form.phone.data or "", form.delivery.data,
                               form.address.data or "", form.province.data or "")
        tax_buyer = tax_invoices.TaxBuyer(form.invoice_name.data or "", form.invoice_address.data or "",
                                          form.invoice_tax_id.data or "", form.invoice_branch.data or "") \
            if form.tax_invoice.data else None
        try:
            order = checkout.place_order(items, buyer, customer, use_stripe=payments.configured(),
                                         hold_key=_hold_key(), session_id=_shop_id(),
                                         locale=locale, code=session.get("discount_code"),
                                         tax_buyer=tax_buyer, from_cart=customer is not None,
                                         cart_token=cart_token)
            if order.payment_method == "stripe":
                page = url_for("shop.order", token=order.token, _external=True)
                hosted = checkout.open_checkout(order, page + "?from=checkout", page + "?cancelled=1")
                save_cart({})  # only now: if Stripe could not be reached, the cart is still there
                session.pop("discount_code", None)
                return redirect(hosted, code=303)
            save_cart({})
            session.pop("discount_code", None)
        except cart.CartTaken as error:
            refused()  # nothing of this submit is kept: another submit of the same cart placed the order
            if customer is None:
                placed = checkout.order_of_cart(cart_token)
                if placed is not None and not checkout.placed_by_this_buyer(placed, buyer):
                    # Another copy of this cart (the same cookie elsewhere) was ordered: this one gets a new
                    # token and is ordered on its own, never shown the other's order.
                    session.pop("cart_token", None)
                    cart.token(session)
                    flash(_("This cart was ordered on another device or tab. Check your cart and place your "
                            "order again."), "info")
                    return redirect(url_for("shop.checkout_page"))
                if placed is not None:
                    save_cart({})  # this click's answer may be the cookie the browser keeps: the cart is ordered
                    session.pop("discount_code", None)
                return _to_order_of_cart(placed, error)
            placed = checkout.just_placed(customer, items)
            if placed is not None:
                return _to_payment(placed)
            flash(error.message, "error")
            return redirect(url_for("shop.my_orders"))
        except Refusal as error:
            show_error_on(form, error)
        else:
            mail.send_order_email(order, _l("Your Pathways shop order %(n)d", n=order.id),
                                  [_l("Thank you! Your order is placed. Pay when you collect it.")])
            flash(_("Thank you! Your order is placed. Pay when you collect it."), "success")
            return redirect(url_for("shop.order", token=order.token))
    weight = checkout.parcel_weight(_cart_rows())
    return render_template("marketplace/checkout.html", form=form, stripe_on=payments.configured(),
                           code=session.get("discount_code"), invoice_offered=_invoice_offered(items),
                           weight=weight, postage=shipping.prices_for(weight), zone_labels=shipping.ZONE_LABELS)


def _to_payment(order: Order):
    """Where a submit of a cart whose order is already placed goes: Stripe's page of that order, else its own."""
    hosted = checkout.payment_page(order)
    return redirect(hosted, code=303) if hosted else redirect(url_for("shop.order", token=order.token))


def _to_order_of_cart(placed: Order | None, error: Refusal):
    """A guest's submit of a cart another submit made into an order: that order's Stripe page while it waits
    for payment, else its own page."""
    if placed is None:
        flash(error.message, "error")
        return redirect(url_for("shop.view_cart"))
    if placed.status in checkout.UNPAID_HOLDS and placed.stock_held:
        return _to_payment(placed)
    return redirect(url_for("shop.order", token=placed.token))


def _invoice_offered(items: dict[int, int]) -> bool:
    """A full tax invoice is offered when an enterprise of the cart is VAT-registered."""
    enterprises = db.session.scalars(sa.select(Product.enterprise_id).join(ProductVariant).where(
        ProductVariant.id.in_(list(items)))).all()
    return tax_invoices.offers_invoices(set(enterprises))


def _shop_id() -> str:
    """A random id for this browser session (the session is a signed cookie), made once: its unpaid holds are
    counted under it. A signed-in customer is one session on every device (their cart lives in the database,
    so checkouts sent at once may all come before any cookie carries an id)."""
    if current_user.is_authenticated:
        return f"user-{current_user.id}"
    if "shop_id" not in session:
        session["shop_id"] = secrets.token_urlsafe(16)
    return session["shop_id"]


def _hold_key() -> str:
    """The buyer's address, as a keyed hash: enough to count their unpaid holds, never stored as it is."""
    digest = hmac.new(derived_key("shop unpaid holds"), (request.remote_addr or "").encode(), "sha256")
    return digest.hexdigest()


@bp.route("/orders/<token>")
@public
def order(token: str):
    """The order by its secret link. Reaching this page never marks anything paid: only Stripe's webhook does."""
    item = db.session.scalar(sa.select(Order).where(Order.token == token)) or abort(404)
    keep_private()  # name, phone and address: never kept by a shared computer's browser
    documents = [(d, url_for("shop.order_tax_document", token=token, document_id=d.id))
                 for d in tax_invoices.documents_of(item)]
    locale = str(get_locale())
    parcels = [(p, shipping.CARRIERS[p.carrier].label, shipping.tracking_url(p.carrier, p.tracking_number, locale))
               for p in item.shipments if p.tracking_number]  # none once the customer's data is anonymised
    return render_template("marketplace/order.html", order=item, waiting=request.args.get("from") == "checkout",
                           parcels=parcels, province=shipping.province_name(item.province_code, locale),
                           receipt_ready=pdf_documents.receipt_ready(item), documents=documents,
                           document_number=tax_invoices.number_label)


@bp.route("/my-orders")
@roles_required(Role.CUSTOMER)
def my_orders():
    rows = paginate(sa.select(Order).where(Order.customer_id == current_user.id)
                    .order_by(Order.created_at.desc(), Order.id.desc()), size=20)
    return render_template("marketplace/my_orders.html", rows=rows)


@bp.route("/stripe/webhook", methods=["POST"])
@public
@csrf.exempt
def stripe_webhook():
    """Verified on the raw body; a bad signature, an old timestamp or a body of the wrong shape changes nothing."""
    if not payments.configured():
        abort(404)
    try:
        event = webhooks.read_event(request.get_data(), request.headers.get("Stripe-Signature", ""))
    except webhooks.BadSignature:
        return jsonify(error="invalid signature"), 400
    except webhooks.Malformed as problem:
        log.warning("Stripe event %r not applied, malformed: %s", problem.event_id, problem)
        return jsonify(error="malformed event"), 400
    try:
        applied = webhooks.apply_event(event)
    except webhooks.TryLater as problem:
        log.warning("Stripe event %s not applied yet: %s", event.id, problem)
        return jsonify(error="try again later"), 503
    return jsonify(received=True, applied=applied)
