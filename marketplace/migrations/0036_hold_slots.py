"""shop: numbered hold slots, so the limits on unpaid orders hold under concurrent checkouts

Revision ID: 0036
Revises: 0035
Create Date: 2026-11-27 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0036'
down_revision = '0035'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hold_slots',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_hold_slots_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', 'slot', name=op.f('pk_hold_slots'))
    )
    with op.batch_alter_table('hold_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hold_slots_order_id'), ['order_id'], unique=False)
    # Unpaid orders already holding stock keep their places by address (the sessions' were in cookies).
    op.execute("INSERT INTO hold_slots (key, slot, order_id) "
               "SELECT 'address:' || hold_key, ROW_NUMBER() OVER (PARTITION BY hold_key ORDER BY id), id "
               "FROM orders WHERE hold_key IS NOT NULL AND stock_held "
               "AND status IN ('pending_payment', 'pay_on_collection')")


def downgrade():
    with op.batch_alter_table('hold_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hold_slots_order_id'))

    op.drop_table('hold_slots')
