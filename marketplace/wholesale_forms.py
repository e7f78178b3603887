"""Wholesale forms: a business's application, the decider's forms, a manager's prices and terms, and the
business's checkout."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from core.forms import Form
from marketplace.tax_invoices import tax_id_digits, valid_branch, valid_tax_id
from marketplace.wholesale_models import PAYMENT_TERMS_DAYS


def terms_choices() -> list[SelectChoice]:
    return [SelectChoice(str(days), _l("Pay when ordering") if days == 0 else _l("%(n)d days", n=days))
            for days in PAYMENT_TERMS_DAYS]


class BusinessForm(Form):
    name = StringField(_l("Business name (as registered)"), validators=[DataRequired(), Length(max=200)])
    tax_id = StringField(_l("Tax ID (13 digits)"), validators=[DataRequired(), Length(max=20)])
    branch = StringField(_l("Branch (00000 for the head office)"), default="00000",
                         validators=[DataRequired(), Length(max=5)])
    address = TextAreaField(_l("Registered address"), validators=[DataRequired(), Length(max=1000)])
    contact_name = StringField(_l("Contact person"), validators=[DataRequired(), Length(max=120)])
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=40)])
    submit = SubmitField(_l("Send the application"))

    def validate_tax_id(self, field) -> None:
        if not valid_tax_id(tax_id_digits(field.data)):
            raise ValidationError(_l("A tax ID has 13 digits and a correct check digit. Check the number."))

    def validate_branch(self, field) -> None:
        if not valid_branch((field.data or "").strip()):
            raise ValidationError(_l("The branch is 5 digits: 00000 for the head office."))


class ApproveForm(Form):
    terms_days = SelectField(_l("Payment terms"), choices=[], default="30", validators=[InputRequired()])
    pay_on_invoice = BooleanField(_l("May pay on invoice (bank transfer within the terms)"), default=True)
    approve = SubmitField(_l("Approve"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms_days.choices = terms_choices()


class TermsForm(ApproveForm):
    approve = SubmitField(_l("Save the terms"))


class DecisionNoteForm(Form):
    note = TextAreaField(_l("Why (the business reads this)"), validators=[DataRequired(), Length(max=500)])
    submit = SubmitField(_l("Confirm"))


class WholesaleTermsForm(Form):
    minimum_thb = DecimalField(_l("Minimum wholesale order (baht, without shipping)"), places=2, default=0,
                               validators=[InputRequired(), NumberRange(min=0, max=10_000_000)])
    bank_details = TextAreaField(_l("Bank account for transfers (bank, branch, account name and number)"),
                                 validators=[Length(max=1000)])
    submit = SubmitField(_l("Save"))


class WholesalePriceForm(Form):
    # the page's variants; the service checks that the one sent is the manager's own
    variant_id = SelectField(_l("Product"), choices=[], validate_choice=False, validators=[DataRequired()])
    business_id = SelectField(_l("For"), choices=[], validators=[Optional()])
    price_thb = DecimalField(_l("Wholesale price (baht)"), places=2,
                             validators=[Optional(), NumberRange(min=0.01, max=10_000_000)],
                             description=_l("Leave it empty to remove the price."))
    submit = SubmitField(_l("Save the price"))


class WholesaleCheckoutForm(Form):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail (for the order confirmation)"), validators=[DataRequired(), Email(),
                                                                             Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=40)])
    delivery = RadioField(_l("Delivery"), choices=[SelectChoice("pickup", _l("Pick up at the shop")),
                                                  SelectChoice("shipping", _l("Ship within Thailand"))],
                          default="shipping", validators=[InputRequired()])
    address = TextAreaField(_l("Address for shipping"), validators=[Length(max=1000)])
    province = SelectField(_l("Province of the address"), choices=[], validators=[Optional()])
    payment = RadioField(_l("Payment"), choices=[], validators=[InputRequired()])
    submit = SubmitField(_l("Place order"))
