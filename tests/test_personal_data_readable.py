"""A person's own data reads as words, for every section and every person of the world: each exported field is
named (no raw field names), each stored code has its words in every list it comes from, and the page in Thai
shows no Python values (lists in brackets, True/False/None) and no field or code names."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.labels import code_kinds
from core.models import User
from privacy.services import data_sections
from tests.conftest import RolledBackDatabase, post_form, sign_in
from tests.site_world import DEMO_PASSWORD, build_world

pytestmark = pytest.mark.real_commits  # it builds its own world in a rolled-back transaction

VALUE_KINDS = {None, "yes_no", "date", "moment", "number", "baht", "satang", "hour"}


def _codes_of(kind: str, value) -> list[tuple[str, object]]:
    """(code list, code) pairs a value of this kind holds."""
    if value is None or value == "":
        return []
    if kind.startswith("list:"):
        return [(kind[5:], item) for item in value]
    if kind.startswith("levels:"):
        _prefix, codes, levels = kind.split(":")
        return [(codes, code) for code in value] + [(levels, level) for level in value.values()]
    return [(kind, value)]


def test_every_field_of_everyones_data_is_named_and_every_code_has_words(app):
    with RolledBackDatabase(app):
        with app.app_context(), app.test_request_context():
            build_world()
            people = db.session.scalars(sa.select(User).where(User.anonymised_at.is_(None))).all()
            kinds = code_kinds()
            unnamed, unknown, seen = set(), set(), set()
            for person in people:
                for section in data_sections():
                    for row in section.export(person):
                        for key, value in row.items():
                            seen.add((section.name, key))
                            spec = section.fields.get(key)
                            if spec is None:
                                unnamed.add((section.name, key))
                                continue
                            if spec.kind in VALUE_KINDS:
                                continue
                            for code_list, code in _codes_of(spec.kind, value):
                                if code not in kinds[code_list]:
                                    unknown.add((section.name, key, code_list, code))
            assert unnamed == set(), "fields without words (add them to the section's fields)"
            assert unknown == set(), "codes without words"
            assert {name for name, _key in seen} >= {"account", "training_profile", "training_applications",
                                                      "training_pathway", "training_check_ins",
                                                      "grant_applications", "consents", "messages"}


RAW = re.compile(r"\[\s*'|\{\s*'|\bTrue\b|\bFalse\b|\bNone\b|\b[a-z]+_[a-z_]+\b")


def test_the_data_page_in_thai_shows_words_not_values_or_codes(app):
    with RolledBackDatabase(app):
        with app.app_context():
            people = build_world()
            login = people["participant"].email
        client = app.test_client()
        sign_in(client, login, DEMO_PASSWORD)
        post_form(client, "/language", {"language": "th", "next": "/me/data"})
        page = client.get("/me/data").get_data(as_text=True)
        records = re.findall(r'<dl class="record">(.*?)</dl>', page, re.S)
        assert len(records) > 10
        shown = " ".join(re.sub(r"<[^>]+>", " ", record) for record in records)
        found = sorted(set(RAW.findall(shown)))
        assert found == [], f"raw values or codes on the data page: {found}"
