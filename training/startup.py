"""What training sets up when the app starts that fits no field of its declaration: a check of the screening
rules, and what privacy's retention counts as a participant's activity and which ended applications' words it
lets go."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l


def setup(app: Flask) -> None:
    from privacy import retention
    from training import retention as ended
    from training import screening
    from training.models import Application, PathwayStep, PlacementCheckIn, Profile

    # A broken rule file stops the start, it never screens silently (rules that passed before are not read again).
    screening.validate_once(Path(app.instance_path))
    if not app.testing:
        screening.warm_up()
    # Retention (privacy.retention): what counts as a participant's activity, and ended applications' words.
    for model, attribute in ((Application, "participant_id"), (PathwayStep, "participant_id"),
                             (PlacementCheckIn, "participant_id"), (Profile, "user_id")):
        retention.register_activity(model, attribute)
    retention.register_ended_applications("training_applications", _l("Training and job applications"),
                                          ended.count_ended_due, ended.forget_ended_due)
