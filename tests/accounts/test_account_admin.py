"""Admins find, edit, disable and re-enable accounts, change work roles and reissue set-up codes."""
import re

import pytest
import sqlalchemy as sa

from accounts import admin as account_admin
from core.extensions import db
from core.models import AuditEntry, Role, User
from tests.conftest import PASSWORD, post_form, sign_in


def _audit_actions(app, user_id):
    with app.app_context():
        return db.session.scalars(sa.select(AuditEntry.action).where(
            AuditEntry.record_type == "user", AuditEntry.record_id == str(user_id)).order_by(AuditEntry.id)).all()


def test_admins_search_accounts_of_every_role_a_page_at_a_time(signed_in, people, monkeypatch):
    admin, _ = signed_in(Role.ADMIN)
    people.make(Role.PARTICIPANT, "Findable Nok")
    people.make(Role.CUSTOMER, "Findable Buyer", email="buyer@find.example")
    page = admin.get("/admin/accounts?q=findable").get_data(as_text=True)
    assert "Findable Nok" in page and "Findable Buyer" in page and "2 accounts" in page
    only = admin.get("/admin/accounts?q=findable&role=customer").get_data(as_text=True)
    assert "Findable Buyer" in only and "Findable Nok" not in only
    monkeypatch.setattr(account_admin, "PAGE_SIZE", 1)
    second = admin.get("/admin/accounts?q=findable&page=2").get_data(as_text=True)
    assert len(re.findall(r'href="/admin/accounts/\d+"', second)) == 1


def test_disabling_ends_every_session_at_once_and_enabling_lets_the_person_back(app, signed_in, people):
    admin, admin_id = signed_in(Role.ADMIN)
    worker, worker_id = signed_in(Role.EMPLOYER)
    assert worker.get("/employer/").status_code == 200
    assert post_form(admin, f"/admin/accounts/{worker_id}/disable").status_code == 302
    assert worker.get("/employer/").status_code == 302  # signed out at once
    assert sign_in(app.test_client(), people.login_name(worker_id)).status_code == 200
    post_form(admin, f"/admin/accounts/{worker_id}/enable")
    assert sign_in(app.test_client(), people.login_name(worker_id)).status_code == 302
    actions = _audit_actions(app, worker_id)
    assert actions.index("account.disable") < actions.index("account.enable")


def test_the_last_admin_cannot_be_disabled_or_lose_the_role(app, signed_in, people):
    admin, admin_id = signed_in(Role.ADMIN)
    with app.app_context():  # the world may hold other admins: this test wants to be the only one
        db.session.execute(sa.update(User).where(User.role == "admin", User.id != admin_id).values(active=False))
        db.session.commit()
    other_id = people.make(Role.ADMIN)
    post_form(admin, f"/admin/accounts/{other_id}/disable")
    refused = post_form(admin, f"/admin/accounts/{admin_id}/disable", follow_redirects=True)
    assert "cannot disable your own account" in refused.get_data(as_text=True)
    other = app.test_client()
    post_form(admin, f"/admin/accounts/{other_id}/enable")
    assert sign_in(other, people.login_name(other_id)).status_code == 302
    post_form(other, f"/admin/accounts/{admin_id}/disable")
    last = post_form(other, f"/admin/accounts/{other_id}", {
        "display_name": "Other", "username": people.login_name(other_id), "role": "staff"})
    assert "last active admin" in last.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, other_id).role == "admin"


def test_changing_a_work_role_is_audited_and_signs_the_person_out(app, signed_in, people):
    admin, _ = signed_in(Role.ADMIN)
    staff, staff_id = signed_in(Role.STAFF)
    name = people.login_name(staff_id)
    response = post_form(admin, f"/admin/accounts/{staff_id}", {"display_name": "Now a manager",
                                                                 "username": name, "role": "manager"})
    assert response.status_code == 302
    assert staff.get("/staff/participants").status_code == 302
    with app.app_context():
        user = db.session.get(User, staff_id)
        assert (user.role, user.display_name) == ("manager", "Now a manager")
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "account.role_change",
                                                              AuditEntry.record_id == str(staff_id)))
        assert entry.detail == {"from": "staff", "to": "manager"}
    assert "account.update" in _audit_actions(app, staff_id)


def test_participants_and_customers_keep_their_role(signed_in, people):
    admin, _ = signed_in(Role.ADMIN)
    participant_id = people.make(Role.PARTICIPANT)
    page = admin.get(f"/admin/accounts/{participant_id}").get_data(as_text=True)
    assert 'name="role"' not in page


def test_edits_refuse_a_name_someone_else_has(app, signed_in, people):
    admin, _ = signed_in(Role.ADMIN)
    people.make(Role.STAFF, email="taken@example.org")
    target = people.make(Role.STAFF, email="mine@example.org")
    response = post_form(admin, f"/admin/accounts/{target}", {"display_name": "X", "email": "taken@example.org",
                                                              "role": "staff"})
    assert "already taken" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, target).email == "mine@example.org"


def test_a_new_set_up_code_replaces_the_old_one(app, signed_in, people):
    admin, _ = signed_in(Role.ADMIN)
    uid = people.make(Role.STAFF, password=None)
    first = re.search(r"[A-Z2-9]{5}-[A-Z2-9]{5}", post_form(admin, f"/admin/accounts/{uid}/setup-code")
                      .get_data(as_text=True)).group(0)
    second = re.search(r"[A-Z2-9]{5}-[A-Z2-9]{5}", post_form(admin, f"/admin/accounts/{uid}/setup-code")
                       .get_data(as_text=True)).group(0)
    name = people.login_name(uid)
    old = post_form(app.test_client(), "/account/set-up", {"login_name": name, "code": first,
                                                           "new_password": PASSWORD})
    assert "do not match" in old.get_data(as_text=True)
    new = post_form(app.test_client(), "/account/set-up", {"login_name": name, "code": second,
                                                           "new_password": PASSWORD})
    assert new.status_code == 302
    assert _audit_actions(app, uid).count("account.setup_code_issued") == 2


@pytest.mark.parametrize("role", [Role.STAFF, Role.MANAGER, Role.EMPLOYER, Role.PARTICIPANT, Role.CUSTOMER])
def test_only_admins_administer_accounts(signed_in, people, role):
    client, _ = signed_in(role)
    target = people.make(Role.STAFF)
    assert client.get(f"/admin/accounts/{target}").status_code == 403
    assert post_form(client, f"/admin/accounts/{target}/disable").status_code == 403
