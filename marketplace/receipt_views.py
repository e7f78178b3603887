"""Receipts, tax invoices and credit notes as PDFs: the buyer's from the order page (by its secret link, as the
page itself), the manager's from their order page (their enterprise's part only); and the manager's page
for the enterprise's VAT registration. Its routes join the shop's and the managers' blueprints."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from core.extensions import db
from core.models import Role
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import keep_private, public, roles_required
from marketplace import fulfilment, pdf_documents, tax_invoices
from marketplace.forms import VatRegistrationForm
from marketplace.manager_views import _enterprise_id, _me, _order_with_own_lines
from marketplace.manager_views import bp as manager_bp
from marketplace.models import Enterprise, Order, TaxDocument
from marketplace.views import bp as shop_bp


def _pdf(data: bytes, filename: str) -> Response:
    keep_private()  # names, addresses and tax IDs: never kept by a shared computer's browser
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _filename(document: TaxDocument) -> str:
    return f"{'tax-invoice' if document.kind == 'invoice' else 'credit-note'}-{tax_invoices.number_label(document)}" \
           f"-order-{document.order_id}.pdf"


def _document_of(order: Order, document_id: int, enterprise_id: int | None = None) -> TaxDocument:
    document = db.session.get(TaxDocument, document_id)
    if document is None or document.order_id != order.id or (
            enterprise_id is not None and document.enterprise_id != enterprise_id):
        abort(404)
    return document


def _order_by_link(token: str) -> Order:
    return db.session.scalar(sa.select(Order).where(Order.token == token)) or abort(404)


@shop_bp.route("/orders/<token>/receipt.pdf")
@public
def order_receipt(token: str):
    """The receipt of a paid order, in the language the buyer ordered in with English beside."""
    order = _order_by_link(token)
    if not pdf_documents.receipt_ready(order):
        abort(404)
    return _pdf(pdf_documents.receipt_pdf(order), f"receipt-order-{order.id}.pdf")


@shop_bp.route("/orders/<token>/tax-documents/<int:document_id>.pdf")
@public
def order_tax_document(token: str, document_id: int):
    """A tax invoice or credit note of the order (Thai with English beside)."""
    document = _document_of(_order_by_link(token), document_id)
    return _pdf(pdf_documents.tax_document_pdf(document), _filename(document))


@manager_bp.route("/orders/<int:order_id>/receipt.pdf", endpoint="order_receipt")
@roles_required(Role.MANAGER)
def manager_receipt(order_id: int):
    """The manager's copy: their enterprise's lines of the order (all of it when all are theirs)."""
    order = _order_with_own_lines(order_id)
    if not pdf_documents.receipt_ready(order):
        abort(404)
    return _pdf(pdf_documents.receipt_pdf(order, fulfilment.lines_for(order, _enterprise_id())),
                f"receipt-order-{order.id}.pdf")


@manager_bp.route("/orders/<int:order_id>/tax-documents/<int:document_id>.pdf", endpoint="order_tax_document")
@roles_required(Role.MANAGER)
def manager_tax_document(order_id: int, document_id: int):
    document = _document_of(_order_with_own_lines(order_id), document_id, _enterprise_id())
    return _pdf(pdf_documents.tax_document_pdf(document), _filename(document))


@manager_bp.route("/vat", methods=["GET", "POST"])
@roles_required(Role.MANAGER)
def vat_registration():
    """The enterprise's VAT registration: with it, buyers may ask for full tax invoices at checkout."""
    enterprise = db.session.get(Enterprise, _enterprise_id())
    form = VatRegistrationForm(obj=enterprise)
    if form.validate_on_submit():
        try:
            tax_invoices.save_registration(_me(), enterprise, bool(form.vat_registered.data),
                                           form.legal_name.data or "", form.legal_address.data or "",
                                           form.tax_id.data or "", form.branch.data or "")
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("shop_manager.vat_registration"))
    return render_template("marketplace/manager/vat.html", form=form, enterprise=enterprise)
