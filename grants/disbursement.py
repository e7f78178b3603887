"""Paying an award in tranches, cash or in kind, with a checked receipt kept outside the web root (the upload
store, core.file_store: never public, read only through the receipt view).

The total paid never passes the award: the running total rises in one conditional UPDATE, and a CHECK
constraint backs it up. A tranche with a condition waits until the condition is met.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import audit, clock
from core.extensions import changed_rows, db
from core.file_store import MissingFile, StoredFile, store
from core.images import NotAPicture, as_jpeg
from core.models import User
from core.unit_of_work import after_commit
from grants.models import AWARDED_STATUSES, FollowUpVisit, GrantApplication, PlannedTranche, Tranche
from grants.rounds import GrantError

MAX_RECEIPT_BYTES = 4 * 1024 * 1024
CONDITIONS = {"none": _l("No condition"),
              "first_visit_operating": _l("After the first follow-up visit shows the business running")}


def condition_met(application: GrantApplication, condition: str) -> bool:
    if condition == "none":
        return True
    # The first follow-up by staff (a visit or a call): the owner's own check-in cannot release money.
    first = db.session.scalar(sa.select(FollowUpVisit).where(
        FollowUpVisit.application_id == application.id, FollowUpVisit.status == "done",
        sa.or_(FollowUpVisit.kind.is_(None), FollowUpVisit.kind != "self_check_in"))
        .order_by(FollowUpVisit.done_on, FollowUpVisit.id).limit(1))
    return first is not None and first.business_status == "operating"


def checked_receipt(content: bytes, filename: str) -> tuple[bytes, str]:
    """Check that the file is really an image or a PDF: the receipt as it is stored (a PDF as sent, a photo as
    a JPEG) and its suffix."""
    if len(content) > MAX_RECEIPT_BYTES:
        raise GrantError(_l("The receipt is too large (4 MB at most)."), "receipt")
    if content.startswith(b"%PDF-"):
        suffix = ".pdf"
        stored = content
    else:
        try:
            stored = as_jpeg(content, quality=85)
        except NotAPicture as error:
            raise GrantError(_l("The receipt must be a photo (JPEG or PNG) or a PDF."), "receipt") from error
        suffix = ".jpg"
    return stored, suffix


def _keep_receipt(stored: bytes, suffix: str) -> str:
    """Store a checked receipt under a name we choose, once the payment it belongs to is committed."""
    name = uuid.uuid4().hex + suffix
    files = store()
    after_commit(lambda: files.put(receipt_key(name), stored))  # only a receipt whose payment was recorded
    return name


def receipt_key(name: str) -> str:
    return f"receipts/{name}"


RECEIPT_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|pdf)$")


@dataclass(frozen=True)
class ReceiptFile:
    file: StoredFile
    content_type: str
    download_name: str
    inline: bool  # a photo opens in the page; a PDF is saved and opened by the person's own viewer


def open_receipt(tranche: Tranche, viewer: User) -> ReceiptFile:
    """The stored receipt of a tranche, for the business owner or staff. Staff opening one is audited."""
    application = tranche.application
    owner = application.participant_id == viewer.id
    if not tranche.receipt_path or not RECEIPT_NAME.match(tranche.receipt_path):
        raise GrantError(_l("This payment has no receipt."))
    if not owner and not viewer.has_role("staff", "admin"):
        raise GrantError(_l("This payment has no receipt."))
    try:
        file = store().open(receipt_key(tranche.receipt_path))
    except MissingFile as error:
        raise GrantError(_l("The receipt file is missing. Ask the programme to scan it again.")) from error
    if not owner:
        audit.record("grants.receipt_open", "grant_application", application.id, actor=viewer,
                     detail={"tranche": tranche.id})
    pdf = tranche.receipt_path.endswith(".pdf")
    return ReceiptFile(file, "application/pdf" if pdf else "image/jpeg",
                       f"receipt-{application.id}-{tranche.position}.{'pdf' if pdf else 'jpg'}", inline=not pdf)


def pay_tranche(application: GrantApplication, staff: User, *, amount_thb: int, kind: str, paid_on: date,
                condition: str = "none", items: list[dict] | None = None, receipt: tuple[bytes, str] | None = None
                ) -> Tranche:
    if application.status != "accepted":
        raise GrantError(_l("A grant is paid once the person has accepted it."))
    if amount_thb <= 0:
        raise GrantError(_l("The amount must be more than 0."), "amount_thb")
    if paid_on > clock.today():
        raise GrantError(_l("The date cannot be in the future."), "paid_on")
    if kind not in ("cash", "in_kind"):
        raise GrantError(_l("Choose cash or in kind."), "kind")
    lines = items or []
    if kind == "in_kind" and sum(int(i["quantity"]) * int(i["unit_cost_thb"]) for i in lines) != amount_thb:
        raise GrantError(_l("In kind, the items must add up to the amount."), "items")
    if condition not in CONDITIONS:
        raise GrantError(_l("Unknown condition."), "condition")
    if not condition_met(application, condition):
        raise GrantError(_l("The condition of this tranche is not met yet."), "condition")
    remaining = (application.amount_awarded_thb or 0) - application.paid_thb
    if amount_thb > remaining:
        raise GrantError(_l("Only %(amount)s baht of the award is left to pay.", amount=f"{remaining:,}"),
                         "amount_thb")
    checked = checked_receipt(*receipt) if receipt else None
    paid = changed_rows(sa.update(GrantApplication).where(
        GrantApplication.id == application.id,
        GrantApplication.paid_thb + amount_thb <= GrantApplication.amount_awarded_thb)
        .values(paid_thb=GrantApplication.paid_thb + amount_thb))
    if paid != 1:  # another payment took the rest at the same moment; this one changed nothing
        raise GrantError(_l("Only %(amount)s baht of the award is left to pay.", amount="0"), "amount_thb")
    receipt_name = _keep_receipt(*checked) if checked else None  # kept only with a payment that was recorded
    position = 1 + (db.session.scalar(sa.select(sa.func.count(Tranche.id)).where(
        Tranche.application_id == application.id)) or 0)
    tranche = Tranche(application_id=application.id, position=position, amount_thb=amount_thb, kind=kind,
                      items=lines, condition=condition, paid_on=paid_on, paid_by_id=staff.id,
                      receipt_path=receipt_name)
    db.session.add(tranche)
    db.session.flush()
    audit.record("grant_tranche.pay", "grant_application", application.id, actor=staff,
                 detail={"amount": amount_thb, "kind": kind})
    if position == 1:
        from grants.awards import after_first_payment

        after_first_payment(application, paid_on)
    db.session.flush()
    db.session.refresh(application)
    return tranche


# --- the plan of payments ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanInput:
    planned_on: date
    amount_thb: int
    condition: str = "none"


@dataclass(frozen=True)
class PlanRow:
    position: int
    planned: PlannedTranche | None
    paid: Tranche | None
    state: str  # paid, due (planned date passed, not paid), planned, unplanned (paid without a plan)


def plan_tranches(application: GrantApplication, staff: User, plan: list[PlanInput]) -> list[PlannedTranche]:
    """Replace the plan of the payments not yet made. Paid positions keep their plan; the whole plan never
    passes the award."""
    if application.status not in AWARDED_STATUSES:
        raise GrantError(_l("Only an approved grant has a payment plan."))
    if not plan:
        raise GrantError(_l("Plan at least one payment."), "plan")
    for row in plan:
        if row.amount_thb <= 0:
            raise GrantError(_l("Each planned payment must be more than 0 baht."), "plan")
        if row.condition not in CONDITIONS:
            raise GrantError(_l("Unknown condition."), "plan")
    paid = list(db.session.scalars(sa.select(Tranche).where(Tranche.application_id == application.id)
                                   .order_by(Tranche.position)))
    kept = list(db.session.scalars(sa.select(PlannedTranche).where(
        PlannedTranche.application_id == application.id, PlannedTranche.position <= len(paid))
        .order_by(PlannedTranche.position)))
    kept_total = sum(p.amount_thb for p in kept) if kept else sum(t.amount_thb for t in paid)
    if kept_total + sum(row.amount_thb for row in plan) > (application.amount_awarded_thb or 0):
        raise GrantError(_l("The plan adds up to more than the grant of %(amount)s baht.",
                            amount=f"{application.amount_awarded_thb or 0:,}"), "plan")
    dates = [row.planned_on for row in plan]
    if dates != sorted(dates):
        raise GrantError(_l("Put the payments in date order."), "plan")
    db.session.execute(sa.delete(PlannedTranche).where(PlannedTranche.application_id == application.id,
                                                       PlannedTranche.position > len(paid)))
    rows = [PlannedTranche(application_id=application.id, position=len(paid) + n, amount_thb=row.amount_thb,
                           planned_on=row.planned_on, condition=row.condition) for n, row in enumerate(plan, 1)]
    db.session.add_all(rows)
    audit.record("grants.tranche_plan", "grant_application", application.id, actor=staff,
                 detail={"payments": len(rows), "total": sum(r.amount_thb for r in rows)})
    db.session.flush()
    return rows


def plan_against_payments(application: GrantApplication, today: date) -> list[PlanRow]:
    """Each planned payment beside the payment made at its place, and any payment made beyond the plan."""
    planned = {p.position: p for p in db.session.scalars(sa.select(PlannedTranche).where(
        PlannedTranche.application_id == application.id))}
    paid = {t.position: t for t in db.session.scalars(sa.select(Tranche).where(
        Tranche.application_id == application.id))}
    rows = []
    for position in sorted(set(planned) | set(paid)):
        plan, payment = planned.get(position), paid.get(position)
        if payment is not None:
            state = "paid" if plan is not None else "unplanned"
        else:
            state = "due" if plan is not None and plan.planned_on < today else "planned"
        rows.append(PlanRow(position, plan, payment, state))
    return rows
