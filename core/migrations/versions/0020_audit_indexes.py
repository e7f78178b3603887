"""core: indexes for a participant's "who opened my record" and the once-in-minutes read entries

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-26 07:55:32.092606

"""
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_audit_entries_actor_action_at', 'audit_entries', ['actor_id', 'action', 'at'], unique=False)
    op.create_index('ix_audit_entries_record', 'audit_entries', ['record_type', 'record_id', 'at'], unique=False)


def downgrade():
    op.drop_index('ix_audit_entries_record', table_name='audit_entries')
    op.drop_index('ix_audit_entries_actor_action_at', table_name='audit_entries')
