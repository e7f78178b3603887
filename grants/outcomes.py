"""What grants led to, for the public impact page (impact.services): scholarships and business grants accepted,
money paid, and businesses still operating at 6, 12 and 24 months, by year and the business's province as
recorded on the award when it was made (never where the person lives today). Each source is one aggregate
statement."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from core import clock
from core.extensions import db
from grants.models import OPERATING_STATUSES, FollowUpVisit, GrantApplication, GrantRound, Tranche
from impact.services import Amount, Subset, Theme, count_people, year_of_day

OPERATING_MONTHS = (6, 12, 24)
# What a reader may assume (impact.auditor uses each where the figures bear it out): a business visited at 6,
# 12 or 24 months had its grant accepted in the same place that year or the years before; and one operating at
# a later visit was operating at the earlier one (the same businesses followed).
_AMONG = {6: (Subset("business_grants", (0, 1)),),
          12: (Subset("business_grants", (0, 1, 2)), Subset("operating_6", (0, 1))),
          24: (Subset("business_grants", (1, 2, 3)), Subset("operating_12", (0, 1, 2)))}


def _awarded_source(kind: str):
    """People whose award of this kind they accepted, by the year it was decided (each person once a year, in
    the province of the latest award)."""
    def source() -> list:
        decided = clock.month_in_zone(GrantApplication.decided_at, db.session.get_bind().dialect.name)
        rows = (sa.select(GrantApplication.participant_id.label("person"),
                          sa.func.substr(decided, 1, 4).label("year"),
                          GrantApplication.province_code.label("province"),
                          GrantApplication.decided_at.label("rank"), GrantApplication.id.label("tiebreak"))
                .join(GrantRound, GrantRound.id == GrantApplication.round_id)
                .where(GrantRound.kind == kind, GrantApplication.status == "accepted"))
        return count_people(rows)
    return source


def _paid_source() -> list:
    """People paid and the money paid to them (grants and scholarships), by the year of the payment."""
    year = year_of_day(Tranche.paid_on).label("year")
    return list(db.session.execute(
        sa.select(year, GrantApplication.province_code,
                  sa.func.count(sa.distinct(GrantApplication.participant_id)), sa.func.sum(Tranche.amount_thb))
        .join(GrantApplication, GrantApplication.id == Tranche.application_id)
        .where(Tranche.paid_on.is_not(None))
        .group_by(year, GrantApplication.province_code)))


def _operating_source(month: int):
    """Businesses visited at `month` after the grant, by the year of the visit: open or not."""
    def source() -> list:
        rows = (sa.select(GrantApplication.participant_id.label("person"),
                          year_of_day(FollowUpVisit.done_on).label("year"),
                          GrantApplication.province_code.label("province"),
                          FollowUpVisit.business_status.in_(OPERATING_STATUSES).label("counted"),
                          FollowUpVisit.done_on.label("rank"), FollowUpVisit.id.label("tiebreak"))
                .join(GrantApplication, GrantApplication.id == FollowUpVisit.application_id)
                .join(GrantRound, GrantRound.id == GrantApplication.round_id)
                .where(FollowUpVisit.month == month, FollowUpVisit.status == "done",
                       FollowUpVisit.business_status.is_not(None), GrantRound.kind == "business"))
        return count_people(rows)
    return source


def _paid_per_person() -> tuple[Amount, ...]:
    """What a reader may know of one person's money in a year and province, assumed at its worst: the
    programme's actual smallest and largest, known exactly (a round's public page and its news give the award
    sizes, and awards of one size are common: money ÷ the award is then the number of people paid), over all
    people paid, and per kind of award for the scholarships and business grants accepted that year."""
    def bounds(*by) -> list:
        year = year_of_day(Tranche.paid_on).label("year")
        per_person = (sa.select(*by, sa.func.sum(Tranche.amount_thb).label("amount"))
                      .join(GrantApplication, GrantApplication.id == Tranche.application_id)
                      .join(GrantRound, GrantRound.id == GrantApplication.round_id)
                      .where(Tranche.paid_on.is_not(None))
                      .group_by(GrantApplication.participant_id, year, GrantApplication.province_code, *by)
                      .subquery())
        kind = [per_person.c.kind] if by else []
        return list(db.session.execute(sa.select(*kind, sa.func.min(per_person.c.amount),
                                                 sa.func.max(per_person.c.amount)).group_by(*kind)))

    overall = bounds()
    if not overall or overall[0][0] is None:
        return ()
    return (Amount(int(overall[0][0]), int(overall[0][1])),
            *(Amount(int(low), int(high), people_of) for kind, low, high in sorted(bounds(GrantRound.kind))
              if (people_of := _PEOPLE_OF.get(kind))))


_PEOPLE_OF = {"scholarship": "scholarships", "business": "business_grants"}  # the theme of each kind's people


# The people paid in a year and place are among those who accepted a scholarship or a business grant there
# that year or the year before, and a reader may take them to be exactly that year's (paid on acceptance).
_PAID_AMONG = (Subset("scholarships", (0, 1), also=("business_grants",), exactly=True),)


def themes() -> list[Theme]:
    return [Theme("scholarships", _l("People who accepted a scholarship"), "people", _awarded_source("scholarship"),
                  50),
            Theme("business_grants", _l("People who accepted a business grant"), "people",
                  _awarded_source("business"), 51),
            Theme("grant_money", _l("Money paid in grants and scholarships (baht)"), "money", _paid_source, 55,
                  subset_of=_PAID_AMONG, amount_per_person=_paid_per_person),
            *(Theme(f"operating_{month}", _l("Businesses still operating %(months)d months after the grant",
                                             months=month), "share", _operating_source(month), 60 + order,
                    subset_of=_AMONG.get(month, ()))
              for order, month in enumerate(OPERATING_MONTHS))]
