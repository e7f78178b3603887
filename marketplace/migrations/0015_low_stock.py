"""shop: each product's own low-stock threshold

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26 05:18:33.022408

"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('low_stock_at', sa.Integer(), nullable=False, server_default='5'))


def downgrade():
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('low_stock_at')

