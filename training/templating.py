"""Small helpers for training templates: place names, pay, weekdays and vocabulary labels in the reader's language."""
from __future__ import annotations

from flask import Flask
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from training import safety
from training.applications import SHAREABLE_ABOUT, SHAREABLE_FIELDS
from training.geo import place_name
from training.vocabulary import LANGUAGES, READING_LEVELS, WEEKDAYS, mask_to_days

STATUS_LABELS = {
    "applied": _l("Applied, waiting for an answer"), "offered": _l("You have an offer"),
    "accepted": _l("You said yes to this offer"),
    "enrolled": _l("Enrolled"), "completed": _l("Completed"), "declined": _l("You said no to this offer"),
    "withdrawn": _l("You stopped this application"), "not_offered": _l("Not offered this time"),
}
# The same, said of the participant to staff and employers (core.labels: a code list's twin).
STATUS_ABOUT = {**STATUS_LABELS, "offered": _l("Has an offer"), "accepted": _l("Said yes to this offer"),
                "declined": _l("Said no to this offer"), "withdrawn": _l("Stopped this application")}
STEP_LABELS = {
    "applied": _l("Applied"), "accepted": _l("Offered a place"), "offer_accepted": _l("Said yes to an offer"),
    "enrolled": _l("Enrolled"),
    "completed": _l("Completed the course"), "exam_passed": _l("Passed the exit exam"),
    "exam_failed": _l("Exit exam not passed yet (you can retake it)"),
    "apprenticeship_started": _l("Started an apprenticeship"),
    "apprenticeship_completed": _l("Completed an apprenticeship"),
    "business_training_completed": _l("Completed business training"), "hired": _l("Hired"),
    "declined": _l("Said no to an offer"), "withdrawn": _l("Stopped an application"),
}
STEP_ABOUT = {**STEP_LABELS, "exam_failed": _l("Exit exam not passed yet (it can be retaken)")}


POST_STATUS_LABELS = {
    "pending_review": _l("Waiting for a check by programme staff"), "changes_requested": _l("Changes asked"),
    "published": _l("Public"), "rejected": _l("Not accepted"), "reported": _l("Hidden after a report"),
    "paused": _l("Paused: not shown to job seekers"), "closed": _l("Closed"),
}


def _locale() -> str:
    return str(get_locale() or "en")


def pay_text(post) -> str:
    if post.pay_amount_thb is None:
        return _("Pay not stated")
    amount = format_decimal(post.pay_amount_thb)
    return _("%(amount)s baht a day", amount=amount) if post.pay_period == "day" \
        else _("%(amount)s baht a month", amount=amount)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["money"] = lambda value: format_decimal(value or 0)
    # Globals, not context: a listing's card is also rendered outside a page's context (training.listing_cards).
    app.jinja_env.globals.update(place=lambda province, district=None: place_name(province, district, _locale()),
                                 pay=pay_text)

    @app.context_processor
    def training_helpers():
        return {
            "weekdays": lambda mask: ", ".join(str(WEEKDAYS[d]) for d in mask_to_days(mask)),
            "language_name": lambda code: LANGUAGES.get(code, code),
            "reading_name": lambda code: READING_LEVELS.get(code, code),
            "status_text": lambda code, about=False: (STATUS_ABOUT if about else STATUS_LABELS).get(code, code),
            "step_text": lambda code, about=False: (STEP_ABOUT if about else STEP_LABELS).get(code, code),
            "post_status": lambda code: POST_STATUS_LABELS.get(code, code),
            "shareable": SHAREABLE_FIELDS, "shareable_about": SHAREABLE_ABOUT,
            "post_declarations": lambda post: [safety.DECLARATIONS[code] for code in safety.declarations(post)],
            "post_questions": safety.questions,
            "indicator_text": lambda code: safety.TEXT_INDICATOR_LABELS.get(code, code),
        }
