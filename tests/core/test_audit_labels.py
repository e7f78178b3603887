"""Every audit action and record type the code can write has words: the codes are found in the source (each
literal action, each life cycle's default `record_type.event`, and the values the f-string actions are built
from) and in the audit log of a whole world, so a new action without words fails here. The words are each
feature's (`Feature.audit_actions`, `audit_record_types`, in `<package>/audit_labels.py`), merged by the app."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.features import Feature, Registries, registries
from core.models import AuditEntry
from core.states import lifecycles
from tests.conftest import RolledBackDatabase
from tests.site_world import build_world

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"(?:audit\.record\(|action=)\"([a-z_.]+)\"")
RECORD_TYPE = re.compile(r"audit\.record\([^,]+, *\"([a-z_]+)\"|audit_as=\(\"([a-z_]+)\"|record_type=\"([a-z_]+)\"")
# The f-string actions, each with every value it is built from.
BUILT = {
    "account.{reason}": ("sign_out", "quick_exit"), "application.{outcome}": ("hired", "not_hired"),
    "contact.proposal_{outcome}": ("accepted", "refused"), "grant_application.{decision}": ("approve", "changes",
                                                                                        "decline"),
    "order.line_{final_status}": ("cancelled", "refunded"),
    "order.lines_{status}": ("packed", "shipped", "ready_for_pickup", "completed"),
    "post.review.{decision}": ("approve", "changes", "reject"),
    "grant_application.{event}": ("accept_award", "decline_award"),
    "{record_type}.translate": ("course", "grant_round", "product", "enterprise"),
}


def _source() -> str:
    folders = ("core", "accounts", "privacy", "impact", "training", "grants", "marketplace")
    return "\n".join(path.read_text(encoding="utf-8") for folder in folders for path in (ROOT / folder).rglob("*.py"))


def _actions_in_code() -> set[str]:
    from training.applications import STAFF_STEPS
    source = _source()
    actions = set(LITERAL.findall(source))
    for pattern, values in BUILT.items():
        assert f'f"{pattern}"' in source, f"{pattern} is no longer built: update BUILT"
        actions |= {re.sub(r"\{[a-z_]+\}", value, pattern) for value in values}
    actions |= {f"pathway.{step}" for step in STAFF_STEPS}
    actions |= {f"{lifecycle.record_type}.{event}" for lifecycle in lifecycles().values()
                for event in lifecycle.events}
    return actions


def test_every_action_and_record_type_in_the_code_has_words(app):
    ACTIONS, RECORD_TYPES = registries(app).audit_actions, registries(app).audit_record_types
    found = re.findall(r'f"[a-z_.]*\{[a-z_]+\}[a-z_.]*"', "\n".join(
        line for line in _source().splitlines() if "audit.record(f" in line or "action=f" in line))
    assert {f[2:-1] for f in found} <= set(BUILT) | {"{self.record_type}.{event}", "pathway.{step}"}, \
        "a new built action: add it to BUILT with its values"
    assert sorted(_actions_in_code() - set(ACTIONS)) == []
    types = {name for match in RECORD_TYPE.findall(_source()) for name in match if name}
    types |= {lifecycle.record_type for lifecycle in lifecycles().values()}
    assert sorted(types - set(RECORD_TYPES)) == []


@pytest.mark.real_commits
def test_every_action_a_whole_world_wrote_has_words(app):
    ACTIONS, RECORD_TYPES = registries(app).audit_actions, registries(app).audit_record_types
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
            written = set(db.session.scalars(sa.select(AuditEntry.action).distinct()))
            types = set(db.session.scalars(sa.select(AuditEntry.record_type).distinct()))
    assert len(written) > 20
    assert sorted(written - set(ACTIONS)) == []
    assert sorted(t for t in types - set(RECORD_TYPES) if t) == []


def test_the_audit_log_reads_every_features_words_and_each_code_has_one_owner(app):
    from flask_babel import lazy_gettext as _l

    from core.labels import code_label

    with app.app_context():  # one feature's words, another's, through the one code list the log page reads
        assert code_label("audit_action", "order.place") == "Order placed"
        assert code_label("audit_action", "consent.give") == "Agreement given"
        assert code_label("audit_record_type", "grant_round") == "Grant round"
    found = Registries()
    found.add(Feature("one", audit_actions={"thing.do": _l("Done")}))
    with pytest.raises(ValueError, match="thing.do"):
        found.add(Feature("two", audit_actions={"thing.do": _l("Done again")}))
