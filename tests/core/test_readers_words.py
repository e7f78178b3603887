"""Each reader's own wording, the means (core.labels, core.forms.reword): the participant reads words said to
them or for them, anyone else reads the same thing said of the participant. The crawl of every work page is
tests/test_readers_own_wording.py (slow)."""
from __future__ import annotations

from flask import render_template_string

from core.forms import reword
from core.labels import code_kinds, code_label, readable
from privacy.services import data_sections
from training.forms import CHECK_IN_WORDS_FOR_STAFF, PROFILE_WORDS_FOR_STAFF, CheckInForm, ProfileForm
from training.profiles import PROFILE_DATA_FIELDS

PAGE = ('{% from "macros.html" import field %}'
        '{% for f in form if f.type not in ("CSRFTokenField", "SubmitField") %}{{ field(f) }}{% endfor %}'
        '{{ form.submit.label.text }}')


def test_a_code_list_twin_says_it_of_the_participant_and_has_the_same_codes(app):
    with app.test_request_context():
        kinds = code_kinds()
        twins = {kind for kind in kinds if kind.endswith(".about")}
        assert {"application_status.about", "check_in_problem.about", "shareable_field.about"} <= twins
        for twin in twins:
            assert set(kinds[twin]) == set(kinds[twin.removesuffix(".about")]), twin
        assert code_label("application_status", "accepted") == "You said yes to this offer"
        assert code_label("application_status", "accepted", about=True) == "Said yes to this offer"
        assert code_label("hire_outcome", "hired", about=True) == "Hired"  # a list with no twin: its own words
        assert render_template_string("{{ 'email'|label('shareable_field', about=True) }}") == "E-mail"


def test_a_field_and_a_section_have_words_for_the_person_and_for_others(app):
    with app.test_request_context():
        skills = PROFILE_DATA_FIELDS["skills"]
        assert (str(skills.label_for(True)), str(skills.label_for(False))) == ("My skills", "Skills")
        assert readable(PROFILE_DATA_FIELDS["goal"], "business") == "My own business"
        assert readable(PROFILE_DATA_FIELDS["goal"], "business", own=False) == "Their own business"
        profile = next(s for s in data_sections() if s.name == "training_profile")
        assert (str(profile.title_for(True)), str(profile.title_for(False))) == ("Your profile", "Profile")
        rows = profile.readable([{"languages_spoken": ["th"], "goal": "business"}], own=False)
        assert rows == [[("Languages spoken", "Thai"), ("Goal", "Their own business")]]


def test_a_participants_form_reworded_for_staff_keeps_its_fields_and_rules(app):
    with app.test_request_context():
        mine = render_template_string(PAGE, form=CheckInForm(prefix="call", meta={"csrf": False}))
        staffs = render_template_string(PAGE, form=reword(CheckInForm(prefix="call", meta={"csrf": False}),
                                                          CHECK_IN_WORDS_FOR_STAFF))
        profile = reword(ProfileForm(meta={"csrf": False}), PROFILE_WORDS_FOR_STAFF)
    assert "Yes, I still work there" in mine and "Send my answers" in mine
    assert "Yes, still working there" in staffs and "Was asked to pay a fee or a deposit" in staffs
    assert "Save the answers" in staffs and " I " not in staffs and "my answers" not in staffs
    assert mine.count('name="call-') == staffs.count('name="call-') and mine.count("<input") == staffs.count("<input")
    assert str(profile.goal.label.text) == "What would they like next?"
    assert dict((c.value, str(c.label)) for c in profile.goal.choices)["business"] == "Their own business"
