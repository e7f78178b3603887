"""Courses and posts written in several languages: the reader's language shown, else the author's first one with
a quiet note; a search in any language finds them; a post's other languages pass the same safe-recruitment
check as its first text, for every deceptive ad of the labelled set."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from core import content_languages
from core.content_languages import LanguageTaken, set_translation, shown
from core.extensions import db
from core.models import Role, User
from tests.conftest import post_form, sign_in
from tests.training.conftest import CLEAN_POST
from training import courses, employers, listings, screening
from training.employer_models import WorkPost
from training.models import Course

ON = date(2026, 11, 23)
ADS = [json.loads(line) for line in
       (Path(screening.__file__).with_name("evaluation_ads.jsonl")).read_text(encoding="utf-8").splitlines()]
# A third of the corpus, every third ad of each language and label: the translation path is one path whatever the
# words (the rules' reading of every ad is tested in test_screening.py); the whole corpus took two minutes of CI.
THIRD = [ad for key in sorted({(a["language"], a["label"]) for a in ADS})
         for ad in [a for a in ADS if (a["language"], a["label"]) == key][::3]]
BARISTA_MY = {"title": "ကော်ဖီဖျော်သင်တန်း", "description": "ကော်ဖီ ဖျော်နည်း သင်ယူပါ။"}


def _course(training) -> int:
    return training.course(title="Barista course", description="Make coffee and serve customers.",
                           text_language="en")


def test_the_reader_sees_their_language_else_the_first_one_with_a_note(app, training, client):
    course_id = _course(training)
    with app.test_request_context():
        course = db.session.get(Course, course_id)
        set_translation(course, "my", BARISTA_MY)
        db.session.commit()
        assert shown(course, "title", "my") == content_languages.Shown(BARISTA_MY["title"], "my", False)
        assert shown(course, "title", "km") == content_languages.Shown("Barista course", "en", True)
        assert shown(course, "title", "en").other_language is False
        assert shown(course, "prerequisites", "my").text == ""  # not written in any language: nothing shown
    post_form(client, "/language", {"language": "my", "next": "/"})
    page = client.get(f"/courses/{course_id}").get_data(as_text=True)
    assert f'<span lang="my" data-user-content>{BARISTA_MY["title"]}</span>' in page
    assert "Barista course" not in page and 'class="hint"' not in page.split("<h1>")[1].split("</dl>")[0]
    post_form(client, "/language", {"language": "km", "next": "/"})
    page = client.get(f"/courses/{course_id}").get_data(as_text=True)
    assert '<span lang="en" data-user-content>Barista course</span>' in page
    note = page.split("</h1>")[1].split("</p>")[0]
    assert 'lang="en">English</span>' in note and "Shown in" not in note  # the note itself is in Khmer
    listing = client.get("/opportunities").get_data(as_text=True)
    assert '(<span lang="en">English</span>)' in listing


@pytest.mark.parametrize("words", ["ကော်ဖီဖျော်", "barista", "coffee"])
def test_a_search_in_any_language_finds_the_course(app, training, words):
    course_id = _course(training)
    training.course(title="Sewing", description="Sew clothes.")
    with app.test_request_context():
        set_translation(db.session.get(Course, course_id), "my", BARISTA_MY)
        db.session.commit()
        found, total = listings.search(q=words, kind="course")
        assert [listing.item.id for listing in found] == [course_id] and total == 1


def test_all_boxes_empty_removes_a_language_and_the_first_language_stays_one(app, training, people):
    course_id = _course(training)
    staff = people.make(Role.STAFF)
    with app.test_request_context():
        course = db.session.get(Course, course_id)
        courses.translate_course(db.session.get(User, staff), course, "my", BARISTA_MY)
        assert course.languages_written() == ["en", "my"] and "ကော်ဖီ" in course.translated_text
        with pytest.raises(LanguageTaken):  # Burmese has its own text already
            content_languages.check_first_language(course, "my")
        courses.translate_course(db.session.get(User, staff), course, "my", {"title": " ", "description": ""})
        assert course.translations == {} and course.translated_text == ""
        with pytest.raises(ValueError):
            set_translation(course, "en", {"title": "Twice"})  # the first language is the course's own columns


def test_staff_write_a_course_in_another_language_on_its_page(app, training, signed_in):
    course_id = _course(training)
    client, _ = signed_in(Role.STAFF)
    page = client.get(f"/staff/training/courses/{course_id}/languages?language=my").get_data(as_text=True)
    assert 'name="title"' in page
    response = post_form(client, f"/staff/training/courses/{course_id}/languages?language=my",
                         {"language": "my", **BARISTA_MY})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Course, course_id).translations == {"my": BARISTA_MY}
    too_long = post_form(client, f"/staff/training/courses/{course_id}/languages",
                         {"language": "lo", "title": "x" * 161})
    assert too_long.status_code == 200
    with app.app_context():
        assert "lo" not in db.session.get(Course, course_id).translations


def _employer_with_post(app, training, people) -> tuple[int, int]:
    employer_id = people.make(Role.EMPLOYER)
    organisation_id = training.organisation(employer_id)
    training.wages()
    return employer_id, training.post(organisation_id)


def _translated(app, employer_id, post_id, language, texts) -> WorkPost:
    with app.test_request_context():
        post = db.session.get(WorkPost, post_id)
        employers.translate_post(db.session.get(User, employer_id), post, language, texts, ON)
        db.session.commit()
        return post


@pytest.mark.slow  # a third of the corpus, in each language
def test_every_deceptive_ad_waits_for_staff_when_written_as_another_language_of_an_honest_post(
        app, training, people):
    employer_id, post_id = _employer_with_post(app, training, people)
    # The rules' reading of each language: the second opinion (which can only hold, and may hold an honest ad
    # at its thresholds) reads translations too, and is tested so in test_screening_second_opinion.py.
    app.config["SCREENING_SECOND_OPINION"] = False
    try:
        checked = 0
        for ad in THIRD:
            caught_alone = bool(screening.screen_fields({"title": ad["title"], "description": ad["description"]}))
            language = ad["language"] if ad["language"] != "en" else "th"
            with app.test_request_context():
                post = db.session.get(WorkPost, post_id)
                employers.translate_post(db.session.get(User, employer_id), post, language,
                                         {"title": ad["title"], "description": ad["description"]}, ON)
                assert (post.status == "pending_review") == caught_alone, ad["id"]
                db.session.rollback()
            checked += 1
    finally:
        app.config["SCREENING_SECOND_OPINION"] = True
    assert checked == len(THIRD) and sum(a["label"] == "deceptive" for a in THIRD) >= 400
    deceptive = [a for a in ADS if a["label"] == "deceptive"]
    assert {(a["language"], i) for a in THIRD if a["label"] == "deceptive" for i in a["indicators"]} == {
        (a["language"], i) for a in deceptive for i in a["indicators"]}  # every indicator in every language


def test_a_fee_written_only_in_burmese_holds_a_published_post_and_tells_the_employer(
        app, training, people, client):
    employer_id, post_id = _employer_with_post(app, training, people)
    [ad] = [a for a in ADS if a["id"] == "my-d-6"]
    post = _translated(app, employer_id, post_id, "my", {"title": ad["title"], "description": ad["description"]})
    with app.app_context():
        post = db.session.get(WorkPost, post_id)
        assert post.status == "pending_review" and "text_recruitment_fee" in post.red_flags
        assert any(flag["field"].endswith("(my)") for flag in post.text_flags)
    assert client.get(f"/posts/{post_id}").status_code == 404  # not public while it waits


def test_an_employer_cannot_write_another_organisations_post(app, training, people):
    _, post_id = _employer_with_post(app, training, people)
    stranger = people.make(Role.EMPLOYER)
    training.organisation(stranger, number="0105500000002")
    with app.test_request_context(), pytest.raises(employers.EmployerError):
        employers.translate_post(db.session.get(User, stranger), db.session.get(WorkPost, post_id), "my",
                                 {"title": "x"}, ON)
    client = app.test_client()
    sign_in(client, people.login_name(stranger))
    assert client.get(f"/employer/posts/{post_id}/languages").status_code == 404


def test_the_post_form_says_which_language_its_words_are_in(app, training, signed_in, people):
    client, employer_id = signed_in(Role.EMPLOYER)
    training.organisation(employer_id)
    training.wages()
    post_form(client, "/language", {"language": "th", "next": "/"})
    form = client.get("/employer/posts/new").get_data(as_text=True)
    assert re.search(r'<option lang="th" selected value="th">ไทย</option>', form)
    values = {k: v for k, v in CLEAN_POST.items() if not isinstance(v, bool | list)}
    response = post_form(client, "/employer/posts/new", {**values, "days": ["0", "1"], "text_language": "th",
                                                          **{k: "y" for k, v in CLEAN_POST.items() if v is True}})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(WorkPost.text_language)) == "th"


def test_a_grant_rounds_name_in_the_applicants_language(app, grants_factory, signed_in):
    from grants.models import GrantRound
    with app.app_context():
        round_id = grants_factory.round()
        db.session.commit()
    staff, _ = signed_in(Role.STAFF)
    assert "Other languages" in staff.get(f"/staff/grants/rounds/{round_id}").get_data(as_text=True)
    response = post_form(staff, f"/staff/grants/rounds/{round_id}/languages?language=km",
                         {"language": "km", "name": "ជំនួយអាជីវកម្មតូច ២០២៦"})
    assert response.status_code == 302
    participant, _ = signed_in(Role.PARTICIPANT)
    post_form(participant, "/language", {"language": "km", "next": "/"})
    with app.app_context():
        assert db.session.get(GrantRound, round_id).translations == {"km": {"name": "ជំនួយអាជីវកម្មតូច ២០២៦"}}
    home = participant.get("/grants").get_data(as_text=True)
    assert '<span lang="km" data-user-content>ជំនួយអាជីវកម្មតូច ២០២៦</span>' in home
    post_form(participant, "/language", {"language": "lo", "next": "/"})
    assert '<span lang="en" data-user-content>Small business 2026</span>' in participant.get("/grants").get_data(
        as_text=True)


@pytest.fixture
def grants_factory(app, people):
    from tests.grants.conftest import Grants
    return Grants(app, people)
