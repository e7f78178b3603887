"""The grants portfolio with pandas: awards and money by round, survival at 6, 12 and 24 months, median
revenue over time, visits made on time, open risk flags. Exports carry no names unless staff ask (audited)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit, clock, versioned_cache
from core.exports import table_file
from core.extensions import db
from core.labels import code_label
from core.models import User
from grants import sealing
from grants.models import (
    AWARDED_STATUSES,
    EXTRA_CHECK_IN_MONTH,
    OPERATING_STATUSES,
    FollowUpVisit,
    GrantApplication,
    GrantRound,
    GrantState,
    RiskFlag,
)
from grants.monitoring import OVERDUE_AFTER
from privacy import access_log

SURVIVAL_MONTHS = (6, 12, 24)


def _frame(query) -> pd.DataFrame:
    # On the connection, inside the request's own transaction: the session's seal does not see this query, so
    # each query below applies `sealing.visible` itself.
    return pd.read_sql(query, db.session.connection())


def awards_frame() -> pd.DataFrame:
    query = sa.select(GrantApplication.id.label("application_id"), GrantRound.name.label("round"),
                      GrantApplication.participant_id, GrantApplication.status,
                      GrantApplication.amount_requested_thb, GrantApplication.amount_awarded_thb,
                      GrantApplication.paid_thb).join(GrantRound, GrantRound.id == GrantApplication.round_id)
    return _frame(query.where(sealing.visible(GrantApplication)))


def visits_frame() -> pd.DataFrame:
    query = sa.select(FollowUpVisit.application_id, FollowUpVisit.month, FollowUpVisit.due_on, FollowUpVisit.status,
                      FollowUpVisit.done_on, FollowUpVisit.business_status, FollowUpVisit.revenue_thb)
    # The planned visits only: an owner's extra check-in (grants.monitoring.self_check_in) is no visit made.
    frame = _frame(query.where(sealing.visible(FollowUpVisit), FollowUpVisit.month != EXTRA_CHECK_IN_MONTH))
    for column in ("due_on", "done_on"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


@dataclass
class Portfolio:
    by_round: pd.DataFrame
    survival: pd.DataFrame
    revenue: pd.DataFrame
    on_time_share: float | None
    open_flags: int


PORTFOLIO_CACHE = "grants_portfolio"


def portfolio(today: date) -> Portfolio:
    """Built when an application, round, visit or flag changed since the last one of the day, else taken from
    the worker's memory (a copy: the page may reshape it). Kept apart for a viewer with sealed applications."""
    kept = versioned_cache.cached(PORTFOLIO_CACHE, lambda: _portfolio(today), part=(today, sealing.fingerprint()))
    return replace(kept, by_round=kept.by_round.copy(), survival=kept.survival.copy(), revenue=kept.revenue.copy())


def _portfolio(today: date) -> Portfolio:
    awards, visits = awards_frame(), visits_frame()
    # An award counts once the person said yes to it; one offered and not yet answered is shown apart.
    approved = awards[awards["status"].isin(AWARDED_STATUSES)].assign(
        accepted=lambda f: f["status"] == GrantState.ACCEPTED.value,
        offered=lambda f: f["status"] == GrantState.APPROVED.value)
    approved = approved.assign(accepted_thb=approved["amount_awarded_thb"].where(approved["accepted"], 0),
                               offered_thb=approved["amount_awarded_thb"].where(approved["offered"], 0))
    by_round = (approved.groupby("round", as_index=False)
                .agg(awards=("accepted", "sum"), awarded_thb=("accepted_thb", "sum"),
                     offered=("offered", "sum"), offered_thb=("offered_thb", "sum"), paid_thb=("paid_thb", "sum"))
                .astype({"awards": int, "awarded_thb": int, "offered": int, "offered_thb": int, "paid_thb": int})
                if not approved.empty else pd.DataFrame(columns=["round", "awards", "awarded_thb", "offered",
                                                                 "offered_thb", "paid_thb"]))
    done = visits[visits["status"] == "done"]
    survival_rows = []
    for month in SURVIVAL_MONTHS:
        at_month = done[done["month"] == month]
        operating = int(at_month["business_status"].isin(OPERATING_STATUSES).sum())
        survival_rows.append({"month": month, "visited": len(at_month), "operating": operating,
                              "share": operating / len(at_month) if len(at_month) else None})
    revenue = (done.dropna(subset=["revenue_thb"]).groupby("month", as_index=False)["revenue_thb"].median()
               .rename(columns={"revenue_thb": "median_revenue_thb"}))
    # Counted: every visit made (one made before its due date is on time) and every one whose time is up.
    due = visits[(visits["status"] == "done")
                 | (visits["due_on"] + pd.Timedelta(OVERDUE_AFTER) < pd.Timestamp(today))]
    on_time = due["done_on"].notna() & (due["done_on"] <= due["due_on"] + pd.Timedelta(OVERDUE_AFTER))
    open_flags = db.session.scalar(sa.select(sa.func.count(RiskFlag.id)).where(RiskFlag.resolved_at.is_(None))) or 0
    return Portfolio(by_round, pd.DataFrame(survival_rows), revenue,
                     float(on_time.mean()) if len(due) else None, int(open_flags))


TREND_MARGIN = 0.1  # a change of less than a tenth between the last two revenues is "steady"
TREND_LABELS = {"rising": _l("Rising"), "falling": _l("Falling"), "steady": _l("Steady"),
                "too_few": _l("Not known yet: needs two visits that found its revenue")}


def revenue_trend(revenues: pd.Series) -> str:
    known = revenues.dropna()
    if len(known) < 2:
        return "too_few"
    before, last = float(known.iloc[-2]), float(known.iloc[-1])
    if last > before * (1 + TREND_MARGIN):
        return "rising"
    if last < before * (1 - TREND_MARGIN):
        return "falling"
    return "steady"


OUTCOME_COLUMNS = ["visits_done", "visits_due_not_done", "last_visit", "business_status_at_last_visit",
                   "still_operating", "revenue_at_last_visit_thb", "revenue_trend"]


def outcomes_frame(today: date) -> pd.DataFrame:
    """Per funded business: visits done, visits due and not done, the last visit and what it found, whether it
    still operates (the last visit said so), and the revenue trend over its last two reported revenues."""
    visits = visits_frame()
    if visits.empty:
        return pd.DataFrame(columns=["application_id", *OUTCOME_COLUMNS])
    visits = visits.sort_values(["application_id", "done_on", "due_on"])
    rows = []
    for application_id, group in visits.groupby("application_id"):
        made = group[group["status"] == "done"]
        last = made.iloc[-1] if len(made) else None
        due = (group["status"] != "done") & (group["due_on"] <= pd.Timestamp(today))
        rows.append({
            "application_id": application_id, "visits_done": len(made), "visits_due_not_done": int(due.sum()),
            "last_visit": last["done_on"].date().isoformat() if last is not None else "",
            "business_status_at_last_visit": (last["business_status"] or "") if last is not None else "",
            "still_operating": ("yes" if last["business_status"] in OPERATING_STATUSES else "no") if last is not None
            and last["business_status"] else "",
            "revenue_at_last_visit_thb": (int(last["revenue_thb"]) if last is not None
                                          and pd.notna(last["revenue_thb"]) else None),
            "revenue_trend": revenue_trend(made["revenue_thb"]),
        })
    return pd.DataFrame(rows)


def export(staff: User, fmt: str, named: bool, today: date | None = None) -> tuple[bytes, str]:
    """One row per application with its outcomes (visits, operating, revenue trend), so a donor report needs
    no hand work. Names only when asked for, and that request is written in the audit log."""
    frame = awards_frame().merge(outcomes_frame(today or clock.today()), on="application_id", how="left")
    for column in ("visits_done", "visits_due_not_done"):
        frame[column] = frame[column].fillna(0).astype(int)
    for column in ("last_visit", "business_status_at_last_visit", "still_operating", "revenue_trend"):
        frame[column] = frame[column].fillna("")
    frame["revenue_at_last_visit_thb"] = frame["revenue_at_last_visit_thb"].astype("Int64")
    if named:
        names = dict(db.session.execute(sa.select(User.id, User.display_name)).all())
        frame.insert(1, "participant_name", frame["participant_id"].map(names))
        audit.record("grants.export_named", "grants_portfolio", None, actor=staff, detail={"rows": len(frame)})
        access_log.shown(int(pid) for pid in frame["participant_id"].dropna().unique())
    else:
        frame = frame.drop(columns=["participant_id"])
    frame["status"] = frame["status"].map(lambda code: _worded(code_label("grant_status", code, about=True), code))
    frame["business_status_at_last_visit"] = frame["business_status_at_last_visit"].map(
        lambda code: _worded(code_label("business_status", code), code))
    frame["revenue_trend"] = frame["revenue_trend"].map(lambda code: _worded(TREND_LABELS.get(code, code), code))
    return table_file(frame, fmt, "applications")


def _worded(words, code: str) -> str:
    """A code as words with the code beside, "Operating (operating)": readable, and still sortable by code."""
    return f"{words} ({code})" if code else ""
