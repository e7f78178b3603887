"""training: reports with a reason and their application, employers suspended

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 05:02:44.232637

"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('employer_organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('suspension_reason', sa.Text(), nullable=False, server_default=''))

    with op.batch_alter_table('post_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason_code', sa.String(length=30), nullable=False, server_default='other'))
        batch_op.add_column(sa.Column('application_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('upheld', sa.Boolean(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_post_reports_application_id_applications'), 'applications', ['application_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('post_reports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_post_reports_application_id_applications'), type_='foreignkey')
        batch_op.drop_column('upheld')
        batch_op.drop_column('application_id')
        batch_op.drop_column('reason_code')

    with op.batch_alter_table('employer_organisations', schema=None) as batch_op:
        batch_op.drop_column('suspension_reason')
        batch_op.drop_column('suspended_at')

