"""core: the audit log's newest-first order fully indexed (at, then id), replacing the index on `at` alone

Entries written in one transaction share their time closely or exactly; with an index on `at` alone PostgreSQL
read every tied entry and sorted them to show 50 (153 ms for 50,000 tied entries).

Revision ID: 0058
Revises: 0057
Create Date: 2026-12-07 00:10:00

"""
from alembic import op

revision = '0058'
down_revision = '0057'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_audit_entries_at_id", "audit_entries", ["at", "id"])
    op.drop_index("ix_audit_entries_at", table_name="audit_entries")


def downgrade():
    op.create_index("ix_audit_entries_at", "audit_entries", ["at"])
    op.drop_index("ix_audit_entries_at_id", table_name="audit_entries")
