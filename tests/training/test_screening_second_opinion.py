"""The screening's second opinion: a classifier over character n-grams and words that can only hold a post, never
publish one."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.config import second_opinion_threshold
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
    assert flag["indicator"] == "reads_like_deceptive" and flag["score"] > second_opinion.model().thresholds["en"]
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


# Issue 27: a licensed employer's boilerplate around one deceptive sentence pulls the whole text's score down.
BOILERPLATE = ("Siam Fresh Foods Co., Ltd. is hiring packers for its Bangkok plant. Shifts are 08:00-17:00 with one "
               "day off a week and overtime at 1.5 times by law. Social security from the first day, lunch in the "
               "canteen. ")


def test_honest_padding_around_a_deceptive_sentence_does_not_hide_it():
    text = f"Packers wanted\n{BOILERPLATE}An advance of 10,000 baht is given to your family before you start. Apply " \
           "with your CV by email."
    classifier = second_opinion.model()
    assert screening.screen_text(text) == []
    assert classifier.score(text) <= classifier.thresholds["en"]  # the whole text reads honest
    opinion = second_opinion.second_opinion([("description", text)])
    assert opinion is not None and opinion.holds
    assert opinion.threshold == classifier.window_thresholds["en"]
    assert any("advance of 10,000 baht" in sentence for sentence in opinion.sentences)
    honest = f"Packers wanted\n{BOILERPLATE}Apply with your CV by email or visit our office on Rama IV Road."
    assert not second_opinion.second_opinion([("description", honest)]).holds


def test_without_window_thresholds_only_the_whole_text_is_read():
    classifier = second_opinion.model()
    plain = second_opinion.Model(classifier.weights, classifier.bias, classifier.threshold, classifier.thresholds)
    # With its closing line: without it, the retrained weights read the whole text as deceptive already.
    text = f"Packers wanted\n{BOILERPLATE}An advance of 10,000 baht is given to your family before you start. Apply " \
           "with your CV by email."
    assert plain.window_thresholds == {} and plain.score(text) <= plain.thresholds["en"]


@pytest.mark.slow  # fifteen trainings: the cross-validation the command runs
def test_each_language_threshold_holds_at_most_5_percent_of_its_honest_ads_in_cross_validation():
    ads = second_opinion.load_ads()
    scores, window_scores = second_opinion.cross_validated_both(ads)
    committed = second_opinion.model().thresholds
    assert set(committed) == set(second_opinion.LANGUAGES)
    for language in second_opinion.LANGUAGES:
        honest = [s for ad in ads if ad["label"] == "honest" and ad["language"] == language for s in scores[ad["id"]]]
        held = sum(score > committed[language] for score in honest)
        assert held <= 0.05 * len(honest), language
    # The committed weights are the ones the command writes: the same thresholds from the same folds.
    chosen = second_opinion.thresholds_from(ads, scores)
    assert chosen == pytest.approx(committed, abs=1e-3)
    # With the windows (one sentence or two, read alone) as well: still at most 5% of each language's honest ads
    # held in most cross-validations, by the whole text or by a window.
    windows = second_opinion.model().window_thresholds
    assert windows == pytest.approx(second_opinion.window_thresholds_from(ads, scores, window_scores), abs=1e-3)
    for language in second_opinion.LANGUAGES:
        honest = [ad["id"] for ad in ads if ad["label"] == "honest" and second_opinion.language_of(
            second_opinion.reading(f"{ad['title']}\n{ad['description']}")) == language]
        held = sum(second_opinion.held_in_most(scores[i], committed[language])
                   or (language in windows and second_opinion.held_in_most(window_scores[i], windows[language]))
                   for i in honest)
        assert held <= 0.05 * len(honest), language


def test_the_threshold_is_chosen_from_honest_scores_alone():
    # 26 honest scores, highest first: 5% of 26 is 1, so one may be above the threshold.
    honest = [3.0, 2.0, *[1.0 - i / 100 for i in range(24)]]
    assert second_opinion.threshold_at(honest) == 2.0
    assert sum(score > second_opinion.threshold_at(honest) for score in honest) == 1
    assert second_opinion.threshold_at(honest[:19]) == 3.0  # fewer than 20: none may be held


@pytest.mark.parametrize(("text", "language"), [
    ("รับสมัครพนักงานโรงแรม เงินเดือน 15,000 บาท", "th"),
    ("ຮັບສະໝັກພະນັກງານໂຮງແຮມ ເງິນເດືອນ 2,500,000 ກີບ", "lo"),
    ("ဟိုတယ်ဝန်ထမ်းခေါ်ယူသည် လစာ ၃၀၀,၀၀၀ ကျပ်", "my"),
    ("ជ្រើសរើសបុគ្គលិកសណ្ឋាគារ ប្រាក់ខែ ៣០០ ដុល្លារ", "km"),
    ("Tuyển nhân viên khách sạn, lương 8 triệu đồng", "vi"),
    ("Tuyen nhan vien khach san, luong 8 trieu dong", "vi"),
    ("Barista in our café, 450 baht a day, weekends off", "en"),
])
def test_the_language_is_read_from_the_letters(text, language):
    assert second_opinion.language_of(second_opinion.reading(text)) == language


def test_each_language_is_held_above_its_own_threshold_and_the_setting_may_name_some():
    thai = "รับสมัครพนักงานโรงแรม เงินเดือน 15,000 บาท มีประกันสังคม ทำงานสัปดาห์ละ 6 วัน"
    english = "Cook wanted for our restaurant in Chiang Mai, 12,000 baht a month, two days off a week."
    committed = second_opinion.model().thresholds
    for text, language in ((thai, "th"), (english, "en")):
        opinion = second_opinion.second_opinion([("post", text)])
        assert opinion is not None and not opinion.holds
        assert (opinion.language, opinion.threshold) == (language, committed[language])
    # One language's own threshold: that language only.
    assert second_opinion.second_opinion([("post", thai)], {"th": -100.0}).holds
    assert not second_opinion.second_opinion([("post", english)], {"th": -100.0}).holds
    # One number: every language.
    assert second_opinion.second_opinion([("post", english)], -100.0).holds
    # Of a post's texts, the one furthest above its own language's threshold is the one shown.
    opinion = second_opinion.second_opinion([("post", english), ("post (th)", thai)], {"th": -100.0})
    assert opinion.holds and opinion.field == "post (th)" and opinion.language == "th"


@pytest.mark.parametrize(("value", "read"), [
    (None, None), ("", None), (" ", None), ("1.5", 1.5), ("-0.2", -0.2),
    ("th=0.9, my=0.4", {"th": 0.9, "my": 0.4}), ("km=1", {"km": 1.0}),
])
def test_the_threshold_setting_is_a_number_or_numbers_by_language(value, read):
    assert second_opinion_threshold(value) == read


@pytest.mark.parametrize("value", ["high", "th=", "=0.5", "th=0.9,, my=0.4", "th=low"])
def test_a_threshold_setting_that_is_neither_stops_the_start(value):
    with pytest.raises(ValueError):
        second_opinion_threshold(value)


@pytest.mark.parametrize("text", ["ဝန်ထမ်းခေါ်ယူသည်", "ជ្រើសរើសបុគ្គលិកលក់", "Tuyển nhân viên bán hàng",
                                  "รับสมัครพนักงาน", "Cook wanted"])
def test_a_bare_title_is_too_short_to_judge(text):
    assert second_opinion.second_opinion([("post", text)]) is None


def test_the_weights_are_plain_json_small_enough_and_nothing_is_pickled():
    data = json.loads(second_opinion.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data["weights"], dict) and isinstance(data["threshold"], float)
    assert all(isinstance(t, float) for t in data["thresholds"].values())
    assert len(data["weights"]) <= second_opinion.MAX_FEATURES
    assert second_opinion.WEIGHTS_FILE.stat().st_size < 1_500_000
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
