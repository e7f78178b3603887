"""The work home ("My work"): what waits for a member of staff, an admin, an employer or a shop manager.

Features declare its lines (core.features: `ToDo`, one per kind of waiting work, with a count in one statement)
and its sections (`HomeSection`: an employer's posts with their applicants); this module only collects what
fits the person's role, in the order of the features. Signing in sends the work roles here (`home_for`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.features import registries
from core.models import Role

WORK_ROLES = frozenset({Role.STAFF.value, Role.ADMIN.value, Role.EMPLOYER.value, Role.MANAGER.value})
HOME = "site.my_work"


@dataclass(frozen=True)
class Waiting:
    """One line as the person reads it: what waits, how many, and the list that shows them."""
    label: Any
    count: int
    endpoint: str
    args: Mapping[str, Any] = field(default_factory=dict)

    @property
    def exact(self) -> bool:  # a count that stopped early ("more than 1,000", core.pagination.Count)
        return getattr(self.count, "exact", True)


def home_for(role: str | None) -> str:
    """The endpoint a person lands on after signing in (when no page asked for it): the work roles their
    work home, everyone else the start page."""
    return HOME if role in WORK_ROLES else "site.home"


def waiting_for(person: Any) -> list[Waiting]:
    """The to-do lines of the person's role with their counts; a quiet line only while something waits."""
    found = []
    for item in registries().to_do:
        if person.role not in item.role_names():
            continue
        count = item.count(person)
        if count or not item.quiet:
            found.append(Waiting(item.label, count, item.endpoint, item.args))
    return found


def sections_for(person: Any) -> list[tuple[str, Mapping[str, Any]]]:
    """(template, its values) for each section of the person's role."""
    return [(section.template, section.load(person)) for section in registries().home_sections
            if person.role in section.role_names()]


def anything_waiting(lines: list[Waiting]) -> bool:
    return any(line.count for line in lines)
