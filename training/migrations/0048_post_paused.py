"""training: an employer may pause a post ("paused" joins the states a post may be in)

Revision ID: 0048
Revises: 0047
Create Date: 2026-12-06 17:30:00

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0048'
down_revision = '0047'
branch_labels = None
depends_on = None

# Written out: what the CHECK allows before and after, and the post search's columns (SQLite copies the table to
# change a constraint, and the search index's triggers must be made again after it).
BEFORE = "status IN ('pending_review', 'changes_requested', 'published', 'rejected', 'reported', 'closed')"
AFTER = ("status IN ('pending_review', 'changes_requested', 'published', 'rejected', 'reported', 'paused', "
         "'closed')")
SEARCHED = ("title", "description", "translated_text")
WAITING = "status IN ('pending_review', 'reported')"


def _status_check(condition: str) -> None:
    copied = op.get_bind().dialect.name == "sqlite"  # PostgreSQL alters the table in place, its index stays
    if copied:
        text_search.drop_index(op, "work_posts")
    with op.batch_alter_table('work_posts', schema=None) as batch_op:
        # Made again by hand: the copy would lose the partial index's WHERE.
        batch_op.drop_index('ix_work_posts_waiting')
        batch_op.drop_constraint('status_known', type_='check')
        batch_op.create_check_constraint('status_known', condition)
        batch_op.create_index('ix_work_posts_waiting', ['created_at'], sqlite_where=sa.text(WAITING),
                              postgresql_where=sa.text(WAITING))
    if copied:
        text_search.create_index(op, "work_posts", SEARCHED, layout="expression")


def upgrade():
    _status_check(AFTER)


def downgrade():
    # A paused post was public before it was paused: it is public again (the states before had no pause).
    op.execute("UPDATE work_posts SET status = 'published' WHERE status = 'paused'")
    _status_check(BEFORE)
