"""core: a person's own contact details and choices (LINE ID, channel, quiet hours), staff suggestions that
wait for a yes, notices, and messages that wait for quiet hours to end

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-26 10:15:33.029068

"""
import sqlalchemy as sa
from alembic import op

from core import text_search

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None
USER_SEARCH = ("display_name", "username", "email")


def upgrade():
    op.create_table('contact_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=254), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("field IN ('phone', 'email', 'line_id')", name=op.f('ck_contact_proposals_field_known')),
    sa.CheckConstraint("status IN ('waiting', 'accepted', 'refused', 'replaced')", name=op.f('ck_contact_proposals_status_known')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_contact_proposals_proposed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_contact_proposals_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_proposals'))
    )
    with op.batch_alter_table('contact_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_proposals_user_id'), ['user_id'], unique=False)

    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('link', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index('ix_notices_user_created', ['user_id', 'created_at'], unique=False)

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('send_after', sa.DateTime(timezone=True), nullable=True))

    # Adding CHECK constraints rebuilds users on SQLite, which drops its search triggers: rebuilt after.
    text_search.drop_index(op, "users")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('line_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('contact_channel', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('quiet_from_hour', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('quiet_to_hour', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            'contact_channel_known', "contact_channel IS NULL OR contact_channel IN ('email', 'sms', 'line', 'none')")
        batch_op.create_check_constraint(
            'quiet_hours_in_day', "(quiet_from_hour IS NULL AND quiet_to_hour IS NULL) OR (quiet_from_hour BETWEEN 0 "
            "AND 23 AND quiet_to_hour BETWEEN 0 AND 23)")
    text_search.create_index(op, "users", USER_SEARCH, layout="expression")



def downgrade():
    text_search.drop_index(op, "users")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('quiet_hours_in_day', type_='check')
        batch_op.drop_constraint('contact_channel_known', type_='check')
        batch_op.drop_column('quiet_to_hour')
        batch_op.drop_column('quiet_from_hour')
        batch_op.drop_column('contact_channel')
        batch_op.drop_column('line_id')
    text_search.create_index(op, "users", USER_SEARCH, layout="expression")

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('send_after')

    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index('ix_notices_user_created')

    op.drop_table('notices')
    with op.batch_alter_table('contact_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_proposals_user_id'))

    op.drop_table('contact_proposals')
