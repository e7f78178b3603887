"""grants: an index that lists a round's applications in the order they were sent (the round's page)

Revision ID: 0052
Revises: 0051
Create Date: 2026-12-06 20:30:00

"""
from alembic import op

revision = '0052'
down_revision = '0051'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_grant_applications_round_submitted", "grant_applications",
                    ["round_id", "submitted_at", "id"])


def downgrade():
    op.drop_index("ix_grant_applications_round_submitted", table_name="grant_applications")
