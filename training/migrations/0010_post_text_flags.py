"""training: what the text screening found in a post

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 04:57:22.322645

"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('work_posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_flags', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('work_posts', schema=None) as batch_op:
        batch_op.drop_column('text_flags')

