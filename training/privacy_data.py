"""What training keeps about a participant: the sections of "My information" (privacy.services) and the tables
whose reads are logged (privacy.access_log), declared in training's `feature()`."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import ParticipantData
from privacy.services import DataSection
from training import profiles
from training.models import Application, PathwayStep, PlacementCheckIn, Profile

PARTICIPANT_DATA = (ParticipantData(Profile, "user_id"), ParticipantData(PlacementCheckIn, "participant_id"),
                    ParticipantData(Application, "participant_id"), ParticipantData(PathwayStep, "participant_id"))


def _nothing_to_anonymise(user) -> None:
    """Applications' messages and pathway notes go with the profile (profiles.anonymise_training_data)."""


def sections() -> list[DataSection]:
    return [
        DataSection("training_profile", _l("Your profile"), profiles.export_profile,
                    profiles.anonymise_training_data, about_title=_l("Profile"), fields=profiles.PROFILE_DATA_FIELDS),
        DataSection("training_applications", _l("Your applications"), profiles.export_applications,
                    _nothing_to_anonymise, about_title=_l("Applications"), fields=profiles.APPLICATION_DATA_FIELDS),
        DataSection("training_pathway", _l("Your pathway"), profiles.export_pathway, _nothing_to_anonymise,
                    about_title=_l("Pathway"), fields=profiles.PATHWAY_DATA_FIELDS),
        DataSection("training_check_ins", _l("Your check-ins after starting work"), profiles.export_check_ins,
                    profiles.anonymise_check_ins, about_title=_l("Check-ins after starting work"),
                    fields=profiles.CHECK_IN_DATA_FIELDS)]
