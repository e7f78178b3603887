"""training: profiles, courses, employers, posts, applications, pathway, demand, minimum wages

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:29:21.805620

"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('isco_code', sa.String(length=4), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('provider', sa.String(length=160), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=True),
    sa.Column('district_code', sa.String(length=4), nullable=True),
    sa.Column('days_mask', sa.Integer(), nullable=False),
    sa.Column('hours_from', sa.Integer(), nullable=False),
    sa.Column('hours_to', sa.Integer(), nullable=False),
    sa.Column('duration_weeks', sa.Integer(), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('seats_taken', sa.Integer(), nullable=False),
    sa.Column('cost_thb', sa.Integer(), nullable=False),
    sa.Column('stipend_thb_month', sa.Integer(), nullable=False),
    sa.Column('childcare_offered', sa.Boolean(), nullable=False),
    sa.Column('teaching_language', sa.String(length=5), nullable=False),
    sa.Column('reading_level_needed', sa.String(length=10), nullable=False),
    sa.Column('prerequisites', sa.Text(), nullable=False),
    sa.Column('skills_taught', sa.JSON(), nullable=False),
    sa.Column('exit_exam', sa.Boolean(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('cost_thb >= 0 AND stipend_thb_month >= 0', name=op.f('ck_courses_money_not_negative')),
    sa.CheckConstraint('duration_weeks > 0', name=op.f('ck_courses_duration_positive')),
    sa.CheckConstraint('hours_from >= 0 AND hours_to <= 24 AND hours_from < hours_to', name=op.f('ck_courses_hours_in_day')),
    sa.CheckConstraint('seats >= 0', name=op.f('ck_courses_seats_not_negative')),
    sa.CheckConstraint('seats_taken >= 0 AND seats_taken <= seats', name=op.f('ck_courses_never_overbooked')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses'))
    )
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_courses_is_open'), ['is_open'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_isco_code'), ['isco_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_province_code'), ['province_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_sector'), ['sector'], unique=False)

    op.create_table('match_weights',
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('weight', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_match_weights'))
    )
    op.create_table('minimum_wages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('district_code', sa.String(length=4), nullable=True),
    sa.Column('daily_wage_thb', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=255), nullable=False),
    sa.CheckConstraint('daily_wage_thb > 0', name=op.f('ck_minimum_wages_wage_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minimum_wages')),
    sa.UniqueConstraint('province_code', 'district_code', 'effective_from', name='uq_minimum_wages_place_date')
    )
    with op.batch_alter_table('minimum_wages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minimum_wages_province_code'), ['province_code'], unique=False)

    op.create_table('course_starts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_starts_course_id_courses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_starts')),
    sa.UniqueConstraint('course_id', 'starts_on', name='uq_course_starts_course_day')
    )
    with op.batch_alter_table('course_starts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_starts_course_id'), ['course_id'], unique=False)

    op.create_table('demand_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('source', sa.String(length=255), nullable=False),
    sa.Column('source_date', sa.Date(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'], name=op.f('fk_demand_imports_imported_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demand_imports')),
    sa.UniqueConstraint('file_sha256', name=op.f('uq_demand_imports_file_sha256'))
    )
    op.create_table('employer_organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('registration_number', sa.String(length=40), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_employer_organisations_verified_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer_organisations')),
    sa.UniqueConstraint('registration_number', name=op.f('uq_employer_organisations_registration_number'))
    )
    op.create_table('participant_profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('languages_spoken', sa.JSON(), nullable=False),
    sa.Column('languages_read', sa.JSON(), nullable=False),
    sa.Column('reading_level', sa.String(length=10), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=True),
    sa.Column('district_code', sa.String(length=4), nullable=True),
    sa.Column('travel_daily', sa.Boolean(), nullable=False),
    sa.Column('max_travel_minutes', sa.Integer(), nullable=False),
    sa.Column('relocate', sa.Boolean(), nullable=False),
    sa.Column('days_mask', sa.Integer(), nullable=False),
    sa.Column('hours_from', sa.Integer(), nullable=False),
    sa.Column('hours_to', sa.Integer(), nullable=False),
    sa.Column('childcare_needed', sa.Boolean(), nullable=False),
    sa.Column('must_earn', sa.Boolean(), nullable=False),
    sa.Column('monthly_need_thb', sa.Integer(), nullable=True),
    sa.Column('sectors', sa.JSON(), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('goal', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("goal IN ('job', 'apprenticeship', 'business')", name=op.f('ck_participant_profiles_goal_known')),
    sa.CheckConstraint("reading_level IN ('none', 'basic', 'fluent')", name=op.f('ck_participant_profiles_reading_level_known')),
    sa.CheckConstraint('hours_from >= 0 AND hours_to <= 24 AND hours_from < hours_to', name=op.f('ck_participant_profiles_hours_in_day')),
    sa.CheckConstraint('max_travel_minutes >= 0', name=op.f('ck_participant_profiles_travel_not_negative')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_participant_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_participant_profiles'))
    )
    op.create_table('demand_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('isco_code', sa.String(length=4), nullable=False),
    sa.Column('vacancies', sa.Integer(), nullable=False),
    sa.Column('median_wage_thb', sa.Integer(), nullable=True),
    sa.Column('trend', sa.String(length=10), nullable=False),
    sa.Column('source_date', sa.Date(), nullable=False),
    sa.CheckConstraint("trend IN ('rising', 'steady', 'falling')", name=op.f('ck_demand_records_trend_known')),
    sa.CheckConstraint('vacancies >= 0', name=op.f('ck_demand_records_vacancies_not_negative')),
    sa.ForeignKeyConstraint(['import_id'], ['demand_imports.id'], name=op.f('fk_demand_records_import_id_demand_imports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demand_records')),
    sa.UniqueConstraint('province_code', 'isco_code', 'source_date', name='uq_demand_records_place_job_date')
    )
    with op.batch_alter_table('demand_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demand_records_import_id'), ['import_id'], unique=False)

    op.create_table('employer_members',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['employer_organisations.id'], name=op.f('fk_employer_members_organisation_id_employer_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_employer_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_employer_members'))
    )
    with op.batch_alter_table('employer_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employer_members_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('work_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('isco_code', sa.String(length=4), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('district_code', sa.String(length=4), nullable=True),
    sa.Column('days_mask', sa.Integer(), nullable=False),
    sa.Column('hours_from', sa.Integer(), nullable=False),
    sa.Column('hours_to', sa.Integer(), nullable=False),
    sa.Column('overtime_hours_week', sa.Integer(), nullable=False),
    sa.Column('pay_amount_thb', sa.Integer(), nullable=True),
    sa.Column('pay_period', sa.String(length=10), nullable=False),
    sa.Column('duration_months', sa.Integer(), nullable=True),
    sa.Column('contract_type', sa.String(length=20), nullable=True),
    sa.Column('openings', sa.Integer(), nullable=False),
    sa.Column('filled', sa.Integer(), nullable=False),
    sa.Column('accommodation_offered', sa.Boolean(), nullable=False),
    sa.Column('accommodation_conditions', sa.Text(), nullable=False),
    sa.Column('what_you_learn', sa.Text(), nullable=False),
    sa.Column('skills_taught', sa.JSON(), nullable=False),
    sa.Column('skills_required', sa.JSON(), nullable=False),
    sa.Column('prerequisites', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('reading_level_needed', sa.String(length=10), nullable=False),
    sa.Column('childcare_offered', sa.Boolean(), nullable=False),
    sa.Column('worker_fee_thb', sa.Integer(), nullable=False),
    sa.Column('employer_holds_documents', sa.Boolean(), nullable=False),
    sa.Column('travel_abroad_as_debt', sa.Boolean(), nullable=False),
    sa.Column('declares_no_fees', sa.Boolean(), nullable=False),
    sa.Column('declares_keeps_documents', sa.Boolean(), nullable=False),
    sa.Column('declares_free_to_leave', sa.Boolean(), nullable=False),
    sa.Column('declares_minimum_wage', sa.Boolean(), nullable=False),
    sa.Column('declares_legal_hours', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('red_flags', sa.JSON(), nullable=False),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('apprenticeship', 'job')", name=op.f('ck_work_posts_kind_known')),
    sa.CheckConstraint("status IN ('pending_review', 'changes_requested', 'published', 'rejected', 'reported', 'closed')", name=op.f('ck_work_posts_status_known')),
    sa.CheckConstraint('hours_from >= 0 AND hours_to <= 24 AND hours_from < hours_to', name=op.f('ck_work_posts_hours_in_day')),
    sa.CheckConstraint('openings >= 0 AND filled <= openings', name=op.f('ck_work_posts_never_overfilled')),
    sa.CheckConstraint('pay_amount_thb IS NULL OR pay_amount_thb >= 0', name=op.f('ck_work_posts_pay_not_negative')),
    sa.CheckConstraint('worker_fee_thb >= 0', name=op.f('ck_work_posts_fee_not_negative')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_work_posts_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['employer_organisations.id'], name=op.f('fk_work_posts_organisation_id_employer_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_work_posts_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_posts'))
    )
    with op.batch_alter_table('work_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_posts_isco_code'), ['isco_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_posts_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_posts_province_code'), ['province_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_posts_status'), ['status'], unique=False)

    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('holds_seat', sa.Boolean(), nullable=False),
    sa.Column('shared_fields', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('hired', 'not_hired')", name=op.f('ck_applications_outcome_known')),
    sa.CheckConstraint("status IN ('applied', 'offered', 'enrolled', 'completed', 'declined', 'withdrawn', 'not_offered')", name=op.f('ck_applications_status_known')),
    sa.CheckConstraint('(course_id IS NULL) <> (post_id IS NULL)', name=op.f('ck_applications_one_target')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_applications_course_id_courses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_applications_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['users.id'], name=op.f('fk_applications_participant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['work_posts.id'], name=op.f('fk_applications_post_id_work_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_post_id'), ['post_id'], unique=False)

    op.create_table('post_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['work_posts.id'], name=op.f('fk_post_reports_post_id_work_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_post_reports_reporter_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_post_reports_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_reports'))
    )
    with op.batch_alter_table('post_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_reports_post_id'), ['post_id'], unique=False)

    op.create_table('pathway_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('course_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('step', sa.String(length=40), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("step IN ('applied', 'accepted', 'enrolled', 'completed', 'exam_passed', 'exam_failed', 'apprenticeship_started', 'apprenticeship_completed', 'business_training_completed', 'hired', 'declined', 'withdrawn')", name=op.f('ck_pathway_steps_step_known')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_pathway_steps_application_id_applications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_pathway_steps_course_id_courses'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['users.id'], name=op.f('fk_pathway_steps_participant_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['work_posts.id'], name=op.f('fk_pathway_steps_post_id_work_posts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_pathway_steps_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pathway_steps'))
    )
    with op.batch_alter_table('pathway_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathway_steps_participant_id'), ['participant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('pathway_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pathway_steps_participant_id'))

    op.drop_table('pathway_steps')
    with op.batch_alter_table('post_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_reports_post_id'))

    op.drop_table('post_reports')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_post_id'))
        batch_op.drop_index(batch_op.f('ix_applications_participant_id'))
        batch_op.drop_index(batch_op.f('ix_applications_course_id'))

    op.drop_table('applications')
    with op.batch_alter_table('work_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_posts_status'))
        batch_op.drop_index(batch_op.f('ix_work_posts_province_code'))
        batch_op.drop_index(batch_op.f('ix_work_posts_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_work_posts_isco_code'))

    op.drop_table('work_posts')
    with op.batch_alter_table('employer_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_members_organisation_id'))

    op.drop_table('employer_members')
    with op.batch_alter_table('demand_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demand_records_import_id'))

    op.drop_table('demand_records')
    op.drop_table('participant_profiles')
    op.drop_table('employer_organisations')
    op.drop_table('demand_imports')
    with op.batch_alter_table('course_starts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_starts_course_id'))

    op.drop_table('course_starts')
    with op.batch_alter_table('minimum_wages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minimum_wages_province_code'))

    op.drop_table('minimum_wages')
    op.drop_table('match_weights')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_courses_sector'))
        batch_op.drop_index(batch_op.f('ix_courses_province_code'))
        batch_op.drop_index(batch_op.f('ix_courses_isco_code'))
        batch_op.drop_index(batch_op.f('ix_courses_is_open'))

    op.drop_table('courses')
