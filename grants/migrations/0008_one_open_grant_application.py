"""grants: one open application per person and round, one visit per business and day

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 04:29:48.837711

"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.create_index('uq_grant_applications_one_open_per_round', ['participant_id', 'round_id'], unique=True, sqlite_where=sa.text("status IN ('draft', 'submitted', 'in_review', 'changes_requested')"), postgresql_where=sa.text("status IN ('draft', 'submitted', 'in_review', 'changes_requested')"))

    with op.batch_alter_table('grant_visits', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_grant_visits_one_per_business_and_day', ['application_id', 'due_on'])


def downgrade():
    with op.batch_alter_table('grant_visits', schema=None) as batch_op:
        batch_op.drop_constraint('uq_grant_visits_one_per_business_and_day', type_='unique')

    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.drop_index('uq_grant_applications_one_open_per_round', sqlite_where=sa.text("status IN ('draft', 'submitted', 'in_review', 'changes_requested')"), postgresql_where=sa.text("status IN ('draft', 'submitted', 'in_review', 'changes_requested')"))
