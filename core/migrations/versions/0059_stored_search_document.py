"""core: on PostgreSQL the text search reads a stored lower-cased document (a generated column with the trigram
GIN index on it) instead of computing lower(...) of each row's text at every search (issue 35)

A common word matched every course, so PostgreSQL computed lower() over some 375 characters of each of 10,000
rows at every search; the GIN index on the expression kept no value to read, and its recheck computed it again.
SQLite keeps its FTS5 tables: nothing changes there. On PostgreSQL adding the column rewrites the five tables and
gathers their statistics, each table locked (reads too) from its rewrite until the migration commits: about 3 s
on the 1,000-unit world of bench/seed.py (110,000 orders, 20,000 accounts, 10,000 courses, 10,000 posts).

Revision ID: 0059
Revises: 0058
Create Date: 2026-12-07 12:00:00

"""
from alembic import op

from core import text_search

revision = '0059'
down_revision = '0058'
branch_labels = None
depends_on = None

# Written out here, not read from text_search.SEARCHABLE, so this migration means the same thing forever.
SEARCHED = {
    "courses": ("title", "description", "provider", "translated_text"),
    "work_posts": ("title", "description", "translated_text"),
    "products": ("name", "description", "translated_text", "options_text"),
    "orders": ("name", "email"),
    "users": ("display_name", "username", "email"),
}


def _rebuild(layout: text_search.Layout) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in SEARCHED.items():
        text_search.drop_index(op, table)
        text_search.create_index(op, table, columns, layout=layout)


def upgrade():
    _rebuild("stored")


def downgrade():
    _rebuild("expression")
