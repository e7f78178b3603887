"""The public page "Register your business to post jobs"."""
from __future__ import annotations

from flask import Blueprint, render_template, request, session
from flask_babel import gettext as _

from accounts import throttle
from core.navigation import show_error_on
from core.refusal import Refusal
from core.security import public
from core.unit_of_work import checkpoint
from training import employer_signup
from training.forms import BusinessRegistrationForm
from training.views import place_choices

bp = Blueprint("employer_signup", __name__, url_prefix="/employers")


@bp.route("/register", methods=["GET", "POST"])
@public
def register():
    """Every address gets the same answer, under the same throttle as a customer's registration; what happens
    next is told by e-mail to that address."""
    form = BusinessRegistrationForm()
    place_choices(form, optional=True)
    if form.validate_on_submit():
        wait = throttle.claim(throttle.registration_limits(form.email.data, request.remote_addr))
        if wait:
            form.form_errors.append(_("Too many tries. Please wait %(n)d seconds and try again.", n=wait))
            return render_template("training/employer/register.html", form=form), 429
        checkpoint()  # the try is counted; the slow password hash below holds no write lock (SQLite: one writer)
        try:
            employer_signup.register_business(employer_signup.Business(
                name=form.name.data, contact_name=form.contact_name.data, email=form.email.data,
                phone=form.contact_phone.data, province_code=form.province_code.data, address=form.address.data,
                registration_number=form.registration_number.data or "", work_offered=form.work_offered.data),
                form.password.data, locale=session.get("lang"))
        except Refusal as error:
            show_error_on(form, error)
        else:
            return render_template("training/employer/registered.html")
    return render_template("training/employer/register.html", form=form)
