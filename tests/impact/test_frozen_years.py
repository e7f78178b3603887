"""Issue 31's attacks "across nights", the place of the time, the internal figures' order, and the sales rule.

A finished year is computed once, on the first night after its closing date, and kept: a check-in answered
late, a visit recorded with last year's date, a tranche back-dated and a grantee who moved each change what a
fresh computation gives, and nothing of what is published. The clock is moved with time_machine and the
night's own job runs, as it would in production."""
from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
import time_machine

from core.extensions import db
from core.models import AuditEntry, Role
from grants.models import FollowUpVisit, GrantApplication, Tranche
from impact import services as impact
from impact.models import FrozenYear
from impact.services import refresh_impact
from marketplace.models import Enterprise, Order, OrderLine
from tests.conftest import post_form, unit_of_work
from tests.impact.test_impact import FEWER, Programme, n
from training.models import Application, PathwayStep, PlacementCheckIn, Profile

YEAR = 2025
BEFORE_CLOSING = datetime(2026, 3, 31, 12, tzinfo=UTC)  # the closing day itself: 2025 still open
FIRST_NIGHT = datetime(2026, 4, 1, 2, 30, tzinfo=UTC)  # the first night after it
LATER_NIGHTS = (datetime(2026, 4, 2, 2, 30, tzinfo=UTC), datetime(2027, 6, 1, 2, 30, tzinfo=UTC))


@pytest.fixture
def training(app):
    from tests.training.conftest import Training
    return Training(app)


@pytest.fixture
def programme(app, people, training):
    return Programme(app, people, training)


@pytest.fixture
def grants_factory(app, people):
    from tests.grants.conftest import Grants
    return Grants(app, people)


@pytest.fixture
def shop(app, people):
    from tests.marketplace.conftest import Shop
    return Shop(app, people)


def _night(app, when: datetime) -> str:
    """The scheduled job, on the night `when`, committed as the scheduler would."""
    with time_machine.travel(when, tick=False), app.test_request_context():
        said = refresh_impact()
        db.session.commit()
    return said


def _published(app) -> dict:
    with app.test_request_context():
        shown = impact.published()
        return {"years": shown.years, "public": shown.public, "internal": shown.internal} if shown else {}


def _fresh(app) -> dict:
    """What computing 2025 again today would give (what the page showed before years were frozen)."""
    with app.test_request_context():
        return impact.compute(date(2027, 6, 1), ["2025"])


def _grantees(app, programme, grants_factory, province: str, people: int) -> list[int]:
    """Business grants accepted in 2025, paid and visited at 6 months (all operating); their ids."""
    with app.app_context():
        round_id = grants_factory.round()
        db.session.commit()
    ids = []
    with unit_of_work(app):
        for _ in range(people):
            application = GrantApplication(round_id=round_id, participant_id=programme.person(province),
                                           status="accepted", amount_awarded_thb=20_000, province_code=province,
                                           decided_at=datetime(YEAR, 3, 1, tzinfo=UTC))
            db.session.add(application)
            db.session.flush()
            db.session.add(Tranche(application_id=application.id, position=1, amount_thb=20_000,
                                   paid_on=date(YEAR, 3, 10)))
            db.session.add(FollowUpVisit(application_id=application.id, month=6, due_on=date(YEAR, 9, 1),
                                         status="done", done_on=date(YEAR, 9, 2), business_status="operating"))
            ids.append(application.id)
        db.session.commit()
    return ids


def test_a_year_is_frozen_the_first_night_after_its_closing_date_and_never_again(app, programme, training,
                                                                                   grants_factory, client):
    course = training.course(province_code="50")
    programme.finished(course, "50", YEAR, 12)
    programme.checked_in(course, "50", YEAR, working=6, not_working=5)
    with unit_of_work(app):  # a check-in of 2025 not answered yet
        late = db.session.scalar(sa.select(PlacementCheckIn).where(PlacementCheckIn.still_working.is_(False))
                                 .limit(1))
        late.status, late.still_working, late.answered_on = "missed", None, None
        db.session.commit()
        late_id = late.id
    grants = _grantees(app, programme, grants_factory, "57", 6)

    assert _night(app, BEFORE_CLOSING) == "no year to freeze"
    assert "No year has finished" in client.get("/impact").get_data(as_text=True)
    assert _night(app, FIRST_NIGHT) == "froze 2025"
    frozen = _published(app)
    assert frozen["years"] == ["2025"]
    assert frozen["internal"]["in_work_3"]["2025"]["total"]["value"] == 6
    assert frozen["public"]["grant_money"]["2025"]["total"] == n(120_000)
    assert frozen["internal"]["operating_6"]["2025"]["rows"] == {"57": {**n(6), "share": 1.0}}
    page = client.get("/impact").get_data(as_text=True)
    assert "figures as of the closing date" in page and "2026" in page

    with unit_of_work(app):
        # A check-in answered late: still in work.
        db.session.execute(sa.update(PlacementCheckIn).where(PlacementCheckIn.id == late_id).values(
            status="answered", still_working=True, answered_on=date(2026, 5, 1)))
        # A visit recorded with last year's date: a business found closed.
        db.session.add(FollowUpVisit(application_id=grants[0], month=6, due_on=date(YEAR, 9, 3), status="done",
                                     done_on=date(YEAR, 12, 30), business_status="closed"))
        # A tranche back-dated into 2025.
        db.session.add(Tranche(application_id=grants[1], position=2, amount_thb=5_000, paid_on=date(YEAR, 12, 31)))
        # A grantee who moved from Chiang Rai to Bangkok.
        person = db.session.get(GrantApplication, grants[2]).participant_id
        db.session.execute(sa.update(Profile).where(Profile.user_id == person).values(province_code="10"))
        db.session.commit()

    fresh = _fresh(app)  # each of these would have changed 2025, computed again
    assert fresh["internal"]["in_work_3"]["2025"]["total"]["value"] == 7
    assert fresh["internal"]["grant_money"]["2025"]["total"] == n(125_000)
    assert fresh["internal"]["operating_6"]["2025"]["rows"]["57"] != frozen["internal"]["operating_6"]["2025"][
        "rows"]["57"]
    # The person who moved is still counted where the business was when the grant was awarded.
    assert fresh["internal"]["business_grants"]["2025"]["rows"] == {"57": n(6)}

    for night in LATER_NIGHTS:
        assert _night(app, night) in ("no year to freeze", "froze 2026")
        assert {key: by_year for key, by_year in _published(app)["public"].items() if "2025" in by_year} == {
            key: {"2025": by_year["2025"]} for key, by_year in frozen["public"].items()}
        assert {key: by_year["2025"] for key, by_year in _published(app)["internal"].items()
                if "2025" in by_year} == {key: by_year["2025"] for key, by_year in frozen["internal"].items()}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(FrozenYear).where(
            FrozenYear.year == "2025")) == 1


def test_a_frozen_year_is_computed_again_only_when_forced_with_a_reason_and_the_first_release_stays(
        app, programme, training):
    programme.finished(training.course(province_code="50"), "50", YEAR, 6)
    _night(app, FIRST_NIGHT)
    programme.finished(training.course(province_code="50"), "50", YEAR, 2)  # a correction of 2025's records
    runner = app.test_cli_runner()
    with time_machine.travel(LATER_NIGHTS[0], tick=False):
        refused = runner.invoke(args=["impact", "refreeze", "2025"])
        assert refused.exit_code == 1 and "--force" in refused.output
        no_reason = runner.invoke(args=["impact", "refreeze", "2025", "--force"])
        assert no_reason.exit_code == 1 and "--reason" in no_reason.output
        never = runner.invoke(args=["impact", "refreeze", "2019", "--force", "--reason", "a typo in 2019"])
        assert never.exit_code == 1 and "not frozen" in never.output
        done = runner.invoke(args=["impact", "refreeze", "2025", "--force", "--reason",
                                   "two exam results entered a year late"])
    assert done.exit_code == 0, done.output
    with app.app_context():
        releases = db.session.execute(sa.select(FrozenYear.release, FrozenYear.reason).where(
            FrozenYear.year == "2025").order_by(FrozenYear.release)).all()
        assert [tuple(r) for r in releases] == [(1, ""), (2, "two exam results entered a year late")]
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "impact.refreeze"))
        assert entry.detail["release"] == 2
    assert _published(app)["internal"]["course_completed"]["2025"]["total"] == n(8)  # the latest release shown


def test_a_person_with_two_courses_counts_where_the_last_by_date_was_not_the_last_recorded(app, programme,
                                                                                          training):
    """Issue 31: Bangkok 6 / Chiang Rai 1 should be 5 / 2. One person's Chiang Rai course (September) was
    recorded before their Bangkok course (June)."""
    bangkok = training.course(province_code="10", district_code=None)
    chiang_rai = training.course(province_code="57", district_code=None)
    programme.finished(bangkok, "10", YEAR, 5)
    programme.finished(chiang_rai, "57", YEAR, 1)
    with unit_of_work(app):
        person = programme.person("10")
        db.session.add(PathwayStep(participant_id=person, course_id=chiang_rai, step="exam_passed",
                                   on_date=date(YEAR, 9, 1)))
        db.session.flush()
        db.session.add(PathwayStep(participant_id=person, course_id=bangkok, step="exam_passed",
                                   on_date=date(YEAR, 6, 1)))  # recorded later, happened earlier
        db.session.commit()
    internal = _fresh(app)["internal"]["course_completed"]["2025"]
    assert internal == {"rows": {"10": n(5), "57": n(2)}, "total": n(7)}


def test_a_check_in_counts_by_its_due_date_then_by_record(app, programme, training):
    """In work at 3 months: a person hired twice in a year counts where the later check-in was due."""
    bangkok = training.course(province_code="10", district_code=None)
    chiang_rai = training.course(province_code="57", district_code=None)
    with unit_of_work(app):
        person = programme.person("10")
        for course, due in ((chiang_rai, date(YEAR, 11, 1)), (bangkok, date(YEAR, 4, 1))):
            application = Application(participant_id=person, course_id=course, created_by_id=person,
                                      status="completed")
            db.session.add(application)
            db.session.flush()
            db.session.add(PlacementCheckIn(application_id=application.id, participant_id=person, month=3,
                                            started_on=date(YEAR, 1, 1), due_on=due, status="answered",
                                            still_working=True, answered_on=due))
            db.session.flush()
        db.session.commit()
    assert _fresh(app)["internal"]["in_work_3"]["2025"]["rows"] == {"57": {**n(1), "share": 1.0}}


def test_a_hire_is_counted_where_the_work_was_when_the_person_was_hired(app, people, training):
    from training import applications
    from training.employer_models import WorkPost
    employer = people.make(Role.EMPLOYER)
    post_id = training.post(training.organisation(employer), province_code="50")
    participant = people.make(Role.PARTICIPANT)
    training.profile(participant)
    with app.test_request_context():
        from core.models import User
        application = Application(participant_id=participant, post_id=post_id, created_by_id=participant)
        db.session.add(application)
        db.session.flush()
        applications.record_outcome(application, db.session.get(User, employer), "hired", date(2026, 1, 10))
        db.session.get(WorkPost, post_id).province_code = "10"  # the post moves afterwards
        db.session.flush()
        assert application.work_province_code == "50"
        step = db.session.scalar(sa.select(PathwayStep).where(PathwayStep.application_id == application.id,
                                                              PathwayStep.step == "hired"))
        assert step.province_code == "50"


# --- shop sales: the threshold (makers or a registration, staff confirmed) and dominance rules ---

_TOKENS = itertools.count(1)


def _sale(enterprise_id: int, amounts: list[int], year: int = YEAR) -> None:
    for amount in amounts:
        order = Order(token=f"frozen-{next(_TOKENS)}",
                      name="Buyer", email="b@example.org", delivery="pickup", status="paid",
                      payment_method="stripe", subtotal_minor=amount, total_minor=amount,
                      created_at=datetime(year, 5, 1, 5, tzinfo=UTC))
        db.session.add(order)
        db.session.flush()
        db.session.add(OrderLine(order_id=order.id, enterprise_id=enterprise_id, name="Item",
                                 unit_price_minor=amount, quantity=1))


def _enterprise(name: str, *, makers: int | None = None, organisation: bool = False, confirmed: bool = True) -> int:
    enterprise = Enterprise(slug=name.lower().replace(" ", "-").replace("'", "").replace(",", "")[:60], name=name,
                            makers=makers, registered_organisation=organisation,
                            registration_number="0993000123456" if organisation else "",
                            standing_confirmed_at=datetime(2025, 1, 1, tzinfo=UTC) if confirmed else None)
    db.session.add(enterprise)
    db.session.flush()
    return enterprise.id


def test_a_one_person_enterprise_with_one_order_is_never_named(app, client):
    """Issue 31: "Malee's sewing, Mae Sot" showed its year's sales, one order."""
    with unit_of_work(app):
        _sale(_enterprise("Malee's sewing, Mae Sot", makers=1), [85_000])
        _sale(_enterprise("Weavers cooperative", organisation=True), [10_000, 12_000, 9_000, 15_000])
        db.session.commit()
    sales = _fresh(app)["public"]["shop_sales"]["2025"]
    # A group of one would be Malee's own figure, and the total less the cooperative's would give it too.
    assert sales == {"rows": {"Weavers cooperative": 46_000}, "total": None}
    assert _fresh(app)["internal"]["shop_sales"]["2025"]["rows"]["Malee's sewing, Mae Sot"] == 85_000
    _night(app, FIRST_NIGHT)
    page = client.get("/impact").get_data(as_text=True)
    assert "Malee" not in page and "850" not in page and "Weavers cooperative" in page
    from io import BytesIO

    from openpyxl import load_workbook
    cells = [c.value for sheet in load_workbook(BytesIO(client.get("/impact.xlsx").data)).worksheets
             for row in sheet.iter_rows() for c in row]
    assert not any(isinstance(c, str) and "Malee" in c for c in cells) and 850 not in cells


def test_others_are_grouped_and_the_group_is_shown_only_when_it_passes_the_rules(app):
    with unit_of_work(app):
        _sale(_enterprise("Malee's sewing, Mae Sot", makers=1), [8_000])
        _sale(_enterprise("Unconfirmed bakery", makers=9, confirmed=False), [7_000, 6_000])
        _sale(_enterprise("Three friends", makers=3), [5_000, 4_000])
        _sale(_enterprise("Coffee growers", makers=12), [30_000, 20_000, 10_000])
        # Enough makers, but one order is more than half its year: grouped too.
        _sale(_enterprise("Silver workshop", makers=6), [30_000, 10_000])
        db.session.commit()
    sales = _fresh(app)["public"]["shop_sales"]["2025"]
    # Four enterprises grouped (70,000), none of its orders more than half of it.
    assert sales["rows"] == {"Coffee growers": 60_000, impact.OTHER_ENTERPRISES: 70_000}
    assert sales["total"] == 130_000
    # Two left in the group (Malee's and the workshop): each would take its own sales away from the group's.
    with unit_of_work(app):
        db.session.execute(sa.delete(OrderLine).where(OrderLine.unit_price_minor.in_((7_000, 6_000, 5_000,
                                                                                     4_000))))
        db.session.commit()
    sales = _fresh(app)["public"]["shop_sales"]["2025"]
    assert sales == {"rows": {"Coffee growers": 60_000}, "total": None}


def test_the_page_names_the_group_in_words_and_says_how_sales_are_protected(app, client):
    with unit_of_work(app):
        _sale(_enterprise("Coffee growers", makers=12), [30_000, 20_000, 10_000])
        for name in ("Ann's cakes", "Bee's soap", "Cee's rugs"):
            _sale(_enterprise(name, makers=1), [10_000, 9_000])
        db.session.commit()
    _night(app, FIRST_NIGHT)
    page = client.get("/impact").get_data(as_text=True)
    assert "Other enterprises" in page and "Coffee growers" in page and "Ann" not in page
    assert "at least 5 makers" in page and "50%" in page
    thai = client.get("/impact", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert "Other enterprises" not in thai


def test_managers_state_makers_staff_confirm_and_a_change_waits_for_a_new_confirmation(app, shop, signed_in,
                                                                                      people):
    from tests.conftest import sign_in
    enterprise_id, manager_id = shop.enterprise(slug="sewing")
    manager = app.test_client()
    assert sign_in(manager, people.login_name(manager_id)).status_code == 302
    refused = post_form(manager, "/manage/shop/standing", {"registered_organisation": "y",
                                                           "registration_number": ""})
    assert refused.status_code == 200 and "registration number" in refused.get_data(as_text=True)
    saved = post_form(manager, "/manage/shop/standing", {"makers": "6"})
    assert saved.status_code == 302
    staff, staff_id = signed_in(Role.STAFF)
    listed = staff.get("/manage/shop/standings").get_data(as_text=True)
    assert "Sewing" in listed and ">6<" in listed
    assert post_form(staff, "/manage/shop/standings", {"enterprise_id": str(enterprise_id)}).status_code == 302
    with app.app_context():
        enterprise = db.session.get(Enterprise, enterprise_id)
        assert enterprise.makers == 6 and enterprise.standing_confirmed_by_id == staff_id
        actions = db.session.scalars(sa.select(AuditEntry.action).where(
            AuditEntry.record_type == "enterprise", AuditEntry.record_id == str(enterprise_id))).all()
        assert {"enterprise.standing_save", "enterprise.standing_confirm"} <= set(actions)
    assert post_form(manager, "/manage/shop/standing", {"makers": "40"}).status_code == 302
    with app.app_context():
        enterprise = db.session.get(Enterprise, enterprise_id)
        assert enterprise.makers == 40 and enterprise.standing_confirmed_at is None
    assert manager.get("/manage/shop/standings").status_code in (302, 403, 404)


def test_the_fewer_than_5_label_still_reads_so_in_a_frozen_year(app, programme, training):
    programme.finished(training.course(province_code="50"), "50", YEAR, 8)
    programme.finished(training.course(province_code="10", district_code=None), "10", YEAR, 2)
    _night(app, FIRST_NIGHT)
    assert _published(app)["public"]["course_completed"]["2025"]["rows"]["10"] == FEWER
