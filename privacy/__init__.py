"""Privacy: the privacy notice and consent, "My information" (see, download, ask to delete), and the access
log behind "who opened my record". Features register what they store about a person (data sections)."""
from __future__ import annotations

from flask import Flask, current_app

from core.models import Role, User


def init_app(app: Flask) -> None:
    import privacy.models  # noqa: F401 - its table joins the metadata (create_all, migrations)
    from core.commands import register_seeder
    from privacy import services

    services.register_sections()
    from privacy import retention  # how long records are kept: the activity hook and the nightly job
    retention.init_app()
    register_seeder(give_demo_consent)


def give_demo_consent(people: dict[str, User]) -> None:
    """The demo participant has read the notice and agreed to everything it asks."""
    from privacy import services

    participant = people[Role.PARTICIPANT.value]
    for purpose in services.CONSENT_PURPOSES:
        services.give_consent(participant, purpose, current_app.config["PRIVACY_NOTICE_VERSION"])
