"""What waits in training and work, for the work home (core.work_home): staff's posts, employers and check-ins;
an employer's new applications, and their posts with the applicants in each state and the places filled.

Each count is the query of the list it links to, counted in one statement (core.pagination.count_up_to).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from core import clock
from core.extensions import db
from core.pagination import count_up_to
from training import check_ins, employers, vetting
from training.employer_models import EmployerMember, WorkPost
from training.models import Application

HOME_POSTS = 10  # the newest posts on the home; "My organisation and posts" has them all, a page at a time
# An application's state as the employer counts it (the participant's own words are not theirs).
APPLICANT_STATES = {"applied": "new", "offered": "offered", "accepted": "said_yes", "enrolled": "said_yes",
                    "completed": "hired", "declined": "closed", "withdrawn": "closed", "not_offered": "closed"}
COLUMNS = ("new", "offered", "said_yes", "hired", "closed")


def count_posts_to_check(_person: Any) -> int:
    return count_up_to(employers.posts_waiting_for_staff())


def count_employers_to_verify(_person: Any) -> int:
    return count_up_to(vetting.count_to_verify())


def count_check_ins_to_follow_up(_person: Any) -> int:
    return count_up_to(check_ins.to_follow_up())


def count_check_ins_unanswered(_person: Any) -> int:
    return count_up_to(check_ins.unanswered(clock.today()))


def _own_posts(employer: Any) -> sa.ColumnElement[bool]:
    return WorkPost.organisation_id.in_(sa.select(EmployerMember.organisation_id)
                                        .where(EmployerMember.user_id == employer.id))


def count_new_applications(employer: Any) -> int:
    """Applications to the employer's own posts still waiting for their first answer."""
    return db.session.scalar(sa.select(sa.func.count(Application.id)).join(WorkPost, WorkPost.id == Application.post_id)
                             .where(_own_posts(employer), Application.status == "applied")) or 0


@dataclass(frozen=True)
class PostLine:
    post: WorkPost
    applicants: dict[str, int]  # COLUMNS -> how many

    @property
    def hired(self) -> int:
        return self.post.filled


def applicants_by_state(counts: list[tuple[int, str, int]]) -> dict[int, dict[str, int]]:
    """(post id, application status, how many) rows -> post id -> the employer's columns."""
    found: dict[int, dict[str, int]] = {}
    for post_id, status, number in counts:
        column = APPLICANT_STATES.get(status, "closed")
        row = found.setdefault(post_id, dict.fromkeys(COLUMNS, 0))
        row[column] += number
    return found


def posts_section(employer: Any) -> dict[str, Any]:
    """The employer's newest posts with their applicants by state: two statements whatever the data."""
    posts = list(db.session.scalars(sa.select(WorkPost).where(_own_posts(employer))
                                    .order_by(WorkPost.created_at.desc(), WorkPost.id.desc()).limit(HOME_POSTS)))
    rows = db.session.execute(sa.select(Application.post_id, Application.status, sa.func.count(Application.id))
                              .where(Application.post_id.in_([p.id for p in posts]))
                              .group_by(Application.post_id, Application.status)).all() if posts else []
    counts = applicants_by_state([(post_id, status, number) for post_id, status, number in rows
                                  if post_id is not None])
    return {"lines": [PostLine(post, counts.get(post.id, dict.fromkeys(COLUMNS, 0))) for post in posts],
            "columns": COLUMNS, "shown": HOME_POSTS}


def applications_of(post_id: int, column: str | None = None) -> sa.Select:
    """A post's applications, or only those the employer counts in `column` (one of COLUMNS)."""
    query = sa.select(Application).where(Application.post_id == post_id)
    if column is not None:
        query = query.where(Application.status.in_(
            [status for status, shown in APPLICANT_STATES.items() if shown == column]))
    return query


def applicant_counts(post_id: int) -> dict[str, int]:
    """The post's applicants in each of the employer's columns: one statement."""
    rows = db.session.execute(sa.select(Application.status, sa.func.count(Application.id))
                              .where(Application.post_id == post_id).group_by(Application.status)).all()
    return applicants_by_state([(post_id, status, number) for status, number in rows]).get(
        post_id, dict.fromkeys(COLUMNS, 0))
