"""Walk every registered route as every role and as a stranger.

Each endpoint must be listed below with who may open it; a new route that is not listed fails this test, so
nobody adds a page without deciding who it is for. Then nobody outside that list may get a 2xx from it.
"""
from __future__ import annotations

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from accounts.contact_steps import STEPS as CONTACT_STEPS
from core.models import Role
from grants.check_in_steps import STEPS as VISIT_STEPS
from tests.conftest import csrf_token, enrol_second_factor, sign_in
from training.apply_steps import STEPS as APPLY_STEPS
from training.check_in_steps import STEPS as CHECK_IN_STEPS
from training.profile_steps import STEPS as PROFILE_STEPS

pytestmark = pytest.mark.slow  # every route as every role: a walk of the whole site

PUBLIC = "public"
SIGNED_IN = "any signed-in person"
STAFF = {Role.STAFF, Role.ADMIN}

WHO_MAY = {
    "static": PUBLIC,
    "impact.public_page": PUBLIC, "impact.public_download": PUBLIC,
    "impact.report": STAFF, "impact.report_export": STAFF,
    "site.home": PUBLIC, "privacy.notice": PUBLIC, "site.set_language": PUBLIC, "site.choose_language": PUBLIC,
    "site.languages": PUBLIC,
    "site.healthz": PUBLIC, "site.favicon": PUBLIC,
    "site.my_work": {Role.STAFF, Role.ADMIN, Role.EMPLOYER, Role.MANAGER},  # the work home
    "auth.login": PUBLIC, "auth.setup": PUBLIC, "auth.register": PUBLIC, "auth.confirm_email": PUBLIC,
    "auth.cancel_registration": PUBLIC,
    "auth.quick_exit": PUBLIC,
    "auth.logout": SIGNED_IN, "auth.change_password": SIGNED_IN, "auth.remembered_devices": SIGNED_IN,
    # two-step sign-in: never for participants; the second step itself waits for a password typed a moment ago
    "two_factor.code": PUBLIC,
    **{f"two_factor.{name}": {Role.STAFF, Role.MANAGER, Role.ADMIN, Role.EMPLOYER, Role.CUSTOMER}
       for name in ("enrol", "security", "new_recovery_codes", "forget_browser", "turn_off")},
    "two_factor.admin_reset": {Role.ADMIN}, "two_factor.admin_enrolment_code": {Role.ADMIN},
    "privacy.my_data": SIGNED_IN, "privacy.my_data_json": SIGNED_IN, "privacy.my_data_csv": SIGNED_IN,
    "privacy.my_privacy": SIGNED_IN, "privacy.welcome": {Role.PARTICIPANT},
    "privacy.welcome_choice": {Role.PARTICIPANT},
    "people.my_contact": SIGNED_IN, **{f"people.contact_{step.slug}": SIGNED_IN for step in CONTACT_STEPS},
    "people.answer_contact_suggestion": SIGNED_IN, "people.my_messages": SIGNED_IN,
    "privacy.request_deletion": {Role.PARTICIPANT, Role.CUSTOMER, Role.EMPLOYER},
    "people.participants": STAFF, "people.enrol_participant": STAFF, "people.participant": STAFF,
    "people.edit_participant": STAFF, "people.new_setup_code": STAFF, "people.deletion_requests": STAFF,
    "people.decide_deletion": STAFF,
    "people.change_case": STAFF, "people.retention_due": STAFF, "people.retention_confirm_participants": STAFF,
    "people.retention_confirm_other": STAFF,
    "admin.audit_log": {Role.ADMIN}, "admin.accounts_list": {Role.ADMIN}, "admin.new_account": {Role.ADMIN},
    "admin.account": {Role.ADMIN}, "admin.set_active": {Role.ADMIN}, "admin.setup_code": {Role.ADMIN},
    # training and work
    "training.opportunities": PUBLIC, "training.course": PUBLIC, "training.post": PUBLIC,
    "training.districts": PUBLIC, "training.occupation_search": PUBLIC,
    "training.my_profile": {Role.PARTICIPANT}, "training.my_matches": {Role.PARTICIPANT},
    # one question a page (core.steps)
    **{f"training.profile_{step.slug}": {Role.PARTICIPANT} for step in PROFILE_STEPS},
    **{f"training.apply_post_{step.slug}": {Role.PARTICIPANT} for step in APPLY_STEPS},
    **{f"training.check_in_{step.slug}": {Role.PARTICIPANT} for step in CHECK_IN_STEPS},
    "training.apply_course": {Role.PARTICIPANT}, "training.apply_post": {Role.PARTICIPANT},
    "training.my_pathway": {Role.PARTICIPANT}, "training.step_back": {Role.PARTICIPANT},
    "training.accept_offer": {Role.PARTICIPANT},
    "training.report_post": PUBLIC,  # one tap, signed in or not; throttled per address without an account
    "employer.home": {Role.EMPLOYER}, "employer.edit_post": {Role.EMPLOYER},
    "employer.post_languages": {Role.EMPLOYER},
    "employer.post_applications": {Role.EMPLOYER}, "employer.decide_application": {Role.EMPLOYER},
    "employer.post_state": {Role.EMPLOYER}, "employer.post_again": {Role.EMPLOYER},
    "employer_signup.register": PUBLIC,  # a business registers itself; throttled, the same answer for every address
    **{f"training_staff.{name}": STAFF for name in (
        "dashboard", "verify_employer", "refuse_employer", "suspend_employer", "lift_suspension", "review_post",
        "edit_course", "course", "offer_place", "record_acceptance", "record_step",
        "participant_profile", "import_demand", "weights", "minimum_wages", "check_ins_board", "check_in",
        "placements_report", "placements_export", "course_languages")},
    # grants
    "grants.home": {Role.PARTICIPANT}, "grants.start": {Role.PARTICIPANT},
    "grants.receipt": {Role.PARTICIPANT, Role.STAFF, Role.ADMIN},
    "grants.edit": {Role.PARTICIPANT, Role.STAFF, Role.ADMIN}, "grants.application": {Role.PARTICIPANT},
    "grants.withdraw": {Role.PARTICIPANT}, "grants.check_in": {Role.PARTICIPANT},
    "training.check_in": {Role.PARTICIPANT},
    **{f"grants.check_in_{step.slug}": {Role.PARTICIPANT} for step in VISIT_STEPS},
    "grants.follow_up": {Role.PARTICIPANT}, "grants.answer_award": {Role.PARTICIPANT},
    "grants.my_reviews": SIGNED_IN, "grants.review": SIGNED_IN,  # only the assigned reviewer gets past a 404
    **{f"grants_staff.{name}": STAFF for name in (
        "rounds_list", "new_round", "round_page", "apply_for", "start_for", "application", "assign", "decide",
        "pay", "plan_payments", "visit", "monitoring_board", "report", "report_export", "criteria", "exception",
        "move_visit", "accept_in_person", "move_visits_start", "round_languages", "waiting_list")},
    # shop
    **{f"shop.{name}": PUBLIC for name in ("index", "enterprise", "product", "add_to_cart", "view_cart",
                                          "checkout_page", "order", "stripe_webhook", "cart_code")},
    "shop.my_orders": {Role.CUSTOMER},
    **{f"subscriptions.{name}": {Role.CUSTOMER} for name in ("subscribe", "mine", "change")},
    **{f"subscriptions.{name}": {Role.MANAGER} for name in ("plan", "enterprise_list")},
    # receipts and tax documents: by the order's secret link (as the order page), or the manager's own order
    "shop.order_receipt": PUBLIC, "shop.order_tax_document": PUBLIC,
    **{f"shop_manager.{name}": {Role.MANAGER} for name in ("order_receipt", "order_tax_document",
                                                           "vat_registration")},
    **{f"shop_manager.{name}": {Role.MANAGER} for name in ("home", "edit_product", "order", "move", "ship", "refund",
                                                           "adjust_stock", "refund_amount", "orders_export",
                                                           "add_image", "remove_image", "add_credit",
                                                           "withdraw_credit", "product_languages", "edit_story",
                                                           "story_languages", "edit_standing", "variants",
                                                           "add_option", "add_option_value", "add_variant",
                                                           "edit_variant", "adjust_variant_stock",
                                                           "option_languages", "value_languages", "edit_option",
                                                           "rename_value", "remove_value", "remove_option")},
    "shop.image": PUBLIC,
    "shop_manager.enterprises": {Role.ADMIN}, "shop_manager.shipping": STAFF,
    **{f"shop_manager.{name}": STAFF for name in ("attention", "give_all_back", "accept_payment", "standings")},
    "shop_manager.report": {Role.MANAGER, Role.STAFF, Role.ADMIN},
    "shop_manager.report_export": {Role.MANAGER, Role.STAFF, Role.ADMIN},
    "shop_manager.discount_codes": {Role.MANAGER, Role.STAFF, Role.ADMIN},
    "shop_manager.pause_discount_code": {Role.MANAGER, Role.STAFF, Role.ADMIN},
    # wholesale: a customer applies and, once approved, checks out at its prices; staff or managers decide
    "shop.business": {Role.CUSTOMER}, "shop.wholesale_checkout": {Role.CUSTOMER},
    "shop.order_invoice": PUBLIC,  # by the order's secret link, as the order page
    **{f"shop_manager.{name}": {Role.MANAGER, Role.STAFF, Role.ADMIN}
       for name in ("businesses", "business_page", "decide_business")},
    **{f"shop_manager.{name}": {Role.MANAGER} for name in ("wholesale_settings", "wholesale_price", "invoices",
                                                           "invoice_paid", "order_invoice")},
}

# The column "shows participant data": GET pages that show a participant's data to someone else (staff,
# reviewers, admins, employers). Opening one writes an audit entry per participant shown (privacy.access_log);
# tests/test_participant_data_audit.py fails when a page shows a participant and is not listed here, and
# when a listed page writes no entry.
SHOWS_PARTICIPANT_DATA = {
    "people.participants", "people.participant", "people.edit_participant", "people.deletion_requests",
    "people.retention_due",
    "admin.accounts_list", "admin.account", "admin.audit_log",
    "training_staff.course", "training_staff.participant_profile", "employer.post_applications",
    "grants_staff.round_page", "grants_staff.application", "grants_staff.apply_for", "grants_staff.visit",
    "grants.review", "grants.my_reviews", "grants_staff.report_export", "grants_staff.waiting_list", "grants.receipt",
    "training_staff.check_ins_board", "training_staff.check_in",
}


def test_the_participant_data_column_lists_known_routes():
    assert SHOWS_PARTICIPANT_DATA <= set(WHO_MAY)


def _example_url(rule) -> str:
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter):
            values[name] = 1
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "example.css" if rule.endpoint == "static" else "x"
    return rule.build(values, append_unknown=False)[1]


def _rules(app):
    return [rule for rule in app.url_map.iter_rules()]


def test_every_route_says_who_may_open_it(app):
    missing = sorted({rule.endpoint for rule in _rules(app)} - set(WHO_MAY))
    assert missing == [], f"add these endpoints to WHO_MAY: {missing}"


@pytest.fixture(params=["two-step off", "two-step required"])
def clients(request, app, people, signed_in, monkeypatch):
    """Every role signed in; a second time with the second step required of work accounts, each account
    (but participants') with an authenticator app and signed in with a code from it."""
    made = {None: app.test_client()}
    if request.param == "two-step off":
        for role in Role:
            made[role] = signed_in(role)[0]
        return made
    from accounts import two_factor

    monkeypatch.setitem(app.config, "TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS", True)
    for role in Role:
        user_id = people.make(role)
        if role.value in two_factor.MUST_HAVE | two_factor.MAY_CHOOSE:
            enrol_second_factor(app, user_id)
        made[role] = app.test_client()
        response = sign_in(made[role], people.login_name(user_id))
        assert response.status_code == 302 and "/sign-in" not in response.headers["Location"], role
    return made


def test_nobody_outside_the_list_gets_a_2xx(app, clients):
    checked = 0
    for rule in _rules(app):
        allowed = WHO_MAY[rule.endpoint]
        if allowed == PUBLIC:
            continue
        url = _example_url(rule)
        for role, client in clients.items():
            if role is not None and (allowed == SIGNED_IN or role in allowed):
                continue
            for method in sorted(rule.methods & {"GET", "POST"}):
                data = {"csrf_token": csrf_token(client)} if method == "POST" else None
                response = client.open(url, method=method, data=data)
                assert not 200 <= response.status_code < 300, (rule.endpoint, method, role)
                if role is None:
                    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
                else:
                    assert response.status_code == 403, (rule.endpoint, method, role)
                checked += 1
    assert checked > 40


def test_the_listed_people_are_let_in(app, clients):
    for rule in _rules(app):
        allowed = WHO_MAY[rule.endpoint]
        if "GET" not in rule.methods or allowed == PUBLIC or rule.endpoint == "static":
            continue
        roles = list(Role) if allowed == SIGNED_IN else allowed
        for role in roles:
            response = clients[role].get(_example_url(rule))
            sent_on = response.status_code == 302 and "/sign-in" not in response.headers["Location"]
            assert response.status_code in (200, 404) or sent_on, (rule.endpoint, role, response.status_code)


def test_routes_that_change_things_refuse_get(app, clients):
    for rule in _rules(app):
        if "POST" in rule.methods and "GET" not in rule.methods:
            for client in clients.values():
                assert client.get(_example_url(rule)).status_code == 405, rule.endpoint


CSRF_EXEMPT = {"shop.stripe_webhook"}  # Stripe signs its requests instead; checked in tests/marketplace


def test_every_post_route_refuses_a_missing_csrf_token(app, clients):
    checked = 0
    for rule in _rules(app):
        if "POST" not in rule.methods or rule.endpoint in CSRF_EXEMPT:
            continue
        allowed = WHO_MAY[rule.endpoint]
        role = None if allowed == PUBLIC else (Role.STAFF if allowed == SIGNED_IN else sorted(allowed)[0])
        response = clients[role].post(_example_url(rule), data={"anything": "1"})
        assert response.status_code == 400, (rule.endpoint, response.status_code)
        assert "Something was wrong with that request" in response.get_data(as_text=True)
        checked += 1
    assert checked > 30
