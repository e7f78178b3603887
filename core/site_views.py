"""Public pages: the start page, the languages and their switch, the health check and the site's icon (the
privacy notice is privacy's); and the work home, whose lines the features declare (core.work_home)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
)
from flask_login import current_user

from core import leadership, work_home
from core.extensions import db
from core.forms import LanguageForm
from core.models import Role
from core.navigation import safe_next
from core.page_cache import page_cached
from core.security import cacheable, public, roles_required
from core.unit_of_work import abandon

bp = Blueprint("site", __name__)


@bp.route("/")
@public
@page_cached()
def home():
    """What Pathways is, and where each kind of visitor goes next."""
    return render_template("core/site/home.html")


@bp.route("/my-work")
@roles_required(Role.STAFF, Role.ADMIN, Role.EMPLOYER, Role.MANAGER)
def my_work():
    """What waits for the signed-in person, each with a count and a link to its list (where signing in lands)."""
    person = current_user._get_current_object()
    lines = work_home.waiting_for(person)
    return render_template("core/site/my_work.html", lines=lines, sections=work_home.sections_for(person),
                           anything=work_home.anything_waiting(lines))


@bp.route("/languages")
@public
@page_cached()
def languages():
    """The list of languages on a page of its own: where the header's language link goes on a phone."""
    return render_template("core/site/languages.html", language_next=safe_next(request.args.get("next")))


@bp.route("/language/<code>")
@public
def choose_language(code: str):
    """A visitor's language for this visit, from a plain link (the pages of visitors who are not signed in carry
    no form, so they can be kept for everyone). A signed-in person chooses with the form below: a link another
    site could make their browser follow changes nothing for them."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    if not current_user.is_authenticated:
        session["lang"] = code
        session["lang_chosen"] = True  # read at sign-in (accounts.auth_views)
    return redirect(safe_next(request.args.get("next")))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    """Remember the chosen language for this visit (and on the account when signed in)."""
    form = LanguageForm()
    if form.validate_on_submit() and form.language.data in current_app.config["LANGUAGES"]:
        session["lang"] = form.language.data
        if current_user.is_authenticated:
            current_user.locale = form.language.data
        else:
            session["lang_chosen"] = True  # read at sign-in (accounts.auth_views)
    return redirect(safe_next(form.next.data))


@bp.route("/favicon.ico")
@public
@cacheable
def favicon():
    """Browsers ask for /favicon.ico whatever the page links to: the same small icon, kept for a year."""
    return send_from_directory(current_app.static_folder or "static", "favicon.ico", mimetype="image/x-icon",
                               max_age=365 * 24 * 3600)


@bp.route("/healthz")
@public
def healthz():
    """The database answers; whether some process leads the scheduler, and whether this one does (its name
    and each job's times are for operators: `flask scheduler --status`)."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        lead = leadership.leader(db.session.connection())
    except Exception:  # any failure to reach the database is "not healthy"; details stay in the log
        current_app.logger.exception("health check: database did not answer")
        abandon()
        return jsonify(status="unavailable", database="error"), 503
    here = current_app.extensions.get("scheduler")
    return jsonify(status="ok", database="ok", scheduler="led" if lead.live else "no leader",
                   scheduler_here="off" if here is None else ("leader" if here.leads else "follower"))

