"""core: the public impact figures, computed each night

Revision ID: 0032
Revises: 0031
Create Date: 2026-11-26 16:28:23.758579

"""
import sqlalchemy as sa
from alembic import op

revision = '0032'
down_revision = '0031'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('impact_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('years', sa.JSON(), nullable=False),
    sa.Column('public', sa.JSON(), nullable=False),
    sa.Column('internal', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_snapshots'))
    )


def downgrade():
    op.drop_table('impact_snapshots')
