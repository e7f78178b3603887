"""Signing in and out, the quick exit, first-time set-up with a code from staff, customer registration and
changing a password."""
from __future__ import annotations

import time

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from accounts import devices, drafts, throttle, trusted_browsers, two_factor
from accounts import mail as account_mail
from accounts import services as accounts
from accounts.forms import (
    CancelRegistrationForm,
    ForgetDeviceForm,
    PasswordChangeForm,
    RegisterForm,
    SetupForm,
    SignInForm,
)
from core.forms import ButtonForm
from core.navigation import flash_refusal, safe_next, show_error_on
from core.numbers import record_id
from core.refusal import Refusal
from core.security import MAY_KEEP_SIGNED_IN, keep_private, public, start_session
from core.unit_of_work import checkpoint
from core.work_home import home_for

bp = Blueprint("auth", __name__)

# A browser where someone chose "keep me signed in" is trusted for that account: its tries skip the
# account's growing delay (accounts.throttle). The cookie holds random ids, each a row the server can take back
# (accounts.devices).
DEVICE_COOKIE = "pathways_device"


def _device_tokens() -> list[str]:
    return devices.tokens_from_cookie(request.cookies.get(DEVICE_COOKIE))


def _set_device_cookie(response, tokens: list[str]) -> None:
    if not tokens:
        response.delete_cookie(DEVICE_COOKIE)
        return
    response.set_cookie(DEVICE_COOKIE, devices.cookie_value(tokens), httponly=True, samesite="Lax",
                        secure=request.is_secure, max_age=current_app.config["KEEP_SIGNED_IN_DAYS"] * 86400)


def _begin_session(user, keep: bool = False) -> None:
    # A fresh session at sign-in: nothing from before (a planted cookie, an old cart id) carries over.
    # A language chosen on this page before signing in is the one the person wants now; one only carried over
    # from someone else's sign-out on a shared phone gives way to the account's own.
    chosen = session.get("lang") if session.get("lang_chosen") else None
    language = chosen or user.locale or session.get("lang")
    guest_session = dict(session)
    session.clear()
    login_user(user)
    start_session(keep=keep and user.role in MAY_KEEP_SIGNED_IN)
    if language:
        session["lang"] = language
    accounts.run_sign_in_hooks(user, guest_session)


def _end_session() -> None:
    language = session.get("lang")
    logout_user()
    session.clear()
    if language:
        session["lang"] = language  # signing out is no reason to switch language


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def login():
    """Sign in with a username or an e-mail address."""
    form = SignInForm()
    if form.validate_on_submit():
        result = accounts.sign_in(form.login_name.data, form.password.data, request.remote_addr,
                                  trusted_device=devices.trusted_for(form.login_name.data, _device_tokens()))
        if result.wait_seconds:
            form.form_errors.append(_("Too many tries. Please wait %(n)d seconds and try again.",
                                      n=result.wait_seconds))
            return render_template("core/auth/sign_in.html", form=form), 429
        if result.user is None:
            # Also for the right password of an account that waits for its e-mail link (accounts.services).
            form.form_errors.append(_("That username or password is not right."))
            if result.unconfirmed is not None:
                accounts.remind_to_confirm(result.unconfirmed, account_mail.send_confirmation)
        else:
            keep = bool(form.keep_signed_in.data) and result.user.role in MAY_KEEP_SIGNED_IN
            # Work accounts land on their work home, unless a page sent them to sign in first.
            return after_password(result.user, form.login_name.data, keep,
                                  safe_next(request.args.get("next"), home_for(result.user.role)))
    return render_template("core/auth/sign_in.html", form=form)


def after_password(user, login_name: str, keep: bool, next_url: str, *, set_up_code_used: bool = False):
    """The password was right. An account with a second factor is not signed in yet (unless this browser is
    trusted for it). A work account that must have one and has none is not signed in either: its set-up page
    asks first for an enrolment code from an admin (a set-up code just used counts as one), so a password learnt
    by phishing cannot set up the phisher's own app (accounts.enrolment_codes)."""
    if two_factor.factor_of(user) is not None:
        if not trusted_browsers.trusted(user, trusted_tokens()):
            # The second step waits, for a few minutes, in the signed session (accounts.two_factor_views).
            session["second_step"] = {"user": user.get_id(), "name": login_name, "keep": keep, "next": next_url,
                                      "at": time.time()}
            return redirect(url_for("two_factor.code"))
        checkpoint()  # the throttle writes in a transaction of its own (SQLite: one writer at a time)
        throttle.succeeded(throttle.sign_in_limits(login_name, request.remote_addr))
    elif two_factor.must_have(user):
        session["enrolment"] = {"user": user.get_id(), "name": login_name, "keep": keep, "next": next_url,
                                "at": time.time(), "allowed": set_up_code_used, "code": None}
        return redirect(url_for("two_factor.enrol"))
    return finish_sign_in(user, keep, next_url)


def trusted_tokens() -> list[str]:
    return trusted_browsers.tokens_from_cookie(request.cookies.get(trusted_browsers.COOKIE))


def sign_in_now(user, keep: bool) -> None:
    """Signed in: a fresh session, and the sign-in on record (only now, once every step is done)."""
    _begin_session(user, keep=keep)
    accounts.signed_in(user)


def finish_sign_in(user, keep: bool, next_url: str):
    """The password (and the second step, if any) were right: sign in, and remember this device if asked."""
    sign_in_now(user, keep)
    response = redirect(next_url)
    if keep:
        # A new id each time: this account's older one on this browser is forgotten with it.
        older = devices.mine(user, _device_tokens())
        devices.forget_browser(older, user)
        token = devices.remember(user, request.user_agent.string)
        _set_device_cookie(response, [token, *[t for t in _device_tokens() if t not in older]])
    return response


@bp.route("/sign-out", methods=["POST"])
def logout():
    """End this session, and on the server every session of this account."""
    form = ButtonForm()
    response = redirect(url_for("site.home"))
    if form.validate_on_submit():
        user = current_user._get_current_object()
        accounts.end_sessions(user)
        # Signing out on a device is also leaving it: it no longer skips this account's delay.
        mine = devices.mine(user, _device_tokens())
        devices.forget_browser(mine, user)
        if mine:
            _set_device_cookie(response, [t for t in _device_tokens() if t not in mine])
        _end_session()
        flash(_("You are signed out."), "info")
    return response


@bp.route("/leave")
@public
def quick_exit():
    """The quick exit: sign out on the server, forget this device, and go to a neutral site. A plain link,
    so it works without JavaScript (the script only replaces this page in the history as well). Being a GET,
    another site could sign someone out with it; that is the price of an exit that always works."""
    if current_user.is_authenticated:
        drafts.forget_all(current_user._get_current_object())  # what they began typing on a long form
        accounts.end_sessions(current_user._get_current_object(), reason="quick_exit")
        _end_session()
    devices.forget_browser(_device_tokens())  # for every account on it: a saved copy of the cookie is worthless
    trusted_browsers.forget_browser(trusted_tokens())  # nor does this browser skip anyone's second step now
    session.pop("second_step", None)  # a password typed a moment ago waits for its code no longer
    session.pop("enrolment", None)
    keep_private()
    response = make_response(redirect(current_app.config["QUICK_EXIT_URL"], code=303))
    response.delete_cookie(DEVICE_COOKIE)
    response.delete_cookie(trusted_browsers.COOKIE)
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.route("/account/set-up", methods=["GET", "POST"])
@public
def setup():
    """First sign-in: the person chooses a password with the code staff gave them."""
    form = SetupForm(login_name=request.args.get("name", ""))
    if form.validate_on_submit():
        try:
            user = accounts.redeem_setup_code(form.login_name.data, form.code.data, form.new_password.data,
                                              request.remote_addr)
        except Refusal as error:
            show_error_on(form, error)
        else:
            response = after_password(user, form.login_name.data, False, url_for(home_for(user.role)),
                                      set_up_code_used=True)
            flash(_("Your password is saved. Welcome to Pathways."), "success")
            return response
    return render_template("core/auth/setup.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
@public
def register():
    """An optional account for shop customers (guests can buy too). Other accounts are made by staff.
    Every address gets the same answer; what happens next is told by e-mail to that address."""
    form = RegisterForm()
    if form.validate_on_submit():
        wait = throttle.claim(throttle.registration_limits(form.email.data, request.remote_addr))
        if wait:
            form.form_errors.append(_("Too many tries. Please wait %(n)d seconds and try again.", n=wait))
            return render_template("core/auth/register.html", form=form), 429
        checkpoint()  # the try is counted; the slow password hash below holds no write lock (SQLite: one writer)
        try:
            accounts.register_customer(form.display_name.data, form.email.data, form.password.data,
                                       locale=session.get("lang"),
                                       send_confirmation=account_mail.send_confirmation,
                                       send_already_registered=account_mail.send_already_registered,
                                       send_already_waiting=account_mail.send_already_waiting)
        except Refusal as error:
            show_error_on(form, error)
        else:
            return render_template("core/auth/check_email.html")
    return render_template("core/auth/register.html", form=form)


@bp.route("/register/confirm/<token>")
@public
def confirm_email(token: str):
    try:
        accounts.confirm_email(token)
    except Refusal as error:
        flash_refusal(error)
        return redirect(url_for("auth.register"))
    flash(_("Your e-mail is confirmed and your account is ready. Please sign in."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/register/cancel", methods=["GET", "POST"])
@public
def cancel_registration():
    """From the mail sent when an address that waits for its link is registered again. A button, not the
    link itself, removes it: mail scanners open links."""
    form = CancelRegistrationForm(token=request.args.get("token", ""))
    if form.validate_on_submit():
        try:
            accounts.cancel_registration(form.token.data or "")
        except Refusal as error:
            show_error_on(form, error)
        else:
            flash(_("The waiting account is cancelled. You can register again now."), "success")
            return redirect(url_for("auth.register"))
    return render_template("core/auth/cancel_registration.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    """Change password; every other session of this account ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        remembered_here = devices.mine(user, _device_tokens())
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            _begin_session(user, keep=bool(session.get("kept")))
            flash(_("Your password is changed. Other devices are signed out."), "success")
            response = redirect(url_for("site.home"))
            if remembered_here:
                # Every remembered device is forgotten; this one, where the person is, gets a new id.
                others = [t for t in _device_tokens() if t not in remembered_here]
                _set_device_cookie(response, [devices.remember(user, request.user_agent.string), *others])
            return response
    return render_template("core/auth/password.html", form=form)


@bp.route("/account/devices", methods=["GET", "POST"])
def remembered_devices():
    """The browsers where this person chose "keep me signed in"; any of them can be forgotten here."""
    user = current_user._get_current_object()
    form = ForgetDeviceForm()
    if form.validate_on_submit():
        if devices.forget_one(user, record_id(form.device.data or "") or 0):
            flash(_("That device is forgotten. It waits like any other when someone signs in there."), "success")
        return redirect(url_for("auth.remembered_devices"))
    here = {devices.token_hash(token) for token in _device_tokens()}
    return render_template("core/auth/devices.html", devices=devices.listed(user), here=here, form=form)
