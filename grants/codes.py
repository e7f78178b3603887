"""Grants' lists of codes and their words (core.labels), declared in grants' `feature()`."""
from __future__ import annotations

from collections.abc import Mapping


def code_lists() -> dict[str, Mapping]:
    from grants.forms import BUSINESS_STATUS_LABELS, TRANCHE_KINDS
    from grants.templating import GRANT_STATUS, GRANT_STATUS_ABOUT

    return {"grant_status": GRANT_STATUS, "grant_status.about": GRANT_STATUS_ABOUT,
            "business_status": BUSINESS_STATUS_LABELS, "tranche_kind": TRANCHE_KINDS}
