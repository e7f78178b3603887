"""Occupations are found by words in English or Thai, or by code; the form keeps the code."""
from __future__ import annotations

import csv

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from tests.conftest import post_form
from tests.training.test_views import COURSE
from training import occupations
from training.geo import DATA
from training.models import Course


def test_the_classification_has_every_unit_group_and_thai_titles_for_the_programmes_work():
    rows = list(csv.DictReader((DATA / "isco08_unit_groups.csv").open(encoding="utf-8")))
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) == 436 and all(len(code) == 4 and code.isdigit() for code in codes)
    thai = [row for row in rows if row["title_th"]]
    assert len(thai) >= 100
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in row["title_th"]) for row in thai)
    # The codes the demo courses and posts use, and the common work of the programme, read in Thai.
    for code in ("5120", "5131", "5132", "7313", "7531", "7533", "8153", "9112", "5322", "6111", "9412"):
        assert occupations.title_of(code, "th") != occupations.title_of(code, "en"), code
    assert occupations.title_of("2111", "th") == "Physicists and astronomers"  # no Thai yet: English


def test_search_by_english_or_thai_words_or_by_code():
    assert "7533" in [o.code for o in occupations.search("sewing embroidery")]
    assert "7531" in [o.code for o in occupations.search("ตัดเสื้อ", "th")]
    assert [o.code for o in occupations.search("5120")] == ["5120"]
    assert {o.code for o in occupations.search("51", limit=50)} >= {"5111", "5120", "5169"}
    assert occupations.search("") == [] and occupations.search("zzzz no such work") == []
    assert occupations.code_in("5120 Cooks") == "5120" and occupations.code_in("9999") is None


def test_staff_type_words_and_choose_and_the_course_keeps_the_code(app, signed_in):
    staff, _ = signed_in(Role.STAFF)
    several = post_form(staff, "/staff/training/courses/new", {**COURSE, "isco_code": "cook"})
    text = several.get_data(as_text=True)
    assert several.status_code == 200 and "Several occupations have these words" in text
    assert 'name="isco_code_choice" id="isco_code-choice-5120" value="5120"' in text  # a choice, no code to type
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Course.id))) == 0
    unknown = post_form(staff, "/staff/training/courses/new", {**COURSE, "isco_code": "astronaut pilot"})
    assert "No occupation has these words" in unknown.get_data(as_text=True)
    assert post_form(staff, "/staff/training/courses/new",
                     {**COURSE, "isco_code": "cook", "isco_code_choice": "5120"}).status_code == 302
    with app.app_context():
        course = db.session.scalar(sa.select(Course))
        assert course.isco_code == "5120"
        course_id = course.id
    form = staff.get(f"/staff/training/courses/{course_id}/edit").get_data(as_text=True)
    assert 'value="5120 Cooks"' in form
    assert 'data-occupations-url="/occupations"' in form


@pytest.mark.parametrize(("typed", "code"), [
    ("bakers pastry", "7512"),  # words of one occupation alone
    ("Motor vehicle mechanics", "7231"),  # the example: words, no code
    ("  cooks ", "5120"),  # a title named exactly, though other titles hold the word too
    ("7512 Bakers, pastry-cooks and confectionery makers", "7512"),  # what the list fills in
])
def test_words_that_name_one_occupation_are_taken_as_it(app, signed_in, typed, code):
    staff, _ = signed_in(Role.STAFF)
    assert post_form(staff, "/staff/training/courses/new", {**COURSE, "isco_code": typed}).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(Course.isco_code)) == code


def test_a_choice_that_is_not_an_occupation_is_not_taken(app, signed_in):
    staff, _ = signed_in(Role.STAFF)
    answer = post_form(staff, "/staff/training/courses/new",
                       {**COURSE, "isco_code": "cook", "isco_code_choice": "0000"})
    assert answer.status_code == 200 and "Several occupations have these words" in answer.get_data(as_text=True)


def test_the_list_under_the_field_reads_the_readers_language(client):
    english = client.get("/occupations?q=cook").get_json()["occupations"]
    assert ["5120", "Cooks"] in english
    post_form(client, "/language", {"language": "th"})
    assert ["5120", "พ่อครัวแม่ครัว"] in client.get("/occupations?q=5120").get_json()["occupations"]
    assert client.get("/occupations?q=" + "x" * 500).get_json() == {"occupations": []}


def test_every_job_word_is_data_for_a_unit_group_and_finds_it():
    """The everyday words beside the titles (data/isco08_job_words.csv): each names a unit group of ISCO-08, and
    typing it finds that group."""
    rows = list(csv.DictReader((DATA / "isco08_job_words.csv").open(encoding="utf-8")))
    assert rows and all(row["code"] in occupations.occupations() for row in rows)
    for row in rows:
        for word in filter(None, (w.strip() for w in row["words"].split(";"))):
            assert row["code"] in [o.code for o in occupations.search(word, limit=50)], (word, row["code"])


@pytest.mark.parametrize(("typed", "code"), [
    ("barista", "5132"), ("Barista", "5132"), ("บาริสต้า", "5132"),  # found from outside: nothing was found
    ("caregiver", "5322"), ("แคร์กิฟเวอร์", "5322"),
    ("nanny", "5311"), ("factory worker", "9329"), ("ชาวนา", "6111"),
])
def test_common_job_words_find_their_occupation(typed, code):
    assert code in [o.code for o in occupations.search(typed)]


def test_codes_typed_in_the_digits_of_any_script_are_read_as_numbers():
    assert occupations.code_in("๗๒๓๑") == "7231"  # Thai, found from outside: refused
    assert occupations.code_in("၇၂၃၁ Motor vehicle mechanics") == "7231"  # Burmese
    assert occupations.code_in("៧២៣១") == "7231" and occupations.code_in("໗໒໓໑") == "7231"  # Khmer, Lao
    assert [o.code for o in occupations.search("๗๒๓๑")] == ["7231"]
    assert {o.code for o in occupations.search("๕๑", limit=50)} >= {"5111", "5120", "5169"}
    assert occupations.code_in("²³⁴⁵") is None  # not decimal digits


@pytest.mark.parametrize(("typed", "code"), [("barista", "5132"), ("caregiver", "5322"), ("๗๒๓๑", "7231")])
def test_the_form_keeps_the_code_of_a_job_word_or_a_thai_code(app, signed_in, typed, code):
    staff, _ = signed_in(Role.STAFF)
    assert post_form(staff, "/staff/training/courses/new", {**COURSE, "isco_code": typed}).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(Course.isco_code)) == code
