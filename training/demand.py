"""Importing local labour-market demand (CSV or XLSX) with pandas: every row valid, or nothing imported.

Re-importing the same file changes nothing: files are recognised by their SHA-256.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit, clock
from core.extensions import db
from core.models import User
from core.refusal import Refusal
from training import occupations
from training.geo import provinces
from training.models import DemandImport, DemandRecord

COLUMNS = ("province", "isco_code", "vacancies", "median_wage_thb", "trend")
TRENDS = ("rising", "steady", "falling")
ALLOWED_EXTENSIONS = (".csv", ".xlsx")


class DemandImportError(Refusal):
    """An import refused whole; `row_errors` names every bad row (row number, what is wrong)."""

    def __init__(self, message, row_errors: list[tuple[int, str]] | None = None):
        super().__init__(message, "file")
        self.row_errors = list(row_errors or [])


@dataclass(frozen=True)
class ImportResult:
    rows: int
    already_imported: bool


def _read(content: bytes, filename: str) -> pd.DataFrame:
    name = filename.lower()
    if not name.endswith(ALLOWED_EXTENSIONS):
        raise DemandImportError(_l("Upload a CSV or XLSX file."))
    try:
        if name.endswith(".csv"):
            frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            frame = pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl").fillna("")
    except Exception as error:  # any parser failure means the same thing to the person: unreadable file
        raise DemandImportError(_l("The file could not be read as a table.")) from error
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DemandImportError(_l("These columns are missing: %(columns)s.", columns=", ".join(missing)))
    return frame[list(COLUMNS)].map(lambda value: str(value).strip())


def _province_lookup() -> dict[str, str]:
    lookup = {}
    for code, (english, thai) in provinces().items():
        lookup[code] = code
        lookup[english.lower()] = code
        lookup[thai] = code
    return lookup


def validate(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Clean rows and a list of (row number as in the spreadsheet, reason) for every bad row."""
    errors: list[tuple[int, str]] = []
    lookup = _province_lookup()
    province = frame["province"].str.lower().map(lambda v: lookup.get(v)).where(
        frame["province"].str.lower().isin(lookup.keys()), frame["province"].map(lambda v: lookup.get(v)))
    vacancies = pd.to_numeric(frame["vacancies"], errors="coerce")
    wage = pd.to_numeric(frame["median_wage_thb"].replace("", None), errors="coerce")
    checks = [
        (province.isna(), _l("unknown province")),
        (~frame["isco_code"].str.fullmatch(r"\d{4}"), _l("the ISCO-08 code must have 4 digits")),
        (frame["isco_code"].str.fullmatch(r"\d{4}") & ~frame["isco_code"].isin(list(occupations.occupations())),
         _l("this code is not an ISCO-08 occupation")),
        (vacancies.isna() | (vacancies < 0) | (vacancies % 1 != 0),
         _l("vacancies must be a whole number, 0 or more")),
        ((frame["median_wage_thb"] != "") & (wage.isna() | (wage < 0) | (wage > 1_000_000)),
         _l("median wage must be a number of baht")),
        (~frame["trend"].str.lower().isin(TRENDS), _l("trend must be rising, steady or falling")),
        (frame.assign(p=province).duplicated(["p", "isco_code"], keep="first") & province.notna(),
         _l("the same province and occupation appear twice")),
    ]
    for mask, reason in checks:
        for index in frame.index[mask.fillna(True).astype(bool)]:
            errors.append((int(index) + 2, str(reason)))  # +2: the header is row 1
    errors.sort()
    clean = pd.DataFrame({"province_code": province, "isco_code": frame["isco_code"],
                          "vacancies": vacancies, "median_wage_thb": wage, "trend": frame["trend"].str.lower()})
    return clean, errors


def import_demand(content: bytes, filename: str, source: str, source_date: date, staff: User) -> ImportResult:
    digest = hashlib.sha256(content).hexdigest()
    if db.session.scalar(sa.select(DemandImport.id).where(DemandImport.file_sha256 == digest)):
        return ImportResult(rows=0, already_imported=True)
    if source_date > clock.today():
        raise DemandImportError(_l("The source date cannot be in the future."))
    clean, errors = validate(_read(content, filename))
    if errors:
        raise DemandImportError(_l("Nothing was imported. Correct these rows and upload the file again."), errors)
    if clean.empty:
        raise DemandImportError(_l("The file has no rows."))
    batch = DemandImport(file_sha256=digest, filename=filename[:255], source=source.strip()[:255],
                         source_date=source_date, row_count=len(clean), imported_by_id=staff.id)
    db.session.add(batch)
    db.session.flush()
    existing = {(r.province_code, r.isco_code): r for r in db.session.scalars(
        sa.select(DemandRecord).where(DemandRecord.source_date == source_date))}
    for row in clean.itertuples(index=False):
        wage = None if pd.isna(row.median_wage_thb) else int(row.median_wage_thb)
        record = existing.get((row.province_code, row.isco_code))
        if record is None:
            record = DemandRecord(province_code=row.province_code, isco_code=row.isco_code,
                                  source_date=source_date)
            db.session.add(record)
        record.import_id, record.vacancies, record.median_wage_thb, record.trend = \
            batch.id, int(row.vacancies), wage, row.trend
    audit.record("demand.import", "demand_import", batch.id, actor=staff, detail={"rows": len(clean)})
    db.session.flush()
    return ImportResult(rows=len(clean), already_imported=False)
