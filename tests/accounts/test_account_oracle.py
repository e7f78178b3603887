"""No public entry point tells whether an address has an account (issue 28, items 1 and 2).

An attacker controls every request: for each ordered pair of the public entry points (register, sign in, the
set-up code, the confirmation link, the cancel link), the sequence a, b, a, b is played against an address
that has an account and against one that has none. Each answer (and the page a redirect leads to) must be
the same: status, visible text, headers, cookie names and attributes. So must the work done: calls to the
password hasher, and mails to anyone but the address itself (the owner's mailbox may hear; the attacker
must not). Work is counted, not timed, so the test holds on a busy machine. Throttle limits are set low so
the sequences reach them: a limit that counts differently for the two addresses shows as a 429 on one side.
"""
from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
import time_machine

from accounts import passwords
from core.extensions import db
from core.models import OutboxMessage, Role
from tests.conftest import csrf_token

ATTACKER_PASSWORD = "an attacker's chosen phrase"


class CountingHasher:
    """The app's own argon2 hasher, counted: every hash and every check is real work done."""

    def __init__(self, real):
        self.real, self.calls = real, 0

    def hash(self, *args, **kwargs):
        self.calls += 1
        return self.real.hash(*args, **kwargs)

    def verify(self, *args, **kwargs):
        self.calls += 1
        return self.real.verify(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def _post(client, path, data, address):
    token = csrf_token(client, "/sign-in")
    return client.post(path, data={"csrf_token": token, **data}, environ_base={"REMOTE_ADDR": address})


STEPS = {
    "register": lambda client, target, address: _post(client, "/register", {
        "display_name": "Mallory", "email": target, "password": ATTACKER_PASSWORD}, address),
    "sign_in": lambda client, target, address: _post(client, "/sign-in", {
        "login_name": target, "password": ATTACKER_PASSWORD, "keep_signed_in": "y"}, address),
    "set_up": lambda client, target, address: _post(client, "/account/set-up", {
        "login_name": target, "code": "ABCDE-FGHJK", "new_password": ATTACKER_PASSWORD}, address),
    "confirm_link": lambda client, target, address: client.get(
        f"/register/confirm/{target}.made-up", environ_base={"REMOTE_ADDR": address}),
    "cancel_link": lambda client, target, address: _post(client, "/register/cancel", {
        "token": f"{target}.made-up"}, address),
}
RANDOM_BY_NATURE = {"Date", "Set-Cookie", "Content-Length"}  # Content-Length: the bodies are compared


def _visible(response, target: str) -> str:
    text = response.get_data(as_text=True).replace(target, "<target>")
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]*', r"\1", text)


def _cookies(response) -> list[tuple[str, str]]:
    """Each cookie set: its name and attributes, not its value (a session id is random by nature)."""
    seen = []
    for header in response.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        attributes = sorted(part.strip().split("=")[0].lower() + ("=" + part.split("=", 1)[1].strip()
                            if "=" in part and part.strip().lower().startswith(("path", "samesite", "max-age",
                                                                                "domain")) else "")
                            for part in rest.split(";")[1:])
        seen.append((name, ";".join(attributes)))
    return sorted(seen)


def _answer(response, target: str) -> tuple:
    headers = sorted((key, value.replace(target, "<target>")) for key, value in response.headers.items()
                     if key not in RANDOM_BY_NATURE)
    return response.status_code, _visible(response, target), headers, _cookies(response)


def _mails_not_to(target: str) -> int:
    return db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))
                             .where(OutboxMessage.recipient != target))


def _play(app, sequence, target: str, address: str, hasher: CountingHasher) -> list[tuple]:
    client = app.test_client()
    seen = []
    for step in sequence:
        with app.app_context():
            mails_before = _mails_not_to(target)
        calls_before = hasher.calls
        response = STEPS[step](client, target, address)
        answers = [_answer(response, target)]
        if response.status_code in (301, 302, 303) and response.location.startswith("/"):
            answers.append(_answer(client.get(response.location, environ_base={"REMOTE_ADDR": address}),
                                   target))
        with app.app_context():
            mails = _mails_not_to(target) - mails_before
        seen.append((step, answers, {"password hashes": hasher.calls - calls_before, "mails to others": mails}))
    return seen


@pytest.mark.parametrize("first, second", list(itertools.product(STEPS, repeat=2)))
def test_no_sequence_of_two_entry_points_tells_who_has_an_account(app, people, monkeypatch, first, second):
    monkeypatch.setitem(app.config, "LOGIN_FAILURES_PER_MINUTE", 3)
    monkeypatch.setitem(app.config, "LOGIN_FREE_FAILURES_PER_ACCOUNT", 2)
    monkeypatch.setitem(app.config, "REGISTRATIONS_PER_ADDRESS_PER_HOUR", 3)
    monkeypatch.setitem(app.config, "REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR", 2)
    hasher = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", hasher)
    people.make(Role.CUSTOMER, email="customer@example.org")
    people.make(Role.PARTICIPANT, email="participant@example.org")
    sequence = (first, second, first, second)
    # Frozen time: a "wait N seconds" answer must not differ by how long the machine took.
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False):
        nobody = _play(app, sequence, "nobody@example.org", "10.28.0.1", hasher)
        for index, target in enumerate(("customer@example.org", "participant@example.org")):
            somebody = _play(app, sequence, target, f"10.28.1.{index}", hasher)
            for without, with_account in zip(nobody, somebody, strict=True):
                assert with_account == without, f"{target}: {with_account[0]} differs"
    # The sequences did reach the limits they are about.
    texts = " ".join(answer[1] for _step, answers, _work in nobody for answer in answers)
    if first == second and first in ("sign_in", "register"):
        assert "Too many tries" in texts
