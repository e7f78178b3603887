"""The privacy pages: the notice (for everyone, and read first by a participant at sign-in), a person's own
data ("My information": see, download, ask to delete, and who opened it), and what they agree to share."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.exports import CSV, download
from core.forms import ButtonForm
from core.models import Role
from core.navigation import flash_refusal, safe_next
from core.page_cache import page_cached
from core.refusal import Refusal
from core.security import public, roles_required
from privacy import services as privacy
from privacy.forms import ConsentForm, NoticeForm

bp = Blueprint("privacy", __name__)


def _me():
    return current_user._get_current_object()


# Pages a participant may open before reading the privacy notice: the notice itself, and ways out.
BEFORE_NOTICE = {"privacy.welcome", "privacy.welcome_choice", "privacy.notice", "auth.logout", "auth.quick_exit",
                 "site.set_language", "site.choose_language", "static"}


@bp.before_app_request
def notice_first():
    """At first sign-in (and after the notice changes) a participant reads it and makes their choices."""
    if not current_user.is_authenticated or request.endpoint in BEFORE_NOTICE:
        return None
    if privacy.needs_notice(_me(), current_app.config["PRIVACY_NOTICE_VERSION"]):
        return redirect(url_for("privacy.welcome", next=request.full_path if request.method == "GET" else None))
    return None


@bp.route("/privacy")
@public
@page_cached()
def notice():
    """The whole privacy notice, for anyone."""
    return render_template("privacy/notice.html", version=current_app.config["PRIVACY_NOTICE_VERSION"])


@bp.route("/me/welcome")
@roles_required(Role.PARTICIPANT)
def welcome():
    """The privacy notice in short, in the person's language; the choice about employers is the next page, so
    that "Continue" is on a phone's first screen in every language (the facts take 13 lines in Burmese)."""
    return render_template("privacy/welcome.html", version=current_app.config["PRIVACY_NOTICE_VERSION"],
                           next=request.args.get("next"))  # carried along; checked when it is followed


@bp.route("/me/welcome/choice", methods=["GET", "POST"])
@roles_required(Role.PARTICIPANT)
def welcome_choice():
    """Her choice about employers, which accepts the notice."""
    version = current_app.config["PRIVACY_NOTICE_VERSION"]
    form = NoticeForm(share_with_employers=privacy.has_consent(_me(), "share_with_employers"))
    if form.validate_on_submit():
        privacy.accept_notice(_me(), version, bool(form.share_with_employers.data))
        flash(_("Thank you. Your choices are saved."), "success")
        return redirect(safe_next(request.args.get("next")))
    return render_template("privacy/welcome_choice.html", form=form, next=request.args.get("next"))


@bp.route("/me/data")
def my_data():
    """Everything Pathways stores about the signed-in person, with who at the programme opened it."""
    page = privacy.page_data(_me())
    return render_template("privacy/my_data.html", data=page.rows, totals=page.totals,
                           sections=privacy.data_sections(), pending=privacy.pending_deletion(_me()),
                           form=ButtonForm())


@bp.route("/me/data.json")
def my_data_json():
    return download(privacy.export_json(_me()).encode("utf-8"), "application/json", "my-pathways-data", "json")


@bp.route("/me/data.csv")
def my_data_csv():
    return download(privacy.export_csv(_me()), CSV, "my-pathways-data", "csv")


@bp.route("/me/delete-request", methods=["POST"])
@roles_required(Role.PARTICIPANT, Role.CUSTOMER, Role.EMPLOYER)
def request_deletion():
    if ButtonForm().validate_on_submit():
        privacy.request_deletion(_me())
        flash(_("We have your request. Programme staff will remove your information and tell you."), "success")
    return redirect(url_for("privacy.my_data"))


@bp.route("/me/privacy", methods=["GET", "POST"])
def my_privacy():
    """What the person has agreed to share, with a way to agree or withdraw."""
    form = ConsentForm()
    if form.validate_on_submit():
        if form.withdraw.data:
            privacy.withdraw_consent(_me(), form.purpose.data)
            flash(_("Your choice is saved."), "success")
        else:
            try:
                privacy.give_consent(_me(), form.purpose.data, current_app.config["PRIVACY_NOTICE_VERSION"])
            except Refusal as error:
                flash_refusal(error)
            else:
                flash(_("Your choice is saved."), "success")
        return redirect(url_for("privacy.my_privacy"))
    choices = [(purpose, label, privacy.has_consent(_me(), purpose))
               for purpose, label in privacy.CONSENT_PURPOSES.items()]
    return render_template("privacy/my_privacy.html", choices=choices)
