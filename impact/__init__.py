"""Impact: what the programme led to. Features provide themes (what counts as an outcome of theirs); a nightly job
freezes each finished year's figures once its closing date has passed, small numbers suppressed, for the public
page and the staff's donor report."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.features import Feature, Job, Nav
from core.models import Role


def feature() -> Feature:
    """Last in the app's list: its seeder runs after every feature's demo data."""
    import impact.models  # noqa: F401 - its table joins the metadata (create_all, migrations)
    from impact import audit_labels, views
    from impact.commands import impact_cli
    from impact.demo import seed_figures
    from impact.services import refresh_impact

    return Feature(
        "impact",
        blueprints=(views.bp,),
        nav=(Nav("impact.report", _l("Donor report"), roles=[Role.STAFF, Role.ADMIN],
                 after="people.participants"),),
        jobs=(Job("core.impact", refresh_impact, "cron", {"hour": 2, "minute": 30}),),
        seeders=(seed_figures,),
        cli=(impact_cli,),
        audit_actions=audit_labels.ACTIONS,
        audit_record_types=audit_labels.RECORD_TYPES,
        migrations="impact/migrations",
    )
