"""The reviewer's seal by design (grants.sealing): a staff member asked to review a grant application, who has not
declared "no conflict" (or declared a conflict), finds nothing of it on any page or download of the site, not
just on the application's own page. The world gets one application with words found nowhere else (its business
idea, place, budget line, payment item, visit notes, amount asked, and the applicant's name); a crawl as its
reviewer searches every page, file, CSV and XLSX cell for them. The same reviewer sees them after declaring no
conflict, and so does a staff member who does not review it.

The applicant's name itself is shown wherever staff see participants (the participants list, her record): what
is sealed is the application, and so the link between her name and it. The name is searched in every grants
page and every download, the application's own words in every response."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa
from werkzeug.exceptions import HTTPException

from accounts import services as accounts
from core.extensions import db
from core.models import Role
from grants import applications as grant_applications
from grants import awards, decisions, disbursement, monitoring, reviews
from grants.applications import LineInput
from grants.models import FollowUpVisit, GrantRound
from tests.conftest import RolledBackDatabase, post_form, sign_in
from tests.site_crawl import crawl, parse_page
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, _eligible, _reviewed_by_two, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

NAME = "Wichuda Sealtest"
WORDS = {"idea": "Mango sticky rice boat at Pier QX17", "place": "Ban Sealtest Moo 9",
         "line": "Bamboo steamer QX41", "item": "Charcoal stove QX52", "visit": "Sold out every Sunday QX63"}
AMOUNTS = ("27,345", "27345")  # the amount asked, as pages and files write it
REVIEWER = "sealed.reviewer@world.example"
DOWNLOAD_SUFFIXES = (".csv", ".xlsx", ".json")
HIDDEN_NOTE = "Hidden: any grant application you review is not shown to you here."


def _marked_application(today: date) -> dict:
    """An award with everything under it (budget lines, a payment with items and a receipt, a payment plan,
    visits, one recorded), reviewed by two, and assigned to a third staff member who has not answered the
    conflict question."""
    staff = accounts.find_by_login_name(DEMO_LOGINS["staff"])
    applicant = accounts.create_account(Role.PARTICIPANT, NAME, email="wichuda@world.example",
                                        password=DEMO_PASSWORD)
    _eligible(applicant, today)
    grant_round = db.session.scalar(sa.select(GrantRound).where(GrantRound.name == "Small business 2026"))
    application = grant_applications.start_application(applicant, grant_round, applicant)
    grant_applications.save_draft(
        application, applicant,
        {"business_idea": WORDS["idea"], "location": WORDS["place"], "market": "Ferry passengers",
         "competitors": "None at the pier", "skills": "Cooked at home for years", "plan_six_months": "Two boats"},
        [LineInput(WORDS["line"], 2, 12_000), LineInput("Cool box", 1, 4_345)], 27_345, 1_000, ["coaching"])
    grant_applications.submit(application, applicant, today)
    reviewer = accounts.create_account(Role.STAFF, "Reviewer Sealed", email=REVIEWER, password=DEMO_PASSWORD)
    review = reviews.assign_reviewer(staff, application, reviewer)
    _reviewed_by_two(application, staff, today)
    decisions.decide(application, staff, "approve", "Buyers on every ferry.")
    awards.accept(application, applicant, today)
    photo = io.BytesIO()
    from PIL import Image
    Image.new("RGB", (8, 8), "white").save(photo, format="PNG")
    tranche = disbursement.pay_tranche(application, staff, amount_thb=4_000, kind="in_kind", paid_on=today,
                                       items=[{"item": WORDS["item"], "quantity": 1, "unit_cost_thb": 4_000}],
                                       receipt=(photo.getvalue(), "receipt.png"))
    visits = list(db.session.scalars(sa.select(FollowUpVisit).where(FollowUpVisit.application_id == application.id)
                                     .order_by(FollowUpVisit.due_on)))
    monitoring.record_visit(visits[0], staff, today, "visit", "operating", revenue_thb=9_000,
                            going_well=WORDS["visit"])
    db.session.commit()
    return {"application": application.id, "applicant": applicant.id, "round": grant_round.id,
            "review": review.id, "tranche": tranche.id, "visits": [v.id for v in visits]}


def _record_urls(ids: dict) -> list[str]:
    """Pages about the application and its applicant, opened directly (a crawl opens a few of each kind)."""
    return [f"/staff/participants/{ids['applicant']}", f"/grants/applications/{ids['application']}/edit",
            f"/staff/grants/applications/{ids['application']}", f"/staff/grants/rounds/{ids['round']}",
            f"/grants/tranches/{ids['tranche']}/receipt", f"/staff/grants/participants/{ids['applicant']}/apply",
            *(f"/staff/grants/visits/{v}" for v in ids["visits"]), f"/reviews/{ids['review']}", "/reviews",
            "/staff/grants/monitoring", "/staff/grants/report", "/staff/participants?q=Wichuda",
            "/staff/grants/report.csv", "/staff/grants/report.xlsx", "/staff/grants/report.csv?named=1",
            "/staff/grants/report.xlsx?named=1"]


def _text(response) -> str:
    """A response as text: HTML, CSV and JSON as they are, every cell of an XLSX file."""
    if response.mimetype.endswith("spreadsheetml.sheet"):
        book = openpyxl.load_workbook(io.BytesIO(response.get_data()), read_only=True)
        return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for cell in row if cell is not None)
    if response.mimetype.startswith("image/") or response.mimetype == "application/pdf":
        return ""
    return response.get_data(as_text=True)


def _downloads(pages: dict[str, str]) -> set[str]:
    found = set()
    for html in pages.values():
        for link in parse_page(html).links:
            if link.startswith("/") and link.split("?")[0].endswith(DOWNLOAD_SUFFIXES):
                found.add(link)
    return found


def _everything(app, client, ids: dict) -> dict[str, str]:
    """Every page the crawl reaches, the application's pages, and every download linked from any of them."""
    walked = crawl(app, client, limit=400)
    responses = dict(walked.pages)
    for url in [*walked.files, *_record_urls(ids)]:
        response = client.get(url)
        if response.status_code == 200:
            responses[url] = _text(response)
            if response.mimetype == "text/html":
                walked.pages[url] = responses[url]
    for url in sorted(_downloads(walked.pages) - set(responses)):
        response = client.get(url)
        if response.status_code == 200:
            responses[url] = _text(response)
    return responses


def _endpoint(app, url: str) -> str:
    try:
        return app.url_map.bind("localhost").match(url.split("?")[0], method="GET")[0]
    except HTTPException:
        return ""


def _found(app, responses: dict[str, str]) -> dict[str, list[str]]:
    """Marker words found, by URL: the application's words anywhere; the name in grants pages and downloads."""
    found = {}
    for url, text in responses.items():
        shown = [w for w in (*WORDS.values(), *AMOUNTS) if w in text]
        endpoint = _endpoint(app, url)  # (starting an application for her is a page about her, as her record is)
        grants_page = endpoint.startswith(("grants.", "grants_staff.")) and endpoint != "grants_staff.apply_for"
        if NAME in text and (grants_page or url.split("?")[0].endswith(DOWNLOAD_SUFFIXES)):
            shown.append(NAME)
        if shown:
            found[url] = shown
    return found


def _sees_it(client, ids: dict, sealed_elsewhere: bool) -> None:
    record = client.get(f"/staff/participants/{ids['applicant']}").get_data(as_text=True)
    assert WORDS["idea"] in record and WORDS["place"] in record and (HIDDEN_NOTE in record) == sealed_elsewhere
    edit = client.get(f"/grants/applications/{ids['application']}/edit").get_data(as_text=True)
    assert WORDS["idea"] in edit and WORDS["line"] in edit
    page = client.get(f"/staff/grants/applications/{ids['application']}").get_data(as_text=True)
    assert NAME in page and WORDS["idea"] in page
    assert WORDS["visit"] in client.get(f"/staff/grants/visits/{ids['visits'][0]}").get_data(as_text=True)
    assert client.get(f"/grants/tranches/{ids['tranche']}/receipt").status_code == 200
    assert NAME in client.get(f"/staff/grants/rounds/{ids['round']}").get_data(as_text=True)
    for fmt in ("csv", "xlsx"):
        named = _text(client.get(f"/staff/grants/report.{fmt}?named=1"))
        assert NAME in named and "27345" in named.replace(",", ""), fmt
        assert "27345" in _text(client.get(f"/staff/grants/report.{fmt}")).replace(",", ""), fmt


def test_a_sealed_reviewer_finds_nothing_of_the_application_anywhere_until_no_conflict_is_declared(app):
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
            ids = _marked_application(date.today())
        reviewer = app.test_client()
        sign_in(reviewer, REVIEWER, DEMO_PASSWORD)
        responses = _everything(app, reviewer, ids)
        assert len(responses) > 60 and any(u.startswith("/staff/grants/report.xlsx") for u in responses)
        assert _found(app, responses) == {}
        # Lists keep working without the row; the record says why the grants part may be short, in the same
        # words on everyone's record.
        record = responses[f"/staff/participants/{ids['applicant']}"]
        assert HIDDEN_NOTE in record and NAME in record
        with app.app_context():
            somsri = accounts.find_by_login_name("somsri@world.example").id
        assert HIDDEN_NOTE in reviewer.get(f"/staff/participants/{somsri}").get_data(as_text=True)
        assert reviewer.get(f"/grants/applications/{ids['application']}/edit").status_code == 404
        assert reviewer.get(f"/staff/grants/applications/{ids['application']}").status_code == 403
        review_page = responses[f"/reviews/{ids['review']}"]
        assert "Small business 2026" in review_page and f"#{ids['application']}" in review_page

        # A staff member who does not review it sees all of it, though asked to review another one (the world's
        # demo staff member has not answered about Niran's application: its note stays on every record).
        other = app.test_client()
        sign_in(other, DEMO_LOGINS["staff"], DEMO_PASSWORD)
        _sees_it(other, ids, sealed_elsewhere=True)

        # Its reviewer, once they declare no conflict, sees it too.
        assert post_form(reviewer, f"/reviews/{ids['review']}", {"conflict-has_conflict": "no"}).status_code == 302
        _sees_it(reviewer, ids, sealed_elsewhere=False)


def test_a_deletion_confirmed_by_a_sealed_reviewer_removes_the_application_they_cannot_see(app):
    """The seal hides what a reviewer may read, never what a deletion (or retention, the same path) removes:
    the applicant's words go from the application and its visits although the staff member confirming has not
    declared about it (found from outside: the words stayed while the record said "anonymised")."""
    from core.models import User
    from grants.models import GrantApplication
    from privacy import services as privacy

    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
            ids = _marked_application(date.today())
            deletion = privacy.request_deletion(db.session.get(User, ids["applicant"]))
            db.session.commit()
            deletion_id = deletion.id
        reviewer = app.test_client()
        sign_in(reviewer, REVIEWER, DEMO_PASSWORD)
        page = reviewer.get("/staff/deletion-requests").get_data(as_text=True)
        assert f"/staff/deletion-requests/{deletion_id}/confirm" in page
        assert post_form(reviewer, f"/staff/deletion-requests/{deletion_id}/confirm").status_code == 302
        with app.app_context():
            application = db.session.get(GrantApplication, ids["application"])
            assert (application.business_idea, application.location) == ("", "")
            visit = db.session.get(FollowUpVisit, ids["visits"][0])
            assert visit.going_well == ""
