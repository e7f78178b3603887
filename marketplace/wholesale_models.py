"""Wholesale (issue #34, item 4): businesses that buy at their own prices, on card or on invoice with terms.

- `BusinessCustomer`: a customer account's business, as it applied (name, 13-digit tax ID, branch, address,
  contact), approved, refused or suspended by staff or an enterprise's manager (BUSINESS_LIFECYCLE). Its terms
  (days to pay) and whether it may pay on invoice are set when it is approved.
- `WholesalePrice`: a manager's price of one variant for every approved business (business_id NULL), or for one
  business (which wins). Two partial unique indexes keep one of each.
- `WholesaleTerms`: an enterprise's minimum wholesale order and the bank account its invoices ask to pay into.
- `OrderInvoice`: an order placed on invoice: whose, due when, the bank details it was issued with, and when its
  one overdue reminder was sent (`reminded_at`, set by one conditional UPDATE).
"""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import UTCDateTime, utcnow
from core.extensions import db
from core.states import Lifecycle


class BusinessState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    SUSPENDED = "suspended"


_B = BusinessState
# Staff or a manager decide; a refused business may correct its details and apply again.
BUSINESS_LIFECYCLE = Lifecycle("business_customer", BusinessState, {
    (_B.PENDING, "approve"): _B.APPROVED,
    (_B.PENDING, "refuse"): _B.REFUSED,
    (_B.APPROVED, "suspend"): _B.SUSPENDED,
    (_B.SUSPENDED, "reinstate"): _B.APPROVED,
    (_B.REFUSED, "reapply"): _B.PENDING,
}, record_type="business_customer")
PAYMENT_TERMS_DAYS = (0, 7, 15, 30, 45, 60)  # 0: pay when ordering (card) only


class BusinessCustomer(db.Model):
    __tablename__ = "business_customers"
    __table_args__ = (
        sa.CheckConstraint(BUSINESS_LIFECYCLE.check_constraint(), name="status_known"),
        sa.CheckConstraint(f"terms_days IN {PAYMENT_TERMS_DAYS!r}", name="terms_known"),
        sa.CheckConstraint("NOT pay_on_invoice OR terms_days > 0", name="invoice_has_terms"),
        sa.Index("ix_business_customers_status_created", "status", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    tax_id: Mapped[str] = mapped_column(sa.String(13))
    branch: Mapped[str] = mapped_column(sa.String(5), default="00000")
    address: Mapped[str] = mapped_column(sa.Text)
    contact_name: Mapped[str] = mapped_column(sa.String(120))
    contact_phone: Mapped[str] = mapped_column(sa.String(40), default="")
    status: Mapped[str] = mapped_column(sa.String(20), default=BusinessState.PENDING.value)
    terms_days: Mapped[int] = mapped_column(default=0)
    pay_on_invoice: Mapped[bool] = mapped_column(default=False)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WholesalePrice(db.Model):
    __tablename__ = "wholesale_prices"
    __table_args__ = (
        sa.CheckConstraint("price_minor > 0", name="price_positive"),
        sa.Index("ix_wholesale_prices_for_all", "variant_id", unique=True,
                 sqlite_where=sa.text("business_id IS NULL"), postgresql_where=sa.text("business_id IS NULL")),
        sa.Index("ix_wholesale_prices_for_one", "variant_id", "business_id", unique=True,
                 sqlite_where=sa.text("business_id IS NOT NULL"),
                 postgresql_where=sa.text("business_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(sa.ForeignKey("product_variants.id", ondelete="CASCADE"))
    business_id: Mapped[int | None] = mapped_column(sa.ForeignKey("business_customers.id", ondelete="CASCADE"),
                                                    index=True)
    price_minor: Mapped[int] = mapped_column()

    business: Mapped[BusinessCustomer | None] = relationship()


class WholesaleTerms(db.Model):
    __tablename__ = "wholesale_terms"
    __table_args__ = (sa.CheckConstraint("minimum_order_minor >= 0", name="minimum_not_negative"),)

    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="CASCADE"), primary_key=True)
    minimum_order_minor: Mapped[int] = mapped_column(default=0)
    bank_details: Mapped[str] = mapped_column(sa.Text, default="")  # bank, branch, account name and number


class OrderInvoice(db.Model):
    __tablename__ = "order_invoices"
    __table_args__ = (sa.Index("ix_order_invoices_enterprise_due", "enterprise_id", "due_on", "order_id"),)

    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    business_id: Mapped[int | None] = mapped_column(sa.ForeignKey("business_customers.id", ondelete="SET NULL"),
                                                    index=True)
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id", ondelete="RESTRICT"))
    issued_on: Mapped[date] = mapped_column(sa.Date)
    due_on: Mapped[date] = mapped_column(sa.Date)
    terms_days: Mapped[int] = mapped_column()
    # frozen when issued: the buyer's business and the seller's bank account as the PDF shows them
    buyer: Mapped[dict] = mapped_column(sa.JSON)
    bank_details: Mapped[str] = mapped_column(sa.Text, default="")
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paid_marked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
