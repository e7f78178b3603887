"""The manager's page of a product's options and variants: add an option with its values, a value, a variant;
change a variant's price, weight, SKU and stock (through the ledger); write names in other languages; rename
or remove an option or a value."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from core.content_languages import languages_page
from core.extensions import db
from core.forms import ButtonForm
from core.models import Role
from core.navigation import flash_form_errors, flash_refusal, show_error_on
from core.numbers import record_id, whole_number
from core.pagination import paginate
from core.refusal import Refusal
from core.security import roles_required
from marketplace import stock, variant_management
from marketplace.forms import NameForm, OptionForm, OptionValueForm, StockAdjustForm, VariantForm
from marketplace.manager_views import _me, _own_product, _shown, bp
from marketplace.models import OptionValue, Product, ProductOption, ProductVariant

VARIANTS_PAGE = 20


def _page(product: Product):
    return url_for("shop_manager.variants", product_id=product.id)


def _own_variant(product: Product, variant_id: int) -> ProductVariant:
    variant = db.session.get(ProductVariant, variant_id)
    if variant is None or variant.product_id != product.id:
        abort(404)
    return variant


def _own_option(product: Product, option_id: int) -> ProductOption:
    option = db.session.get(ProductOption, option_id)
    if option is None or option.product_id != product.id:
        abort(404)
    return option


@bp.route("/products/<int:product_id>/variants")
@roles_required(Role.MANAGER)
def variants(product_id: int):
    """The product's options with their values, and its variants a page at a time."""
    product = _own_product(product_id)
    page = paginate(sa.select(ProductVariant).where(ProductVariant.product_id == product.id)
                    .order_by(ProductVariant.position, ProductVariant.id), size=VARIANTS_PAGE)
    return render_template("marketplace/manager/variants.html", product=product, page=page,
                           option_form=OptionForm(), value_form=OptionValueForm(), variant_form=VariantForm())


@bp.route("/products/<int:product_id>/options", methods=["POST"])
@roles_required(Role.MANAGER)
def add_option(product_id: int):
    product = _own_product(product_id)
    form = OptionForm()
    if form.validate_on_submit():
        try:
            variant_management.add_option(_me(), product, form.name.data, form.values.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Option added."), "success")
    else:
        flash_form_errors(form)
    return redirect(_page(product))


@bp.route("/products/<int:product_id>/options/<int:option_id>/values", methods=["POST"])
@roles_required(Role.MANAGER)
def add_option_value(product_id: int, option_id: int):
    product = _own_product(product_id)
    option = _own_option(product, option_id)
    form = OptionValueForm()
    if form.validate_on_submit():
        try:
            variant_management.add_value(_me(), option, form.name.data)
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Value added."), "success")
    else:
        flash_form_errors(form)
    return redirect(_page(product))


def _variant_values(form: VariantForm) -> dict:
    return {"price_minor": form.price_thb.data * 100, "weight_grams": form.weight_grams.data,
            "low_stock_at": form.low_stock_at.data, "sku": form.sku.data, "active": form.active.data,
            "made_to_order": form.made_to_order.data, "counted": form.counted.data,
            "shown": whole_number(form.stock_shown.data)}


@bp.route("/products/<int:product_id>/variants/new", methods=["POST"])
@roles_required(Role.MANAGER)
def add_variant(product_id: int):
    """A combination of the options' values for sale (`option_<id>` selects), with its figures."""
    product = _own_product(product_id)
    form = VariantForm()
    if form.validate_on_submit():
        chosen = {o.id: record_id(request.form.get(f"option_{o.id}")) for o in product.options}
        try:
            variant_management.add_variant(_me(), product, chosen, _variant_values(form))
        except Refusal as error:
            flash_refusal(error, form)
        else:
            flash(_("Variant added."), "success")
    else:
        flash_form_errors(form)
    return redirect(_page(product))


@bp.route("/products/<int:product_id>/variants/<int:variant_id>", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def edit_variant(product_id: int, variant_id: int):
    product = _own_product(product_id)
    variant = _own_variant(product, variant_id)
    form = VariantForm(obj=variant)
    if not form.is_submitted():
        form.price_thb.data = variant.price_minor // 100
        form.made_to_order.data = variant.stock is None
        form.stock_shown.data = _shown(variant.stock)
    if form.validate_on_submit():
        try:
            variant_management.save_variant(_me(), variant, _variant_values(form))
        except stock.StockChanged as error:
            show_error_on(form, error)
            form.stock_shown.data = _shown(error.now)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Variant saved."), "success")
            return redirect(_page(product))
    return render_template("marketplace/manager/variant_form.html", product=product, variant=variant, form=form,
                           stock_form=StockAdjustForm())


@bp.route("/products/<int:product_id>/variants/<int:variant_id>/stock", methods=["POST"])
@roles_required(Role.MANAGER)
def adjust_variant_stock(product_id: int, variant_id: int):
    """A manual change of one variant's stock with its reason: a row of the ledger."""
    product = _own_product(product_id)
    variant = _own_variant(product, variant_id)
    form = StockAdjustForm()
    if form.validate_on_submit():
        try:
            stock.adjust(variant, _me(), form.change.data, form.note.data)
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Stock changed."), "success")
    else:
        flash_form_errors(form)
    return redirect(url_for("shop_manager.edit_variant", product_id=product.id, variant_id=variant.id))


@bp.route("/products/<int:product_id>/options/<int:option_id>/languages", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def option_languages(product_id: int, option_id: int):
    """An option's name in the languages its buyers read."""
    product = _own_product(product_id)
    option = _own_option(product, option_id)

    def save(language: str, texts: dict) -> None:
        variant_management.translate_name(_me(), option, language, texts)
    return languages_page(option, OptionValueForm, save, heading=option.name, back=_page(product),
                          here=url_for("shop_manager.option_languages", product_id=product.id, option_id=option.id))


@bp.route("/products/<int:product_id>/values/<int:value_id>/languages", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def value_languages(product_id: int, value_id: int):
    """A value's name ("500 g", "Ground for filter") in the languages its buyers read."""
    product = _own_product(product_id)
    value = db.session.get(OptionValue, value_id)
    if value is None or value.option.product_id != product.id:
        abort(404)

    def save(language: str, texts: dict) -> None:
        variant_management.translate_name(_me(), value, language, texts)
    return languages_page(value, OptionValueForm, save, heading=value.name, back=_page(product),
                          here=url_for("shop_manager.value_languages", product_id=product.id, value_id=value.id))


# --- an option's page: rename it and its values, remove a value or the option ---------------------------------

def _own_value(product: Product, value_id: int) -> OptionValue:
    value = db.session.get(OptionValue, value_id)
    if value is None or value.option.product_id != product.id:
        abort(404)
    return value


def _option_page(product: Product, option: ProductOption, refused: NameForm | None = None):
    """The option's name and each value's in a form of its own (a refused one shown as it was typed)."""
    name_form = refused if refused is not None and refused._prefix == "" else NameForm(name=option.name)
    value_forms = {value.id: refused if refused is not None and refused._prefix == f"value-{value.id}-" else
                   NameForm(prefix=f"value-{value.id}", name=value.name) for value in option.values}
    return render_template("marketplace/manager/option.html", product=product, option=option, name_form=name_form,
                           value_forms=value_forms, button=ButtonForm()), 400 if refused is not None else 200


def _saved(changed: bool) -> None:
    flash(_("Name saved. Its other languages were cleared: write them again under \"Other languages\".")
          if changed else _("Name saved."), "success")


@bp.route("/products/<int:product_id>/options/<int:option_id>", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def edit_option(product_id: int, option_id: int):
    """Rename the option (GET: the page with every form of the option)."""
    product = _own_product(product_id)
    option = _own_option(product, option_id)
    if request.method == "GET":
        return _option_page(product, option)
    form = NameForm()
    if form.validate_on_submit():
        try:
            changed = variant_management.rename_option(_me(), option, form.name.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            _saved(changed)
            return redirect(url_for("shop_manager.edit_option", product_id=product.id, option_id=option.id))
    return _option_page(product, option, form)


@bp.route("/products/<int:product_id>/values/<int:value_id>", methods=["POST"])
@roles_required(Role.MANAGER)
def rename_value(product_id: int, value_id: int):
    product = _own_product(product_id)
    value = _own_value(product, value_id)
    form = NameForm(prefix=f"value-{value.id}")
    if form.validate_on_submit():
        try:
            changed = variant_management.rename_value(_me(), value, form.name.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            _saved(changed)
            return redirect(url_for("shop_manager.edit_option", product_id=product.id, option_id=value.option_id))
    return _option_page(product, value.option, form)


@bp.route("/products/<int:product_id>/values/<int:value_id>/remove", methods=["POST"])
@roles_required(Role.MANAGER)
def remove_value(product_id: int, value_id: int):
    product = _own_product(product_id)
    value = _own_value(product, value_id)
    option_id = value.option_id
    if ButtonForm().validate_on_submit():
        try:
            variant_management.remove_value(_me(), value)
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("The value is removed, with the variants that had it."), "success")
    return redirect(url_for("shop_manager.edit_option", product_id=product.id, option_id=option_id))


@bp.route("/products/<int:product_id>/options/<int:option_id>/remove", methods=["POST"])
@roles_required(Role.MANAGER)
def remove_option(product_id: int, option_id: int):
    product = _own_product(product_id)
    option = _own_option(product, option_id)
    if ButtonForm().validate_on_submit():
        try:
            variant_management.remove_option(_me(), option)
        except Refusal as error:
            flash_refusal(error)
            return redirect(url_for("shop_manager.edit_option", product_id=product.id, option_id=option.id))
        flash(_("The option is removed."), "success")
    return redirect(_page(product))
