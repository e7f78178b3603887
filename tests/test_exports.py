"""Every spreadsheet download of the site, found from the URL map, opened as a spreadsheet would open it.

A person, product or business named `=HYPERLINK(...)` in Thai stays text: the `'`-prefixed value in CSV (read
with the csv module), a string cell in XLSX (read with openpyxl). Thai round-trips; the CSV has a BOM.
"""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl
import pytest
import sqlalchemy as sa

from core import clock
from core.db import utcnow
from core.extensions import db
from core.models import User
from impact import services as impact
from marketplace.models import Enterprise, Order, OrderLine
from tests.conftest import RolledBackDatabase, sign_in
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, build_world
from training.employer_models import EmployerOrganisation

pytestmark = pytest.mark.real_commits  # it builds its own world in a rolled-back transaction

HOSTILE = '=HYPERLINK("http://evil.example","มาลี")'
# Each download: who takes it, and the URL that names the person or product in it.
DOWNLOADS = {
    "privacy.my_data_csv": ("participant", ["/me/data.csv"]),
    "grants_staff.report_export": ("staff", ["/staff/grants/report.csv?named=1", "/staff/grants/report.xlsx?named=1"]),
    "shop_manager.report_export": ("manager", ["/manage/shop/report.csv", "/manage/shop/report.xlsx"]),
    "shop_manager.orders_export": ("manager", ["/manage/shop/orders.csv", "/manage/shop/orders.xlsx"]),
    "training_staff.placements_export": ("staff", ["/staff/training/placements.csv",
                                                   "/staff/training/placements.xlsx"]),
    # The figures of finished years: an enterprise's name is in the sales sheet.
    "impact.public_download": ("customer", ["/impact.xlsx"]),
    "impact.report_export": ("staff", ["/staff/impact.xlsx?version=internal"]),
}


def _spreadsheet_routes(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.rule.endswith((".csv", ".xlsx")) or "csv" in rule.rule}


def _cells(response) -> list[tuple[str, str | None]]:
    """(value, XLSX data type or None for CSV) of every cell."""
    body = response.get_data()
    if response.headers["Content-Type"].startswith("text/csv"):
        assert body.startswith("\ufeff".encode()), "CSV without a BOM"
        return [(value, None) for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for value in row]
    book = openpyxl.load_workbook(io.BytesIO(body))
    return [(cell.value, cell.data_type) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_every_spreadsheet_download_keeps_a_formula_as_text(app):
    assert _spreadsheet_routes(app) == set(DOWNLOADS), "add the new download to DOWNLOADS"
    with RolledBackDatabase(app):
        with app.app_context():
            people = build_world()
            people["participant"].display_name = HOSTILE
            db.session.execute(sa.update(OrderLine).values(name=HOSTILE, status="shipped"))
            db.session.execute(sa.update(EmployerOrganisation).values(name=HOSTILE))  # in the placement export
            # A shipped order carries its customer's name and address into the manager's export.
            db.session.execute(sa.update(Order).values(name=HOSTILE, delivery="shipping", address=HOSTILE))
            # Sold in a frozen year, by an enterprise of that name that may be named (a registered organisation,
            # confirmed; no order dominance rule here): in the impact figures' sales sheet.
            db.session.execute(sa.update(Enterprise).values(name=HOSTILE, registered_organisation=True,
                                                            registration_number="1", standing_confirmed_at=utcnow()))
            db.session.execute(sa.update(Order).values(created_at=datetime(clock.today().year - 2, 5, 1, tzinfo=UTC)))
            app.config["IMPACT_SALES_DOMINANCE_PERCENT"] = 100
            try:
                impact.refresh(clock.today())
            finally:
                app.config["IMPACT_SALES_DOMINANCE_PERCENT"] = 50
            db.session.commit()
            assert db.session.scalar(sa.select(User.display_name).where(User.id == people["participant"].id))
        for endpoint, (who, urls) in DOWNLOADS.items():
            client = app.test_client()
            assert sign_in(client, DEMO_LOGINS[who], DEMO_PASSWORD).status_code == 302
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                assert "-20" in response.headers["Content-Disposition"], url  # the date is in the name
                cells = _cells(response)
                if ".xlsx" in url:
                    assert (HOSTILE, "s") in cells, (endpoint, url)
                    assert not any(kind == "f" for _value, kind in cells), (endpoint, url)
                else:
                    assert ("'" + HOSTILE, None) in cells, (endpoint, url)
                    assert not any(isinstance(v, str) and v.startswith("=") for v, _kind in cells), (endpoint, url)
