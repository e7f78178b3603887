"""training: one open application per person and course, and per person and post

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 04:29:48.837711

"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('uq_applications_one_open_per_course', ['participant_id', 'course_id'], unique=True, sqlite_where=sa.text("course_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"), postgresql_where=sa.text("course_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"))
        batch_op.create_index('uq_applications_one_open_per_post', ['participant_id', 'post_id'], unique=True, sqlite_where=sa.text("post_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"), postgresql_where=sa.text("post_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"))


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('uq_applications_one_open_per_post', sqlite_where=sa.text("post_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"), postgresql_where=sa.text("post_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"))
        batch_op.drop_index('uq_applications_one_open_per_course', sqlite_where=sa.text("course_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"), postgresql_where=sa.text("course_id IS NOT NULL AND status IN ('applied', 'offered', 'enrolled')"))
