"""Order e-mails, through the outbox: written with the order's change and sent only after it commits, so
nobody is told about an order or a payment that was then rolled back. Written in the language the buyer used
when ordering, whoever or whatever (a manager, a Stripe webhook) causes the message."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from core import notify, outbox
from marketplace import shipping
from marketplace.models import Order, Shipment


def send_order_email(order: Order, subject, lines: list, *, documents: bool = False) -> None:
    """`subject` and `lines` are lazy strings (`_l`): they are translated here, in the buyer's language.
    `documents`: the links to the order's receipt and tax documents (PDFs) follow, when it has them. An order
    without an address (its buyer's account was deleted and the order anonymised) is written to nobody."""
    if not order.email:
        return
    link = notify.absolute(notify.path_for("shop.order", token=order.token))  # a job has no request to link from
    language = order.locale if order.locale in current_app.config["LANGUAGES"] else None
    outbox.queue_email(order.email, language or current_app.config["BABEL_DEFAULT_LOCALE"], subject,
                       [*lines, "", link, *(_document_links(order) if documents else [])])


def _document_links(order: Order) -> list:
    """Each PDF's name and its own link (the order's secret link leads to them, as on the order's page)."""
    from marketplace import pdf_documents, tax_invoices

    found = []
    if pdf_documents.receipt_ready(order):
        found.append((_l("Receipt (PDF)"), notify.path_for("shop.order_receipt", token=order.token)))
    for document in tax_invoices.documents_of(order):
        number = tax_invoices.number_label(document)
        found.append((_l("Tax invoice %(number)s (PDF)", number=number) if document.kind == "invoice"
                      else _l("Credit note %(number)s (PDF)", number=number),
                      notify.path_for("shop.order_tax_document", token=order.token, document_id=document.id)))
    return [line for name, path in found for line in ("", name, notify.absolute(path))]


def send_shipped_email(order: Order, parcel: Shipment) -> None:
    """The parcel left: the carrier, the number and the carrier's tracking page, in the buyer's language."""
    carrier = shipping.CARRIERS[parcel.carrier].label
    send_order_email(order, _l("Your order %(n)d is on its way", n=order.id), [
        _l("Your order has been shipped with %(carrier)s.", carrier=carrier),
        _l("Tracking number: %(number)s", number=parcel.tracking_number),
        _l("Follow your parcel on the carrier's page:"),
        shipping.tracking_url(parcel.carrier, parcel.tracking_number, order.locale),
    ])
