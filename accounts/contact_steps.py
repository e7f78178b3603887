""""How to reach me", one question a page (core.steps): phone, e-mail, LINE ID, how to send messages, quiet
hours; the page itself shows the answers with "Change", staff suggestions waiting for a yes or no, and "Save".
The rules stay in accounts.contact.save_own_contact."""
from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts import contact, drafts
from accounts.forms import ContactForm
from accounts.people_views import bp
from core.forms import ButtonForm
from core.navigation import show_error_on
from core.refusal import Refusal
from core.steps import Pages, Step, Steps, as_answers, check_page, step_page

DRAFT = "contact"
STEPS = [Step("phone", ("phone",)), Step("email", ("email",)), Step("line", ("line_id",)),
         Step("messages", ("contact_channel",)),
         Step("quiet", ("quiet_from_hour", "quiet_to_hour"), _l("Quiet hours"))]


def _hour(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def _initial() -> dict:
    me = current_user._get_current_object()
    form = ContactForm(formdata=None, obj=me, contact_channel=me.contact_channel or "",
                       quiet_from_hour="" if me.quiet_from_hour is None else str(me.quiet_from_hour),
                       quiet_to_hour="" if me.quiet_to_hour is None else str(me.quiet_to_hour))
    return as_answers(form, [name for step in STEPS for name in step.fields])


CONTACT_STEPS = Steps(DRAFT, STEPS, lambda formdata, answers: ContactForm(formdata=formdata), _initial,
                      title=_l("How to reach me"))


def draft_forms() -> dict:
    """This form, by its drafts' name (accounts.drafts: "My information" shows a draft in its words)."""
    return {CONTACT_STEPS.name: CONTACT_STEPS}


def _url(step: Step | None, **args) -> str:
    return url_for(f"people.contact_{step.slug}", **args) if step else url_for("people.my_contact", **args)


def _pages() -> Pages:
    return Pages(CONTACT_STEPS, drafts.store(current_user._get_current_object(), DRAFT), _url,
                 _("How to reach me"), lead=_("Only you change these. Programme staff can suggest a change; it "
                                              "happens only if you say yes."))


def _view(slug: str):
    def view():
        """One question of "How to reach me"; the answers wait (a draft) until "Save"."""
        return step_page(_pages(), slug)
    return view


for _step in STEPS:
    bp.add_url_rule(f"/me/contact/{_step.slug}", endpoint=f"contact_{_step.slug}", methods=["GET", "POST"],
                    view_func=_view(_step.slug))


@bp.route("/me/contact", methods=["GET", "POST"])
def my_contact():
    """The person's own phone, e-mail and LINE ID, how to send them messages and when not to, each with
    "Change"; suggestions staff made wait here for a yes or no."""
    me = current_user._get_current_object()

    def save(form):
        try:
            contact.save_own_contact(me, phone=form.phone.data, email=form.email.data, line_id=form.line_id.data,
                                     channel=form.contact_channel.data or None,
                                     quiet_from=_hour(form.quiet_from_hour.data),
                                     quiet_to=_hour(form.quiet_to_hour.data))
        except Refusal as error:
            show_error_on(form, error)
            return None
        flash(_("Saved."), "success")
        return redirect(url_for("people.my_contact"))
    return check_page(_pages(), save, _("Save"), ask_first=False, proposals=contact.waiting_proposals(me),
                      labels=contact.FIELD_LABELS, button=ButtonForm(), template="core/people/my_contact.html")
