"""shop: wholesale — business customers, their prices, enterprises' minimum order and bank account, and orders
on invoice (a new order state, "invoiced")

Revision ID: 0055
Revises: 0054
Create Date: 2026-12-07 00:10:00

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0055'
down_revision = '0054'
branch_labels = None
depends_on = None

ORDERS_SEARCHED = ("name", "email")  # written out: the order search's index, rebuilt after SQLite copies the table
BEFORE = ("pending_payment", "pay_on_collection", "paid", "payment_failed", "expired", "cancelled", "refunded",
          "payment_needs_attention")
AFTER = BEFORE + ("invoiced",)
BUSINESS_STATES = "('pending', 'approved', 'refused', 'suspended')"
TERMS = "(0, 7, 15, 30, 45, 60)"


def _status_check(states) -> None:
    # SQLite copies `orders` to change a CHECK: its search index goes first and is built again after.
    text_search.drop_index(op, "orders")
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_orders_status_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_orders_status_known'), f"status IN {states!r}")
    text_search.create_index(op, "orders", ORDERS_SEARCHED, layout="expression")


def upgrade():
    _status_check(AFTER)
    op.create_table('business_customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tax_id', sa.String(length=13), nullable=False),
    sa.Column('branch', sa.String(length=5), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('terms_days', sa.Integer(), nullable=False),
    sa.Column('pay_on_invoice', sa.Boolean(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint(f"status IN {BUSINESS_STATES}", name=op.f('ck_business_customers_status_known')),
    sa.CheckConstraint(f"terms_days IN {TERMS}", name=op.f('ck_business_customers_terms_known')),
    sa.CheckConstraint("NOT pay_on_invoice OR terms_days > 0", name=op.f('ck_business_customers_invoice_has_terms')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_business_customers_user_id_users'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_business_customers_decided_by_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business_customers')),
    sa.UniqueConstraint('user_id', name=op.f('uq_business_customers_user_id')),
    )
    op.create_index('ix_business_customers_status_created', 'business_customers', ['status', 'created_at', 'id'])

    op.create_table('wholesale_prices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('price_minor', sa.Integer(), nullable=False),
    sa.CheckConstraint("price_minor > 0", name=op.f('ck_wholesale_prices_price_positive')),
    sa.ForeignKeyConstraint(['variant_id'], ['product_variants.id'],
                            name=op.f('fk_wholesale_prices_variant_id_product_variants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['business_id'], ['business_customers.id'],
                            name=op.f('fk_wholesale_prices_business_id_business_customers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wholesale_prices')),
    )
    op.create_index(op.f('ix_wholesale_prices_business_id'), 'wholesale_prices', ['business_id'])
    op.create_index('ix_wholesale_prices_for_all', 'wholesale_prices', ['variant_id'], unique=True,
                    sqlite_where=sa.text("business_id IS NULL"), postgresql_where=sa.text("business_id IS NULL"))
    op.create_index('ix_wholesale_prices_for_one', 'wholesale_prices', ['variant_id', 'business_id'], unique=True,
                    sqlite_where=sa.text("business_id IS NOT NULL"),
                    postgresql_where=sa.text("business_id IS NOT NULL"))

    op.create_table('wholesale_terms',
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('minimum_order_minor', sa.Integer(), nullable=False),
    sa.Column('bank_details', sa.Text(), nullable=False),
    sa.CheckConstraint("minimum_order_minor >= 0", name=op.f('ck_wholesale_terms_minimum_not_negative')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'],
                            name=op.f('fk_wholesale_terms_enterprise_id_enterprises'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('enterprise_id', name=op.f('pk_wholesale_terms')),
    )

    op.create_table('order_invoices',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('terms_days', sa.Integer(), nullable=False),
    sa.Column('buyer', sa.JSON(), nullable=False),
    sa.Column('bank_details', sa.Text(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_marked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_invoices_order_id_orders'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['business_id'], ['business_customers.id'],
                            name=op.f('fk_order_invoices_business_id_business_customers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'],
                            name=op.f('fk_order_invoices_enterprise_id_enterprises'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['paid_marked_by_id'], ['users.id'],
                            name=op.f('fk_order_invoices_paid_marked_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('order_id', name=op.f('pk_order_invoices')),
    )
    op.create_index(op.f('ix_order_invoices_business_id'), 'order_invoices', ['business_id'])
    op.create_index('ix_order_invoices_enterprise_due', 'order_invoices', ['enterprise_id', 'due_on', 'order_id'])


def downgrade():
    # Orders on invoice not paid yet end as cancelled (as "payment needs attention" did when 0013 went down);
    # their stock stays taken, for staff to count again. Paid ones stay paid, without their invoice's row.
    op.drop_index('ix_order_invoices_enterprise_due', table_name='order_invoices')
    op.drop_index(op.f('ix_order_invoices_business_id'), table_name='order_invoices')
    op.drop_table('order_invoices')
    op.drop_table('wholesale_terms')
    op.drop_index('ix_wholesale_prices_for_one', table_name='wholesale_prices')
    op.drop_index('ix_wholesale_prices_for_all', table_name='wholesale_prices')
    op.drop_index(op.f('ix_wholesale_prices_business_id'), table_name='wholesale_prices')
    op.drop_table('wholesale_prices')
    op.drop_index('ix_business_customers_status_created', table_name='business_customers')
    op.drop_table('business_customers')
    op.execute("UPDATE orders SET status = 'cancelled' WHERE status = 'invoiced'")
    _status_check(BEFORE)
