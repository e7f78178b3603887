"""Signing in and out, first-time set-up with a code from staff, and changing a password."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from core import accounts
from core.forms import ButtonForm, PasswordChangeForm, RegisterForm, SetupForm, SignInForm
from core.models import Role
from core.navigation import safe_next, show_error_on
from core.refusal import Refusal
from core.security import public, start_session

bp = Blueprint("auth", __name__)


def _begin_session(user) -> None:
    # A fresh session at sign-in: nothing from before (a planted cookie, an old cart id) carries over.
    language = user.locale or session.get("lang")
    guest_session = dict(session)
    session.clear()
    login_user(user)
    start_session()
    if language:
        session["lang"] = language
    accounts.run_sign_in_hooks(user, guest_session)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def login():
    """Sign in with a username or an e-mail address."""
    form = SignInForm()
    if form.validate_on_submit():
        result = accounts.sign_in(form.login_name.data, form.password.data, request.remote_addr)
        if result.wait_seconds:
            form.form_errors.append(_("Too many tries. Please wait %(n)d seconds and try again.",
                                      n=result.wait_seconds))
            return render_template("core/auth/sign_in.html", form=form), 429
        if result.user is None:
            form.form_errors.append(_("That username or password is not right."))
        else:
            _begin_session(result.user)
            return redirect(safe_next(request.args.get("next")))
    return render_template("core/auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
def logout():
    """End this session, and on the server every session of this account."""
    form = ButtonForm()
    if form.validate_on_submit():
        accounts.end_sessions(current_user._get_current_object())
        language = session.get("lang")
        logout_user()
        session.clear()
        if language:
            session["lang"] = language  # signing out is no reason to switch language
        flash(_("You are signed out."), "info")
    return redirect(url_for("site.home"))


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
            _begin_session(user)
            flash(_("Your password is saved. Welcome to Pathways."), "success")
            return redirect(url_for("site.home"))
    return render_template("core/auth/setup.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
@public
def register():
    """An optional account for shop customers (guests can buy too). Other accounts are made by staff."""
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_account(Role.CUSTOMER, form.display_name.data, email=form.email.data,
                                           password=form.password.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            _begin_session(user)
            flash(_("Your account is ready."), "success")
            return redirect(url_for("site.home"))
    return render_template("core/auth/register.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    """Change password; every other session of this account ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except Refusal as error:
            show_error_on(form, error)
        else:
            _begin_session(user)  # this browser stays signed in under the new session version
            flash(_("Your password is changed. Other devices are signed out."), "success")
            return redirect(url_for("site.home"))
    return render_template("core/auth/password.html", form=form)
