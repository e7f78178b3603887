"""shop: an order whose payment does not match it waits for attention

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 05:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

BEFORE = ("pending_payment", "pay_on_collection", "paid", "payment_failed", "expired", "cancelled", "refunded")
AFTER = BEFORE + ("payment_needs_attention",)


def _status_check(states, length):
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_orders_status_known'), type_='check')
        batch_op.alter_column('status', type_=sa.String(length), existing_nullable=False)
        batch_op.create_check_constraint(op.f('ck_orders_status_known'), f"status IN {states!r}")


def upgrade():
    _status_check(AFTER, 30)  # "payment_needs_attention" is longer than the 20 characters of before


def downgrade():
    op.execute("UPDATE orders SET status = 'cancelled' WHERE status = 'payment_needs_attention'")
    _status_check(BEFORE, 20)
