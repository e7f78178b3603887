"""shop: products and enterprise stories written in several languages

The English and Thai columns become the author's first language (English, as every shop text was written
first in English) and a Thai translation beside it, as courses and posts keep theirs.

Revision ID: 0034
Revises: 0033
Create Date: 2026-11-26 19:20:00

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0034'
down_revision = '0033'
branch_labels = None
depends_on = None

# Written out here, not read from text_search.SEARCHABLE, so this migration means the same thing forever.
SEARCHED_BEFORE = ("name_en", "name_th", "description_en")
SEARCHED_AFTER = ("name", "description", "translated_text")
# table: {English column: first-language column}, and the Thai columns that become the "th" translation
RENAMED = {"products": {"name_en": "name", "description_en": "description"}, "enterprises": {"story_en": "story"}}
THAI = {"products": {"name_th": "name", "description_th": "description"}, "enterprises": {"story_th": "story"}}


def _language_columns(batch_op) -> None:
    batch_op.add_column(sa.Column('text_language', sa.String(length=5), server_default='en', nullable=False))
    batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))
    batch_op.add_column(sa.Column('translated_text', sa.Text(), server_default='', nullable=False))


def upgrade():
    bind = op.get_bind()
    text_search.drop_index(op, "products")
    for table in RENAMED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            _language_columns(batch_op)
        # The Thai texts move into the translations, row by row (JSON is written differently by each database).
        rows = sa.table(table, sa.column("id"), sa.column("translations", sa.JSON),
                        sa.column("translated_text"), *(sa.column(c) for c in THAI[table]))
        for row in bind.execute(sa.select(rows)).mappings().all():
            thai = {field: row[column].strip() for column, field in THAI[table].items() if (row[column] or "").strip()}
            if thai:
                bind.execute(rows.update().where(rows.c.id == row["id"]).values(
                    translations={"th": thai}, translated_text="\n".join(thai.values())))
        with op.batch_alter_table(table, schema=None) as batch_op:
            for old, new in RENAMED[table].items():
                batch_op.alter_column(old, new_column_name=new)
            for column in THAI[table]:
                batch_op.drop_column(column)
    text_search.create_index(op, "products", SEARCHED_AFTER, layout="expression")


def downgrade():
    bind = op.get_bind()
    text_search.drop_index(op, "products")
    for table in RENAMED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in THAI[table]:
                kind = sa.String(length=160) if column == "name_th" else sa.Text()
                batch_op.add_column(sa.Column(column, kind, server_default='', nullable=False))
            for old, new in RENAMED[table].items():
                batch_op.alter_column(new, new_column_name=old)
        rows = sa.table(table, sa.column("id"), sa.column("translations", sa.JSON),
                        *(sa.column(c) for c in RENAMED[table]), *(sa.column(c) for c in THAI[table]))
        for row in bind.execute(sa.select(rows)).mappings().all():
            thai = (row["translations"] or {}).get("th") or {}
            english = {column: row[column] for column in RENAMED[table]}
            # A Thai name was required before: a product without one keeps its English name there.
            values = {column: thai.get(field) or (english.get("name_en", "") if column == "name_th" else "")
                      for column, field in THAI[table].items()}
            bind.execute(rows.update().where(rows.c.id == row["id"]).values(**values))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('translated_text')
            batch_op.drop_column('translations')
            batch_op.drop_column('text_language')
    text_search.create_index(op, "products", SEARCHED_BEFORE, layout="expression")
