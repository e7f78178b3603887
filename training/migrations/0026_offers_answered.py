"""training: offers the person accepts (a new "accepted" state and pathway step), with who made the offer,
the date to answer by and when a reminder went

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-26 10:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None

OLD_STATUSES = "('applied', 'offered', 'enrolled', 'completed', 'declined', 'withdrawn', 'not_offered')"
NEW_STATUSES = "('applied', 'offered', 'accepted', 'enrolled', 'completed', 'declined', 'withdrawn', 'not_offered')"
OLD_OPEN, NEW_OPEN = "('applied', 'offered', 'enrolled')", "('applied', 'offered', 'accepted', 'enrolled')"
OLD_STEPS = ("('applied', 'accepted', 'enrolled', 'completed', 'exam_passed', 'exam_failed', 'apprenticeship_started', "
             "'apprenticeship_completed', 'business_training_completed', 'hired', 'declined', 'withdrawn')")
NEW_STEPS = OLD_STEPS.replace("'accepted', ", "'accepted', 'offer_accepted', ")


def _open_indexes(batch_op, statuses: str) -> None:
    for target in ("course", "post"):
        where = sa.text(f"{target}_id IS NOT NULL AND status IN {statuses}")
        batch_op.create_index(f'uq_applications_one_open_per_{target}', ['participant_id', f'{target}_id'],
                              unique=True, sqlite_where=where, postgresql_where=where)


def _change(statuses: str, open_statuses: str, steps: str, columns: bool) -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('uq_applications_one_open_per_course')
        batch_op.drop_index('uq_applications_one_open_per_post')
        batch_op.drop_constraint('status_known', type_='check')
        batch_op.create_check_constraint('status_known', f"status IN {statuses}")
        if columns:
            batch_op.add_column(sa.Column('offered_by_id', sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column('answer_by', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))
            batch_op.create_foreign_key(batch_op.f('fk_applications_offered_by_id_users'), 'users',
                                        ['offered_by_id'], ['id'], ondelete='SET NULL')
        else:
            batch_op.drop_constraint(batch_op.f('fk_applications_offered_by_id_users'), type_='foreignkey')
            batch_op.drop_column('reminded_at')
            batch_op.drop_column('answer_by')
            batch_op.drop_column('offered_by_id')
        _open_indexes(batch_op, open_statuses)
    with op.batch_alter_table('pathway_steps', schema=None) as batch_op:
        batch_op.drop_constraint('step_known', type_='check')
        batch_op.create_check_constraint('step_known', f"step IN {steps}")


def upgrade():
    _change(NEW_STATUSES, NEW_OPEN, NEW_STEPS, columns=True)


def downgrade():
    op.execute("UPDATE applications SET status = 'offered' WHERE status = 'accepted'")
    op.execute("DELETE FROM pathway_steps WHERE step = 'offer_accepted'")
    _change(OLD_STATUSES, OLD_OPEN, OLD_STEPS, columns=False)
