"""Text screening of what employers write: every rule's own examples, the labelled set of ads (thresholds per
the issue, printed per language and indicator by bench/screening.py), the normalisation that real text needs,
and the post that says in words what its tick boxes deny."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from training import screening

ADS = [json.loads(line) for line in
       (Path(screening.__file__).with_name("evaluation_ads.jsonl")).read_text(encoding="utf-8").splitlines()]
EXAMPLES = [(language.code, indicator, *pair) for language in screening.languages().values()
            for indicator, pair in language.examples.items()]


@pytest.mark.parametrize("code,indicator,example,counter_example", EXAMPLES,
                         ids=[f"{c}-{i}" for c, i, *_ in EXAMPLES])
def test_each_indicator_catches_its_example_and_not_its_counter_example_in_every_language(code, indicator, example,
                                                                                          counter_example):
    assert indicator in {f.indicator for f in screening.screen_text(example)}
    assert indicator not in {f.indicator for f in screening.screen_text(counter_example)}


def test_every_language_has_an_example_of_every_indicator():
    for language in screening.LANGUAGES:
        assert set(screening.languages()[language].examples) == set(screening.INDICATORS), language


def _held(ad) -> bool:
    return bool(screening.screen_fields({"title": ad["title"], "description": ad["description"]}))


def test_the_labelled_set_is_large_enough_and_covers_every_indicator_in_every_language():
    deceptive = [a for a in ADS if a["label"] == "deceptive"]
    honest = [a for a in ADS if a["label"] == "honest"]
    assert len(deceptive) >= 120 and len(honest) >= 80
    assert sum(1 for a in honest if a.get("variant") == "negation") >= 15
    assert sum(1 for a in honest if a.get("variant") == "cross_border") >= 8  # honest work abroad publishes
    for language in screening.LANGUAGES:
        covered = {i for a in deceptive if a["language"] == language for i in a["indicators"]}
        assert covered == set(screening.INDICATORS), (language, set(screening.INDICATORS) - covered)
        assert sum(1 for a in honest if a["language"] == language) >= 6, language
    assert {a.get("variant") for a in ADS} >= {"negation", "odd_spacing", "thai_digits", "line_break", "zawgyi",
                                                "look_alike", "spaced_letters", "zero_width", "cross_border"}
    assert [a["id"] for a in ADS if a["id"].startswith("issue-")] == [f"issue-{n}" for n in range(1, 7)]
    assert len({a["id"] for a in ADS}) == len(ADS)
    # Ads added after the first set name where they come from: a page read, or "pattern" (written from the
    # patterns in that guidance), never an invented citation.
    assert all(a["source"] == "pattern" or a["source"].startswith(("https://", "http://"))
               for a in ADS if "source" in a)


@pytest.mark.parametrize("language", screening.LANGUAGES)
def test_in_every_language_95_percent_of_deceptive_ads_are_held_and_90_percent_of_honest_ones_published(language):
    deceptive = [a for a in ADS if a["label"] == "deceptive" and a["language"] == language]
    honest = [a for a in ADS if a["label"] == "honest" and a["language"] == language]
    held = [a["id"] for a in deceptive if _held(a)]
    published = [a["id"] for a in honest if not _held(a)]
    assert len(held) / len(deceptive) >= 0.95, sorted(set(a["id"] for a in deceptive) - set(held))
    assert len(published) / len(honest) >= 0.90, sorted(set(a["id"] for a in honest) - set(published))


# The blind batches whose writers, who never saw the rules, label more indicators per ad than the rules name
# (about 2.5 an ad; an ad is held when any one is found).
GENEROUS_LABELS = ("bm-", "bo-", "bp-", "bq-", "br-")


@pytest.mark.parametrize(("which", "floor"), [("others", 0.90), ("generous", 0.70)])
def test_each_deceptive_ad_is_held_for_most_of_what_it_says(which, floor):
    deceptive = [a for a in ADS if a["label"] == "deceptive"
                 and a["id"].startswith(GENEROUS_LABELS) == (which == "generous")]
    labelled = sum(len(a["indicators"]) for a in deceptive)
    found = sum(len(set(a["indicators"]) & {f.indicator for f in screening.screen_fields(
        {"title": a["title"], "description": a["description"]})}) for a in deceptive)
    assert found / labelled >= floor


@pytest.mark.parametrize("ad", [a for a in ADS if a["id"].startswith("issue-")], ids=lambda a: a["id"])
def test_the_six_ads_of_the_issue_are_held_for_what_they_say(ad):
    found = {f.indicator for f in screening.screen_fields({"description": ad["description"]})}
    assert set(ad["indicators"]) <= found


def test_burmese_typed_in_zawgyi_is_read_as_unicode():
    from myanmar import converter

    unicode_text = "ပတ်စပို့ကို အလုပ်ရှင်က သိမ်းထားမည်။"
    zawgyi = converter.convert(unicode_text, "unicode", "zawgyi")
    assert zawgyi != unicode_text and screening.canonical(zawgyi) == screening.canonical(unicode_text)
    assert [f.indicator for f in screening.screen_text(zawgyi)] == ["documents_kept"]


def test_thai_digits_spacing_and_line_breaks_do_not_hide_a_phrase():
    assert screening.canonical("ค่าหัวคิว ๑๒,๐๐๐ บาท") == "ค่าหัวคิว 12,000 บาท"
    for text in ("ค่า  นาย  หน้า 5,000 บาท", "The employer keeps your\npassport.", "Recruitment   fee 20,000"):
        assert screening.screen_text(text), text


def test_the_flag_keeps_the_sentence_that_raised_it():
    [flag] = screening.screen_text("Good team. The employer keeps your passport for the whole contract. Rice free.",
                                   "description")
    assert (flag.indicator, flag.field) == ("documents_kept", "description")
    assert flag.sentence == "the employer keeps your passport for the whole contract."


def test_a_rule_file_that_breaks_its_own_example_stops_the_start(tmp_path, monkeypatch):
    grammar = {"indicators": {"recruitment_fee": [{"all": ["fee"]}]}}
    broken = {"language": "en", "concepts": {"fee": ["deposit"]},
              "examples": {"recruitment_fee": {"example": "A fee of 500 baht.", "counter_example": "No fee."}}}
    (tmp_path / "grammar.json").write_text(json.dumps(grammar), encoding="utf-8")
    (tmp_path / "en.json").write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setattr(screening, "RULES_FOLDER", tmp_path)
    try:
        with pytest.raises(screening.RuleFileError):
            screening.check_rule_files()
        (tmp_path / "en.json").write_text(json.dumps({**broken, "examples": {"nonsense": {"example": "a",
                                                                                        "counter_example": "b"}}}))
        with pytest.raises(screening.RuleFileError):
            screening.check_rule_files()
        (tmp_path / "en.json").write_text(json.dumps({**broken, "concepts": {"fee": ["(unclosed"]}}))
        with pytest.raises(screening.RuleFileError):
            screening.check_rule_files()
    finally:
        monkeypatch.undo()
        screening.languages.cache_clear()


def test_rules_that_passed_the_check_are_not_checked_again_but_changed_rules_are(tmp_path, monkeypatch):
    grammar = {"indicators": {"recruitment_fee": [{"all": ["fee"]}]}}
    good = {"language": "en", "concepts": {"fee": ["fee"]},
            "examples": {"recruitment_fee": {"example": "A fee of 500 baht.", "counter_example": "Free rice."}}}
    (tmp_path / "grammar.json").write_text(json.dumps(grammar), encoding="utf-8")
    (tmp_path / "en.json").write_text(json.dumps(good), encoding="utf-8")
    checked = tmp_path / "instance"
    checks = []
    real_check = screening.check_rule_files
    monkeypatch.setattr(screening, "RULES_FOLDER", tmp_path)
    monkeypatch.setattr(screening, "check_rule_files", lambda: checks.append(1) or real_check())
    try:
        for _start in range(2):  # two starts (two processes) with the same rules: one check
            monkeypatch.setattr(screening, "_VALIDATED", False)
            screening.validate_once(checked)
        assert len(checks) == 1
        # One word of a rule file changed (and now breaks its example): the next start checks it and stops.
        (tmp_path / "en.json").write_text(json.dumps({**good, "concepts": {"fee": ["deposit"]}}), encoding="utf-8")
        monkeypatch.setattr(screening, "_VALIDATED", False)
        with pytest.raises(screening.RuleFileError):
            screening.validate_once(checked)
        assert len(checks) == 2
    finally:
        monkeypatch.undo()
        screening.languages.cache_clear()


def test_a_text_read_again_after_the_rules_change_is_read_by_the_new_rules(tmp_path, monkeypatch):
    # Readings are kept by text (a post's unchanged fields are screened again on each save): never across rules.
    grammar = {"indicators": {"recruitment_fee": [{"all": ["fee"]}]}}
    rule = {"language": "en", "concepts": {"fee": ["deposit"]},
            "examples": {"recruitment_fee": {"example": "A deposit of 500 baht.", "counter_example": "No money."}}}
    (tmp_path / "grammar.json").write_text(json.dumps(grammar), encoding="utf-8")
    (tmp_path / "en.json").write_text(json.dumps(rule), encoding="utf-8")
    monkeypatch.setattr(screening, "RULES_FOLDER", tmp_path)
    text = "Pay a bond of 500 baht before you start."
    try:
        screening.languages.cache_clear()
        assert screening.screen_text(text) == [] and screening.screen_text(text) == []
        (tmp_path / "en.json").write_text(json.dumps({**rule, "concepts": {"fee": ["deposit", "bond"]}}))
        screening.languages.cache_clear()
        assert [f.indicator for f in screening.screen_text(text)] == ["recruitment_fee"]
    finally:
        monkeypatch.undo()
        screening.languages.cache_clear()


def test_a_post_whose_words_deny_its_ticked_declaration_waits_for_staff(app, training, people):
    from datetime import date

    from core.extensions import db
    from core.models import Role, User
    from tests.training.conftest import CLEAN_POST
    from training import employers

    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    with app.app_context():
        employer = db.session.get(User, employer_id)
        post = employers.save_post(employer, {**CLEAN_POST, "description": "Recruitment fee 15,000 baht, paid back "
                                                                          "from your first salary."},
                                   date(2026, 11, 23))
        assert post.status == "pending_review"
        assert {"text_recruitment_fee", "text_debt", "contradicts_declaration"} <= set(post.red_flags)
        assert post.text_flags[0]["sentence"].startswith("recruitment fee 15,000 baht")


def _flagged_post(app, training, people, description: str, **declarations):
    """A post from a verified employer whose text raised flags, waiting for staff. Returns (post id, employer id)."""
    from datetime import date

    from core.extensions import db
    from core.models import Role, User
    from tests.training.conftest import CLEAN_POST
    from training import employers

    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    training.organisation(employer_id)
    with app.app_context():
        post = employers.save_post(db.session.get(User, employer_id),
                                   {**CLEAN_POST, "description": description, **declarations}, date(2026, 11, 23))
        assert post.status == "pending_review"
        return post.id, employer_id


def test_the_employer_and_staff_see_the_sentence_that_raised_the_flag(app, training, people, signed_in):
    from core.models import Role
    from tests.conftest import sign_in

    post_id, employer_id = _flagged_post(app, training, people,
                                         "Good team. The employer keeps your passport for the whole contract.")
    employer = app.test_client()
    sign_in(employer, people.login_name(employer_id))
    home = employer.get("/employer/").get_data(as_text=True)
    assert "Your text says" in home and "the employer keeps your passport for the whole contract." in home
    assert "If you did not mean this, change it: programme staff then check the post" in home
    staff, _ = signed_in(Role.STAFF)
    page = staff.get(f"/staff/training/posts/{post_id}/review").get_data(as_text=True)
    assert "<mark data-user-content>the employer keeps your passport" in page


def test_approving_a_flagged_post_needs_a_reason_and_a_grave_flag_needs_a_second_person(app, training, people,
                                                                                         signed_in):
    from core.extensions import db
    from core.models import AuditEntry, Role
    from tests.conftest import post_review
    from training.employer_models import WorkPost

    post_id, _ = _flagged_post(app, training, people, "The employer keeps your passport for the whole contract.")
    first, _ = signed_in(Role.STAFF)
    second, _ = signed_in(Role.STAFF)
    url = f"/staff/training/posts/{post_id}/review"
    refused = post_review(first, url, {"decision": "approve", "note": ""})
    assert "Write why it may be published" in refused.get_data(as_text=True)
    post_review(first, url, {"decision": "approve", "note": "Checked by phone: the worker keeps the passport."})
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "pending_review"  # one approval is not enough
    same = post_review(first, url, {"decision": "approve", "note": "Confirming my own approval."})
    assert "Another staff member must confirm" in same.get_data(as_text=True)
    post_review(second, url, {"decision": "approve", "note": "Agree: the wording was a mistake."})
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        assert post.status == "published" and "Checked by phone" in post.approval_reason
        actions = [a.action for a in db.session.query(AuditEntry).filter(AuditEntry.record_id == str(post_id))]
        assert "post.review.first_approval" in actions and "post.review.approve" in actions


def test_participants_see_declarations_only_from_facts_and_questions_for_a_flagged_post(app, training, people,
                                                                                        signed_in):
    from core.extensions import db
    from core.models import Role
    from tests.conftest import post_review
    from training.employer_models import WorkPost

    post_id, _ = _flagged_post(app, training, people, "Recruitment fee 15,000 baht, paid back from your first salary.")
    for _n in range(2):
        staff, _ = signed_in(Role.STAFF)
        post_review(staff, f"/staff/training/posts/{post_id}/review",
                    {"decision": "approve", "note": "The fee is for the uniform, paid by the employer."})
    with app.app_context():
        assert db.session.get(WorkPost, post_id).status == "published"
    page = app.test_client().get(f"/posts/{post_id}").get_data(as_text=True)
    assert "You pay no fee or deposit to get this work." not in page  # the text contradicts that declaration
    assert "You keep your own ID card and passport." in page  # nothing contradicts this one
    assert "Ask: will I pay any fee or deposit, now or from my pay?" in page


@pytest.mark.real_commits  # the CLI command runs in an app context of its own
def test_rescreening_sends_a_post_that_now_has_a_flag_back_to_staff(app, training, people):
    from datetime import date

    from core.extensions import db
    from core.models import OutboxMessage, Role, User
    from tests.training.conftest import CLEAN_POST
    from training import employers
    from training.employer_models import EmployerOrganisation, WorkPost

    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    organisation_id = training.organisation(employer_id)
    with app.app_context():
        db.session.get(EmployerOrganisation, organisation_id).contact_email = "jobs@example.org"
        post = employers.save_post(db.session.get(User, employer_id), dict(CLEAN_POST), date(2026, 11, 23))
        assert post.status == "published"
        # Words the rules of its day did not read (written straight into the table, as an older post would be).
        post.description = "Recruitment fee 500 baht, paid back from your first salary."
        post_id = post.id
    result = app.test_cli_runner().invoke(args=["training", "rescreen"])
    assert result.exit_code == 0 and "sent back to staff: 1" in result.output
    again = app.test_cli_runner().invoke(args=["training", "rescreen"])
    assert "sent back to staff: 0" in again.output
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        assert post.status == "pending_review" and "text_recruitment_fee" in post.red_flags
        [message] = db.session.scalars(db.select(OutboxMessage)).all()
        assert message.recipient == "jobs@example.org" and "fee" in message.body


@pytest.mark.real_commits
def test_the_employer_is_told_in_their_own_language_when_a_post_goes_back_to_staff(app, training, people):
    from datetime import date

    from core.extensions import db
    from core.models import OutboxMessage, Role, User
    from tests.training.conftest import CLEAN_POST
    from training import employers
    from training.employer_models import EmployerOrganisation

    training.wages()
    employer_id = people.make(Role.EMPLOYER)
    organisation_id = training.organisation(employer_id)
    with app.app_context():
        employer = db.session.get(User, employer_id)
        employer.locale, employer.email = "th", "somchai@example.org"
        db.session.get(EmployerOrganisation, organisation_id).contact_email = "somchai@example.org"
        post = employers.save_post(employer, dict(CLEAN_POST), date(2026, 11, 23))
        post.description = "Recruitment fee 500 baht, paid back from your first salary."
        db.session.commit()
    app.test_cli_runner().invoke(args=["training", "rescreen"])
    with app.app_context():
        [message] = db.session.scalars(db.select(OutboxMessage)).all()
        assert message.recipient == "somchai@example.org"
        assert CLEAN_POST["title"] in message.subject and "waits" not in message.subject
        assert "safe-recruitment" not in message.body and "fee" not in message.body.lower()
        assert re.search("[\u0e00-\u0e7f]{5}", message.subject) and re.search("[\u0e00-\u0e7f]{5}", message.body)


def test_the_benchmark_stops_at_an_option_it_does_not_know_before_reading_any_set():
    """A tuner ran `bench/screening.py --help`: the script ignored the option, ran in full and printed the
    held-out sets' figures and the ids of their misses to someone who must never see them."""
    from bench import screening as bench

    for arguments in (["--help"], ["--developement"], ["--development", "-h"]):
        with pytest.raises(SystemExit) as stopped:
            bench.refuse_unknown_options(arguments)
        assert "unknown option" in str(stopped.value)
    bench.refuse_unknown_options(["--development", "--no-cross-validation", "--sample", "60"])
