"""shop: indexes that let the managers' order list walk orders newest first and stop at a page

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-26 07:55:32.092606

"""
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_order_lines_order_id_enterprise_id', 'order_lines', ['order_id', 'enterprise_id'],
                    unique=False)
    op.create_index('ix_orders_created_at_id', 'orders', ['created_at', 'id'], unique=False)


def downgrade():
    op.drop_index('ix_orders_created_at_id', table_name='orders')
    op.drop_index('ix_order_lines_order_id_enterprise_id', table_name='order_lines')
