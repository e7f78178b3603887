"""The screening's second opinion: a character n-gram classifier that can only hold a post, never publish one."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from tests.conftest import post_form, sign_in
from tests.training.conftest import CLEAN_POST
from tests.training.test_employers import POST_FORM
from training import screening
from training.employer_models import WorkPost
from training.safety import red_flags, text_flags
from training.screening import second_opinion

ON = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[2]
# From the development set's en-dy-10 without its sentences the rules read: an advance paid to the family is how a
# debt starts, but no cost or repayment is named, so no rule holds it.
UNSEEN_BY_RULES = ("Fishing crew", "An advance of 10,000 baht is given to your family")


def test_a_deceptive_ad_no_rule_catches_is_held_with_the_sentences_that_weighed(app, ctx):
    title, description = UNSEEN_BY_RULES
    assert screening.screen_fields({"title": title, "description": description}) == []
    post = WorkPost(**{**CLEAN_POST, "title": title, "description": description})
    post.text_flags = text_flags(post)
    [flag] = post.text_flags
    assert flag["indicator"] == "reads_like_deceptive" and flag["score"] > second_opinion.model().threshold
    assert "an advance of 10,000 baht is given to your family" in flag["sentences"]
    assert "text_reads_like_deceptive" in red_flags(post, True, ON)


def test_it_can_be_turned_off_and_never_takes_a_rule_flag_away(app, ctx):
    title, description = UNSEEN_BY_RULES
    post = WorkPost(**{**CLEAN_POST, "title": title, "description": description})
    app.config["SCREENING_SECOND_OPINION"] = False
    try:
        assert text_flags(post) == []
        post.description = "Recruitment fee 15,000 baht, paid back from your first salary."
        ruled = {flag["indicator"] for flag in text_flags(post)}
    finally:
        app.config["SCREENING_SECOND_OPINION"] = True
    assert {"recruitment_fee", "debt"} <= ruled
    assert ruled <= {flag["indicator"] for flag in text_flags(post)}


def test_no_honest_development_ad_is_held_by_it_alone_in_cross_validation():
    ads = second_opinion.load_ads()
    scores = second_opinion.cross_validated_scores(ads)
    threshold = second_opinion.model().threshold
    held = [ad["id"] for ad in ads if ad["label"] == "honest" and scores[ad["id"]] > threshold]
    assert held == []
    # The committed weights are the ones the command writes: the same threshold from the same folds.
    assert second_opinion.threshold_from(ads, scores) == pytest.approx(threshold, abs=1e-3)


@pytest.mark.parametrize("text", ["ဝန်ထမ်းခေါ်ယူသည်", "ជ្រើសរើសបុគ្គលិកលក់", "Tuyển nhân viên bán hàng",
                                  "รับสมัครพนักงาน", "Cook wanted"])
def test_a_bare_title_is_too_short_to_judge(text):
    assert second_opinion.second_opinion([("post", text)]) is None


def test_the_weights_are_plain_json_and_nothing_is_pickled():
    data = json.loads(second_opinion.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data["weights"], dict) and isinstance(data["threshold"], float)
    unpickling = re.compile(r"^\s*(from|import)\s+(c?pickle|_pickle|joblib|shelve|dill)\b|\bpickle\.loads?\(", re.M)
    for folder in ("training", "bench", "core"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not unpickling.search(path.read_text(encoding="utf-8")), path
        assert not [p for p in (ROOT / folder).rglob("*") if p.suffix in {".pkl", ".pickle", ".joblib"}]


def test_staff_see_the_sentences_the_employer_only_the_reason(app, training, signed_in, people):
    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    title, description = UNSEEN_BY_RULES
    post_form(employer, "/employer/posts/new", {**POST_FORM, "title": title, "description": description})
    with app.app_context():
        post_id, status, flags = db.session.execute(sa.select(WorkPost.id, WorkPost.status, WorkPost.red_flags)).one()
    assert (status, flags) == ("pending_review", ["text_reads_like_deceptive"])
    own_page = employer.get("/employer/").get_data(as_text=True)
    assert "Reads like deceptive ads we know." in own_page and "weighed most" not in own_page
    staff, _ = signed_in(Role.STAFF)
    page = staff.get(f"/staff/training/posts/{post_id}/review").get_data(as_text=True)
    assert "Reads like deceptive ads we know." in page and "The sentences that weighed most:" in page
    assert "an advance of 10,000 baht is given to your family" in page
    assert title not in app.test_client().get("/opportunities").get_data(as_text=True)
