"""The public impact page from a known programme: every figure, every suppression (the differencing case
included), shares only on a base of 10 with 5 on each side, only frozen years, one read per page, and nothing
about a person (no name, no exact date, no place smaller than a province, nothing people wrote).

Freezing itself, the place of the time and the sales rule: tests/impact/test_frozen_years.py."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from grants.models import FollowUpVisit, GrantApplication, Tranche
from impact import services as impact
from marketplace.models import Order, OrderLine
from tests.conftest import unit_of_work
from training.models import Application, PathwayStep, PlacementCheckIn

TODAY = date(2026, 11, 26)
CLOSED, RUNNING = 2025, 2026
NUMBER = {"shown": "number"}
FEWER = {"shown": "fewer_than_5", "value": None}
HIDDEN = {"shown": "hidden", "value": None}


def n(value: int) -> dict:
    return {"shown": "number", "value": value}


def rounded(app, theme: str, place: str, value: int, year: str = "2025") -> dict:
    """A count as the public version shows it: rounded to a multiple of 5 by the keyed draw (impact.auditor)."""
    from impact.auditor import TOTAL
    from impact.auditor import rounded as draw
    with app.app_context():
        return n(draw(impact._rounding_key(), (theme, year, TOTAL if place == "all" else place, "people"), value))


class Programme:
    """Builds known records straight into the tables (dates in the past, as the services would not)."""

    def __init__(self, app, people, training):
        self.app, self.people, self.training = app, people, training

    def person(self, province: str) -> int:
        user_id = self.people.make(Role.PARTICIPANT, password=None)
        self.training.profile(user_id, province_code=province, district_code=None)
        return user_id

    def finished(self, course_id: int, province: str, year: int, people: int, step: str = "exam_passed"):
        with unit_of_work(self.app):
            for _ in range(people):
                db.session.add(PathwayStep(participant_id=self.person(province), course_id=course_id, step=step,
                                           on_date=date(year, 6, 1)))
            db.session.commit()

    def checked_in(self, course_id: int, province: str, year: int, working: int, not_working: int):
        with unit_of_work(self.app):
            for still in [True] * working + [False] * not_working:
                person = self.person(province)
                application = Application(participant_id=person, course_id=course_id, created_by_id=person,
                                          status="completed")
                db.session.add(application)
                db.session.flush()
                db.session.add(PlacementCheckIn(application_id=application.id, participant_id=person, month=3,
                                                started_on=date(year, 1, 5), due_on=date(year, 4, 5),
                                                status="answered", still_working=still, answered_on=date(year, 4, 6)))
            db.session.commit()


@pytest.fixture
def programme(app, people, training):
    return Programme(app, people, training)


@pytest.fixture
def shop(app, people):
    from tests.marketplace.conftest import Shop
    return Shop(app, people)


@pytest.fixture
def grants_factory(app, people):
    from tests.grants.conftest import Grants
    return Grants(app, people)


@pytest.fixture
def training(app):
    from tests.training.conftest import Training
    return Training(app)


def _figures(app) -> dict:
    with app.test_request_context():
        return impact.compute(TODAY)


def test_people_counts_by_province_with_small_numbers_suppressed_and_the_total_kept(app, programme, training):
    chiang_mai = training.course(province_code="50", title="Barista")
    bangkok = training.course(province_code="10", district_code=None, title="Jewellery")
    programme.finished(chiang_mai, "50", CLOSED, 12)
    programme.finished(bangkok, "10", CLOSED, 3)
    programme.finished(chiang_mai, "50", RUNNING, 7)  # the running year is never published
    figures = _figures(app)
    assert figures["years"] == ["2025"]
    # 15 - 12 would give Bangkok's 3 away: Chiang Mai is hidden too; and with the total shown, Chiang Mai would be
    # 11 to 14, 4 values (a hidden count keeps at least 5, issue 31): the total is hidden as well.
    assert figures["public"]["course_completed"] == {"2025": {"rows": {"10": FEWER, "50": HIDDEN}, "total": HIDDEN}}
    assert figures["internal"]["course_completed"] == {"2025": {"rows": {"10": n(3), "50": n(12)}, "total": n(15)}}


def test_a_person_counts_once_a_year(app, programme, training):
    course = training.course(province_code="50")
    other = training.course(province_code="10", district_code=None)
    programme.finished(course, "50", CLOSED, 6)
    with unit_of_work(app):
        person = db.session.scalar(sa.select(PathwayStep.participant_id).limit(1))
        db.session.add(PathwayStep(participant_id=person, course_id=other, step="exam_passed",
                                   on_date=date(CLOSED, 9, 1)))  # a second course, later that year
        db.session.commit()
    assert _figures(app)["internal"]["course_completed"]["2025"] == {"rows": {"10": n(1), "50": n(5)},
                                                                     "total": n(6)}


def test_a_course_counts_when_its_exam_is_passed_or_when_finished_if_it_has_none(app, programme, training):
    with_exam = training.course(province_code="50")
    without_exam = training.course(province_code="50", exit_exam=False)
    programme.finished(with_exam, "50", CLOSED, 5, step="completed")  # finished, exam not (yet) passed
    programme.finished(with_exam, "50", CLOSED, 6, step="exam_passed")
    programme.finished(with_exam, "50", CLOSED, 2, step="exam_failed")
    programme.finished(without_exam, "50", CLOSED, 4, step="completed")
    # One figure, so no difference of two published figures can single out the people who failed.
    assert _figures(app)["internal"]["course_completed"]["2025"]["total"] == n(10)
    assert "exam_passed" not in _figures(app)["public"]


def test_in_work_shows_the_share_only_on_a_base_of_10_with_5_on_each_side(app, programme, training):
    course = training.course(province_code="50")
    bangkok_course = training.course(province_code="10", district_code=None)
    programme.checked_in(course, "50", CLOSED, working=8, not_working=6)
    programme.checked_in(bangkok_course, "10", CLOSED, working=5, not_working=2)
    year = _figures(app)["public"]["in_work_3"]["2025"]
    # Bangkok's 2 not in work would follow from a share: no share there, and none in Chiang Mai either, since
    # with the total's share it would give Bangkok's away (the people not in work are protected as a table).
    assert year["rows"] == {"10": {**n(5), "share": None}, "50": {**rounded(app, "in_work_3", "50", 8), "share": None}}
    # The share as shown, a whole percent (what the auditor reasons on); the count rounded to 10 or 15.
    assert year["total"] == {**rounded(app, "in_work_3", "all", 13), "share": 0.62}
    assert year["total"]["value"] in (10, 15) and _figures(app)["internal"]["in_work_3"]["2025"]["total"]["value"] == 13


def test_money_paid_is_shown_only_where_the_people_are(app, programme, grants_factory):
    with app.app_context():
        round_id = grants_factory.round()
        db.session.commit()
    paid = {"50": [5_000, 6_000, 7_000, 8_000, 9_000, 10_000], "10": [20_000]}
    with unit_of_work(app):
        for province, amounts in paid.items():
            for amount in amounts:
                person = programme.person(province)
                application = GrantApplication(round_id=round_id, participant_id=person, status="accepted",
                                               amount_awarded_thb=amount, province_code=province,
                                               decided_at=datetime(CLOSED, 3, 1, tzinfo=UTC))
                db.session.add(application)
                db.session.flush()
                db.session.add(Tranche(application_id=application.id, position=1, amount_thb=amount,
                                       paid_on=date(CLOSED, 3, 10)))
                db.session.add(FollowUpVisit(application_id=application.id, month=6, due_on=date(CLOSED, 9, 1),
                                             status="done", done_on=date(CLOSED, 9, 2),
                                             business_status="operating" if amount < 9_000 else "closed"))
        db.session.commit()
    public = _figures(app)["public"]
    # One person paid in Bangkok: their 20,000 baht would be the total minus Chiang Mai's, so both are hidden;
    # and with the total of 7, Bangkok would be 1 or 2 (Chiang Mai at least 5): the total is hidden too, so that
    # Bangkok could be anything from 1 to 4 (and the money with it).
    assert public["grant_money"]["2025"] == {"rows": {"10": HIDDEN, "50": HIDDEN}, "total": HIDDEN,
                                             "people": {"rows": {"10": FEWER, "50": HIDDEN}, "total": HIDDEN}}
    assert public["business_grants"]["2025"] == {"rows": {"10": FEWER, "50": HIDDEN}, "total": HIDDEN}
    # Four open and three closed: fewer than 5 closed, so no share on a base of 7.
    assert public["operating_6"]["2025"]["total"] == {**FEWER, "share": None}


def test_shop_sales_are_net_of_refunds_per_enterprise_and_closed_year(app, shop):
    enterprise_id, _ = shop.enterprise(slug="coffee")
    with unit_of_work(app):
        for year, status, refunded in ((CLOSED, "paid", 1), (CLOSED, "refunded", 2), (RUNNING, "paid", 0),
                                       (CLOSED, "cancelled", 0)):
            order = Order(token=f"t{year}{status}", name="x", email="x@example.org", delivery="pickup",
                          status=status, payment_method="stripe", subtotal_minor=40_000, total_minor=40_000,
                          created_at=datetime(year, 5, 1, 5, tzinfo=UTC))
            db.session.add(order)
            db.session.flush()
            db.session.add(OrderLine(order_id=order.id, enterprise_id=enterprise_id, name="Beans",
                                     unit_price_minor=20_000, quantity=2, refunded_quantity=refunded))
        db.session.commit()
    figures = _figures(app)
    assert figures["internal"]["shop_sales"] == {"2025": {"rows": {"Coffee": 20_000}, "total": 20_000}}
    # One enterprise, no makers stated: grouped with the others, and a group of one is never published.
    assert figures["public"]["shop_sales"] == {"2025": {"rows": {}, "total": None}}


def test_the_page_reads_one_row_and_shows_words_not_people(app, programme, training, client):
    course = training.course(province_code="50", title="Barista")
    programme.finished(course, "50", CLOSED, 12)
    programme.finished(training.course(province_code="10", district_code=None), "10", CLOSED, 3)
    programme.finished(training.course(province_code="57", district_code=None), "57", CLOSED, 5)
    assert "No year has finished" in client.get("/impact").get_data(as_text=True)
    with app.test_request_context():
        impact.refresh(TODAY)
        db.session.commit()
    page = client.get("/impact").get_data(as_text=True)
    # 12, 5 and 3: the 5 and the 12 are hidden (either alone would keep fewer than 5 values); the total, 20, shows.
    assert "fewer than 5" in page and "not shown" in page and ">20<" in page
    assert "Barista" not in page and "June" not in page and "2025-06" not in page
    from io import BytesIO

    from openpyxl import load_workbook
    book = load_workbook(BytesIO(client.get("/impact.xlsx").data))
    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert "fewer than 5" in cells and 20 in cells and 3 not in cells and 12 not in cells
    assert not any(isinstance(c, str) and ("Barista" in c or "-06-" in c) for c in cells)
    statements: list[str] = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)
    from core import page_cache

    page_cache.forget_all()
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", note)
    try:
        client.get("/impact")
        made = len(statements)
        client.get("/impact")  # kept (core.page_cache): only the page's data version is read
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", note)
    reads = [s for s in statements[:made] if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2 and "cache_versions" in reads[0] and "impact_years" in reads[1], reads
    kept = [s for s in statements[made:] if s.lstrip().upper().startswith("SELECT")]
    assert len(kept) == 1 and "cache_versions" in kept[0], kept


def test_staff_choose_the_internal_figures_and_it_is_audited(app, programme, training, signed_in):
    from core.models import AuditEntry
    course = training.course(province_code="50")
    programme.finished(course, "50", CLOSED, 12)
    programme.finished(training.course(province_code="10", district_code=None), "10", CLOSED, 3)
    with app.test_request_context():
        impact.refresh(TODAY)
        db.session.commit()
    client, staff_id = signed_in(Role.STAFF)
    public = client.get("/staff/impact").get_data(as_text=True)
    assert "fewer than 5" in public and ">3<" not in public
    internal = client.get("/staff/impact?version=internal").get_data(as_text=True)
    assert ">3<" in internal and ">12<" in internal and "Do not publish" in internal
    sheet = client.get("/staff/impact.xlsx?version=internal")
    assert sheet.status_code == 200 and sheet.mimetype.endswith("sheet")
    from io import BytesIO

    from openpyxl import load_workbook
    book = load_workbook(BytesIO(sheet.data))
    first = book.worksheets[0]
    assert [c.value for c in next(first.iter_rows())] == ["Province", "2025"]
    assert [[c.value for c in row] for row in first.iter_rows(min_row=2)][-1] == ["All", 15]
    public_book = load_workbook(BytesIO(client.get("/staff/impact.xlsx").data))
    assert "fewer than 5" in [c.value for row in public_book.worksheets[0].iter_rows() for c in row]
    with app.app_context():
        audited = db.session.scalars(sa.select(AuditEntry.actor_id).where(
            AuditEntry.action == "impact.internal_report")).all()
    assert audited == [staff_id, staff_id]  # the page and the file; the public version is not audited
    assert client.get("/staff/impact?version=everything").status_code == 404


def test_the_night_job_freezes_a_year_once_and_deletes_nothing(app, programme, training):
    from impact.models import FrozenYear, ImpactSnapshot
    programme.finished(training.course(province_code="50"), "50", CLOSED, 6)
    with app.test_request_context():
        db.session.add(ImpactSnapshot(years=["2024"], public={}, internal={}))  # published before freezing
        assert impact.refresh(TODAY) == ["2025"]
        assert impact.refresh(TODAY) == []
        assert db.session.scalar(sa.select(sa.func.count()).select_from(FrozenYear)) == 1
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ImpactSnapshot)) == 1


def test_apprenticeships_scholarships_and_businesses_operating_each_have_their_figure(app, programme, training,
                                                                                      grants_factory):
    course = training.course(province_code="50")
    programme.finished(course, "50", CLOSED, 7, step="apprenticeship_completed")
    with app.app_context():
        from grants.models import GrantRound
        business, scholarship = grants_factory.round(), grants_factory.round()
        db.session.get(GrantRound, scholarship).kind = "scholarship"
        db.session.commit()
    with unit_of_work(app):
        for n_ in range(11):
            person = programme.person("57")
            decided = datetime(CLOSED, 6, 1, tzinfo=UTC) if n_ < 5 else datetime(CLOSED, 12, 31, 18, tzinfo=UTC)
            application = GrantApplication(round_id=scholarship if n_ < 5 else business, participant_id=person,
                                           status="accepted", amount_awarded_thb=1_000, decided_at=decided,
                                           province_code="57")
            db.session.add(application)
            db.session.flush()
            db.session.add(FollowUpVisit(application_id=application.id, month=12, due_on=date(CLOSED, 5, 1),
                                         status="done", done_on=date(CLOSED, 5, 2),
                                         business_status="struggling" if n_ < 6 else "closed"))
        db.session.commit()
    figures = _figures(app)
    seven = rounded(app, "apprenticeship_completed", "50", 7)
    assert figures["public"]["apprenticeship_completed"]["2025"] == {
        "rows": {"50": seven}, "total": rounded(app, "apprenticeship_completed", "all", 7)}
    assert seven["value"] in (5, 10)
    assert figures["public"]["scholarships"]["2025"] == {"rows": {"57": n(5)}, "total": n(5)}
    # Decided on the evening of 31 December UTC: 1 January 2026 in the programme's time zone, a running year.
    assert "2025" not in figures["public"]["business_grants"]
    # Visits to business grants only (the scholarships' visits are not businesses): 1 struggling, 5 closed.
    operating = figures["internal"]["operating_12"]["2025"]
    assert operating["total"] == {**n(1), "share": 1 / 6}
    assert figures["public"]["operating_12"]["2025"]["total"] == {**FEWER, "share": None}
