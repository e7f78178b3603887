"""What wholesale keeps about a customer: their business as they applied (their download, and anonymising). The
invoices already issued keep their copy of the business (name, tax ID, address) for the accounts, as the tax
invoices do; the contact person and phone on them go."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core.extensions import db
from core.labels import Field
from core.models import User
from marketplace.models import Order
from marketplace.wholesale_models import BusinessCustomer, OrderInvoice
from privacy.services import DataSection

FIELDS = {"name": Field(_l("Business name (as registered)")), "tax_id": Field(_l("Tax ID")),
          "branch": Field(_l("Branch")), "address": Field(_l("Registered address")),
          "contact_name": Field(_l("Contact person")), "contact_phone": Field(_l("Contact phone")),
          "status": Field(_l("Where it stands"), "wholesale_status")}


def export_business(user: User) -> list[dict]:
    return [{name: getattr(b, name) for name in FIELDS} for b in db.session.scalars(
        sa.select(BusinessCustomer).where(BusinessCustomer.user_id == user.id))]


def anonymise_business(user: User) -> None:
    theirs = sa.select(Order.id).where(Order.customer_id == user.id)
    for invoice in db.session.scalars(sa.select(OrderInvoice).where(OrderInvoice.order_id.in_(theirs))):
        invoice.buyer = {**invoice.buyer, "contact": "", "phone": ""}
    db.session.execute(sa.delete(BusinessCustomer).where(BusinessCustomer.user_id == user.id))
    db.session.flush()


def sections() -> list[DataSection]:
    return [DataSection("wholesale_business", _l("Your business (wholesale)"), export_business, anonymise_business,
                        fields=FIELDS, about_title=_l("Business (wholesale)"))]
