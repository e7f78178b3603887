"""grants: award accepted or declined by the person; visits counted from acceptance or first payment

Awards approved before this step existed already had their visits and payments under way: they become
accepted, with visits counted from the decision, as they were.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-26 12:57:07.933666

"""
import sqlalchemy as sa
from alembic import op

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None

OLD_STATUSES = "('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'declined', 'withdrawn')"
NEW_STATUSES = ("('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'accepted', 'award_declined', "
                "'declined', 'withdrawn')")


def upgrade():
    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('award_answered_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('award_recorded_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('visits_start_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_grant_applications_award_recorded_by_id_users'), 'users',
                                    ['award_recorded_by_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_constraint('status_known', type_='check')
        batch_op.create_check_constraint('status_known', f"status IN {NEW_STATUSES}")

    with op.batch_alter_table('grant_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visits_start', sa.String(length=20), server_default='acceptance',
                                      nullable=False))
        batch_op.create_check_constraint('visits_start_known', "visits_start IN ('acceptance', 'first_payment')")

    applications = sa.table('grant_applications', sa.column('status'), sa.column('decided_at'),
                            sa.column('award_answered_at'), sa.column('visits_start_on'))
    op.execute(applications.update().where(applications.c.status == 'approved')
               .values(status='accepted', award_answered_at=applications.c.decided_at,
                       visits_start_on=sa.func.date(applications.c.decided_at)))


def downgrade():
    applications = sa.table('grant_applications', sa.column('status'))
    op.execute(applications.update().where(applications.c.status == 'accepted').values(status='approved'))
    op.execute(applications.update().where(applications.c.status == 'award_declined').values(status='declined'))
    with op.batch_alter_table('grant_rounds', schema=None) as batch_op:
        batch_op.drop_constraint('visits_start_known', type_='check')
        batch_op.drop_column('visits_start')

    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.drop_constraint('status_known', type_='check')
        batch_op.create_check_constraint('status_known', f"status IN {OLD_STATUSES}")
        batch_op.drop_constraint(batch_op.f('fk_grant_applications_award_recorded_by_id_users'), type_='foreignkey')
        batch_op.drop_column('visits_start_on')
        batch_op.drop_column('award_recorded_by_id')
        batch_op.drop_column('award_answered_at')
