"""A business registers itself to post jobs (issue 33): the same answer and mails for every address, throttled
like a customer's registration; it waits, unverified, and publishes nothing until staff verify it; staff are
told once its address is confirmed; the employer is told when staff verify or refuse it."""
from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from core.models import Notice, OutboxMessage, Role, User
from tests.conftest import post_form, sign_in
from tests.training.test_employers import POST_FORM
from training import waiting
from training.employer_models import EmployerMember, EmployerOrganisation, WorkPost

PASSWORD = "rice fields in the morning"
BUSINESS = {"name": "Doi Tung Coffee", "contact_name": "Khun Somchai", "email": "owner@doitung.example",
            "contact_phone": "053 777 888", "province_code": "57", "address": "1 Hill Road, Chiang Rai",
            "registration_number": "0575560000123", "work_offered": "Coffee picking and roasting apprentices.",
            "password": PASSWORD}


def _register(app, address="10.7.0.1", **changes):
    client = app.test_client()
    response = post_form(client, "/employers/register", {**BUSINESS, **changes},
                         environ_base={"REMOTE_ADDR": address})
    return client, response


def _visible(response) -> str:
    return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))  # without the per-request CSRF token


def _mails_to(app, email):
    with app.app_context():
        return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == email)
                                  .order_by(OutboxMessage.id)).all()


def _confirm(app, email=BUSINESS["email"]):
    link = re.search(r"http://localhost(/register/confirm/\S+)", _mails_to(app, email)[0].body).group(1)
    assert app.test_client().get(link).location.endswith("/sign-in")


def _organisation(app, name=BUSINESS["name"]) -> EmployerOrganisation | None:
    with app.app_context():
        organisation = db.session.scalar(sa.select(EmployerOrganisation).where(EmployerOrganisation.name == name))
        if organisation is not None:
            db.session.expunge(organisation)
        return organisation


def _to_do(app) -> int:
    with app.app_context():
        return int(waiting.count_employers_to_verify(None))


def _signed_in_employer(app, training):
    training.wages()
    _register(app)
    _confirm(app)
    client = app.test_client()
    assert sign_in(client, BUSINESS["email"], PASSWORD).status_code == 302
    return client


def _notices(app, email) -> list[Notice]:
    with app.app_context():
        return db.session.scalars(sa.select(Notice).join(User, User.id == Notice.user_id)
                                  .where(User.email == email).order_by(Notice.id)).all()


def test_the_page_is_public_with_csrf_and_in_thai(app):
    client = app.test_client()
    page = client.get("/employers/register")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="csrf_token"' in html and "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    assert "Register your business to post jobs" in client.get("/sign-in").get_data(as_text=True)
    assert "/employers/register" in client.get("/opportunities").get_data(as_text=True)
    without_token = client.post("/employers/register", data=BUSINESS)
    assert without_token.status_code in (200, 400) and _organisation(app) is None
    thai = app.test_client()
    with thai.session_transaction() as session:
        session["lang"] = "th"
    assert "ลงทะเบียนธุรกิจ" in thai.get("/employers/register").get_data(as_text=True)


def test_registration_makes_an_unverified_organisation_whose_posts_are_held(app, training):
    client = _signed_in_employer(app, training)
    organisation = _organisation(app)
    assert organisation.registered_itself and not organisation.is_verified and organisation.refused_at is None
    assert organisation.registration_number is None and organisation.given_registration_number == "0575560000123"
    assert organisation.work_offered.startswith("Coffee picking")
    home = client.get("/employer/").get_data(as_text=True)
    assert "Waiting for verification" in home and "Post an apprenticeship or job" in home
    assert post_form(client, "/employer/posts/new", POST_FORM).status_code == 302
    with app.app_context():
        post = db.session.scalar(sa.select(WorkPost))
        assert post.status == "pending_review" and post.red_flags == ["unverified_employer"]
    assert "Kitchen helper" not in app.test_client().get("/opportunities").get_data(as_text=True)


def test_every_address_gets_the_same_answer_and_a_known_one_a_mail_instead(app, people):
    people.make(Role.EMPLOYER, email="boss@known.example")
    people.make(Role.PARTICIPANT, email="malee@known.example")
    answers = []
    for index, email in enumerate(("new@unknown.example", "boss@known.example", "malee@known.example")):
        client, response = _register(app, address=f"10.7.1.{index}", email=email, name=f"Business {index}")
        assert response.status_code == 200
        assert client.get("/employer/").status_code == 302  # nobody is signed in by registering
        answers.append(_visible(response))
    assert len(set(answers)) == 1 and "Check your e-mail" in answers[0]
    [new] = _mails_to(app, "new@unknown.example")
    assert "/register/confirm/" in new.body
    for known in ("boss@known.example", "malee@known.example"):
        [mail] = _mails_to(app, known)
        assert "already have" in mail.subject and "/register/confirm/" not in mail.body
    # Only the new address made an organisation; the known accounts are as they were.
    assert _organisation(app, "Business 0") is not None
    assert _organisation(app, "Business 1") is None and _organisation(app, "Business 2") is None
    with app.app_context():
        malee = db.session.scalar(sa.select(User).where(User.email == "malee@known.example"))
        assert malee.role == "participant" and db.session.get(EmployerMember, malee.id) is None


def test_registration_is_throttled_per_address_and_per_mailbox(app, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRATIONS_PER_ADDRESS_PER_HOUR", 2)
    monkeypatch.setitem(app.config, "REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR", 2)
    for index in range(2):
        assert _register(app, "10.7.2.1", email=f"a{index}@flood.example")[1].status_code == 200
    refused = _register(app, "10.7.2.1", email="a9@flood.example")[1]
    assert refused.status_code == 429 and "Too many tries" in refused.get_data(as_text=True)
    assert _mails_to(app, "a9@flood.example") == []
    # One mailbox from many addresses: the third is refused too, and the mailbox gets no third mail.
    for index in range(2):
        assert _register(app, f"10.7.3.{index}", email="target@flood.example")[1].status_code == 200
    assert _register(app, "10.7.3.9", email="target@flood.example")[1].status_code == 429
    assert len(_mails_to(app, "target@flood.example")) == 2


def test_staff_see_it_and_are_told_once_the_address_is_confirmed(app, people):
    staff_email = "somsri@staff.example"
    people.make(Role.STAFF, email=staff_email)
    before = _to_do(app)
    _register(app)
    # Not before the link is opened: addresses typed by a robot make no work for staff.
    assert _to_do(app) == before and _notices(app, staff_email) == []
    _confirm(app)
    assert _to_do(app) == before + 1
    [notice] = _notices(app, staff_email)
    assert notice.kind == "employer.to_verify" and notice.params == {"name": BUSINESS["name"]}
    assert any("waits for verification" in mail.subject for mail in _mails_to(app, staff_email))


def test_verified_the_employer_is_told_and_its_clean_posts_are_published(app, training, signed_in):
    employer = _signed_in_employer(app, training)
    post_form(employer, "/employer/posts/new", POST_FORM)
    before = _to_do(app)
    staff, _ = signed_in(Role.STAFF)
    organisation = _organisation(app)
    assert "Coffee picking" in staff.get("/staff/training/").get_data(as_text=True)
    assert post_form(staff, f"/staff/training/employers/{organisation.id}/verify").status_code == 302
    assert _to_do(app) == before - 1
    verified = _organisation(app)
    assert verified.is_verified and verified.registration_number == "0575560000123"
    with app.app_context():
        assert db.session.scalar(sa.select(WorkPost.status)) == "published"
    assert "Kitchen helper" in app.test_client().get("/opportunities").get_data(as_text=True)
    assert [n.kind for n in _notices(app, BUSINESS["email"])] == ["employer.verified"]
    assert any("verified" in mail.subject for mail in _mails_to(app, BUSINESS["email"]))
    # A second press tells nobody again.
    post_form(staff, f"/staff/training/employers/{organisation.id}/verify")
    assert [n.kind for n in _notices(app, BUSINESS["email"])] == ["employer.verified"]


def test_the_employer_is_told_in_its_own_language(app, training, signed_in):
    training.wages()
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = "th"
    post_form(client, "/employers/register", BUSINESS, environ_base={"REMOTE_ADDR": "10.7.5.1"})
    _confirm(app)
    staff, _ = signed_in(Role.STAFF)
    post_form(staff, f"/staff/training/employers/{_organisation(app).id}/verify")
    told = [mail.subject for mail in _mails_to(app, BUSINESS["email"])][-1]
    assert re.search("[\u0e00-\u0e7f]{3}", told)


def test_refused_the_employer_is_told_why_and_posts_nothing(app, training, signed_in):
    employer = _signed_in_employer(app, training)
    post_form(employer, "/employer/posts/new", POST_FORM)
    staff, _ = signed_in(Role.STAFF)
    organisation = _organisation(app)
    prefix = f"refuse{organisation.id}"
    short = post_form(staff, f"/staff/training/employers/{organisation.id}/refuse", {f"{prefix}-reason": "no"})
    assert short.status_code == 302 and _organisation(app).refused_at is None  # nothing changed
    reason = "No business with this number at this address."
    assert post_form(staff, f"/staff/training/employers/{organisation.id}/refuse",
                     {f"{prefix}-reason": reason}).status_code == 302
    refused = _organisation(app)
    assert refused.refused_at is not None and not refused.is_verified
    [notice] = _notices(app, BUSINESS["email"])
    assert notice.kind == "employer.refused" and notice.params["reason"] == reason
    with app.app_context():
        post = db.session.scalar(sa.select(WorkPost))
        assert post.status == "rejected" and post.review_note == reason
    home = employer.get("/employer/").get_data(as_text=True)
    assert reason in home and "Post an apprenticeship or job" not in home
    again = post_form(employer, "/employer/posts/new", POST_FORM)
    assert again.status_code == 200 and "could not verify" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(WorkPost.id))) == 1
    assert "Doi Tung" not in staff.get("/staff/training/").get_data(as_text=True).split("Courses")[0]


def test_a_number_another_organisation_has_is_not_taken_on_verification(app, training, people, signed_in):
    training.organisation(people.make(Role.EMPLOYER), number="0575560000123")
    _signed_in_employer(app, training)
    staff, _ = signed_in(Role.STAFF)
    organisation = _organisation(app)
    response = post_form(staff, f"/staff/training/employers/{organisation.id}/verify", follow_redirects=True)
    assert "already has the registration number" in response.get_data(as_text=True)
    assert not _organisation(app).is_verified


def test_a_new_employer_sees_no_participant(app, training, people):
    """Registering gives a stranger an employer account: it sees no participant's name or contact anywhere."""
    from privacy import services as privacy
    from training import applications

    training.wages()
    other_employer = people.make(Role.EMPLOYER)
    post_id = training.post(training.organisation(other_employer))
    participant = people.make(Role.PARTICIPANT, "Malee Secretname", email="malee@private.example")
    with app.app_context():
        person = db.session.get(User, participant)
        privacy.give_consent(person, "share_with_employers", "v1")
        applications.apply_to_post(person, db.session.get(WorkPost, post_id), ["display_name", "email"], "",
                                   date(2026, 11, 23))
        db.session.commit()
    client = _signed_in_employer(app, training)
    for path in ("/employer/", "/my-work", f"/employer/posts/{post_id}/applications", "/me/messages"):
        page = client.get(path, follow_redirects=True).get_data(as_text=True)
        assert "Secretname" not in page and "malee@private.example" not in page, path
    assert client.get(f"/employer/posts/{post_id}/applications").status_code == 404


def test_abandoned_registrations_are_forgotten(app, monkeypatch):
    from datetime import timedelta

    import time_machine

    from accounts import services as accounts
    from core.db import utcnow
    from training import employer_signup

    _register(app)
    with time_machine.travel(utcnow() + timedelta(days=5)), app.app_context():
        assert accounts.forget_unconfirmed_registrations() == 1
        assert employer_signup.forget_abandoned() == 1
        db.session.commit()
    assert _organisation(app) is None


def test_each_waiting_employer_has_its_own_refusal_form(app, training, people, signed_in):
    """One form per employer on staff's list: no id is repeated (a label would point at another's field)."""
    _register(app)
    _confirm(app)
    training.organisation(people.make(Role.EMPLOYER), verified=False, number="0105500000777")
    staff, _ = signed_in(Role.STAFF)
    html = staff.get("/staff/training/").get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', html)
    refusal_ids = [found for found in ids if found.startswith("refuse") and found.endswith("-reason")]
    assert len(refusal_ids) == 2 and len(set(ids)) == len(ids)
