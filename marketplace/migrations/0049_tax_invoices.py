"""shop: VAT registration of enterprises, a tax invoice asked for at checkout, and issued tax invoices and
credit notes

Revision ID: 0049
Revises: 0047
Create Date: 2026-12-06 17:20:00

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0049'
down_revision = '0048'
branch_labels = None
depends_on = None

ORDERS_SEARCHED = ("name", "email")  # written out: the order search's index, rebuilt after SQLite copies the table


def _enterprise_columns() -> tuple[sa.Column, ...]:
    return (
        sa.Column('vat_registered', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('tax_id', sa.String(length=13), server_default='', nullable=False),
        sa.Column('legal_name', sa.String(length=200), server_default='', nullable=False),
        sa.Column('legal_address', sa.Text(), server_default='', nullable=False),
        sa.Column('branch', sa.String(length=5), server_default='00000', nullable=False),
        sa.Column('next_invoice_number', sa.Integer(), server_default='1', nullable=False),
        sa.Column('next_credit_note_number', sa.Integer(), server_default='1', nullable=False),
    )


def _order_columns() -> tuple[sa.Column, ...]:
    return (
        sa.Column('invoice_tax_id', sa.String(length=13), nullable=True),
        sa.Column('invoice_name', sa.String(length=200), server_default='', nullable=False),
        sa.Column('invoice_address', sa.Text(), server_default='', nullable=False),
        sa.Column('invoice_branch', sa.String(length=5), server_default='', nullable=False),
    )


def upgrade():
    # Plain ADD COLUMN (a constant default): SQLite does not copy the tables, so their search indexes stay.
    for column in _enterprise_columns():
        op.add_column('enterprises', column)
    for column in _order_columns():
        op.add_column('orders', column)

    op.create_table('tax_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.Integer(), nullable=True),
    sa.Column('original_id', sa.Integer(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('vat_rate_bp', sa.Integer(), nullable=False),
    sa.Column('seller', sa.JSON(), nullable=False),
    sa.Column('buyer', sa.JSON(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('total_minor', sa.Integer(), nullable=False),
    sa.Column('vat_minor', sa.Integer(), nullable=False),
    sa.Column('before_minor', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('invoice', 'credit_note')", name=op.f('ck_tax_documents_kind_known')),
    sa.CheckConstraint("(kind = 'invoice' AND original_id IS NULL) OR "
                       "(kind = 'credit_note' AND original_id IS NOT NULL)",
                       name=op.f('ck_tax_documents_credit_note_cites')),
    sa.CheckConstraint('number > 0 AND total_minor >= 0 AND vat_minor >= 0',
                       name=op.f('ck_tax_documents_figures_sensible')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'],
                            name=op.f('fk_tax_documents_enterprise_id_enterprises'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_tax_documents_order_id_orders'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], name=op.f('fk_tax_documents_refund_id_refunds'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['original_id'], ['tax_documents.id'],
                            name=op.f('fk_tax_documents_original_id_tax_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tax_documents')),
    sa.UniqueConstraint('enterprise_id', 'kind', 'number', name=op.f('uq_tax_documents_enterprise_id')),
    sa.UniqueConstraint('refund_id', 'enterprise_id', name=op.f('uq_tax_documents_refund_id')),
    )
    with op.batch_alter_table('tax_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tax_documents_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tax_documents_original_id'), ['original_id'], unique=False)
        batch_op.create_index('ix_tax_documents_one_invoice', ['order_id', 'enterprise_id'], unique=True,
                              sqlite_where=sa.text("kind = 'invoice'"), postgresql_where=sa.text("kind = 'invoice'"))


def downgrade():
    # The issued documents go with the table; orders, their lines and what was paid stay as they were.
    with op.batch_alter_table('tax_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_tax_documents_one_invoice')
        batch_op.drop_index(batch_op.f('ix_tax_documents_original_id'))
        batch_op.drop_index(batch_op.f('ix_tax_documents_order_id'))
    op.drop_table('tax_documents')

    text_search.drop_index(op, "orders")
    with op.batch_alter_table('orders', schema=None) as batch_op:
        for column in reversed(_order_columns()):
            batch_op.drop_column(column.name)
    text_search.create_index(op, "orders", ORDERS_SEARCHED, layout="expression")
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        for column in reversed(_enterprise_columns()):
            batch_op.drop_column(column.name)
