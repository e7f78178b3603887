"""Shop forms. Quantities arrive as text and are parsed by the cart service, so every bad value gets the
same clear message."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from core.forms import Form, written_in_field
from marketplace.models import CATEGORIES
from marketplace.shipping import CARRIERS, ZONE_LABELS
from marketplace.tax_invoices import tax_id_digits, valid_branch, valid_tax_id

CATEGORY_LABELS = {"coffee": _l("Coffee"), "jewellery": _l("Jewellery"), "sewing": _l("Sewing"),
                   "bakery": _l("Bakery"), "crafts": _l("Crafts")}
SORT_LABELS = {"name": _l("Name"), "price_low": _l("Price: low to high"), "price_high": _l("Price: high to low"),
               "newest": _l("Newest")}


class AddToCartForm(Form):
    """The product page's form; the options' selects (`option_<id>`) are drawn by the page from the product."""
    product_id = HiddenField(validators=[DataRequired()])
    quantity = StringField(_l("Quantity"), default="1", validators=[DataRequired(), Length(max=6)])
    show = SubmitField(_l("Show price and stock"))
    submit = SubmitField(_l("Add to cart"))


class CartLineForm(Form):
    variant_id = HiddenField(validators=[DataRequired()])
    quantity = StringField(_l("Quantity"), validators=[DataRequired(), Length(max=6)])
    update = SubmitField(_l("Update"))
    remove = SubmitField(_l("Remove"))


class DiscountEntryForm(Form):
    """The cart's discount code: "Apply" checks it against the cart, "Remove" takes it away."""
    code = StringField(_l("Discount code"), validators=[Length(max=40)])
    apply_code = SubmitField(_l("Apply code"))
    remove_code = SubmitField(_l("Remove code"))


class CheckoutForm(Form):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail (for the order confirmation)"), validators=[DataRequired(), Email(),
                                                                             Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    delivery = RadioField(_l("Delivery"), choices=[SelectChoice("pickup", _l("Pick up at the shop")),
                                                  SelectChoice("shipping", _l("Ship within Thailand"))],
                          default="pickup", validators=[InputRequired()])
    # Required only for shipping (checkout.place_order says so); the page hides it while pick-up is chosen.
    address = TextAreaField(_l("Address for shipping"), validators=[Length(max=1000)],
                            description=_l("Only if we ship it to you. Leave it empty for pick-up."))
    # The address's province decides the shipping price (marketplace/shipping.py); choices: the view's, in the
    # reader's language.
    province = SelectField(_l("Province of the address"), choices=[], validators=[Optional()],
                           description=_l("Bangkok, Nonthaburi, Pathum Thani, Samut Prakan, Samut Sakhon and Nakhon "
                                          "Pathom have one shipping price, other provinces another."))
    # Offered only when an enterprise in the cart is VAT-registered (the page leaves these out otherwise).
    tax_invoice = BooleanField(_l("I need a full tax invoice"))
    invoice_name = StringField(_l("Name on the tax invoice (person or company)"), validators=[Length(max=200)])
    invoice_address = TextAreaField(_l("Address on the tax invoice"), validators=[Length(max=1000)])
    invoice_tax_id = StringField(_l("Tax ID (13 digits)"), validators=[Length(max=20)])
    invoice_branch = StringField(_l("Branch (00000 for the head office)"), default="00000",
                                 validators=[Length(max=5)])
    submit = SubmitField(_l("Place order"))

    def validate_invoice_tax_id(self, field) -> None:
        if self.tax_invoice.data and not valid_tax_id(tax_id_digits(field.data)):
            raise ValidationError(_l("A tax ID has 13 digits and a correct check digit. Check the number."))

    def validate_invoice_branch(self, field) -> None:
        if self.tax_invoice.data and not valid_branch((field.data or "").strip()):
            raise ValidationError(_l("The branch is 5 digits: 00000 for the head office."))


class VatRegistrationForm(Form):
    """An enterprise registered for VAT issues full tax invoices when a buyer asks: its details as registered."""
    vat_registered = BooleanField(_l("We are registered for VAT and issue full tax invoices"))
    legal_name = StringField(_l("Registered name"), validators=[Length(max=200)])
    legal_address = TextAreaField(_l("Registered address"), validators=[Length(max=1000)])
    tax_id = StringField(_l("Tax ID (13 digits)"), validators=[Length(max=20)])
    branch = StringField(_l("Branch (00000 for the head office)"), default="00000", validators=[Length(max=5)])
    submit = SubmitField(_l("Save"))

    def validate_tax_id(self, field) -> None:
        if (self.vat_registered.data or (field.data or "").strip()) and not valid_tax_id(tax_id_digits(field.data)):
            raise ValidationError(_l("A tax ID has 13 digits and a correct check digit. Check the number."))

    def validate_branch(self, field) -> None:
        # Checked whenever one is typed, VAT ticked or not: it is kept for when it is (empty is the head office).
        if (self.vat_registered.data or (field.data or "").strip()) and not valid_branch((field.data or "").strip()):
            raise ValidationError(_l("The branch is 5 digits: 00000 for the head office."))


class ShopSearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    enterprise = SelectField(_l("Made by"), validators=[Optional()])
    category = SelectField(_l("Category"), validators=[Optional()], choices=[SelectChoice("", _l("All"))] + [
        SelectChoice(c, CATEGORY_LABELS[c]) for c in CATEGORIES])
    sort = SelectField(_l("Sort"), validators=[Optional()],
                       choices=[SelectChoice(k, v) for k, v in SORT_LABELS.items()])
    submit = SubmitField(_l("Show"))


class ProductForm(Form):
    # the figures of a product without options (its one variant); a product with options has them per variant
    VARIANT_FIELDS = ("price_thb", "made_to_order", "counted", "stock_shown", "low_stock_at", "weight_grams")

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    description = TextAreaField(_l("Description"), validators=[Length(max=4000)])
    text_language = written_in_field()
    category = SelectField(_l("Category"), choices=[SelectChoice(c, CATEGORY_LABELS[c]) for c in CATEGORIES])
    price_thb = IntegerField(_l("Price (baht)"), validators=[InputRequired(), NumberRange(0, 1_000_000)])
    made_to_order = BooleanField(_l("Made to order (no stock count)"))
    # Only a new count changes the stock here (sales and returns keep it right by themselves); it replaces
    # the figure the form showed, carried in `stock_shown`, and is refused if the stock moved since.
    counted = IntegerField(_l("In stock (counted)"), validators=[Optional(), NumberRange(0, 100_000)])
    stock_shown = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,6}$")])
    low_stock_at = IntegerField(_l("Tell me when the stock is this low"), default=5,  # the manager's own alert
                                validators=[InputRequired(), NumberRange(0, 100_000)], render_kw={"data-reader": ""})
    weight_grams = IntegerField(_l("Weight for shipping (grams)"), default=0,
                                validators=[InputRequired(), NumberRange(0, 100_000)])
    active = BooleanField(_l("For sale"), default=True)
    submit = SubmitField(_l("Save product"))


class StoryForm(Form):
    """The enterprise's story on its shop page: who they are, what buying from them pays for."""
    story = TextAreaField(_l("Our story"), validators=[Length(max=4000)])
    text_language = written_in_field()
    submit = SubmitField(_l("Save the story"))


class StandingForm(Form):
    """What the manager states for the public impact figures: the makers, and a registration."""
    makers = IntegerField(_l("How many people make what you sell"), validators=[Optional(), NumberRange(1, 100_000)])
    registered_organisation = BooleanField(_l("We are a registered organisation (a company, cooperative or "
                                              "community enterprise)"))
    registration_number = StringField(_l("Registration number"), validators=[Optional(), Length(max=60)])
    submit = SubmitField(_l("Save"))


class OrderSearchForm(Form):
    class Meta:
        csrf = False  # a GET search: it changes nothing

    q = StringField(_l("Order number, customer name or e-mail"), validators=[Optional(), Length(max=120)])
    status = SelectField(_l("Payment"), validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
    submit = SubmitField(_l("Search"))


class RefundIntentForm(Form):
    """Each refund form carries the token of one intended refund, minted when the page was shown: sent twice
    (a double click, a retry), it finds the same refund instead of asking Stripe for a second."""

    intent = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])
    # A refused refund's form comes back with a new intent (core.kept_input): the next try is a new refund.
    fresh_each_page = ("intent",)


class AmountRefundForm(RefundIntentForm):
    amount_thb = DecimalField(_l("Amount to give back (baht)"), places=2,
                              validators=[InputRequired(), NumberRange(min=Decimal("0.01"), max=1_000_000)])
    reason = StringField(_l("Why"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Refund this amount"))


class RefundForm(RefundIntentForm):
    restock = BooleanField(_l("The items came back: return them to stock"))
    submit = SubmitField(_l("Refund"))


if set(CATEGORY_LABELS) != set(CATEGORIES):
    raise RuntimeError("every product category needs a label")


class ImageForm(Form):
    image = FileField(_l("Picture (JPEG, PNG or WebP, up to 4 MB)"), validators=[
        FileRequired(), FileAllowed(["jpg", "jpeg", "png", "webp"], _l("Upload a JPEG, PNG or WebP picture."))])
    alt_text = StringField(_l("What the picture shows (for people who cannot see it)"),
                           validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Add picture"))


class StockAdjustForm(Form):
    change = IntegerField(_l("Change (for example -2 or 5)"), validators=[InputRequired(),
                                                                          NumberRange(-100_000, 100_000)])
    note = StringField(_l("Why"), validators=[DataRequired(), Length(max=300)])
    submit = SubmitField(_l("Change the stock"))


class CreditForm(Form):
    first_name = StringField(_l("Maker's chosen first name"), validators=[DataRequired(), Length(max=40)])
    consent = BooleanField(_l("The maker agreed to be named on this product"))
    submit = SubmitField(_l("Add the credit"))


class ShippingRateForm(Form):
    zone = SelectField(_l("Shipping zone"), choices=[SelectChoice(k, v) for k, v in ZONE_LABELS.items()],
                       validators=[InputRequired()])
    max_weight_grams = IntegerField(_l("Parcels up to (grams)"), validators=[InputRequired(), NumberRange(1, 100_000)])
    price_thb = IntegerField(_l("Price (baht)"), validators=[InputRequired(), NumberRange(0, 100_000)])
    submit = SubmitField(_l("Save rate"))


class ShipmentForm(Form):
    """Sending a shipping order's parcel: the carrier, from the list, and the tracking number it gave."""
    # Checked by marketplace.shipping.tracking_number, which says what is wrong in the shop's own words.
    carrier = SelectField(_l("Carrier"), choices=[SelectChoice("", _l("Choose the carrier"))] + [
        SelectChoice(code, carrier.label, render_kw={"lang": "en"}) for code, carrier in CARRIERS.items()])
    tracking_number = StringField(_l("Tracking number"), validators=[Length(max=60)],
                                  description=_l("As on the carrier's receipt: 8 to 30 letters and digits."))
    submit = SubmitField(_l("Mark as shipped"))


class OptionForm(Form):
    """A new option of a product and its values, written as a list."""
    name = StringField(_l("Option (for example Weight, Grind, Size)"), validators=[DataRequired(), Length(max=60)])
    values = StringField(_l("Its values, separated by commas (for example 250 g, 500 g, 1 kg)"),
                         validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField(_l("Add the option"))


class OptionValueForm(Form):
    """One more value of an option; also the form of an option's or a value's name in another language."""
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=60)])
    submit = SubmitField(_l("Add the value"))


class NameForm(Form):
    """A new name for an option or one of its values."""
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=60)])
    submit = SubmitField(_l("Save the name"))


class VariantForm(Form):
    """A variant's own figures; its stock changes like a product's (a count against the figure shown)."""
    price_thb = IntegerField(_l("Price (baht)"), validators=[InputRequired(), NumberRange(0, 1_000_000)])
    sku = StringField(_l("SKU (your own code, optional)"), validators=[Optional(), Length(max=60)])
    weight_grams = IntegerField(_l("Weight for shipping (grams)"), default=0,
                                validators=[InputRequired(), NumberRange(0, 100_000)])
    made_to_order = BooleanField(_l("Made to order (no stock count)"))
    counted = IntegerField(_l("In stock (counted)"), validators=[Optional(), NumberRange(0, 100_000)])
    stock_shown = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,6}$")])
    low_stock_at = IntegerField(_l("Tell me when the stock is this low"), default=5,  # the manager's own alert
                                validators=[InputRequired(), NumberRange(0, 100_000)], render_kw={"data-reader": ""})
    active = BooleanField(_l("For sale"), default=True)
    submit = SubmitField(_l("Save the variant"))


DISCOUNT_KIND_LABELS = {"percent": _l("A percentage off"), "amount": _l("A fixed amount off (baht)")}


class DiscountCodeForm(Form):
    """A new discount code. Staff choose the enterprise (or the whole shop); a manager's codes are their
    enterprise's."""
    code = StringField(_l("Code (letters and digits; buyers may type it in any case)"),
                       validators=[DataRequired(), Length(min=3, max=40)])
    kind = RadioField(_l("Discount"), choices=[SelectChoice(k, v) for k, v in DISCOUNT_KIND_LABELS.items()],
                      default="percent", validators=[InputRequired()])
    percent = IntegerField(_l("Percentage off (1 to 100)"), validators=[Optional(), NumberRange(1, 100)])
    amount_thb = DecimalField(_l("Amount off (baht)"), places=2,
                              validators=[Optional(), NumberRange(Decimal("0.01"), Decimal("100000"))])
    enterprise = SelectField(_l("For the products of"), choices=[], validate_choice=True)
    min_order_thb = DecimalField(_l("Minimum order of those products (baht)"), places=2, default=Decimal("0"),
                                 validators=[Optional(), NumberRange(Decimal("0"), Decimal("1000000"))])
    starts_on = DateField(_l("First day (optional)"), validators=[Optional()])
    ends_on = DateField(_l("Last day (optional)"), validators=[Optional()])
    max_uses = IntegerField(_l("Uses in all (optional)"), validators=[Optional(), NumberRange(1, 1_000_000)])
    max_uses_per_customer = IntegerField(_l("Uses per customer (optional)"),
                                         validators=[Optional(), NumberRange(1, 1000)])
    submit = SubmitField(_l("Create the code"))
