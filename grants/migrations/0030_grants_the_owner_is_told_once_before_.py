"""grants: the owner is told once before each follow-up visit

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-26 13:19:58.046700

"""
import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('grant_visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('grant_visits', schema=None) as batch_op:
        batch_op.drop_column('reminded_at')

