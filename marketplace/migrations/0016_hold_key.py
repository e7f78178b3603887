"""shop: unpaid holds counted per address

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-26 05:21:44.288864

"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hold_key', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_orders_hold_key'), ['hold_key'], unique=False)


def downgrade():
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_hold_key'))
        batch_op.drop_column('hold_key')

