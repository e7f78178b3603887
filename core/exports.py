"""Every download of a table goes through here: CSV or XLSX that is safe to open in a spreadsheet.

- CSV starts with a UTF-8 BOM (Excel shows Thai as mojibake without it), and a text cell that starts with
  `=`, `+`, `-`, `@`, tab or carriage return gets OWASP's `'` prefix so it cannot run as a formula.
- XLSX writes every text value as a string cell, never a formula (no prefix needed), in openpyxl's
  write-only mode; characters that XLSX cannot hold are dropped.
- Rows are written one at a time into a spooled temporary file, so a long export costs the memory of the
  chunk of rows being written, not of the whole file.
- One content type, and a file name that carries the date.
"""
from __future__ import annotations

import csv
import io
import math
import tempfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import IO

import pandas as pd
from flask import Response, request
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from werkzeug.wsgi import wrap_file

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


SPOOL_BYTES = 1024 * 1024  # a file bigger than this goes to a temporary file on disk, not memory


def _write_csv(out: IO[bytes], columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    text.write("\ufeff")
    writer = csv.writer(text)
    writer.writerow([csv_cell(str(c)) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    text.flush()
    text.detach()  # leave `out` open for the caller


def _write_xlsx(out: IO[bytes], columns: Sequence[str], rows: Iterable[Sequence], sheet: str) -> None:
    _write_sheets(out, [(sheet, columns, rows)])


def _write_sheets(out: IO[bytes], sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> None:
    workbook = Workbook(write_only=True)  # rows go to a temporary file as they are appended
    for sheet, columns, rows in sheets:
        worksheet = workbook.create_sheet(sheet[:31])

        def cell(value, worksheet=worksheet):
            value = _plain(value)
            if isinstance(value, str):
                made = WriteOnlyCell(worksheet, ILLEGAL_CHARACTERS_RE.sub("", value))
                made.data_type = "s"  # openpyxl would make "=…" a formula
                return made
            return WriteOnlyCell(worksheet, value)

        worksheet.append([cell(str(c)) for c in columns])
        for row in rows:
            worksheet.append([cell(v) for v in row])
    workbook.save(out)


def workbook_file(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> tuple[bytes, str]:
    """Several small tables as one XLSX, a sheet each (a donor report: one sheet per theme)."""
    out = io.BytesIO()
    _write_sheets(out, sheets)
    return out.getvalue(), XLSX


def rows_file(columns: Sequence[str], rows: Iterable[Sequence], fmt: str, sheet: str) -> tuple[IO[bytes], str]:
    """CSV or XLSX of `rows`, written one row at a time into a file that stays in memory only while small:
    an export of any length costs the memory of one chunk of rows. The file is rewound for reading."""
    out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open
    if fmt == "xlsx":
        _write_xlsx(out, columns, rows, sheet)
        content_type = XLSX
    else:
        _write_csv(out, columns, rows)
        content_type = CSV
    out.seek(0)
    return out, content_type


def table_file(frame: pd.DataFrame, fmt: str, sheet: str) -> tuple[bytes, str]:
    """A small table (a report, a person's own data) as bytes."""
    out, content_type = rows_file(list(frame.columns), frame.itertuples(index=False, name=None), fmt, sheet)
    with out:
        return out.read(), content_type


def download(content: bytes | IO[bytes], content_type: str, stem: str, extension: str) -> Response:
    """The file as an attachment named like `sales-2026-11-26.csv`; never cached on a shared computer. A file
    object is sent in blocks and closed after."""
    if isinstance(content, bytes):
        response = Response(content, content_type=content_type)
    else:
        response = Response(wrap_file(request.environ, content), content_type=content_type, direct_passthrough=True)
    response.headers["Content-Disposition"] = f"attachment; filename={stem}-{today().isoformat()}.{extension}"
    response.headers["Cache-Control"] = "no-store"
    return response
