"""core: on PostgreSQL the stored search document joins its columns with chr(31), not a space, so typed words
are found within one column, as SQLite's FTS5 finds them (issue 35: an outside attacker found words running from
the end of a title into the start of a description on PostgreSQL only)

Typed words never hold chr(31) (core.text_search drops control characters from them). SQLite's FTS5 tables keep
each column apart already: nothing changes there. On PostgreSQL the stored column is dropped and added again: it
rewrites the five tables, each locked (reads too) until the migration commits, about as long as 0059 (about 3 s on
the 1,000-unit world of bench/seed.py).

Revision ID: 0060
Revises: 0059
Create Date: 2026-12-07 11:00:00

"""
from alembic import op

from core import text_search

revision = '0060'
down_revision = '0059'
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
    _rebuild("columns_apart")


def downgrade():
    _rebuild("stored")
