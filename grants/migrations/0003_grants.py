"""grants: rounds, criteria, applications, reviews, tranches, visits, risk flags

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:46:26.794195

"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('grant_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('budget_thb', sa.Integer(), nullable=False),
    sa.Column('committed_thb', sa.Integer(), nullable=False),
    sa.Column('max_per_grant_thb', sa.Integer(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('eligibility', sa.JSON(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=True),
    sa.Column('criteria_version', sa.Integer(), nullable=False),
    sa.Column('visit_months', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('business', 'scholarship')", name=op.f('ck_grant_rounds_kind_known')),
    sa.CheckConstraint('budget_thb > 0 AND max_per_grant_thb > 0', name=op.f('ck_grant_rounds_money_positive')),
    sa.CheckConstraint('committed_thb >= 0 AND committed_thb <= budget_thb', name=op.f('ck_grant_rounds_within_budget')),
    sa.CheckConstraint('opens_on <= closes_on', name=op.f('ck_grant_rounds_dates_in_order')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_grant_rounds_course_id_courses'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_rounds'))
    )
    op.create_table('grant_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('follows_application_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('business_idea', sa.Text(), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('market', sa.Text(), nullable=False),
    sa.Column('competitors', sa.Text(), nullable=False),
    sa.Column('skills', sa.Text(), nullable=False),
    sa.Column('plan_six_months', sa.Text(), nullable=False),
    sa.Column('support_wanted', sa.JSON(), nullable=False),
    sa.Column('amount_requested_thb', sa.Integer(), nullable=False),
    sa.Column('own_contribution_thb', sa.Integer(), nullable=False),
    sa.Column('criteria_version', sa.Integer(), nullable=True),
    sa.Column('review_cycle', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('amount_awarded_thb', sa.Integer(), nullable=True),
    sa.Column('paid_thb', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'declined', 'withdrawn')", name=op.f('ck_grant_applications_status_known')),
    sa.CheckConstraint('amount_requested_thb >= 0 AND own_contribution_thb >= 0', name=op.f('ck_grant_applications_money_not_negative')),
    sa.CheckConstraint('paid_thb >= 0 AND (amount_awarded_thb IS NULL OR paid_thb <= amount_awarded_thb)', name=op.f('ck_grant_applications_paid_within_award')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_grant_applications_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_grant_applications_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['follows_application_id'], ['grant_applications.id'], name=op.f('fk_grant_applications_follows_application_id_grant_applications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['users.id'], name=op.f('fk_grant_applications_participant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['grant_rounds.id'], name=op.f('fk_grant_applications_round_id_grant_rounds'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_applications'))
    )
    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_applications_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_applications_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_applications_status'), ['status'], unique=False)

    op.create_table('grant_criteria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('guidance', sa.Text(), nullable=False),
    sa.Column('weight', sa.Double(), nullable=False),
    sa.Column('levels', sa.JSON(), nullable=False),
    sa.CheckConstraint('weight > 0', name=op.f('ck_grant_criteria_weight_positive')),
    sa.ForeignKeyConstraint(['round_id'], ['grant_rounds.id'], name=op.f('fk_grant_criteria_round_id_grant_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_criteria'))
    )
    with op.batch_alter_table('grant_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_criteria_round_id'), ['round_id'], unique=False)

    op.create_table('grant_eligibility_exceptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_grant_eligibility_exceptions_granted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['users.id'], name=op.f('fk_grant_eligibility_exceptions_participant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['grant_rounds.id'], name=op.f('fk_grant_eligibility_exceptions_round_id_grant_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_eligibility_exceptions')),
    sa.UniqueConstraint('round_id', 'participant_id', 'rule', name='uq_grant_exception_once')
    )
    op.create_table('grant_budget_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_cost_thb', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0 AND quantity <= 10000', name=op.f('ck_grant_budget_lines_quantity_sensible')),
    sa.CheckConstraint('unit_cost_thb >= 0 AND unit_cost_thb <= 10000000', name=op.f('ck_grant_budget_lines_unit_cost_sensible')),
    sa.ForeignKeyConstraint(['application_id'], ['grant_applications.id'], name=op.f('fk_grant_budget_lines_application_id_grant_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_budget_lines'))
    )
    with op.batch_alter_table('grant_budget_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_budget_lines_application_id'), ['application_id'], unique=False)

    op.create_table('grant_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.Integer(), nullable=False),
    sa.Column('outside_reviewer', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('conflict_declared_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('has_conflict', sa.Boolean(), nullable=True),
    sa.Column('conflict_note', sa.Text(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.Column('recommendation', sa.String(length=20), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("recommendation IS NULL OR recommendation IN ('fund', 'fund_with_changes', 'do_not_fund')", name=op.f('ck_grant_reviews_recommendation_known')),
    sa.CheckConstraint("status IN ('assigned', 'conflict', 'submitted')", name=op.f('ck_grant_reviews_status_known')),
    sa.ForeignKeyConstraint(['application_id'], ['grant_applications.id'], name=op.f('fk_grant_reviews_application_id_grant_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_grant_reviews_reviewer_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_reviews')),
    sa.UniqueConstraint('application_id', 'reviewer_id', 'cycle', name='uq_grant_reviews_one_per_reviewer')
    )
    with op.batch_alter_table('grant_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_reviews_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_reviews_reviewer_id'), ['reviewer_id'], unique=False)

    op.create_table('grant_risk_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['grant_applications.id'], name=op.f('fk_grant_risk_flags_application_id_grant_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_risk_flags'))
    )
    with op.batch_alter_table('grant_risk_flags', schema=None) as batch_op:
        batch_op.create_index('ix_grant_risk_flags_open', ['application_id', 'reason', 'resolved_at'], unique=False)

    op.create_table('grant_tranches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('amount_thb', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('condition', sa.String(length=30), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('paid_by_id', sa.Integer(), nullable=True),
    sa.Column('receipt_path', sa.String(length=255), nullable=True),
    sa.CheckConstraint("condition IN ('none', 'first_visit_operating')", name=op.f('ck_grant_tranches_condition_known')),
    sa.CheckConstraint("kind IN ('cash', 'in_kind')", name=op.f('ck_grant_tranches_kind_known')),
    sa.CheckConstraint('amount_thb > 0', name=op.f('ck_grant_tranches_amount_positive')),
    sa.ForeignKeyConstraint(['application_id'], ['grant_applications.id'], name=op.f('fk_grant_tranches_application_id_grant_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paid_by_id'], ['users.id'], name=op.f('fk_grant_tranches_paid_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_tranches'))
    )
    with op.batch_alter_table('grant_tranches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_tranches_application_id'), ['application_id'], unique=False)

    op.create_table('grant_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('business_status', sa.String(length=20), nullable=True),
    sa.Column('revenue_thb', sa.Integer(), nullable=True),
    sa.Column('costs_thb', sa.Integer(), nullable=True),
    sa.Column('people_working', sa.Integer(), nullable=True),
    sa.Column('going_well', sa.Text(), nullable=False),
    sa.Column('challenges', sa.Text(), nullable=False),
    sa.Column('support_needed', sa.JSON(), nullable=False),
    sa.Column('referral', sa.String(length=200), nullable=False),
    sa.Column('self_ratings', sa.JSON(), nullable=False),
    sa.CheckConstraint("business_status IS NULL OR business_status IN ('operating', 'struggling', 'paused', 'closed', 'changed')", name=op.f('ck_grant_visits_business_status_known')),
    sa.CheckConstraint("status IN ('scheduled', 'done', 'overdue')", name=op.f('ck_grant_visits_status_known')),
    sa.CheckConstraint('costs_thb IS NULL OR costs_thb >= 0', name=op.f('ck_grant_visits_costs_not_negative')),
    sa.CheckConstraint('revenue_thb IS NULL OR revenue_thb >= 0', name=op.f('ck_grant_visits_revenue_not_negative')),
    sa.ForeignKeyConstraint(['application_id'], ['grant_applications.id'], name=op.f('fk_grant_visits_application_id_grant_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_grant_visits_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_visits'))
    )
    with op.batch_alter_table('grant_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_visits_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grant_visits_due_on'), ['due_on'], unique=False)

    op.create_table('grant_review_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_grant_review_scores_score_1_to_5')),
    sa.ForeignKeyConstraint(['criterion_id'], ['grant_criteria.id'], name=op.f('fk_grant_review_scores_criterion_id_grant_criteria'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['review_id'], ['grant_reviews.id'], name=op.f('fk_grant_review_scores_review_id_grant_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grant_review_scores')),
    sa.UniqueConstraint('review_id', 'criterion_id', name='uq_grant_review_scores_once')
    )
    with op.batch_alter_table('grant_review_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grant_review_scores_review_id'), ['review_id'], unique=False)



def downgrade():
    with op.batch_alter_table('grant_review_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_review_scores_review_id'))

    op.drop_table('grant_review_scores')
    with op.batch_alter_table('grant_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_visits_due_on'))
        batch_op.drop_index(batch_op.f('ix_grant_visits_application_id'))

    op.drop_table('grant_visits')
    with op.batch_alter_table('grant_tranches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_tranches_application_id'))

    op.drop_table('grant_tranches')
    with op.batch_alter_table('grant_risk_flags', schema=None) as batch_op:
        batch_op.drop_index('ix_grant_risk_flags_open')

    op.drop_table('grant_risk_flags')
    with op.batch_alter_table('grant_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_reviews_reviewer_id'))
        batch_op.drop_index(batch_op.f('ix_grant_reviews_application_id'))

    op.drop_table('grant_reviews')
    with op.batch_alter_table('grant_budget_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_budget_lines_application_id'))

    op.drop_table('grant_budget_lines')
    op.drop_table('grant_eligibility_exceptions')
    with op.batch_alter_table('grant_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_criteria_round_id'))

    op.drop_table('grant_criteria')
    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grant_applications_status'))
        batch_op.drop_index(batch_op.f('ix_grant_applications_round_id'))
        batch_op.drop_index(batch_op.f('ix_grant_applications_participant_id'))

    op.drop_table('grant_applications')
    op.drop_table('grant_rounds')
