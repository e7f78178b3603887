"""grants: an index that finds the follow-up visits of one status in date order (the monitoring board, work home)

Revision ID: 0057
Revises: 0056
Create Date: 2026-12-07 00:20:00

"""
from alembic import op

revision = '0057'
down_revision = '0056'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_grant_visits_status_due", "grant_visits", ["status", "due_on", "id"])


def downgrade():
    op.drop_index("ix_grant_visits_status_due", table_name="grant_visits")
