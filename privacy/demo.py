"""The demo's agreements (`flask seed-demo`)."""
from __future__ import annotations

from flask import current_app

from core.models import Role, User


def give_demo_consent(people: dict[str, User]) -> None:
    """The demo participant has read the notice and agreed to everything it asks."""
    from privacy import services

    participant = people[Role.PARTICIPANT.value]
    for purpose in services.CONSENT_PURPOSES:
        services.give_consent(participant, purpose, current_app.config["PRIVACY_NOTICE_VERSION"])
