"""training: a closed post remembers the post it was written again as (posted again once, not once per click)

Revision ID: 0050
Revises: 0049
Create Date: 2026-12-06 19:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0050'
down_revision = '0049'
branch_labels = None
depends_on = None


def upgrade():
    # A plain column, added in place on SQLite too (copying the table would drop the post search's triggers).
    op.add_column("work_posts", sa.Column("reposted_as_id", sa.Integer(), nullable=True))


def downgrade():
    op.execute("ALTER TABLE work_posts DROP COLUMN reposted_as_id")  # in place on SQLite 3.35+ and PostgreSQL
