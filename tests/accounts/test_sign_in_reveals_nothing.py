"""The sign-in page does not tell who has an account: same work, same answer, same time."""
import re
import statistics
import time

import pytest

from core.models import Role
from tests.conftest import post_form


def _timed(client, login_name):
    started = time.perf_counter()
    response = post_form(client, "/sign-in", {"login_name": login_name, "password": "not the password"})
    return time.perf_counter() - started, response


@pytest.mark.slow  # it measures time, with the real cost of a password hash
def test_unknown_and_known_names_take_the_same_time_and_get_the_same_answer(app, people, monkeypatch,
                                                                          real_password_cost):
    for setting in ("LOGIN_FAILURES_PER_MINUTE", "LOGIN_FAILURES_PER_ADDRESS", "LOGIN_FREE_FAILURES_PER_ACCOUNT"):
        monkeypatch.setitem(app.config, setting, 1000)
    known = people.login_name(people.make(Role.PARTICIPANT))
    client = app.test_client()
    _timed(client, known)  # warm up
    times = {"known": [], "unknown": []}
    answers = set()
    for index in range(20):  # interleaved, so a slow moment of the machine falls on both
        for kind, name in (("known", known), ("unknown", f"nobody-{index}")):
            seconds, response = _timed(client, name)
            times[kind].append(seconds)
            answers.add((response.status_code, re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))))
    known_median, unknown_median = statistics.median(times["known"]), statistics.median(times["unknown"])
    assert abs(known_median - unknown_median) <= 0.2 * max(known_median, unknown_median), times
    assert len(answers) == 1


def test_a_disabled_account_answers_like_a_wrong_password(app, people):
    from core.extensions import db
    from core.models import User
    from tests.conftest import PASSWORD, sign_in

    uid = people.make(Role.EMPLOYER)
    with app.app_context():
        db.session.get(User, uid).active = False
        db.session.commit()
    response = sign_in(app.test_client(), people.login_name(uid), PASSWORD)
    assert response.status_code == 200
    assert "That username or password is not right." in response.get_data(as_text=True)
