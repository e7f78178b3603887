"""training: courses and posts written in several languages (the author's first language, the others beside),
searched in all of them

Revision ID: 0031
Revises: 0030
Create Date: 2026-11-26 16:08:15.923918

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None

# Written out here, not read from text_search.SEARCHABLE, so this migration means the same thing forever.
BEFORE = {"courses": ("title", "description", "provider"), "work_posts": ("title", "description")}
AFTER = {"courses": ("title", "description", "provider", "translated_text"),
         "work_posts": ("title", "description", "translated_text")}


def upgrade():
    for table in BEFORE:
        text_search.drop_index(op, table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('text_language', sa.String(length=5), server_default='en', nullable=False))
            batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))
            batch_op.add_column(sa.Column('translated_text', sa.Text(), server_default='', nullable=False))
        text_search.create_index(op, table, AFTER[table], layout="expression")


def downgrade():
    for table in BEFORE:
        text_search.drop_index(op, table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('translated_text')
            batch_op.drop_column('translations')
            batch_op.drop_column('text_language')
        text_search.create_index(op, table, BEFORE[table], layout="expression")
