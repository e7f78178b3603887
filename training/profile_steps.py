"""The participant's profile, one question a page (core.steps), then "My profile": every answer with a "Change"
link and the button that saves them. Staff keep the one-page form (training_staff.participant_profile)."""
from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from accounts import drafts
from core.models import Role
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import roles_required
from core.steps import Pages, Step, Steps, as_answers, check_page, step_page
from training import profiles
from training.forms import ProfileForm
from training.views import bp, place_choices, profile_values
from training.vocabulary import mask_to_days

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


PROFILE_STEPS = Steps(DRAFT, STEPS, _make_form, _initial, title=_l("My profile"))


def draft_forms() -> dict:
    """This form, by its drafts' name (accounts.drafts: "My information" shows a draft in its words)."""
    return {PROFILE_STEPS.name: PROFILE_STEPS}


def _pages() -> Pages:
    return Pages(PROFILE_STEPS, drafts.store(current_user._get_current_object(), DRAFT), _step_url, _("My profile"))


def _step_url(step: Step | None, **args) -> str:
    return url_for(f"training.profile_{step.slug}", **args) if step else url_for("training.my_profile", **args)


def _view(slug: str):
    def view():
        """One question of the profile. Its answer is kept (a draft) until "Save my profile" on "My profile"."""
        return step_page(_pages(), slug)
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
    pages = _pages()

    def save(form):
        try:
            profiles.update_profile(person, profile_values(form), by=person)
        except Refusal as error:
            show_error_on(form, error)
            return None
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("training.my_matches"))
    return check_page(pages, save, _("Save my profile"), ask_first=profiles.profile_of(person) is None)
