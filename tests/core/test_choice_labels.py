"""Each radio and tick box sits inside its own label (so it stays beside its words, not on a line above them),
and the label still names it (for=), for every kind of choice the form macro draws."""
from __future__ import annotations

from flask import render_template_string

from tests.html_facts import page_facts
from training.forms import CheckInForm

PAGE = ('{% from "macros.html" import field %}'
        '{% for f in form if f.type != "CSRFTokenField" %}{{ field(f) }}{% endfor %}')


def test_every_radio_and_tick_box_is_inside_the_label_that_names_it(app):
    with app.test_request_context():
        html = render_template_string(PAGE, form=CheckInForm(meta={"csrf": False}))
    facts = page_facts(html)
    radios = [r for r in facts.radios if r.name in ("still_working", "paid_as_promised")]
    assert len(radios) == 5
    for radio in radios:
        assert radio.inside_label and radio.inside_label == facts.labels[radio.id]
    # The tick boxes (several choices, and one alone) the same way.
    for name in ("problems", "wants_help"):
        boxes = facts.checkboxes_named(name)
        assert boxes and all(box.inside_label and box.inside_label == facts.labels[box.id] for box in boxes)
    assert "I would like someone from the programme to contact me" in facts.labels["wants_help"]


def test_the_style_sheet_puts_a_choice_beside_its_words(app):
    css = (app.static_folder and open(f"{app.static_folder}/css/site.css", encoding="utf-8").read()) or ""
    assert ".options label, .field label.check { display: flex;" in css
