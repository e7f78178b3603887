"""The grants portfolio with pandas: awards and money by round, survival at 6, 12 and 24 months, median
revenue over time, visits made on time, open risk flags. Exports carry no names unless staff ask (audited)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import sqlalchemy as sa

from core import access_log, audit, versioned_cache
from core.exports import table_file
from core.extensions import db
from core.models import User
from grants.models import AWARDED_STATUSES, FollowUpVisit, GrantApplication, GrantRound, RiskFlag
from grants.monitoring import OVERDUE_AFTER

SURVIVAL_MONTHS = (6, 12, 24)


def _frame(query) -> pd.DataFrame:
    return pd.read_sql(query, db.session.connection())  # inside the request's own transaction


def awards_frame() -> pd.DataFrame:
    query = sa.select(GrantApplication.id.label("application_id"), GrantRound.name.label("round"),
                      GrantApplication.participant_id, GrantApplication.status,
                      GrantApplication.amount_requested_thb, GrantApplication.amount_awarded_thb,
                      GrantApplication.paid_thb).join(GrantRound, GrantRound.id == GrantApplication.round_id)
    return _frame(query)


def visits_frame() -> pd.DataFrame:
    query = sa.select(FollowUpVisit.application_id, FollowUpVisit.month, FollowUpVisit.due_on, FollowUpVisit.status,
                      FollowUpVisit.done_on, FollowUpVisit.business_status, FollowUpVisit.revenue_thb)
    frame = _frame(query)
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
    the worker's memory (a copy: the page may reshape it)."""
    kept = versioned_cache.cached(PORTFOLIO_CACHE, lambda: _portfolio(today), part=today)
    return replace(kept, by_round=kept.by_round.copy(), survival=kept.survival.copy(), revenue=kept.revenue.copy())


def _portfolio(today: date) -> Portfolio:
    awards, visits = awards_frame(), visits_frame()
    approved = awards[awards["status"].isin(AWARDED_STATUSES)]
    by_round = (approved.groupby("round", as_index=False)
                .agg(awards=("application_id", "count"), awarded_thb=("amount_awarded_thb", "sum"),
                     paid_thb=("paid_thb", "sum"))
                if not approved.empty else pd.DataFrame(columns=["round", "awards", "awarded_thb", "paid_thb"]))
    done = visits[visits["status"] == "done"]
    survival_rows = []
    for month in SURVIVAL_MONTHS:
        at_month = done[done["month"] == month]
        operating = int((at_month["business_status"] == "operating").sum())
        survival_rows.append({"month": month, "visited": len(at_month), "operating": operating,
                              "share": operating / len(at_month) if len(at_month) else None})
    revenue = (done.dropna(subset=["revenue_thb"]).groupby("month", as_index=False)["revenue_thb"].median()
               .rename(columns={"revenue_thb": "median_revenue_thb"}))
    due = visits[visits["due_on"] <= pd.Timestamp(today)]
    on_time = due["done_on"].notna() & (due["done_on"] <= due["due_on"] + pd.Timedelta(OVERDUE_AFTER))
    open_flags = db.session.scalar(sa.select(sa.func.count(RiskFlag.id)).where(RiskFlag.resolved_at.is_(None))) or 0
    return Portfolio(by_round, pd.DataFrame(survival_rows), revenue,
                     float(on_time.mean()) if len(due) else None, int(open_flags))


def export(staff: User, fmt: str, named: bool) -> tuple[bytes, str]:
    """One row per application. Names only when asked for, and that request is written in the audit log."""
    frame = awards_frame()
    if named:
        names = dict(db.session.execute(sa.select(User.id, User.display_name)).all())
        frame.insert(1, "participant_name", frame["participant_id"].map(names))
        audit.record("grants.export_named", "grants_portfolio", None, actor=staff, detail={"rows": len(frame)})
        access_log.shown(int(pid) for pid in frame["participant_id"].dropna().unique())
    else:
        frame = frame.drop(columns=["participant_id"])
    return table_file(frame, fmt, "applications")
