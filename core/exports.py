"""A pandas table as a download: CSV (UTF-8) or XLSX, with the right content type."""
from __future__ import annotations

import io

import pandas as pd

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_file(frame: pd.DataFrame, fmt: str, sheet: str) -> tuple[bytes, str]:
    if fmt == "xlsx":
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, sheet_name=sheet)
        return buffer.getvalue(), XLSX
    return frame.to_csv(index=False).encode("utf-8"), "text/csv; charset=utf-8"
