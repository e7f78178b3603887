"""core: a participant's last activity and the closing of their case (how long a record is kept)

`last_activity_at` is filled from what is recorded: the latest of the account's creation and sign-in, its
training applications, pathway steps and check-ins, grant applications and follow-up visits (the same things
privacy.retention.ACTIVITY counts from now on). `case_closed_at` starts empty: no case was closed before.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-06 04:40:00

"""
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from alembic import op

revision = '0038'
down_revision = '0037'
branch_labels = None
depends_on = None


class _Moment(sa.types.TypeDecorator):
    """A stored UTC time read back as an aware datetime (SQLite keeps naive UTC text)."""
    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _table(name, *columns):
    return sa.table(name, *[sa.column(c, t) for c, t in columns])


def _latest_times(connection):
    """participant id -> their latest recorded activity."""
    users = _table("users", ("id", sa.Integer), ("role", sa.String), ("created_at", _Moment),
                   ("last_login_at", _Moment))
    applications = _table("applications", ("participant_id", sa.Integer), ("created_at", _Moment),
                          ("updated_at", _Moment))
    steps = _table("pathway_steps", ("participant_id", sa.Integer), ("recorded_at", _Moment))
    check_ins = _table("placement_check_ins", ("participant_id", sa.Integer), ("answered_on", sa.Date))
    grants = _table("grant_applications", ("id", sa.Integer), ("participant_id", sa.Integer),
                    ("created_at", _Moment), ("submitted_at", _Moment), ("decided_at", _Moment))
    visits = _table("grant_visits", ("application_id", sa.Integer), ("done_on", sa.Date))
    queries = [
        sa.select(users.c.id, users.c.created_at).where(users.c.role == "participant"),
        sa.select(users.c.id, users.c.last_login_at).where(users.c.role == "participant"),
        sa.select(applications.c.participant_id, sa.func.max(applications.c.created_at))
        .group_by(applications.c.participant_id),
        sa.select(applications.c.participant_id, sa.func.max(applications.c.updated_at))
        .group_by(applications.c.participant_id),
        sa.select(steps.c.participant_id, sa.func.max(steps.c.recorded_at)).group_by(steps.c.participant_id),
        sa.select(check_ins.c.participant_id, sa.func.max(check_ins.c.answered_on))
        .group_by(check_ins.c.participant_id),
        *[sa.select(grants.c.participant_id, sa.func.max(column)).group_by(grants.c.participant_id)
          for column in (grants.c.created_at, grants.c.submitted_at, grants.c.decided_at)],
        sa.select(grants.c.participant_id, sa.func.max(visits.c.done_on))
        .join(grants, grants.c.id == visits.c.application_id).group_by(grants.c.participant_id),
    ]
    latest: dict[int, datetime] = {}
    for query in queries:
        for person, moment in connection.execute(query):
            if moment is None:
                continue
            if isinstance(moment, str):  # SQLite's max() of a date column comes back as its text
                moment = date.fromisoformat(moment[:10])
            if not isinstance(moment, datetime):
                moment = datetime.combine(moment, time.min, UTC)
            elif moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            if person not in latest or moment > latest[person]:
                latest[person] = moment
    return latest


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('case_closed_at', sa.DateTime(timezone=True), nullable=True))
    connection = op.get_bind()
    users = _table("users", ("id", sa.Integer), ("last_activity_at", _Moment))
    latest = _latest_times(connection)
    if latest:
        connection.execute(sa.update(users).where(users.c.id == sa.bindparam("person"))
                           .values(last_activity_at=sa.bindparam("moment")),
                           [{"person": p, "moment": m} for p, m in latest.items()])


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('case_closed_at')
        batch_op.drop_column('last_activity_at')
