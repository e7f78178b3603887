"""training: approval reason and a second staff member for grave flags

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 04:59:55.066919

"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('work_posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approval_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('first_approved_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('first_approved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_work_posts_first_approved_by_id_users'), 'users', ['first_approved_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('work_posts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_work_posts_first_approved_by_id_users'), type_='foreignkey')
        batch_op.drop_column('first_approved_at')
        batch_op.drop_column('first_approved_by_id')
        batch_op.drop_column('approval_reason')

