"""training and shop: indexes the planner uses on large data (an employer's posts, posts waiting for staff,
courses by name, customers' orders)

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-26 09:49:59.035585

"""
import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

WAITING = sa.text("status IN ('pending_review', 'reported')")
CUSTOMER = sa.text("customer_id IS NOT NULL")


# Plain index statements, not batch mode: a rebuilt table on SQLite would lose its search triggers.
def upgrade():
    op.create_index('ix_courses_title_id', 'courses', ['title', 'id'])
    op.drop_index('ix_orders_customer_id', table_name='orders')
    op.create_index('ix_orders_customer', 'orders', ['customer_id'], sqlite_where=CUSTOMER,
                    postgresql_where=CUSTOMER)
    op.create_index('ix_work_posts_organisation_created', 'work_posts', ['organisation_id', 'created_at'])
    op.create_index('ix_work_posts_waiting', 'work_posts', ['created_at'], sqlite_where=WAITING,
                    postgresql_where=WAITING)


def downgrade():
    op.drop_index('ix_work_posts_waiting', table_name='work_posts')
    op.drop_index('ix_work_posts_organisation_created', table_name='work_posts')
    op.drop_index('ix_orders_customer', table_name='orders')
    op.create_index('ix_orders_customer_id', 'orders', ['customer_id'])
    op.drop_index('ix_courses_title_id', table_name='courses')
