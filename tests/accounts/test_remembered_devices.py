"""A remembered device ("keep me signed in") is a row the server can take back: quick exit, sign-out there, a
new password or set-up code, a disabled account and "forget" on the devices page each make a saved copy of
its cookie worthless. And once an account's delay is at its ceiling it applies per failing address, so an
attacker trying from rotating addresses no longer keeps the owner out."""
from datetime import timedelta

import sqlalchemy as sa
import time_machine

from accounts import services as accounts
from accounts.models import RememberedDevice
from core.db import utcnow
from core.extensions import db
from core.models import Role, User
from tests.conftest import PASSWORD, post_form, sign_in

NEW_PASSWORD = "a brand new long phrase"


def _from(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def _try(client, login_name, password, address, keep=False):
    data = {"login_name": login_name, "password": password}
    if keep:
        data["keep_signed_in"] = "y"
    return post_form(client, "/sign-in", data, **_from(address))


def _remembered_phone(app, name):
    """The owner's phone, signed in with "keep me signed in"; returns it and a saved copy of its cookie."""
    phone = app.test_client()
    assert _try(phone, name, PASSWORD, "10.9.0.1", keep=True).status_code == 302
    return phone, phone.get_cookie("pathways_device").value


def _attacker_fails(app, name, times=5, prefix="10.8.0"):
    for index in range(times):
        _try(app.test_client(), name, "guess", f"{prefix}.{index % 3}")


def _copy_skips_the_delay(app, name, saved, password=PASSWORD) -> bool:
    """Someone with a saved copy of the device cookie, right after an attacker's failures."""
    with time_machine.travel(utcnow(), tick=False):
        _attacker_fails(app, name)
        copy = app.test_client()
        copy.set_cookie("pathways_device", saved)
        status = _try(copy, name, password, "10.9.0.1").status_code
    assert status in (302, 429)
    return status == 302


def test_a_remembered_device_is_a_row_holding_only_a_hash(app, people):
    uid = people.make(Role.PARTICIPANT)
    name = people.login_name(uid)
    _, saved = _remembered_phone(app, name)
    with app.app_context():
        rows = db.session.scalars(sa.select(RememberedDevice).where(RememberedDevice.user_id == uid)).all()
    assert len(rows) == 1 and saved not in rows[0].token_hash and len(rows[0].token_hash) == 64
    assert _copy_skips_the_delay(app, name, saved)  # the device does what it is for


def test_a_saved_device_cookie_stops_counting_after_quick_exit(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    phone, saved = _remembered_phone(app, name)
    phone.get("/leave")
    assert not _copy_skips_the_delay(app, name, saved)


def test_a_saved_device_cookie_stops_counting_after_sign_out_there(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    phone, saved = _remembered_phone(app, name)
    assert post_form(phone, "/sign-out").status_code == 302
    assert phone.get_cookie("pathways_device") is None
    assert not _copy_skips_the_delay(app, name, saved)


def test_a_saved_device_cookie_stops_counting_after_a_password_change(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    _, saved = _remembered_phone(app, name)
    laptop = app.test_client()
    assert sign_in(laptop, name).status_code == 302
    assert post_form(laptop, "/account/password", {"current_password": PASSWORD,
                                                   "new_password": NEW_PASSWORD}).status_code == 302
    assert not _copy_skips_the_delay(app, name, saved, NEW_PASSWORD)


def test_changing_the_password_on_a_remembered_device_gives_it_a_new_id(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    phone, saved = _remembered_phone(app, name)
    assert post_form(phone, "/account/password", {"current_password": PASSWORD,
                                                  "new_password": NEW_PASSWORD}).status_code == 302
    renewed = phone.get_cookie("pathways_device").value
    assert renewed != saved
    assert not _copy_skips_the_delay(app, name, saved, NEW_PASSWORD)
    assert _copy_skips_the_delay(app, name, renewed, NEW_PASSWORD)


def test_a_saved_device_cookie_stops_counting_after_a_set_up_code(app, people):
    uid = people.make(Role.PARTICIPANT)
    name = people.login_name(uid)
    _, saved = _remembered_phone(app, name)
    staff_id = people.make(Role.STAFF)
    with app.app_context():
        code = accounts.issue_setup_code(db.session.get(User, uid), db.session.get(User, staff_id))
    assert post_form(app.test_client(), "/account/set-up", {"login_name": name, "code": code,
                                                            "new_password": NEW_PASSWORD}).status_code == 302
    assert not _copy_skips_the_delay(app, name, saved, NEW_PASSWORD)


def test_a_saved_device_cookie_stops_counting_after_the_account_is_disabled(app, people, signed_in):
    uid = people.make(Role.PARTICIPANT)
    name = people.login_name(uid)
    _, saved = _remembered_phone(app, name)
    admin, _ = signed_in(Role.ADMIN)
    assert post_form(admin, f"/admin/accounts/{uid}/disable").status_code == 302
    assert post_form(admin, f"/admin/accounts/{uid}/enable").status_code == 302
    assert not _copy_skips_the_delay(app, name, saved)


def test_people_see_and_forget_their_remembered_devices(app, people):
    uid = people.make(Role.PARTICIPANT)
    name = people.login_name(uid)
    _, saved = _remembered_phone(app, name)
    stranger_phone, _ = _remembered_phone(app, people.login_name(people.make(Role.PARTICIPANT)))
    laptop = app.test_client()
    assert sign_in(laptop, name).status_code == 302
    assert 'href="/account/devices"' in laptop.get("/account/password").get_data(as_text=True)
    page = laptop.get("/account/devices", headers={"User-Agent": "Mozilla/5.0"})
    assert page.status_code == 200
    with app.app_context():
        mine = db.session.scalars(sa.select(RememberedDevice.id).where(RememberedDevice.user_id == uid)).all()
        theirs = db.session.scalars(sa.select(RememberedDevice.id).where(RememberedDevice.user_id != uid)).all()
    assert len(mine) == 1 and f'value="{mine[0]}"' in page.get_data(as_text=True)
    assert not any(f'name="device" value="{other}"' in page.get_data(as_text=True) for other in theirs)
    # Someone else's device cannot be forgotten from here.
    post_form(laptop, "/account/devices", {"device": str(theirs[0])})
    with app.app_context():
        assert db.session.get(RememberedDevice, theirs[0]) is not None
    assert post_form(laptop, "/account/devices", {"device": str(mine[0])}).status_code == 302
    assert "No device is remembered" in laptop.get("/account/devices").get_data(as_text=True)
    assert not _copy_skips_the_delay(app, name, saved)


def _drive_to_ceiling(app, name, clock, prefix):
    """An attacker trying from rotating addresses as fast as the account's delay lets them, until the delay
    is at its ceiling: 5 free failures, then 1, 2, 4 … 32 s, then the ceiling (about two minutes)."""
    failures = index = 0
    while failures < app.config["LOGIN_FREE_FAILURES_PER_ACCOUNT"] + 6:
        index += 1
        refused = _try(app.test_client(), name, "guess", f"{prefix}.{index}")
        if refused.status_code == 429:
            clock.shift(timedelta(seconds=int(refused.get_data(as_text=True).split("wait ")[1].split(" ")[0])))
        else:
            failures += 1
    assert index < 30


def test_the_owner_signs_in_while_an_attacker_keeps_failing_from_rotating_addresses(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))  # no remembered device anywhere
    with time_machine.travel(utcnow(), tick=False) as clock:
        _drive_to_ceiling(app, name, clock, "10.7.0")
        for minute in range(5):  # then one try a minute, each from a new address, as long as they like
            clock.shift(timedelta(seconds=60))
            assert _try(app.test_client(), name, "guess", f"10.7.1.{minute}").status_code == 200
        clock.shift(timedelta(seconds=20))
        # The owner, on a borrowed phone, 20 s after the attacker's last failure: not kept out.
        assert _try(app.test_client(), name, PASSWORD, "10.7.9.9").status_code == 302


def test_at_the_ceiling_the_attacker_still_waits_the_ceiling_at_each_address(app, people):
    name = people.login_name(people.make(Role.PARTICIPANT))
    ceiling = app.config["LOGIN_MAX_DELAY_SECONDS"]
    with time_machine.travel(utcnow(), tick=False) as clock:
        _drive_to_ceiling(app, name, clock, "10.6.0")
        assert _try(app.test_client(), name, "guess", "10.6.1.1").status_code == 200
        for _ in range(3):
            clock.shift(timedelta(seconds=ceiling // 3 - 1))
            again = _try(app.test_client(), name, "guess", "10.6.1.1")
            assert again.status_code == 429  # its own address waits the ceiling after each failure
        clock.shift(timedelta(seconds=5))
        assert _try(app.test_client(), name, "guess", "10.6.1.1").status_code == 200
        assert _try(app.test_client(), name, "guess", "10.6.1.1").status_code == 429
        # A new address gets one try, then waits the ceiling like the others.
        assert _try(app.test_client(), name, "guess", "10.6.2.1").status_code == 200
        assert _try(app.test_client(), name, "guess", "10.6.2.1").status_code == 429
