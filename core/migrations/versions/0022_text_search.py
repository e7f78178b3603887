"""core: trigram text search over courses, posts, products, orders and accounts (FTS5 on SQLite, pg_trgm on
PostgreSQL), so a search box no longer scans whole tables

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-26 10:00:00

"""
from alembic import op

from core import text_search

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

# Written out here, not read from text_search.SEARCHABLE, so this migration means the same thing forever.
INDEXED = {
    "courses": ("title", "description", "provider"),
    "work_posts": ("title", "description"),
    "products": ("name_en", "name_th", "description_en"),
    "orders": ("name", "email"),
    "users": ("display_name", "username", "email"),
}


def upgrade():
    # layout="expression": on PostgreSQL the GIN index on the expression, as built here before 0059 stored it.
    for table, columns in INDEXED.items():
        text_search.create_index(op, table, columns, layout="expression")


def downgrade():
    for table in INDEXED:
        text_search.drop_index(op, table)
