"""Grant forms. Budget lines are a fixed set of rows (empty rows are ignored), so no JavaScript is needed."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from core.forms import Form, MultiCheckboxField, SubForm, written_in_field
from grants.models import BUSINESS_STATUSES, OUTCOME_AREAS, SUPPORT_KINDS

SUPPORT_LABELS = {"coaching": _l("Business coaching"), "stock": _l("Stock"), "health": _l("Health"),
                  "counselling": _l("Counselling"), "documents": _l("Documents"), "childcare": _l("Childcare"),
                  "legal": _l("Legal help")}
TRANCHE_KINDS = {"cash": _l("Cash"), "in_kind": _l("In kind")}
BUSINESS_STATUS_LABELS = {"operating": _l("Operating"), "struggling": _l("Struggling"), "paused": _l("Paused"),
                          "closed": _l("Closed"), "changed": _l("Changed to another business")}
AREA_LABELS = {"income": _l("Income"), "housing": _l("Housing"), "health": _l("Health"),
               "wellbeing": _l("Wellbeing"), "safety": _l("Safety"), "family": _l("Family"), "skills": _l("Skills")}
RECOMMENDATION_LABELS = {"fund": _l("Fund"), "fund_with_changes": _l("Fund with changes"),
                         "do_not_fund": _l("Do not fund")}


class LineForm(SubForm):
    item = StringField(_l("Item"), validators=[Optional(), Length(max=200)])
    quantity = IntegerField(_l("Quantity"), validators=[Optional(), NumberRange(1, 10_000)])
    unit_cost_thb = IntegerField(_l("Cost of one (baht)"), validators=[Optional(), NumberRange(0, 10_000_000)])


class ApplicationForm(Form):
    business_idea = TextAreaField(_l("Your business idea"), validators=[Length(max=3000)])
    location = StringField(_l("Where will the business be?"), validators=[Length(max=200)])
    market = TextAreaField(_l("Who will buy, and why? (the local market)"), validators=[Length(max=3000)])
    competitors = TextAreaField(_l("Who else sells this nearby?"), validators=[Length(max=3000)])
    skills = TextAreaField(_l("Your skills for this business"), validators=[Length(max=3000)])
    plan_six_months = TextAreaField(_l("Your plan for the first six months"), validators=[Length(max=3000)])
    lines = FieldList(FormField(LineForm), min_entries=8, max_entries=30, label=_l("Budget"))
    amount_requested_thb = IntegerField(_l("Amount you ask for (baht)"), default=0,
                                        validators=[InputRequired(), NumberRange(0, 10_000_000)])
    own_contribution_thb = IntegerField(_l("What you put in yourself (baht)"), default=0,
                                        validators=[InputRequired(), NumberRange(0, 10_000_000)])
    support_wanted = MultiCheckboxField(_l("Support you would like"),
                                        choices=[SelectChoice(k, v) for k, v in SUPPORT_LABELS.items()])
    save = SubmitField(_l("Save draft"))
    send = SubmitField(_l("Send my application"))


# The application as staff read it when they write it on a participant's behalf (core.forms.reword); the
# reviewers' and staff's page of a sent application says the same (templates/grants/_application_text.html).
APPLICATION_WORDS_FOR_STAFF = {
    "business_idea": _l("Business idea"), "skills": _l("Their skills for this business"),
    "plan_six_months": _l("Their plan for the first six months"),
    "amount_requested_thb": _l("Amount asked for (baht)"),
    "own_contribution_thb": _l("What they put in themselves (baht)"),
    "support_wanted": _l("Support they would like"), "send": _l("Send the application"),
}


class CriterionForm(SubForm):
    name = StringField(_l("Criterion"), validators=[Optional(), Length(max=120)])
    guidance = TextAreaField(_l("Guidance for reviewers"), validators=[Length(max=1000)])
    weight = IntegerField(_l("Weight"), default=1, validators=[Optional(), NumberRange(1, 10)])
    level_1 = StringField(_l("Score 1 means"), validators=[Length(max=200)])
    level_2 = StringField(_l("Score 2 means"), validators=[Length(max=200)])
    level_3 = StringField(_l("Score 3 means"), validators=[Length(max=200)])
    level_4 = StringField(_l("Score 4 means"), validators=[Length(max=200)])
    level_5 = StringField(_l("Score 5 means"), validators=[Length(max=200)])


class RoundForm(Form):
    name = StringField(_l("Name of the round"), validators=[DataRequired(), Length(max=160)])
    kind = RadioField(_l("Kind"), choices=[SelectChoice("business", _l("Business grant")),
                                          SelectChoice("scholarship", _l("Training scholarship"))], default="business")
    budget_thb = IntegerField(_l("Budget (baht)"), validators=[InputRequired(), NumberRange(1, 1_000_000_000)])
    max_per_grant_thb = IntegerField(_l("Most per grant (baht)"), validators=[InputRequired(),
                                                                             NumberRange(1, 100_000_000)])
    opens_on = DateField(_l("Opens on"), validators=[DataRequired()])
    closes_on = DateField(_l("Closes on"), validators=[DataRequired()])
    eligibility = MultiCheckboxField(_l("Who can apply"))
    course_search = StringField(_l("Find the course by words from its name"), validators=[Optional(), Length(max=100)])
    find_course = SubmitField(_l("Find courses"))
    course_id = SelectField(_l("Course a scholarship pays for"), coerce=int, validators=[Optional()])
    visits_start = RadioField(_l("Count the follow-up visits from"), default="acceptance",
                              choices=[SelectChoice("acceptance", _l("The day the person accepts the grant")),
                                       SelectChoice("first_payment", _l("The day of the first payment"))])
    visit_months = StringField(_l("Follow-up visits, months after the start"), default="1, 3, 6, 9, 12, 18, 24, 30, 36",
                               validators=[DataRequired(), Length(max=100)])
    criteria = FieldList(FormField(CriterionForm), min_entries=3, max_entries=10, label=_l("Review criteria"))
    text_language = written_in_field()
    submit = SubmitField(_l("Create the round"))


class CriteriaForm(Form):
    criteria = FieldList(FormField(CriterionForm), min_entries=3, max_entries=10, label=_l("Review criteria"))
    submit = SubmitField(_l("Save the criteria"))


class ExceptionForm(Form):
    rule = SelectField(_l("Rule to waive"), validators=[DataRequired()])
    reason = TextAreaField(_l("Why (kept with the record)"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Record the exception"))


class VisitsStartForm(Form):
    start = DateField(_l("Count the visits from"), validators=[DataRequired()])
    submit = SubmitField(_l("Move the visits not yet made"))


class RescheduleForm(Form):
    due_on = DateField(_l("New date"), validators=[DataRequired()])
    submit = SubmitField(_l("Move the visit"))


class CheckInForm(Form):
    business_status = SelectField(_l("Your business is"), validators=[Optional()],
                                  choices=[SelectChoice("", _l("I would rather not say"))] + [
                                      SelectChoice(k, v) for k, v in BUSINESS_STATUS_LABELS.items()])
    revenue_thb = IntegerField(_l("Money in last month (baht)"), validators=[Optional(), NumberRange(0, 100_000_000)])
    challenges = TextAreaField(_l("Anything hard right now?"), validators=[Length(max=3000)])
    support_needed = MultiCheckboxField(_l("Support you would like"),
                                        choices=[SelectChoice(k, v) for k, v in SUPPORT_LABELS.items()])
    submit = SubmitField(_l("Send my check-in"))


class AssignForm(Form):
    reviewer_id = SelectField(_l("Reviewer"), coerce=int, validators=[InputRequired()])
    outside = BooleanField(_l("From outside the programme (sees no name or contact details)"))
    submit = SubmitField(_l("Assign"))


class ConflictForm(Form):
    has_conflict = RadioField(_l("Do you know the applicant, or gain anything from this decision?"),
                              choices=[SelectChoice("no", _l("No")), SelectChoice("yes", _l("Yes"))],
                              validators=[InputRequired()])
    note = TextAreaField(_l("If yes, say briefly how"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Send my answer"))


class ReviewForm(Form):
    comments = TextAreaField(_l("Comments"), validators=[Length(max=4000)])
    recommendation = RadioField(_l("Recommendation"), validators=[InputRequired()],
                                choices=[SelectChoice(k, v) for k, v in RECOMMENDATION_LABELS.items()])
    submit = SubmitField(_l("Send my review"))


class DecisionForm(Form):
    decision = RadioField(_l("Decision"), validators=[InputRequired()], choices=[
        SelectChoice("approve", _l("Approve")), SelectChoice("changes", _l("Ask for changes")),
        SelectChoice("decline", _l("Decline"))])
    amount_thb = IntegerField(_l("Amount to give (baht)"), validators=[Optional(), NumberRange(1, 100_000_000)])
    reason = TextAreaField(_l("Reason, written for the applicant in plain words"),
                           validators=[DataRequired(), Length(max=3000)])
    submit = SubmitField(_l("Save the decision"))


class TrancheForm(Form):
    amount_thb = IntegerField(_l("Amount (baht)"), validators=[InputRequired(), NumberRange(1, 100_000_000)])
    kind = RadioField(_l("Paid as"), choices=[SelectChoice(k, v) for k, v in TRANCHE_KINDS.items()], default="cash")
    items = TextAreaField(_l("In kind: one item per line as item; quantity; cost of one"),
                          validators=[Length(max=3000)])
    condition = SelectField(_l("Condition"))
    paid_on = DateField(_l("Paid on"), validators=[DataRequired()])
    receipt = FileField(_l("Receipt (photo or PDF)"), validators=[FileAllowed(["jpg", "jpeg", "png", "pdf"],
                                                                              _l("Upload a photo or a PDF."))])
    submit = SubmitField(_l("Record the payment"))


class PlannedPaymentForm(SubForm):
    planned_on = DateField(_l("Planned date"), validators=[Optional()])
    amount_thb = IntegerField(_l("Planned amount (baht)"), validators=[Optional(), NumberRange(1, 100_000_000)])
    condition = SelectField(_l("Planned condition"), validators=[Optional()])


class PaymentPlanForm(Form):
    """The payments still to make: a row each (empty rows are left out)."""

    payments = FieldList(FormField(PlannedPaymentForm), min_entries=4, max_entries=12, label=_l("Payment plan"))
    submit = SubmitField(_l("Save the plan"))


class VisitForm(Form):
    done_on = DateField(_l("Date"), validators=[DataRequired()])
    kind = RadioField(_l("How"), choices=[SelectChoice("visit", _l("Visit")), SelectChoice("phone", _l("Phone call")),
                                         SelectChoice("self_check_in", _l("The participant's own check-in"))],
                      default="visit")
    business_status = SelectField(_l("The business is"), validators=[Optional()],
                                  choices=[SelectChoice("", _l("Not known"))] + [
                                      SelectChoice(k, v) for k, v in BUSINESS_STATUS_LABELS.items()])
    revenue_thb = IntegerField(_l("Money in last month (baht)"), validators=[Optional(), NumberRange(0, 100_000_000)])
    costs_thb = IntegerField(_l("Costs last month (baht)"), validators=[Optional(), NumberRange(0, 100_000_000)])
    people_working = IntegerField(_l("People working in it"), validators=[Optional(), NumberRange(0, 1000)])
    going_well = TextAreaField(_l("What is going well"), validators=[Length(max=3000)])
    challenges = TextAreaField(_l("Challenges"), validators=[Length(max=3000)])
    support_needed = MultiCheckboxField(_l("Support needed"),
                                        choices=[SelectChoice(k, v) for k, v in SUPPORT_LABELS.items()])
    referral = StringField(_l("Referred to (partner organisation)"), validators=[Length(max=200)])
    submit = SubmitField(_l("Save the visit"))


def add_rating_fields(form_class):
    choices = [SelectChoice("", _l("Not asked"))] + [SelectChoice(str(n), str(n)) for n in range(1, 6)]
    for area in OUTCOME_AREAS:
        setattr(form_class, f"rating_{area}", SelectField(AREA_LABELS[area], choices=choices,
                                                          validators=[Optional()]))
    return form_class


add_rating_fields(VisitForm)
if set(SUPPORT_LABELS) != set(SUPPORT_KINDS) or set(BUSINESS_STATUS_LABELS) != set(BUSINESS_STATUSES):
    raise RuntimeError("every support kind and business status needs a label")
