"""grants: follow-up visits by status in the order the monitoring page lists them (due date, then id)

Many visits fall due on the same day; with an index on the date alone PostgreSQL joined every visit of a day to
its grant and person before keeping the first 30 (20 ms for 1,000 visits due the same day).

Revision ID: 0059
Revises: 0058
Create Date: 2026-12-07 00:10:00

"""
from alembic import op

revision = '0059'
down_revision = '0058'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_grant_visits_status_due", "grant_visits", ["status", "due_on", "id"])


def downgrade():
    op.drop_index("ix_grant_visits_status_due", table_name="grant_visits")
