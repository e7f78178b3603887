"""training.listing_cards: each card of the opportunities list is kept per worker and language, and a change to
anything a card shows (its course, post, employer or the demand figures) shows on the next list, for visitors
searching (never a kept page) and signed-in readers alike."""
import re
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from core.models import Role
from tests.conftest import unit_of_work
from training import listing_cards
from training.employer_models import EmployerOrganisation, WorkPost
from training.models import Course, DemandImport, DemandRecord


def _statements(client, url) -> list[str]:
    seen: list[str] = []
    listener = lambda conn, cursor, statement, *args: seen.append(statement)  # noqa: E731
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", listener)
    return seen


def _page(client, url="/opportunities?q=barista") -> str:
    return client.get(url).get_data(as_text=True)


def test_a_kept_card_is_used_and_loads_no_course(app, training, client):
    training.course(title="Barista basics")
    first = _page(client)
    rendered = listing_cards.STATS["rendered"]
    statements = _statements(client, "/opportunities?q=barista")
    assert _page(client) == first
    assert listing_cards.STATS["rendered"] == rendered  # the second and third lists rendered no card
    # No course, post or demand figure loaded (the search itself reads ids only).
    loads = r"^SELECT (courses\.id, courses\.title|work_posts\.id, work_posts\.organisation_id)|FROM demand_records"
    assert not [s for s in statements if re.search(loads, s)]


def test_a_changed_course_shows_at_once(app, training, client):
    course_id = training.course(title="Barista basics", seats=10)
    assert "10 seats left" in _page(client)
    with unit_of_work(app):  # a bulk statement, as an enrolment takes a seat
        db.session.execute(sa.update(Course).where(Course.id == course_id).values(seats_taken=3))
        db.session.commit()
    assert "7 seats left" in _page(client)
    with unit_of_work(app):  # through the ORM
        db.session.get(Course, course_id).title = "Barista and latte art"
        db.session.commit()
    assert "Barista and latte art" in _page(client)


def test_a_changed_employer_and_post_show_at_once(app, training, people, client):
    org_id = training.organisation(people.make(Role.EMPLOYER))
    post_id = training.post(org_id, title="Barista wanted")
    assert "Org 0105500000001" in _page(client)
    with unit_of_work(app):
        db.session.get(EmployerOrganisation, org_id).name = "Riverside Roasters"
        db.session.commit()
    assert "Riverside Roasters" in _page(client)
    with unit_of_work(app):
        db.session.get(WorkPost, post_id).pay_amount_thb = 455
        db.session.commit()
    assert "455 baht a day" in _page(client)


def test_new_demand_figures_show_at_once(app, training, client):
    training.course(title="Barista basics", isco_code="5132", province_code="50")
    assert "High demand" not in _page(client)
    with unit_of_work(app):
        imported = DemandImport(file_sha256="a" * 64, filename="demand.csv", source="DOE",
                                source_date=date(2026, 11, 1), row_count=1)
        db.session.add(imported)
        db.session.flush()
        db.session.add(DemandRecord(import_id=imported.id, province_code="50", isco_code="5132", vacancies=90,
                                    trend="rising", source_date=date(2026, 11, 1)))
        db.session.commit()
    assert "High demand in Chiang Mai" in _page(client)


def test_each_language_has_its_own_cards(app, training, client):
    training.course(title="Barista basics", duration_weeks=4)
    assert "4 weeks" in _page(client)
    thai = client.get("/opportunities?q=barista", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert "4 สัปดาห์" in thai and "4 weeks" not in thai
    assert "4 weeks" in _page(client)


def test_signed_in_readers_see_the_same_cards(app, training, signed_in):
    training.course(title="Barista basics")
    participant, _ = signed_in(Role.PARTICIPANT)
    listed = _page(participant, "/opportunities")
    assert "Barista basics" in listed
    with unit_of_work(app):
        db.session.execute(sa.update(Course).where(Course.title == "Barista basics").values(title="Roasting"))
        db.session.commit()
    assert "Roasting" in _page(participant, "/opportunities")


def test_a_site_mounted_under_a_prefix_links_under_it(app, training, client):
    course_id = training.course(title="Barista basics")
    assert f'href="/courses/{course_id}"' in _page(client)
    mounted = client.get("/opportunities?q=barista", environ_overrides={"SCRIPT_NAME": "/pathways"})
    assert f'href="/pathways/courses/{course_id}"' in mounted.get_data(as_text=True)
    assert f'href="/courses/{course_id}"' in _page(client)
