"""Forms for training and work. Choices come from the shared vocabulary; every field has a label."""
from __future__ import annotations

from flask import url_for
from flask_babel import get_locale
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
from wtforms.utils import unset_value
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from accounts.registration import choose_password_field
from core.forms import Form, MultiCheckboxField, written_in_field
from training import occupations
from training.applications import SHAREABLE_FIELDS
from training.check_ins import PROBLEM_ABOUT, PROBLEM_LABELS, CheckInAnswer
from training.employer_models import CONTRACT_LABELS
from training.employers import REPORT_REASONS
from training.vocabulary import (
    GOALS,
    GOALS_ABOUT,
    LANGUAGES,
    READING_LEVELS,
    SECTORS,
    SKILL_LEVELS,
    SKILLS,
    WEEKDAYS,
)

HOURS = [SelectChoice(str(h), f"{h:02d}:00") for h in range(25)]
class OccupationField(StringField):
    """An ISCO-08 occupation typed as words (English or Thai) or as its code; the form keeps the code. With
    the small script a list of matching occupations appears as one types. Without it, words that fit one
    occupation (or name one exactly) are taken as it; words that fit several come back with those occupations
    as a choice under the field (`<name>_choice`), so nobody has to type a code."""

    matches: list[occupations.Occupation]

    def __call__(self, **kwargs):
        kwargs.setdefault("data-occupations-url", url_for("training.occupation_search"))
        kwargs.setdefault("autocomplete", "off")
        return super().__call__(**kwargs)

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        super().process(formdata, data, extra_filters)
        self.matches = []
        chosen = formdata.get(f"{self.name}_choice") if formdata else None
        if chosen and occupations.code_in(chosen) == chosen:
            self.data = chosen

    def _value(self) -> str:
        if self.data and occupations.code_in(self.data) and not self.errors:
            return f"{self.data} {occupations.title_of(self.data, str(get_locale() or 'en'))}"
        return super()._value()

    def post_validate(self, form, validation_stopped) -> None:
        self.matches = getattr(self, "matches", [])
        if validation_stopped or not self.data:
            return
        code = occupations.code_in(self.data)
        if code:
            self.data = code
            return
        locale = str(get_locale() or "en")
        found = occupations.search(self.data, locale, limit=8)
        typed = " ".join(self.data.split()).casefold()
        named = [o for o in found if typed in (o.title_en.casefold(), o.title_th.casefold())]
        if len(found) == 1 or len(named) == 1:
            self.data = (named or found)[0].code
        elif found:
            self.matches = found
            self.errors.append(_l("Several occupations have these words. Choose one below, or type other words."))
        else:
            self.errors.append(_l("No occupation has these words. Try other words, or the 4-digit ISCO-08 code."))


ISCO_HINT = _l("Type words such as \"sewing\" or \"ตัดเสื้อ\", or the 4-digit ISCO-08 code.")


def choices(mapping) -> list[SelectChoice]:
    return [SelectChoice(str(code), label) for code, label in mapping.items()]


class ProfileForm(Form):
    goal = RadioField(_l("What would you like next?"), choices=choices(GOALS), validators=[InputRequired()])
    sectors = MultiCheckboxField(_l("Kinds of work that interest you"), choices=choices(SECTORS))
    languages_spoken = MultiCheckboxField(_l("Languages you speak"), choices=choices(LANGUAGES),
                                          validators=[DataRequired(_l("Choose at least one language."))])
    languages_read = MultiCheckboxField(_l("Languages you read"), choices=choices(LANGUAGES))
    reading_level = RadioField(_l("Reading"), choices=choices(READING_LEVELS), validators=[InputRequired()])
    province_code = SelectField(_l("Province where you live"), validators=[Optional()])
    district_code = SelectField(_l("District"), validators=[Optional()])
    travel_daily = BooleanField(_l("I can travel every day to training or work"))
    max_travel_minutes = IntegerField(_l("Longest daily trip, in minutes"), default=60,
                                      validators=[InputRequired(), NumberRange(0, 600)])
    relocate = BooleanField(_l("I would move to another place for the right offer"))
    days = MultiCheckboxField(_l("Days you are free"), choices=choices(WEEKDAYS), coerce=int)
    hours_from = SelectField(_l("Free from"), choices=HOURS, coerce=int, default=8)
    hours_to = SelectField(_l("Free until"), choices=HOURS, coerce=int, default=17)
    childcare_needed = BooleanField(_l("I need childcare to take part"))
    must_earn = BooleanField(_l("I must earn money while I train"))
    monthly_need_thb = IntegerField(_l("Money you need each month (baht, optional)"),
                                    validators=[Optional(), NumberRange(0, 1_000_000)])
    submit = SubmitField(_l("Save my profile"))


def add_skill_fields(form_class):
    """One level question per skill: 'not yet' or a level."""
    levels = [SelectChoice("0", _l("Not yet"))] + [SelectChoice(str(k), v) for k, v in SKILL_LEVELS.items()]
    for code, label in SKILLS.items():
        setattr(form_class, f"skill_{code}", SelectField(label, choices=levels, default="0", coerce=int))
    return form_class


add_skill_fields(ProfileForm)

# The profile form as staff read it when they fill it in with a participant (core.forms.reword).
PROFILE_WORDS_FOR_STAFF = {
    "goal": (_l("What would they like next?"), GOALS_ABOUT), "sectors": _l("Kinds of work that interest them"),
    "languages_spoken": _l("Languages they speak"), "languages_read": _l("Languages they read"),
    "province_code": _l("Province where they live"),
    "travel_daily": _l("Can travel every day to training or work"),
    "relocate": _l("Would move to another place for the right offer"), "days": _l("Days they are free"),
    "childcare_needed": _l("Needs childcare to take part"), "must_earn": _l("Must earn money while training"),
    "monthly_need_thb": _l("Money they need each month (baht, optional)"), "submit": _l("Save the profile"),
}


class CourseForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=160)])
    description = TextAreaField(_l("What people learn"), validators=[Length(max=4000)])
    provider = StringField(_l("Training provider"), validators=[DataRequired(), Length(max=160)])
    isco_code = OccupationField(_l("Occupation"), validators=[DataRequired(), Length(max=200)], description=ISCO_HINT)
    sector = SelectField(_l("Sector"), choices=choices(SECTORS), validators=[DataRequired()])
    online = BooleanField(_l("Online"))
    province_code = SelectField(_l("Province"), validators=[Optional()])
    district_code = SelectField(_l("District"), validators=[Optional()])
    days = MultiCheckboxField(_l("Days"), choices=choices(WEEKDAYS), coerce=int,
                              validators=[DataRequired(_l("Choose at least one day."))])
    hours_from = SelectField(_l("From"), choices=HOURS, coerce=int, default=9)
    hours_to = SelectField(_l("Until"), choices=HOURS, coerce=int, default=16)
    duration_weeks = IntegerField(_l("Length in weeks"), validators=[InputRequired(), NumberRange(1, 260)])
    start_dates = StringField(_l("Next start dates (YYYY-MM-DD, separated by commas)"),
                              validators=[Optional(), Length(max=400)])
    seats = IntegerField(_l("Seats"), validators=[InputRequired(), NumberRange(0, 10_000)])
    cost_thb = IntegerField(_l("Cost to the participant (baht)"), default=0,
                            validators=[InputRequired(), NumberRange(0, 1_000_000)])
    stipend_thb_month = IntegerField(_l("Stipend per month (baht)"), default=0,
                                     validators=[InputRequired(), NumberRange(0, 1_000_000)])
    childcare_offered = BooleanField(_l("Childcare offered"))
    teaching_language = SelectField(_l("Language of teaching"), choices=choices(LANGUAGES))
    reading_level_needed = SelectField(_l("Reading level needed"), choices=choices(READING_LEVELS))
    prerequisites = TextAreaField(_l("Prerequisites"), validators=[Length(max=2000)])
    skills_taught = MultiCheckboxField(_l("Skills taught"), choices=choices(SKILLS))
    exit_exam = BooleanField(_l("Ends with an exit exam"), default=True)
    is_open = BooleanField(_l("Taking applications"), default=True)
    text_language = written_in_field()
    submit = SubmitField(_l("Save course"))


class OrganisationForm(Form):
    name = StringField(_l("Organisation name"), validators=[DataRequired(), Length(max=160)])
    registration_number = StringField(_l("Business registration number"),
                                      validators=[DataRequired(), Length(min=5, max=40)])
    address = TextAreaField(_l("Address"), validators=[DataRequired(), Length(max=1000)])
    province_code = SelectField(_l("Province"), validators=[DataRequired()])
    contact_name = StringField(_l("Contact person"), validators=[DataRequired(), Length(max=120)])
    contact_phone = StringField(_l("Contact phone"), validators=[DataRequired(), Length(max=40)])
    contact_email = StringField(_l("Contact e-mail"), validators=[Optional(), Email(), Length(max=254)])
    submit = SubmitField(_l("Register organisation"))


class BusinessRegistrationForm(Form):
    """The public page where a business registers itself; staff verify it before anything it posts is public."""
    name = StringField(_l("Name of your business or organisation"), validators=[DataRequired(), Length(max=160)])
    contact_name = StringField(_l("Contact person"), validators=[DataRequired(), Length(max=120)],
                               render_kw={"autocomplete": "name"})
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)],
                       description=_l("We send a link to this address. You sign in with it."),
                       render_kw={"autocomplete": "email"})
    contact_phone = StringField(_l("Contact phone"), validators=[DataRequired(), Length(max=40)],
                                render_kw={"autocomplete": "tel", "inputmode": "tel"})
    province_code = SelectField(_l("Province"), validators=[DataRequired()])
    address = TextAreaField(_l("Address"), validators=[DataRequired(), Length(max=1000)])
    registration_number = StringField(_l("Business registration number (if you have one)"),
                                      validators=[Optional(), Length(min=5, max=40)])
    work_offered = TextAreaField(_l("What kind of work do you offer?"), validators=[DataRequired(), Length(max=1000)],
                                 description=_l("For example: kitchen helpers in a restaurant, rice harvest, "
                                                "apprentice mechanics."))
    password = choose_password_field()
    submit = SubmitField(_l("Register my business"))


class RefuseEmployerForm(Form):
    reason = TextAreaField(_l("Why can this employer not be verified?"),
                           validators=[DataRequired(), Length(max=2000)],
                           description=_l("The employer reads this."))
    submit = SubmitField(_l("Refuse this employer"))


class PostForm(Form):
    kind = RadioField(_l("Kind of offer"), choices=[SelectChoice("apprenticeship", _l("Apprenticeship")),
                                                   SelectChoice("job", _l("Job"))], validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=160)])
    description = TextAreaField(_l("Description of the work"), validators=[DataRequired(), Length(max=4000)])
    isco_code = OccupationField(_l("Occupation"), validators=[DataRequired(), Length(max=200)], description=ISCO_HINT)
    sector = SelectField(_l("Sector"), choices=choices(SECTORS))
    province_code = SelectField(_l("Province"), validators=[DataRequired()])
    district_code = SelectField(_l("District"), validators=[Optional()])
    days = MultiCheckboxField(_l("Working days"), choices=choices(WEEKDAYS), coerce=int,
                              validators=[DataRequired(_l("Choose at least one day."))])
    hours_from = SelectField(_l("Start time"), choices=HOURS, coerce=int, default=8)
    hours_to = SelectField(_l("End time"), choices=HOURS, coerce=int, default=17)
    overtime_hours_week = IntegerField(_l("Overtime hours per week, at most"), default=0,
                                       validators=[InputRequired(), NumberRange(0, 100)])
    pay_amount_thb = IntegerField(_l("Pay (baht)"), validators=[Optional(), NumberRange(0, 1_000_000)],
                                  description=_l("Leave empty only if the pay is not decided; staff will ask."))
    pay_period = RadioField(_l("Pay is per"), choices=[SelectChoice("day", _l("day")),
                                                       SelectChoice("month", _l("month"))], default="day")
    duration_months = IntegerField(_l("Apprenticeship length in months"), validators=[Optional(),
                                                                                    NumberRange(1, 48)])
    contract_type = SelectField(_l("Contract"), choices=[SelectChoice("", _l("Not a job"))] + [
        SelectChoice(code, words) for code, words in CONTRACT_LABELS.items()], validators=[Optional()])
    openings = IntegerField(_l("Number of places"), default=1, validators=[InputRequired(), NumberRange(1, 500)])
    accommodation_offered = BooleanField(_l("Housing is offered"))
    accommodation_conditions = TextAreaField(_l("Housing conditions (cost, who shares, can the worker leave)"),
                                             validators=[Length(max=2000)])
    what_you_learn = TextAreaField(_l("What the apprentice learns"), validators=[Length(max=2000)])
    skills_required = MultiCheckboxField(_l("Skills needed"), choices=choices(SKILLS))
    skills_taught = MultiCheckboxField(_l("Skills taught on the job"), choices=choices(SKILLS))
    prerequisites = TextAreaField(_l("Prerequisites (for example a course passed)"), validators=[Length(max=2000)])
    language = SelectField(_l("Working language"), choices=choices(LANGUAGES))
    reading_level_needed = SelectField(_l("Reading level needed"), choices=choices(READING_LEVELS))
    childcare_offered = BooleanField(_l("Childcare offered"))
    worker_fee_thb = IntegerField(_l("Any fee or deposit the worker pays (baht)"), default=0,
                                  validators=[InputRequired(), NumberRange(0, 10_000_000)])
    employer_holds_documents = BooleanField(_l("The employer keeps the worker's ID card or passport"))
    travel_abroad_as_debt = BooleanField(_l("Travel abroad is paid by the worker as a debt"))
    declares_no_fees = BooleanField(_l("The worker pays no recruitment fee or deposit"))
    declares_keeps_documents = BooleanField(_l("The worker keeps their own identity documents"))
    declares_free_to_leave = BooleanField(_l("The worker is free to leave the job"))
    declares_minimum_wage = BooleanField(_l("The pay is at least the provincial minimum wage"))
    declares_legal_hours = BooleanField(_l("Hours and overtime are within the law"))
    text_language = written_in_field()
    submit = SubmitField(_l("Save and send for checking"))


class ApplyToPostForm(Form):
    shared_fields = MultiCheckboxField(_l("What the employer may see"), choices=choices(SHAREABLE_FIELDS))
    message = TextAreaField(_l("A message to the employer (optional)"), validators=[Length(max=1000)])
    submit = SubmitField(_l("Send my application"))


class ReportForm(Form):
    reason_code = RadioField(_l("What is wrong with this offer?"),
                             choices=[SelectChoice(code, label) for code, label in REPORT_REASONS.items()],
                             validators=[Optional()])  # the button on the post page sends none: one tap
    reason = TextAreaField(_l("Tell us more (you can leave this empty)"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Report this offer"))


class SuspendForm(Form):
    reason = TextAreaField(_l("Why is this employer suspended?"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Suspend this employer"))


class ReviewForm(Form):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("approve", _l("Approve and publish")),
                                                   SelectChoice("changes", _l("Ask for changes")),
                                                   SelectChoice("reject", _l("Reject"))],
                          validators=[InputRequired()])
    note = TextAreaField(_l("Note for the employer"), validators=[Length(max=2000)])
    # The digest of the words on the page the decision is made on (training.employers.words_digest).
    seen = HiddenField(validators=[Length(max=64)])
    # The digest of the post's state and open reports on that page (training.employers.answering_digest).
    answering = HiddenField(validators=[Length(max=64)])
    submit = SubmitField(_l("Save decision"))

    def answering_reports(self, closed: bool) -> None:
        """A reported or closed post's decision is an answer to its reports: say so, in those words."""
        self.decision.label.text = _l("Were the reports right?")
        self.decision.choices = [
            SelectChoice("approve", _l("Not upheld") if closed else _l("Not upheld: show the post again")),
            SelectChoice("reject", _l("Upheld: note it on the employer's record") if closed
                         else _l("Upheld: keep the post hidden and tell the employer"))]


class OfferForm(Form):
    answer_by = DateField(_l("Answer by"), validators=[Optional()],
                          description=_l("Empty: a week from today. No answer by then closes nothing."))
    submit = SubmitField(_l("Make the offer"))


class StepForm(Form):
    step = SelectField(_l("Step"), validators=[DataRequired()])
    on_date = DateField(_l("Date"), validators=[DataRequired()])
    note = StringField(_l("Note (optional)"), validators=[Length(max=500)])
    submit = SubmitField(_l("Record step"))


class DemandImportForm(Form):
    file = FileField(_l("CSV or XLSX file"), validators=[
        FileRequired(), FileAllowed(["csv", "xlsx"], _l("Upload a CSV or XLSX file."))],
        description=_l("The file's columns are listed above, with their names exactly as shown."))
    source = StringField(_l("Source"), validators=[DataRequired(), Length(max=255)])
    source_date = DateField(_l("Date of the source"), validators=[DataRequired()])
    submit = SubmitField(_l("Import"))


class WeightsForm(Form):
    interest = DecimalField(_l("Interest fit"), validators=[InputRequired(), NumberRange(0, 10)])
    skills = DecimalField(_l("Skills fit and gap"), validators=[InputRequired(), NumberRange(0, 10)])
    demand = DecimalField(_l("Local demand"), validators=[InputRequired(), NumberRange(0, 10)])
    pay = DecimalField(_l("Pay against need"), validators=[InputRequired(), NumberRange(0, 10)])
    distance = DecimalField(_l("Distance"), validators=[InputRequired(), NumberRange(0, 10)])
    submit = SubmitField(_l("Save weights"))


class MinimumWageForm(Form):
    province_code = SelectField(_l("Province"), validators=[DataRequired()])
    district_code = SelectField(_l("District (only if it has its own rate)"), validators=[Optional()])
    daily_wage_thb = IntegerField(_l("Daily minimum wage (baht)"), validators=[InputRequired(),
                                                                               NumberRange(1, 10_000)])
    effective_from = DateField(_l("In force from"), validators=[DataRequired()])
    source = StringField(_l("Source"), validators=[DataRequired(), Length(max=255)])
    submit = SubmitField(_l("Add rate"))


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    kind = SelectField(_l("Kind"), choices=[SelectChoice("", _l("All")), SelectChoice("course", _l("Courses")),
                                            SelectChoice("apprenticeship", _l("Apprenticeships")),
                                            SelectChoice("job", _l("Jobs"))], validators=[Optional()])
    province = SelectField(_l("Province"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[Optional()])
    submit = SubmitField(_l("Show"))


class CheckInForm(Form):
    """Three months (six, twelve) after starting work: short questions, each with plain answers."""
    # Answers in the question's own words: Thai (and others) have no bare "yes" that fits every question.
    still_working = RadioField(_l("Are you still working there?"), validators=[InputRequired()],
                               choices=[SelectChoice("yes", _l("Yes, I still work there")),
                                        SelectChoice("no", _l("No, I do not work there now"))])
    paid_as_promised = RadioField(_l("Are you paid what was promised, on time?"), validators=[Optional()],
                                  choices=[SelectChoice("yes", _l("Yes, as promised and on time")),
                                           SelectChoice("no", _l("No, not as promised or not on time")),
                                           SelectChoice("unsure", _l("I am not sure"))])
    problems = MultiCheckboxField(_l("Is anything wrong? Tick all that apply"),
                                  choices=[SelectChoice(k, v) for k, v in PROBLEM_LABELS.items()])
    note = TextAreaField(_l("Anything you want to tell us (only programme staff read it)"),
                         validators=[Length(max=2000)])
    wants_help = BooleanField(_l("I would like someone from the programme to contact me"))
    submit = SubmitField(_l("Send my answers"))

    def answer(self) -> CheckInAnswer:
        """The plain answers as the service's values ("I am not sure" is no answer)."""
        paid = {"yes": True, "no": False}.get(self.paid_as_promised.data or "")
        return CheckInAnswer(still_working=self.still_working.data == "yes", paid_as_promised=paid,
                             problems=tuple(self.problems.data or ()), note=self.note.data or "",
                             wants_help=bool(self.wants_help.data))


# The check-in as staff read it when they record the answers given on a call (core.forms.reword).
CHECK_IN_WORDS_FOR_STAFF = {
    "still_working": (_l("Still working there?"), {"yes": _l("Yes, still working there"),
                                                   "no": _l("No, not working there now")}),
    "paid_as_promised": (_l("Paid what was promised, on time?"), {"unsure": _l("Not sure")}),
    "problems": (None, PROBLEM_ABOUT),
    "note": _l("Anything they want to tell us (only programme staff read it)"),
    "wants_help": _l("Would like someone from the programme to contact them"), "submit": _l("Save the answers"),
}


class CheckInFollowUpForm(Form):
    upheld = RadioField(_l("The report on the employer"), validators=[InputRequired()], default="open",
                        choices=[SelectChoice("yes", _l("Upheld: it counts on the employer's record")),
                                 SelectChoice("no", _l("Not upheld")),
                                 SelectChoice("open", _l("Still finding out: keep it open"))])
    submit = SubmitField(_l("Followed up"))
