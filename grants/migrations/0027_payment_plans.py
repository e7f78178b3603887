"""grants: the plan of an award's payments

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-26 11:18:57.384149

"""
import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('grant_tranche_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('amount_thb', sa.Integer(), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('condition', sa.String(length=30), nullable=False),
    sa.CheckConstraint("condition IN ('none', 'first_visit_operating')", name=op.f('ck_grant_tranche_plans_condition_known')),
    sa.CheckConstraint('amount_thb > 0', name=op.f('ck_grant_tranche_plans_amount_positive')),
    sa.ForeignKeyConstraint(['application_id'], ['grant_applications.id'], name=op.f('fk_grant_tranche_plans_application_id_grant_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_tranche_plans')),
    sa.UniqueConstraint('application_id', 'position', name='uq_grant_tranche_plans_position')
    )


def downgrade():
    op.drop_table('grant_tranche_plans')
