"""core: the scheduler's lease and its jobs' due times (one scheduler across every process and machine)

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-06 11:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0044'
down_revision = '0043'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scheduler_leases',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=True),
    sa.Column('token', sa.BigInteger(), nullable=False),
    sa.Column('acquired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_leases'))
    )
    op.create_table('scheduled_jobs',
    sa.Column('job_id', sa.String(length=80), nullable=False),
    sa.Column('next_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_by', sa.String(length=200), nullable=True),
    sa.Column('token', sa.BigInteger(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('job_id', name=op.f('pk_scheduled_jobs'))
    )


def downgrade():
    op.drop_table('scheduled_jobs')
    op.drop_table('scheduler_leases')
