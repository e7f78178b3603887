"""Two-step sign-in pages: the second step after the password, setting up an authenticator app, the sign-in
security page (recovery codes, trusted browsers), and the admin's reset. Participants never see any of them."""
from __future__ import annotations

import time

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts import devices, throttle, trusted_browsers, two_factor
from accounts.auth_views import finish_sign_in, trusted_tokens
from accounts.forms import EnrolForm, ForgetBrowserForm, SecondStepForm
from core.extensions import db
from core.forms import ButtonForm
from core.models import Role, User
from core.navigation import flash_refusal, show_error_on
from core.numbers import record_id
from core.refusal import Refusal
from core.security import keep_private, public, roles_required
from core.unit_of_work import checkpoint

bp = Blueprint("two_factor", __name__)

NOT_PARTICIPANTS = (Role.STAFF, Role.MANAGER, Role.ADMIN, Role.EMPLOYER, Role.CUSTOMER)
SECOND_STEP_MINUTES = 5
# While a work account must still set up its second step, only these pages open.
OPEN_WHILE_ENROLLING = {"two_factor.enrol", "auth.logout", "auth.quick_exit", "site.set_language", "static"}


@bp.before_app_request
def enrol_first():
    if session.get("must_enrol") and current_user.is_authenticated and request.endpoint not in OPEN_WHILE_ENROLLING:
        return redirect(url_for("two_factor.enrol"))
    return None


def _waiting() -> tuple[User, dict] | None:
    """Whose password was right a moment ago in this browser, if the second step still waits."""
    pending = session.get("second_step")
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > SECOND_STEP_MINUTES * 60:
        return None
    raw_id, _, version = str(pending.get("user", "")).partition(":")
    user = db.session.get(User, record_id(raw_id) or 0)
    if user is None or str(user.session_version) != version or not user.is_active:
        return None
    return user, pending


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
def code():
    """The second step: the code from the app or a recovery code. Wrong codes count like wrong passwords."""
    waiting = _waiting()
    if waiting is None:
        session.pop("second_step", None)  # too late, or never: the password first (the page says what to do)
        return redirect(url_for("auth.login"))
    user, pending = waiting
    form = SecondStepForm()
    if form.validate_on_submit():
        limits = throttle.sign_in_limits(pending["name"], request.remote_addr)
        wait = throttle.claim(limits)
        if wait:
            form.form_errors.append(_("Too many tries. Please wait %(n)d seconds and try again.", n=wait))
            return render_template("core/auth/two_factor_code.html", form=form), 429
        if two_factor.check_code(user, form.code.data):
            checkpoint()  # the code is spent for good; the throttle writes in a transaction of its own
            throttle.succeeded(limits)
            session.pop("second_step", None)
            response = finish_sign_in(user, bool(pending.get("keep")), pending.get("next") or url_for("site.home"))
            if form.trust.data:
                token = trusted_browsers.trust(user, request.user_agent.string)
                response.set_cookie(trusted_browsers.COOKIE,
                                    trusted_browsers.cookie_value([token, *trusted_tokens()]), httponly=True,
                                    samesite="Lax", secure=request.is_secure,
                                    max_age=trusted_browsers.days() * 86400)
            return response
        form.code.errors = [*form.code.errors, _("That code is not right, or it was used already. Type the "
                                                 "code your app shows now, or an unused recovery code.")]
    return render_template("core/auth/two_factor_code.html", form=form)


@bp.route("/account/two-step/set-up", methods=["GET", "POST"])
@roles_required(*NOT_PARTICIPANTS)
def enrol():
    """Scan the QR code (or type the secret), then type a current code to show the app has it."""
    user = current_user._get_current_object()
    keep_private()
    if two_factor.factor_of(user) is not None:
        return render_template("core/auth/two_factor_enrol.html", enrolled=True)
    secret = two_factor.unseal(session.get("enrol_secret"))
    if secret is None:
        secret = two_factor.new_secret()
        session["enrol_secret"] = two_factor.seal(secret)  # sealed: the session cookie is signed, not secret
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.confirm_enrolment(user, secret, form.code.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            session.pop("enrol_secret", None)
            session.pop("must_enrol", None)
            return render_template("core/auth/recovery_codes.html", codes=codes, new_factor=True)
    return render_template("core/auth/two_factor_enrol.html", enrolled=False, form=form,
                           qr=two_factor.qr_code(user, secret), secret=two_factor.grouped(secret),
                           required=two_factor.must_have(user))


@bp.route("/account/security")
@roles_required(*NOT_PARTICIPANTS)
def security():
    """Two-step sign-in: whether it is on, recovery codes left, and the browsers trusted to skip it."""
    user = current_user._get_current_object()
    here = {devices.token_hash(t) for t in trusted_tokens()}
    factor = two_factor.factor_of(user)
    return render_template("core/auth/security.html", factor=factor,
                           codes_left=two_factor.recovery_codes_left(user) if factor else 0,
                           browsers=trusted_browsers.listed(user), here=here, forget=ForgetBrowserForm(),
                           button=ButtonForm(), required=two_factor.must_have(user))


@bp.route("/account/security/recovery-codes", methods=["POST"])
@roles_required(*NOT_PARTICIPANTS)
def new_recovery_codes():
    form = ButtonForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.renew_recovery_codes(current_user._get_current_object())
        except Refusal as error:
            flash_refusal(error)
        else:
            keep_private()
            return render_template("core/auth/recovery_codes.html", codes=codes, new_factor=False)
    return redirect(url_for("two_factor.security"))


@bp.route("/account/security/browsers", methods=["POST"])
@roles_required(*NOT_PARTICIPANTS)
def forget_browser():
    form = ForgetBrowserForm()
    if form.validate_on_submit() and trusted_browsers.forget_one(current_user._get_current_object(),
                                                                 record_id(form.browser.data or "") or 0):
        flash(_("That browser is forgotten. Signing in there asks for a code again."), "success")
    return redirect(url_for("two_factor.security"))


@bp.route("/admin/accounts/<int:user_id>/two-step-reset", methods=["POST"])
@roles_required(Role.ADMIN)
def admin_reset(user_id: int):
    """A lost phone: the person's second step is removed; they set it up again at their next sign-in."""
    person = db.session.get(User, user_id)
    form = ButtonForm()
    if person is None:
        abort(404)
    if form.validate_on_submit():
        try:
            two_factor.reset(current_user._get_current_object(), person)
        except Refusal as error:
            flash_refusal(error)
        else:
            flash(_("Two-step sign-in is reset. The person was told and sets it up again at their next sign-in."),
                  "success")
    return redirect(url_for("admin.account", user_id=user_id))
