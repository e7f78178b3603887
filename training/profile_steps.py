"""The participant's profile, one question a page (core.steps), then "My profile": every answer with a "Change"
link and the button that saves them. Staff keep the one-page form (training_staff.participant_profile)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from accounts import drafts
from core.models import Role
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import roles_required
from core.steps import CHECK, Step, Steps, as_answers
from training import profiles
from training.forms import ProfileForm
from training.views import bp, place_choices, profile_values
from training.vocabulary import SKILLS, mask_to_days

DRAFT = "profile"
SKILL_PAGES = (("barista", "cooking", "baking", "cleaning"), ("sewing", "jewellery", "hairdressing", "nails"),
               ("massage", "childcare", "customer_service", "selling"),
               ("bookkeeping", "computer", "english", "business"),
               ("driving", "farming", "animals", "motorbike_repair"))
SKILLS_QUESTION = _l("What can you do already?")
SKILLS_HINT = _l("Choose \"Not yet\" for what you have not done.")

STEPS = [
    Step("goal", ("goal",)),
    Step("work", ("sectors",)),
    *[Step(f"skills-{number}", tuple(f"skill_{code}" for code in codes), SKILLS_QUESTION, SKILLS_HINT,
           together=True)
      for number, codes in enumerate(SKILL_PAGES, start=1)],
    Step("speak", ("languages_spoken",)),
    Step("read", ("languages_read",)),
    Step("reading", ("reading_level",), _l("How well do you read?")),
    Step("province", ("province_code",)),
    Step("district", ("district_code",), after="province"),
    Step("travel", ("travel_daily", "max_travel_minutes", "relocate"), _l("Travel")),
    Step("days", ("days",)),
    Step("hours", ("hours_from", "hours_to"), _l("What time are you free?")),
    Step("needs", ("childcare_needed", "must_earn", "monthly_need_thb"), _l("What you need")),
]
assert {name for step in STEPS for name in step.fields} == {f"skill_{code}" for code in SKILLS} | {
    name for name in ProfileForm.__dict__ if not name.startswith("_") and name not in ("submit", "Meta")
    and hasattr(ProfileForm.__dict__[name], "field_class")}, "every field of the profile is asked on a step"


def _make_form(formdata: MultiDict | None, answers: dict) -> ProfileForm:
    form = ProfileForm(formdata=formdata)
    place_choices(form, saved_province=next(iter(answers.get("province_code") or []), None))
    return form


def _initial() -> dict:
    """What is stored already (or the defaults), as the answers to start from."""
    profile = profiles.profile_of(current_user._get_current_object())
    form = ProfileForm(formdata=None, obj=profile)
    place_choices(form, saved_province=profile.province_code if profile else None)
    if profile is not None:
        form.days.data = mask_to_days(profile.days_mask)
        for code, level in (profile.skills or {}).items():
            if f"skill_{code}" in form:
                form[f"skill_{code}"].data = level
    return as_answers(form, [name for step in STEPS for name in step.fields])


PROFILE_STEPS = Steps(DRAFT, STEPS, _make_form, _initial)


def draft_forms() -> dict:
    """The name of this form's drafts in "My information" (accounts.drafts)."""
    return {DRAFT: _l("My profile")}


def _store():
    return drafts.store(current_user._get_current_object(), DRAFT)


def _step_url(step: Step | None, **args) -> str:
    return url_for(f"training.profile_{step.slug}", **args) if step else url_for("training.my_profile")


def profile_step(slug: str):
    """One question of the profile. Its answer is kept (a draft) until "Save my profile" on the last page."""
    step = PROFILE_STEPS.step(slug)
    store = _store()
    if request.method == "POST":
        form, done, then = PROFILE_STEPS.take(step, store)
        if done:
            back = {"from": CHECK} if request.args.get("from") == CHECK and then else {}
            return redirect(_step_url(then, **back))
    else:
        form = PROFILE_STEPS.step_form(step, PROFILE_STEPS.answers(store))
    previous = PROFILE_STEPS.previous(step)
    back = url_for("training.my_profile") if request.args.get("from") == CHECK else \
        _step_url(previous) if previous else None
    return render_template("core/steps/step.html", form=form, step=step, steps=PROFILE_STEPS, back=back,
                           title=_("My profile"))


def _view(slug: str):
    def view():
        return profile_step(slug)
    view.__doc__ = profile_step.__doc__
    return roles_required(Role.PARTICIPANT)(view)


for _step in STEPS:  # a page (and an endpoint) each: the crawls start from every page without arguments
    bp.add_url_rule(f"/me/profile/{_step.slug}", endpoint=f"profile_{_step.slug}", methods=["GET", "POST"],
                    view_func=_view(_step.slug))


@bp.route("/me/profile", methods=["GET", "POST"])
@roles_required(Role.PARTICIPANT)
def my_profile():
    """The participant's answers, each with "Change", and the button that saves them. The first time, the
    questions come first, one a page. Never the past."""
    person = current_user._get_current_object()
    store = _store()
    if store.get() is None and profiles.profile_of(person) is None:
        return redirect(_step_url(STEPS[0]))
    answers = PROFILE_STEPS.answers(store)
    if request.method == "POST":
        form = PROFILE_STEPS.whole_form(answers, request.form.getlist("csrf_token"))
        if form.validate():
            try:
                profiles.update_profile(person, profile_values(form), by=person)
            except Refusal as error:
                show_error_on(form, error)
            else:
                store.clear()
                flash(_("Your profile is saved."), "success")
                return redirect(url_for("training.my_matches"))
    else:
        form = PROFILE_STEPS.whole_form(answers)
    return render_template("core/steps/check.html", form=form, steps=PROFILE_STEPS, rows=PROFILE_STEPS.rows(form),
                           step_url=_step_url, title=_("My profile"), unsent=store.get() is not None,
                           submit_label=_("Save my profile"))
