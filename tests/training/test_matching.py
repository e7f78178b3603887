"""Matching: the vectorised rule equals the pair-by-pair rule on random data; each hard filter works; the
reasons read as plain sentences."""
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.extensions import db
from core.models import Role
from training import matching, recommendations
from training.models import Profile

N_PROVINCES = len(matching.province_minutes()[0])
WEIGHTS = matching.DEFAULT_WEIGHTS

participant_rows = st.fixed_dictionaries({
    "participant_id": st.integers(1, 10**6), "lang_mask": st.integers(0, 127), "reading_rank": st.integers(0, 2),
    "province_idx": st.integers(-1, N_PROVINCES - 1), "district": st.sampled_from([0, 5001, 5002]),
    "travel_daily": st.booleans(), "max_travel_minutes": st.integers(0, 400), "relocate": st.booleans(),
    "days_mask": st.integers(0, 127), "hours_from": st.integers(0, 12), "hours_to": st.integers(13, 24),
    "childcare_needed": st.booleans(), "must_earn": st.booleans(), "monthly_need": st.integers(1, 30000),
    "sector_mask": st.integers(0, 4095), "skill_mask": st.integers(0, 2**20 - 1), "goal_idx": st.integers(0, 2),
})
opportunity_rows = st.fixed_dictionaries({
    "kind": st.sampled_from(["course", "apprenticeship", "job"]), "id": st.integers(1, 10**6),
    "lang_bit": st.sampled_from([1 << i for i in range(7)]), "reading_rank": st.integers(0, 2),
    "province_idx": st.integers(-1, N_PROVINCES - 1), "district": st.sampled_from([0, 5001, 5002]),
    "online": st.booleans(), "days_mask": st.integers(0, 127), "hours_from": st.integers(0, 12),
    "hours_to": st.integers(13, 24), "childcare_offered": st.booleans(), "monthly_pay": st.integers(0, 40000),
    "sector_bit": st.sampled_from([1 << i for i in range(12)]), "skills_required": st.integers(0, 2**20 - 1),
    "skills_taught": st.integers(0, 2**20 - 1), "goal_idx": st.integers(0, 2),
    "demand_score": st.floats(0, 1), "paid_by_scholarship": st.booleans(),
})


@settings(max_examples=60, deadline=None)
@given(people=st.lists(participant_rows, min_size=1, max_size=6),
       options=st.lists(opportunity_rows, min_size=1, max_size=40))
def test_vectorised_equals_naive_on_random_data(people, options):
    frame = pd.DataFrame(options)
    for person in people:
        ranked = matching.rank_one(person, frame, WEIGHTS).sort_index()
        for position, option in enumerate(options):
            eligible, score = matching.naive_match(person, option, WEIGHTS)
            assert bool(ranked.loc[position, "eligible"]) == eligible
            assert abs(float(ranked.loc[position, "score"]) - score) < 1e-9
    many = matching.rank_many(pd.DataFrame(people), frame, WEIGHTS, top=5, block=2)
    naive = matching.naive_rank_many(pd.DataFrame(people), frame, WEIGHTS, top=5)
    for person, row, expected in zip(people, many, naive, strict=False):
        chosen = [int(i) for i in row if i >= 0]
        scores = [matching.naive_match(person, options[i], WEIGHTS)[1] for i in chosen]
        wanted = [matching.naive_match(person, options[i], WEIGHTS)[1] for i in expected]
        assert np.allclose(scores, wanted, atol=1e-9)  # the same best scores in the same order
        if len(set(np.round(wanted, 9))) == len(wanted):
            assert chosen == expected  # and, without near-ties, the very same opportunities


@settings(max_examples=60, deadline=None)
@given(person=participant_rows,
       options=st.lists(opportunity_rows, min_size=1, max_size=40, unique_by=lambda o: o["id"]),
       limit=st.integers(1, 12), scholarship=st.lists(st.booleans(), min_size=40, max_size=40))
def test_the_page_of_best_matches_is_the_head_of_the_full_ranking(person, options, limit, scholarship):
    # The matches page ranks from cached arrays (no frame) and builds only the rows it shows; it must show the
    # same opportunities, in the same order and with the same parts, as ranking the whole frame.
    frame = pd.DataFrame(options)
    paid = np.array(scholarship[:len(options)])
    full = matching.rank_one(person, frame.assign(paid_by_scholarship=paid), WEIGHTS)
    expected = full[full["eligible"]].head(limit)
    arrays = matching.rows_as_arrays(options, matching.OPPORTUNITY_COLUMNS, column_axis=False)
    top = matching.rank_top(person, arrays, WEIGHTS, limit, paid)
    assert [row["id"] for row in top] == expected["id"].tolist()
    assert [row["kind"] for row in top] == expected["kind"].tolist()
    for column in ("score", "minutes", "interest", "paid_by_scholarship", "monthly_pay"):
        assert np.allclose(np.array([row[column] for row in top], dtype=float), expected[column].to_numpy(float),
                           equal_nan=True), column
    assert arrays.paid_by_scholarship.tolist() == [o["paid_by_scholarship"] for o in options], "input untouched"


def _base_person(**changes):
    person = {"participant_id": 1, "lang_mask": matching.language_mask(["th"]), "reading_rank": 1,
              "province_idx": matching.province_index("50"), "district": 5001, "travel_daily": True,
              "max_travel_minutes": 60, "relocate": False, "days_mask": 0b0011111, "hours_from": 8, "hours_to": 17,
              "childcare_needed": False, "must_earn": False, "monthly_need": 9000,
              "sector_mask": matching.sector_mask(["food"]), "skill_mask": 0, "goal_idx": 0}
    person.update(changes)
    return person


def _base_option(**changes):
    option = {"kind": "course", "id": 1, "lang_bit": matching.language_mask(["th"]), "reading_rank": 0,
              "province_idx": matching.province_index("50"), "district": 5001, "online": False,
              "days_mask": 0b0011111, "hours_from": 9, "hours_to": 16, "childcare_offered": False,
              "monthly_pay": 3000, "sector_bit": matching.sector_mask(["food"]), "skills_required": 0,
              "skills_taught": 0, "goal_idx": 2, "demand_score": 0.0, "paid_by_scholarship": False}
    option.update(changes)
    return option


def _eligible(person, option):
    return bool(matching.rank_one(person, pd.DataFrame([option]), WEIGHTS)["eligible"].iloc[0])


def test_each_hard_filter():
    assert _eligible(_base_person(), _base_option())
    assert not _eligible(_base_person(), _base_option(lang_bit=matching.language_mask(["en"])))      # language
    assert not _eligible(_base_person(reading_rank=0), _base_option(reading_rank=2))                 # reading
    lampang = matching.province_index("52")
    assert not _eligible(_base_person(), _base_option(province_idx=lampang, district=0))       # place
    assert _eligible(_base_person(relocate=True), _base_option(province_idx=lampang, district=0))
    assert _eligible(_base_person(), _base_option(province_idx=lampang, online=True))
    assert not _eligible(_base_person(), _base_option(days_mask=0b1000000))                           # Sunday
    assert not _eligible(_base_person(), _base_option(hours_to=18))                                  # evening
    assert not _eligible(_base_person(childcare_needed=True), _base_option())                        # childcare
    assert _eligible(_base_person(childcare_needed=True), _base_option(childcare_offered=True))
    assert not _eligible(_base_person(must_earn=True), _base_option(monthly_pay=0))                  # paid
    assert _eligible(_base_person(must_earn=True), _base_option(monthly_pay=0, paid_by_scholarship=True))


def test_weights_change_the_order():
    near_unpaid = _base_option(id=1, monthly_pay=0)
    far_paid = _base_option(id=2, monthly_pay=20000, online=True, sector_bit=matching.sector_mask(["office"]))
    frame = pd.DataFrame([near_unpaid, far_paid])
    pay_first = matching.rank_one(_base_person(), frame, {**WEIGHTS, "pay": 10, "interest": 0})
    interest_first = matching.rank_one(_base_person(), frame, {**WEIGHTS, "pay": 0, "interest": 10})
    assert pay_first["id"].iloc[0] == 2 and interest_first["id"].iloc[0] == 1


def test_the_matches_of_a_small_world_are_ranked_as_worked_out_by_hand(app, training, people):
    # Score = (3 interest + 2 skills + 2 demand + 2 pay + 1 distance) / 10. The person wants a job in food, in
    # district 5001 of Chiang Mai, travels up to an hour and needs 10,000 baht a month (not said: the default).
    person = people.make(Role.PARTICIPANT)
    training.profile(person)
    near = 1 - 15 / 240  # the same district: 15 minutes
    course = dict(sector="food", province_code="50", district_code="5001", skills_taught=["barista"])
    # A course: interest 0.7 (food; a course serves one's own business, not a job); skills 0.6 fit (nothing
    # required) + 0.4 learn (all it teaches is new); no demand figures; pay is the stipend over the need.
    first_twin = training.course(title="Twin A", stipend_thb_month=3000, **course)           # 0.56375
    second_twin = training.course(title="Twin B", stipend_thb_month=3000, **course)          # 0.56375, later id
    better_paid = training.course(title="Better paid", stipend_thb_month=6000, **course)     # 0.62375
    online = training.course(title="Online", stipend_thb_month=3000, online=True, province_code="52",
                             district_code=None, sector="food", skills_taught=["barista"])  # 0 minutes: 0.57
    unpaid = training.course(title="Unpaid", stipend_thb_month=0, **course)                  # 0.50375
    training.course(title="In English", teaching_language="en", **course)                  # language
    training.course(title="Lampang", province_code="52", district_code=None, sector="food")  # too far
    training.course(title="Closed", is_open=False, **course)                                # not open
    training.course(title="Full", seats=2, seats_taken=2, **course)                         # no seat left
    organisation = training.organisation(people.make(Role.EMPLOYER))
    # A job: interest 1.0 (food, and a job is the goal); skills 0.6 (nothing to learn); 400 a day x 26 >= need.
    job = training.post(organisation, kind="job", pay_amount_thb=400)                         # 0.71375
    apprenticeship = training.post(organisation, kind="apprenticeship", pay_amount_thb=300)  # 0.7, 0.78: 0.57975
    training.post(organisation, kind="job", status="pending_review")                         # not published
    training.post(organisation, kind="job", filled=1)                                        # no opening left
    expected = [("job", job, 0.71375), ("course", better_paid, 0.62375), ("apprenticeship", apprenticeship, 0.57975),
                ("course", online, 0.57), ("course", first_twin, 0.56375), ("course", second_twin, 0.56375),
                ("course", unpaid, 0.50375)]
    assert abs((3 * 0.7 + 2 * 1.0 + 2 * 0.3 + near) / 10 - 0.56375) < 1e-12  # the hand arithmetic, once
    with app.test_request_context():
        profile = db.session.get(Profile, person)
        plain = [(m.kind, m.item.id, m.score) for m in recommendations.matches_for(profile)]
        paid_for = [(m.kind, m.item.id, m.score)
                    for m in recommendations.matches_for(profile, limit=3, scholarship_course_ids=frozenset({unpaid}))]
    assert [(kind, id_) for kind, id_, _ in plain] == [(kind, id_) for kind, id_, _ in expected]
    assert np.allclose([score for *_, score in plain], [score for *_, score in expected], atol=1e-12)
    # A scholarship pays for the unpaid course: pay counts in full, 0.50375 + 2 x 1.0 / 10.
    assert [(kind, id_) for kind, id_, _ in paid_for] == [("job", job), ("course", unpaid), ("course", better_paid)]
    assert abs(paid_for[1][2] - 0.70375) < 1e-12


def test_reasons_are_plain_sentences(app, training, people):
    participant_id = people.make(Role.PARTICIPANT)
    training.course(title="Hairdressing", province_code="52", district_code=None, sector="beauty",
                    skills_taught=["hairdressing"], stipend_thb_month=0)
    training.profile(participant_id, relocate=True, sectors=["beauty"], must_earn=False)
    with app.test_request_context():
        profile = db.session.get(Profile, participant_id)
        [match] = recommendations.matches_for(profile)
    assert "You are interested in Hair and beauty." in match.reasons
    assert "You would learn: Hairdressing." in match.reasons
    assert "It does not pay while you learn." in match.cautions
    assert any(c.startswith("It is in Lampang, about") and c.endswith("hours away.") for c in match.cautions)
    assert "You would need to move there." in match.cautions


def _every_reason_and_caution(locale: str) -> list[str]:
    """explain() for options built so that every sentence it can write is written at least once."""
    from training.models import Course, DemandRecord

    profile = Profile(skills={"cooking": 2}, monthly_need_thb=12000, max_travel_minutes=60, travel_daily=True,
                      childcare_needed=True)
    course = Course(sector="beauty", skills_taught=["hairdressing"], cost_thb=500, childcare_offered=True)
    course.skills_required = ["cooking", "sewing"]
    demand = {("50", "5141"): (0.9, DemandRecord(vacancies=12))}
    base = {"interest": 0.9, "province_code": "50", "isco_code": "5141", "online": False,
            "paid_by_scholarship": False}
    rows = [{**base, "monthly_pay": 9000, "minutes": 20.0},
            {**base, "monthly_pay": 0, "paid_by_scholarship": True, "online": True, "minutes": 20.0},
            {**base, "monthly_pay": 0, "minutes": 45.0},
            {**base, "monthly_pay": 0, "minutes": 150.0}]
    sentences = []
    for row in rows:
        reasons, cautions = recommendations.explain(profile, row, course, demand, locale)
        sentences += reasons + cautions
    return sentences


@pytest.mark.parametrize("locale", ["th", "my", "km", "lo", "vi"])
def test_every_reason_reads_whole_in_every_language(app, locale):
    from flask_babel import force_locale

    from training.geo import place_name

    with app.test_request_context(), force_locale("en"):
        english = _every_reason_and_caution("en")
    with app.test_request_context(), force_locale(locale):
        sentences = _every_reason_and_caution(locale)
        place = place_name("50", None, locale)
    assert len(sentences) == len(english) >= 16
    for sentence, original in zip(sentences, english, strict=True):
        assert sentence != original
        if locale != "vi":  # no English word left inside (the place's own name aside)
            assert not re.search(r"[A-Za-z]{3,}", sentence.replace(place, "")), sentence


@settings(max_examples=40, deadline=None)
@given(people=st.lists(participant_rows, min_size=1, max_size=6),
       options=st.lists(opportunity_rows, min_size=1, max_size=10))
def test_arrays_from_rows_are_the_arrays_from_a_frame_of_them(people, options):
    # Pages rank from rows without building a frame; the rule must read exactly what it read from the frame.
    for rows, columns, axis in ((people, matching.PARTICIPANT_COLUMNS, True),
                                (options, matching.OPPORTUNITY_COLUMNS, False)):
        direct = matching.rows_as_arrays(rows, columns, column_axis=axis).values
        framed = matching._as_arrays(pd.DataFrame(rows), columns, column_axis=axis).values
        assert direct.keys() == framed.keys()
        for column in columns:
            assert direct[column].dtype == framed[column].dtype, column
            assert direct[column].shape == framed[column].shape and (direct[column] == framed[column]).all()


def test_who_a_course_fits_is_ranked_without_a_frame_and_follows_each_profile_change(app, training, people,
                                                                                      monkeypatch):
    from training.models import Course

    built = []
    real_init = pd.DataFrame.__init__

    def counted(frame, *args, **kwargs):
        built.append(1)
        real_init(frame, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "__init__", counted)
    near, far = people.make(Role.PARTICIPANT), people.make(Role.PARTICIPANT)
    course = training.course(title="Hairdressing", province_code="10", district_code=None, sector="beauty",
                             skills_taught=["hairdressing"], stipend_thb_month=0)
    training.profile(near, province_code="10", relocate=False, travel_daily=True, sectors=["beauty"],
                     must_earn=False)
    training.profile(far, province_code="96", relocate=False, travel_daily=True, sectors=["beauty"],
                     must_earn=False)
    with app.test_request_context():
        fits = [user.id for user, _score in recommendations.participants_for_course(db.session.get(Course, course))]
        assert near in fits and far not in fits
        db.session.get(Profile, far).province_code = "10"  # moved: the staff page must see it at once
        db.session.flush()
        fits = [user.id for user, _score in recommendations.participants_for_course(db.session.get(Course, course))]
        assert near in fits and far in fits
    assert built == []
