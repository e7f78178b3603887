"""core: sign-in counters (one conditional UPDATE decides each try) and registration confirmed by e-mail

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-26 06:32:23.867741

"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_counters',
    sa.Column('key', sa.String(length=160), nullable=False),
    sa.Column('window_started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('next_try_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('tries >= 0', name=op.f('ck_sign_in_counters_tries_not_negative')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sign_in_counters'))
    )
    with op.batch_alter_table('sign_in_counters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_counters_window_started_at'), ['window_started_at'], unique=False)

    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failures_key_at'))

    op.drop_table('login_failures')
    # A plain ADD COLUMN: on SQLite, rebuilding `users` would cascade-delete every row that refers to it.
    op.add_column('users', sa.Column('awaiting_confirmation', sa.Boolean(), server_default=sa.false(),
                                     nullable=False))



def downgrade():
    op.drop_column('users', 'awaiting_confirmation')

    op.create_table('login_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=160), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failures'))
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failures_key_at'), ['key', 'at'], unique=False)

    with op.batch_alter_table('sign_in_counters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_counters_window_started_at'))

    op.drop_table('sign_in_counters')
