"""impact: finished years frozen once after their closing date, and counted in the place of the time

- `impact_years`: each finished year's figures, computed once and kept (every release; a forced re-freeze adds
  one). `impact_snapshots` stays as it was: its rows were published and are earlier releases.
- The place of the time, for the impact figures: `grant_applications.province_code` (the business's province,
  recorded at the award), `applications.work_province_code` (the work's province, recorded at the hire) and
  `pathway_steps.province_code` (a post's step: the post's province when it was recorded). The columns belong
  to grants' and training's models; they live in one migration with the table they serve.
- Backfill from what is known today: awards take the person's home province now, hires and post steps the
  post's province now. From here on the services record them when the award or the hire is made.

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-06 08:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0041'
down_revision = '0040'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('impact_years',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.String(length=4), nullable=False),
    sa.Column('release', sa.Integer(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('public', sa.JSON(), nullable=False),
    sa.Column('internal', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_years')),
    sa.UniqueConstraint('year', 'release', name='uq_impact_years_year_release')
    )
    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province_code', sa.String(length=2), nullable=True))
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('work_province_code', sa.String(length=2), nullable=True))
    with op.batch_alter_table('pathway_steps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province_code', sa.String(length=2), nullable=True))

    # What is known today. An award is any application given an amount; a hire, an application with a hired
    # outcome or check-ins (an apprenticeship started by staff).
    op.execute(sa.text(
        "UPDATE grant_applications SET province_code = (SELECT participant_profiles.province_code "
        "FROM participant_profiles WHERE participant_profiles.user_id = grant_applications.participant_id) "
        "WHERE amount_awarded_thb IS NOT NULL"))
    op.execute(sa.text(
        "UPDATE applications SET work_province_code = (SELECT work_posts.province_code FROM work_posts "
        "WHERE work_posts.id = applications.post_id) "
        "WHERE post_id IS NOT NULL AND (outcome = 'hired' OR EXISTS (SELECT 1 FROM placement_check_ins "
        "WHERE placement_check_ins.application_id = applications.id))"))
    op.execute(sa.text(
        "UPDATE pathway_steps SET province_code = (SELECT work_posts.province_code FROM work_posts "
        "WHERE work_posts.id = pathway_steps.post_id) WHERE post_id IS NOT NULL"))


def downgrade():
    with op.batch_alter_table('pathway_steps', schema=None) as batch_op:
        batch_op.drop_column('province_code')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('work_province_code')
    with op.batch_alter_table('grant_applications', schema=None) as batch_op:
        batch_op.drop_column('province_code')
    op.drop_table('impact_years')
