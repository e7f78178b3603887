"""Importing labour-market demand: all or nothing, every bad row named, the same file twice changes nothing."""
import io
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import Role, User
from tests.conftest import post_form
from training import demand
from training.models import DemandImport, DemandRecord

GOOD = "province,isco_code,vacancies,median_wage_thb,trend\nChiang Mai,5132,140,11000,rising\n50,5120,220,,steady\n"


def _staff(app, people):
    return db.session.get(User, people.make(Role.STAFF))


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_good_csv_imports_and_reimport_changes_nothing(app, people, ctx):
    staff = _staff(app, people)
    result = demand.import_demand(GOOD.encode(), "demand.csv", "Employment office", date(2026, 10, 1), staff)
    assert result.rows == 2 and not result.already_imported
    again = demand.import_demand(GOOD.encode(), "demand.csv", "Employment office", date(2026, 10, 1), staff)
    assert again.already_imported and _count(DemandRecord) == 2 and _count(DemandImport) == 1
    record = db.session.scalar(sa.select(DemandRecord).where(DemandRecord.isco_code == "5132"))
    assert (record.province_code, record.vacancies, record.trend) == ("50", 140, "rising")


def test_a_bad_row_in_the_middle_imports_nothing_and_names_every_bad_row(app, people, ctx):
    staff = _staff(app, people)
    rows = ["province,isco_code,vacancies,median_wage_thb,trend", "Chiang Mai,5132,140,11000,rising",
            "Atlantis,5120,10,9000,steady", "Lampang,51,-3,abc,sideways", "Phuket,5131,50,12000,rising",
            "Krabi,9999,5,,steady"]
    with pytest.raises(demand.DemandImportError) as raised:
        demand.import_demand("\n".join(rows).encode(), "d.csv", "Office", date(2026, 10, 1), staff)
    reasons = dict()
    for row, reason in raised.value.row_errors:
        reasons.setdefault(row, []).append(reason)
    assert reasons[3] == ["unknown province"]
    assert set(reasons[4]) == {"the ISCO-08 code must have 4 digits", "vacancies must be a whole number, 0 or more",
                               "median wage must be a number of baht", "trend must be rising, steady or falling"}
    assert reasons[6] == ["this code is not an ISCO-08 occupation"]
    assert 2 not in reasons and 5 not in reasons
    assert _count(DemandRecord) == 0 and _count(DemandImport) == 0


def test_xlsx_is_read_too(app, people, ctx):
    buffer = io.BytesIO()
    pd.read_csv(io.StringIO(GOOD), dtype=str).to_excel(buffer, index=False)
    result = demand.import_demand(buffer.getvalue(), "demand.xlsx", "Office", date(2026, 10, 1), _staff(app, people))
    assert result.rows == 2


@pytest.mark.parametrize("content,name,message", [
    (b"not a table", "notes.txt", "Upload a CSV or XLSX file."),
    (b"\x00\x01garbage", "broken.xlsx", "The file could not be read as a table."),
    (b"a,b\n1,2\n", "other.csv", "These columns are missing"),
])
def test_wrong_files_are_refused(app, people, ctx, content, name, message):
    with pytest.raises(demand.DemandImportError) as raised:
        demand.import_demand(content, name, "Office", date(2026, 10, 1), _staff(app, people))
    assert message in str(raised.value.message)


def test_upload_page_shows_row_errors_and_refuses_other_types(app, signed_in):
    client, _ = signed_in(Role.STAFF)
    bad = "province,isco_code,vacancies,median_wage_thb,trend\nChiang Mai,5132,140,11000,rising\nX,1,1,1,up\n"
    response = post_form(client, "/staff/training/demand", {
        "file": (io.BytesIO(bad.encode()), "demand.csv"), "source": "Office", "source_date": "2026-10-01"},
        content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert "Nothing was imported" in body and "Row 3: unknown province" in body
    wrong = post_form(client, "/staff/training/demand", {
        "file": (io.BytesIO(b"hello"), "demand.pdf"), "source": "Office", "source_date": "2026-10-01"},
        content_type="multipart/form-data")
    assert "Upload a CSV or XLSX file." in wrong.get_data(as_text=True)


def test_upload_over_the_size_limit_is_refused(app, signed_in):
    client, _ = signed_in(Role.STAFF)
    big = io.BytesIO(b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    response = post_form(client, "/staff/training/demand", {"file": (big, "big.csv"), "source": "O",
                                                            "source_date": "2026-10-01"},
                         content_type="multipart/form-data")
    assert response.status_code == 413 and "That file is too large" in response.get_data(as_text=True)
