"""Training's lists of codes and their words (core.labels), declared in training's `feature()`."""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l


def code_lists() -> dict[str, Mapping]:
    from training import vocabulary
    from training.applications import SHAREABLE_ABOUT, SHAREABLE_FIELDS
    from training.check_ins import PROBLEM_ABOUT, PROBLEM_LABELS
    from training.employer_models import CONTRACT_LABELS
    from training.employers import REPORT_ABOUT, REPORT_REASONS
    from training.templating import POST_STATUS_LABELS, STATUS_ABOUT, STATUS_LABELS, STEP_ABOUT, STEP_LABELS
    return {"language": vocabulary.LANGUAGES, "reading_level": vocabulary.READING_LEVELS,
            "goal": vocabulary.GOALS, "goal.about": vocabulary.GOALS_ABOUT,
            "sector": vocabulary.SECTORS, "skill": vocabulary.SKILLS,
            "skill_level": vocabulary.SKILL_LEVELS, "weekday": vocabulary.WEEKDAYS,
            "application_status": STATUS_LABELS, "application_status.about": STATUS_ABOUT,
            "pathway_step": STEP_LABELS, "pathway_step.about": STEP_ABOUT,
            "post_status": POST_STATUS_LABELS, "shareable_field": SHAREABLE_FIELDS,
            "shareable_field.about": SHAREABLE_ABOUT, "check_in_problem": PROBLEM_LABELS,
            "check_in_problem.about": PROBLEM_ABOUT, "report_reason": REPORT_REASONS,
            "report_reason.about": REPORT_ABOUT, "contract_type": CONTRACT_LABELS,
            "hire_outcome": {"hired": _l("Hired"), "not_hired": _l("Not hired")},
            "check_in_status": {"scheduled": _l("Not answered yet"), "answered": _l("Answered"),
                                "missed": _l("Not answered in time")},
            "province": ProvinceNames()}


class ProvinceNames(Mapping):
    """Province codes as names in the reader's language (Thai or English, from the geography data)."""

    def __getitem__(self, code):
        from flask_babel import get_locale

        from training.geo import place_name
        name = place_name(code, None, str(get_locale() or "en"))
        if not name:
            raise KeyError(code)
        return name

    def __iter__(self):
        from training.geo import provinces
        return iter(provinces())

    def __len__(self) -> int:
        from training.geo import provinces
        return len(provinces())
