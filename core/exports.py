"""Every download of a table goes through here: CSV or XLSX that is safe to open in a spreadsheet.

- CSV starts with a UTF-8 BOM (Excel shows Thai as mojibake without it), and a text cell that starts with
  `=`, `+`, `-`, `@`, tab or carriage return gets OWASP's `'` prefix so it cannot run as a formula.
- XLSX writes every text value as a string cell, never a formula (no prefix needed), in openpyxl's
  write-only mode; characters that XLSX cannot hold are dropped.
- One content type, and a file name that carries the date.
"""
from __future__ import annotations

import csv
import io
import math
from datetime import datetime

import pandas as pd
from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.clock import today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain(value):
    """A cell value both writers can hold: no NaN, no time zone, no NumPy scalar."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # NumPy scalars
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # pandas makes a column of whole numbers float when one cell is empty
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return value


def csv_cell(value):
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])

    def cell(value):
        value = _plain(value)
        if isinstance(value, str):
            made = WriteOnlyCell(worksheet, ILLEGAL_CHARACTERS_RE.sub("", value))
            made.data_type = "s"  # openpyxl would make "=…" a formula
            return made
        return WriteOnlyCell(worksheet, value)

    worksheet.append([cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        worksheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_file(frame: pd.DataFrame, fmt: str, sheet: str) -> tuple[bytes, str]:
    if fmt == "xlsx":
        return _xlsx(frame, sheet), XLSX
    return _csv(frame), CSV


def download(content: bytes, content_type: str, stem: str, extension: str) -> Response:
    """The file as an attachment named like `sales-2026-11-26.csv`; never cached on a shared computer."""
    response = Response(content, content_type=content_type)
    response.headers["Content-Disposition"] = f"attachment; filename={stem}-{today().isoformat()}.{extension}"
    response.headers["Cache-Control"] = "no-store"
    return response
