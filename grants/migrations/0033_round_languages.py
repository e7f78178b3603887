"""grants: a round's name in several languages

Revision ID: 0033
Revises: 0032
Create Date: 2026-11-26 17:22:48.531957

"""
import sqlalchemy as sa
from alembic import op

revision = '0033'
down_revision = '0032'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('grant_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_language', sa.String(length=5), server_default='en', nullable=False))
        batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}', nullable=False))
        batch_op.add_column(sa.Column('translated_text', sa.Text(), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('grant_rounds', schema=None) as batch_op:
        batch_op.drop_column('translated_text')
        batch_op.drop_column('translations')
        batch_op.drop_column('text_language')

