"""core: accounts and participants listed by role and name from an index, not a sort of every account

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-26 10:15:00

"""
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():  # plain statements: batch mode would rebuild users on SQLite and lose its search triggers
    op.create_index('ix_users_role_name', 'users', ['role', 'display_name', 'id'])


def downgrade():
    op.drop_index('ix_users_role_name', table_name='users')
