"""Two-step sign-in pages: the second step after the password, setting up an authenticator app, the sign-in
security page (recovery codes, trusted browsers), and the admin's reset. Participants never see any of them."""
from __future__ import annotations

import time

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts import devices, enrolment_codes, throttle, trusted_browsers, two_factor
from accounts.auth_views import finish_sign_in, sign_in_now, trusted_tokens
from accounts.forms import (
    EnrolForm,
    EnrolmentCodeForm,
    ForgetBrowserForm,
    RecoveryCodesForm,
    SecondStepForm,
    TurnOffForm,
)
from core.extensions import db
from core.forms import ButtonForm
from core.models import Role, User
from core.navigation import flash_refusal, show_error_on
from core.numbers import record_id
from core.refusal import Refusal
from core.security import keep_private, public, roles_required
from core.unit_of_work import checkpoint
from core.work_home import home_for

bp = Blueprint("two_factor", __name__)

NOT_PARTICIPANTS = (Role.STAFF, Role.MANAGER, Role.ADMIN, Role.EMPLOYER, Role.CUSTOMER)
SECOND_STEP_MINUTES = 5
# A password typed for a work account that must still set up its second step waits this long for the set-up.
ENROLMENT_MINUTES = 20


def _pending(key: str, minutes: int) -> tuple[User, dict] | None:
    """Whose password was right a moment ago in this browser, if what follows it still waits."""
    pending = session.get(key)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > minutes * 60:
        return None
    raw_id, _, version = str(pending.get("user", "")).partition(":")
    user = db.session.get(User, record_id(raw_id) or 0)
    if user is None or str(user.session_version) != version or not user.is_active:
        return None
    return user, pending


def _waiting() -> tuple[User, dict] | None:
    return _pending("second_step", SECOND_STEP_MINUTES)


def _enrolling() -> tuple[User, dict] | None:
    found = _pending("enrolment", ENROLMENT_MINUTES)
    if found is None or not two_factor.must_have(found[0]) or two_factor.factor_of(found[0]) is not None:
        return None
    return found


def _show_wrong_code(form, error: Refusal) -> None:
    """Beside its field, without undoing the request: the wrong code's count, audit entry and (at the limit)
    the lock's notice stay on record, as a wrong password's do."""
    getattr(form, error.field or "").errors = [*getattr(form, error.field or "").errors, error.message]


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
        locked = two_factor.claim_try(user)  # counted before the code is checked: racing tries meet the lock
        if locked:
            form.form_errors.append(_("Too many wrong codes for this account. Two-step sign-in is locked for "
                                      "%(n)d minutes.", n=(locked + 59) // 60))
            return render_template("core/auth/two_factor_code.html", form=form), 429
        limits = throttle.sign_in_limits(pending["name"], request.remote_addr)
        wait = throttle.claim(limits)
        if wait:
            form.form_errors.append(_("Too many tries. Please wait %(n)d seconds and try again.", n=wait))
            return render_template("core/auth/two_factor_code.html", form=form), 429
        if two_factor.check_code(user, form.code.data):
            checkpoint()  # the code is spent for good; the throttle writes in a transaction of its own
            throttle.succeeded(limits)
            two_factor.passed(user)
            session.pop("second_step", None)
            response = finish_sign_in(user, bool(pending.get("keep")),
                                      pending.get("next") or url_for(home_for(user.role)))
            if form.trust.data:
                token = trusted_browsers.trust(user, request.user_agent.string)
                trusted_browsers.set_cookie(response, [token, *trusted_tokens()])
            return response
        if two_factor.wrong_code(user, "sign_in"):
            checkpoint()  # the lock's audit entry and the person's notice stay, though the answer is a 429
            form.form_errors.append(_("Too many wrong codes for this account. Two-step sign-in is locked for "
                                      "%(n)d minutes.", n=current_app.config["TWO_FACTOR_LOCK_MINUTES"]))
            return render_template("core/auth/two_factor_code.html", form=form), 429
        form.code.errors = [*form.code.errors, _("That code is not right, or it was used already. Type the "
                                                 "code your app shows now, or an unused recovery code.")]
    return render_template("core/auth/two_factor_code.html", form=form)


@bp.route("/account/two-step/set-up", methods=["GET", "POST"])
@public
def enrol():
    """Scan the QR code (or type the secret), then type a current code to show the app has it. At a work
    account's sign-in, only after an enrolment code from an admin; signed in, for those who may choose it."""
    keep_private()
    enrolling = _enrolling()
    if enrolling is not None:
        return _enrol_at_sign_in(*enrolling)
    if not current_user.is_authenticated:
        session.pop("enrolment", None)
        return redirect(url_for("auth.login"))
    user = current_user._get_current_object()
    if not two_factor.may_use(user):
        abort(403)
    if two_factor.factor_of(user) is not None:
        return render_template("core/auth/two_factor_enrol.html", enrolled=True)
    secret = _enrol_secret(user)
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.confirm_enrolment(user, secret, form.code.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            session.pop("enrol_secret", None)
            return render_template("core/auth/recovery_codes.html", codes=codes, new_factor=True)
    return _enrol_page(user, secret, form, required=two_factor.must_have(user))


def _enrol_secret(user: User) -> str:
    secret = two_factor.unseal(session.get("enrol_secret"), user.id)
    if secret is None:
        secret = two_factor.new_secret()
        session["enrol_secret"] = two_factor.seal(secret, user.id)  # sealed: the session cookie is signed, not secret
    return secret


def _enrol_page(user: User, secret: str, form, required: bool):
    return render_template("core/auth/two_factor_enrol.html", enrolled=False, form=form,
                           qr=two_factor.qr_code(user, secret), secret=two_factor.grouped(secret), required=required)


def _enrol_at_sign_in(user: User, pending: dict):
    """The password was right, and nothing else: first the enrolment code, then the app, then signed in."""
    if not pending.get("allowed"):
        code_form = EnrolmentCodeForm()
        if code_form.validate_on_submit():
            try:
                code_id = enrolment_codes.check(user, pending["name"], code_form.enrolment_code.data,
                                                request.remote_addr)
            except Refusal as error:
                _show_wrong_code(code_form, error)  # counted like a wrong password, and kept so
            else:
                session["enrolment"] = {**pending, "allowed": True, "code": code_id}
                return redirect(url_for("two_factor.enrol"))
        return render_template("core/auth/two_factor_ask_admin.html", form=code_form)
    secret = _enrol_secret(user)
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.confirm_enrolment(user, secret, form.code.data,
                                                 enrolment_code_id=record_id(str(pending.get("code") or "")))
        except Refusal as error:
            show_error_on(form, error)
        else:
            sign_in_now(user, bool(pending.get("keep")))  # a new session: the key and the waiting are gone
            return render_template("core/auth/recovery_codes.html", codes=codes, new_factor=True)
    return _enrol_page(user, secret, form, required=True)


@bp.route("/account/security")
@roles_required(*NOT_PARTICIPANTS)
def security():
    """Two-step sign-in: whether it is on, recovery codes left, and the browsers trusted to skip it."""
    return _security_page()


def _security_page(renew: RecoveryCodesForm | None = None, turn_off: TurnOffForm | None = None):
    user = current_user._get_current_object()
    here = {devices.token_hash(t) for t in trusted_tokens()}
    factor = two_factor.factor_of(user)
    required = two_factor.must_have(user)
    return render_template("core/auth/security.html", factor=factor,
                           codes_left=two_factor.recovery_codes_left(user) if factor else 0,
                           browsers=trusted_browsers.listed(user), here=here,
                           forget=ForgetBrowserForm(formdata=None), required=required,
                           renew=renew or RecoveryCodesForm(formdata=None, prefix="renew"),
                           turn_off=None if required else (turn_off or TurnOffForm(formdata=None, prefix="off")))


@bp.route("/account/security/recovery-codes", methods=["POST"])
@roles_required(*NOT_PARTICIPANTS)
def new_recovery_codes():
    """Ten new recovery codes, with a current code from the app or the password typed in the same form."""
    form = RecoveryCodesForm(prefix="renew")  # prefixed: three forms share the security page
    if form.validate_on_submit():
        try:
            codes = two_factor.renew_recovery_codes(current_user._get_current_object(), form.proof.data)
        except two_factor.WrongCode as error:
            _show_wrong_code(form, error)
        except Refusal as error:
            show_error_on(form, error)
        else:
            keep_private()
            return render_template("core/auth/recovery_codes.html", codes=codes, new_factor=False)
    return _security_page(renew=form)


@bp.route("/account/security/turn-off", methods=["POST"])
@roles_required(*NOT_PARTICIPANTS)
def turn_off():
    """Employers and customers (and work accounts while it is not required) turn it off with a fresh code."""
    form = TurnOffForm(prefix="off")
    if form.validate_on_submit():
        try:
            two_factor.turn_off(current_user._get_current_object(), form.code.data)
        except two_factor.WrongCode as error:
            _show_wrong_code(form, error)
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("Two-step sign-in is off. Your password alone signs you in now."), "success")
            return redirect(url_for("two_factor.security"))
    return _security_page(turn_off=form)


@bp.route("/account/security/browsers", methods=["POST"])
@roles_required(*NOT_PARTICIPANTS)
def forget_browser():
    form = ForgetBrowserForm()
    if form.validate_on_submit() and trusted_browsers.forget_one(current_user._get_current_object(),
                                                                 record_id(form.browser.data or "") or 0):
        flash(_("That browser is forgotten. Signing in there asks for a code again."), "success")
    return redirect(url_for("two_factor.security"))


def _person_or_404(user_id: int) -> User:
    person = db.session.get(User, user_id)
    if person is None or person.anonymised_at is not None:
        abort(404)
    return person


@bp.route("/admin/accounts/<int:user_id>/two-step-reset", methods=["POST"])
@roles_required(Role.ADMIN)
def admin_reset(user_id: int):
    """A lost phone: the person's second step is removed; with the enrolment code shown once here, they set it
    up again at their next sign-in."""
    person = _person_or_404(user_id)
    if ButtonForm().validate_on_submit():
        try:
            code = two_factor.reset(current_user._get_current_object(), person)
        except Refusal as error:
            flash_refusal(error)
        else:
            if code:
                keep_private()
                return render_template("core/admin/enrolment_code.html", person=person, code=code, reset=True,
                                       days=enrolment_codes.lifetime().days)
            flash(_("Two-step sign-in is reset. The person was told."), "success")
    return redirect(url_for("admin.account", user_id=user_id))


@bp.route("/admin/accounts/<int:user_id>/enrolment-code", methods=["POST"])
@roles_required(Role.ADMIN)
def admin_enrolment_code(user_id: int):
    """A one-time code with which a work account with no second step sets one up (shown once, here)."""
    person = _person_or_404(user_id)
    if ButtonForm().validate_on_submit():
        try:
            code = enrolment_codes.issue(person, current_user._get_current_object())
        except Refusal as error:
            flash_refusal(error)
        else:
            keep_private()
            return render_template("core/admin/enrolment_code.html", person=person, code=code, reset=False,
                                   days=enrolment_codes.lifetime().days)
    return redirect(url_for("admin.account", user_id=user_id))
