"""training: check-ins 3, 6 and 12 months after a hire

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-26 13:09:02.569041

"""
import sqlalchemy as sa
from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('placement_check_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('via', sa.String(length=10), nullable=True),
    sa.Column('still_working', sa.Boolean(), nullable=True),
    sa.Column('paid_as_promised', sa.Boolean(), nullable=True),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('wants_help', sa.Boolean(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('needs_follow_up', sa.Boolean(), nullable=False),
    sa.Column('followed_up_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('followed_up_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('scheduled', 'answered', 'missed')", name=op.f('ck_placement_check_ins_status_known')),
    sa.CheckConstraint("via IS NULL OR via IN ('self', 'call')", name=op.f('ck_placement_check_ins_via_known')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_placement_check_ins_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_placement_check_ins_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['followed_up_by_id'], ['users.id'], name=op.f('fk_placement_check_ins_followed_up_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['users.id'], name=op.f('fk_placement_check_ins_participant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_id'], ['post_reports.id'], name=op.f('fk_placement_check_ins_report_id_post_reports'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement_check_ins')),
    sa.UniqueConstraint('application_id', 'month', name='uq_placement_check_ins_month')
    )
    with op.batch_alter_table('placement_check_ins', schema=None) as batch_op:
        batch_op.create_index('ix_placement_check_ins_due', ['status', 'due_on'], unique=False)
        batch_op.create_index('ix_placement_check_ins_needs_follow_up', ['due_on'], unique=False, sqlite_where=sa.text('needs_follow_up'), postgresql_where=sa.text('needs_follow_up'))
        batch_op.create_index(batch_op.f('ix_placement_check_ins_participant_id'), ['participant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('placement_check_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_check_ins_participant_id'))
        batch_op.drop_index('ix_placement_check_ins_needs_follow_up', sqlite_where=sa.text('needs_follow_up'), postgresql_where=sa.text('needs_follow_up'))
        batch_op.drop_index('ix_placement_check_ins_due')

    op.drop_table('placement_check_ins')
