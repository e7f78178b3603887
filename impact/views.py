"""The impact page for everyone, and the donor report for staff: the same figures of the frozen years, printable
and as XLSX with one sheet per theme. Staff may choose the internal version (no suppression) for a donor who
needs it; each such look or download is audited."""
from __future__ import annotations

import re

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from core import audit
from core.exports import download, workbook_file
from core.labels import code_label
from core.models import Role
from core.page_cache import page_cached
from core.security import public, roles_required
from impact import services as impact
from impact.models import FrozenYear

bp = Blueprint("impact", __name__)
VERSIONS = ("public", "internal")


@bp.route("/impact")
@public
@page_cached(FrozenYear)
def public_page():
    """The programme's results by frozen year and province, small numbers suppressed: one read of the
    figures frozen after each year's closing date."""
    snapshot = impact.published()
    views = impact.views(snapshot.public, snapshot.years) if snapshot else []
    return render_template("core/site/impact.html", snapshot=snapshot, views=views, version="public",
                           sales_rule=impact.sales_rule())


def _chosen(snapshot) -> tuple[str, dict]:
    version = request.args.get("version", "public")
    if version not in VERSIONS:
        abort(404)
    if version == "internal" and snapshot is not None:
        audit.record("impact.internal_report", "impact_year", max(snapshot.release_ids), actor=current_user,
                     detail={"years": snapshot.years, "releases": snapshot.release_ids, "format": request.endpoint})
    return version, (getattr(snapshot, version) if snapshot else {})


@bp.route("/staff/impact")
@roles_required(Role.STAFF, Role.ADMIN)
def report():
    """The donor report: the public figures by default, the internal ones when chosen (audited)."""
    snapshot = impact.published()
    version, figures = _chosen(snapshot)
    views = impact.views(figures, snapshot.years) if snapshot else []
    return render_template("core/site/impact.html", snapshot=snapshot, views=views, version=version,
                           staff_report=True, sales_rule=impact.sales_rule())


@bp.route("/impact.xlsx")
@public
def public_download():
    """The public page's figures as a spreadsheet: the same suppressed figures, nothing more."""
    snapshot = impact.published()
    return _workbook(snapshot, "public", snapshot.public if snapshot else {})


@bp.route("/staff/impact.xlsx")
@roles_required(Role.STAFF, Role.ADMIN)
def report_export():
    snapshot = impact.published()
    version, figures = _chosen(snapshot)
    return _workbook(snapshot, version, figures)


def _workbook(snapshot, version: str, figures: dict):
    sheets = [(_sheet_name(n, view.theme.title), *_sheet(view)) for n, view in
              enumerate(impact.views(figures, snapshot.years) if snapshot else [], start=1)]
    if not sheets:
        sheets = [(_("Figures"), [_("No year has finished with figures yet. A year is shown once it has ended.")],
                   [])]
    content, content_type = workbook_file(sheets)
    return download(content, content_type, f"impact-{version}", "xlsx")


def _sheet_name(number: int, title) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", f"{number}. {title}")[:31]


def _sheet(view: impact.ThemeView) -> tuple[list, list]:
    first = _("Enterprise") if view.theme.kind == "sales" else _("Province")
    columns = [first] + [str(y) for y in view.years]
    named = {"online": _("Online courses"), "unknown": _("Province not known")}

    def name(key: str) -> str:
        if view.theme.kind == "sales":
            return _("Other enterprises") if key == impact.OTHER_ENTERPRISES else key
        return named.get(key) or code_label("province", key)

    rows = [[name(key)] + [_cell(figure) for figure in cells] for key, cells in view.rows]
    rows.append([_("All")] + [_cell(figure) for figure in view.totals])
    if view.theme.kind == "share":
        columns += [f"{y} %" for y in view.years]
        for row, (_key, cells) in zip(rows, view.rows, strict=False):
            row += [_percent(figure) for figure in cells]
        rows[-1] += [_percent(figure) for figure in view.totals]
    return columns, rows


def _cell(figure: dict | None):
    if figure is None:
        return None
    if figure["shown"] == "number":
        return figure["value"]
    return _("fewer than 5") if figure["shown"] == "fewer_than_5" else _("not shown")


def _percent(figure: dict | None):
    share = (figure or {}).get("share")
    return round(share * 100) if share is not None else None
