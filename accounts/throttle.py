"""Throttles for signing in, set-up codes and registration, kept in the database for every web worker.

A try is *claimed* before the password is checked, by one conditional UPDATE per key that counts and decides
together: of twelve tries racing on two workers, exactly as many get through as the limit allows. Three keys
make it fair:
- an account from one address: a small limit, so one person mistyping locks out nobody else in the office;
- an address: a higher limit, so one place cannot try many accounts;
- an account from anywhere: a delay that grows with each failure (1 s, 2 s, 4 s … up to a ceiling), so
  rotating addresses gains an attacker little, and a device where the person chose "keep me signed in"
  (a row in accounts.devices) skips this key.
Once the account's delay has reached its ceiling, it applies per failing address instead: an address that
failed for this account waits the ceiling after each of its tries, an address that has not may try at once.
Else an attacker trying one password a minute from rotating addresses would keep the owner (who rarely has a
remembered device on a borrowed phone) out for as long as they like. The price: an attacker with many
addresses gets one try a minute from each (each address also under its own limits), not one in all. We chose
this over an e-mailed unlock because many participants have no e-mail.
A success forgives the account's failures. Every limit is a setting.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from accounts.models import SignInCounter
from core.db import utcnow
from core.extensions import changed_rows, db
from core.unit_of_work import apart

_counters = SignInCounter.__table__


@dataclass(frozen=True)
class Limit:
    key: str
    tries: int  # allowed in one window (a hard limit), or free tries before the delay starts
    window: timedelta
    growing_delay: bool = False
    # A growing delay whose steps are these seconds instead of 1, 2, 4 … up to the ceiling.
    steps: tuple[int, ...] = ()
    # Once this growing delay is at its last step, a try it refuses may go ahead under this limit instead.
    at_ceiling: Limit | None = None


def account_key(login_name: str) -> str:
    return "account:" + login_name.strip().lower()[:140]


def address_key(address: str | None) -> str:
    return "address:" + (address or "unknown")


def sign_in_limits(login_name: str, address: str | None, *, trusted_device: bool = False) -> list[Limit]:
    config = current_app.config
    minute = timedelta(minutes=1)
    account = account_key(login_name)
    limits = [Limit(address_key(address), config["LOGIN_FAILURES_PER_ADDRESS"], minute),
              Limit(f"pair:{address or 'unknown'}:{account}"[:160], config["LOGIN_FAILURES_PER_MINUTE"], minute)]
    if not trusted_device:
        memory = timedelta(minutes=config["LOGIN_ACCOUNT_MEMORY_MINUTES"])
        per_address = Limit(f"slow:{address or 'unknown'}:{account}"[:160], 0, memory, growing_delay=True,
                            steps=(config["LOGIN_MAX_DELAY_SECONDS"],))
        limits.append(Limit(account, config["LOGIN_FREE_FAILURES_PER_ACCOUNT"], memory, growing_delay=True,
                            at_ceiling=per_address))
    return limits


def registration_limits(email: str, address: str | None) -> list[Limit]:
    config = current_app.config
    hour = timedelta(hours=1)
    return [Limit("register-from:" + (address or "unknown"), config["REGISTRATIONS_PER_ADDRESS_PER_HOUR"], hour),
            Limit("register-to:" + email.strip().lower()[:140], config["REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR"],
                  hour)]


def confirmation_reminder_limits(email: str) -> list[Limit]:
    """The link mailed again after a sign-in to an account that waits for it. A key of its own: no answer on
    any page depends on it, so spending it tells nobody anything."""
    return [Limit("confirm-again:" + email.strip().lower()[:140],
                  current_app.config["REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR"], timedelta(hours=1))]


def report_limits(address: str | None) -> list[Limit]:
    """"Something is wrong with this offer" sent without an account: a few an hour from one address, so a
    flood cannot bury staff under reports nobody answers for."""
    return [Limit("report-from:" + (address or "unknown"), current_app.config["ANONYMOUS_REPORTS_PER_ADDRESS_PER_HOUR"],
                  timedelta(hours=1))]


def _delays() -> list[int]:
    ceiling = current_app.config["LOGIN_MAX_DELAY_SECONDS"]
    delays, seconds = [], 1
    while seconds < ceiling:
        delays.append(seconds)
        seconds *= 2
    return [*delays, ceiling]


def _in_own_transaction(work) -> object:
    """Counts are committed at once, apart from the request: a refused request is rolled back, its try must
    still count, and other workers must see it now."""
    with apart() as connection:
        return work(connection)


def _ensure_row(connection, key: str, now) -> None:
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    connection.execute(insert(_counters).values(key=key, window_started_at=now, tries=0)
                       .on_conflict_do_nothing(index_elements=["key"]))


def _at(moment):
    return sa.literal(moment, SignInCounter.window_started_at.type)


def _claim_one(connection, limit: Limit, now) -> bool:
    table = _counters
    c = table.c
    expired = c.window_started_at <= _at(now - limit.window)
    new_tries = sa.case((expired, 1), else_=c.tries + 1)
    values = {"tries": new_tries, "window_started_at": sa.case((expired, _at(now)), else_=c.window_started_at)}
    condition = c.key == limit.key
    if limit.growing_delay:
        # The n-th failure beyond the free ones makes the next try wait 2^n seconds, up to the ceiling.
        steps = list(limit.steps) or _delays()
        whens = [(new_tries >= limit.tries + index, _at(now + timedelta(seconds=seconds)))
                 for index, seconds in reversed(list(enumerate(steps)))]
        values["next_try_at"] = sa.case(*whens, else_=None)
        condition &= sa.or_(c.next_try_at.is_(None), c.next_try_at <= _at(now))
    else:
        condition &= sa.or_(expired, c.tries < limit.tries)
    return connection.execute(sa.update(table).where(condition).values(**values)).rowcount == 1


def _give_back(connection, keys: list[str]) -> None:
    if keys:
        connection.execute(sa.update(_counters).where(_counters.c.key.in_(keys), _counters.c.tries > 0)
                           .values(tries=_counters.c.tries - 1))


def _seconds_to_wait(connection, limit: Limit, now) -> int:
    row = connection.execute(sa.select(_counters.c.window_started_at, _counters.c.next_try_at)
                             .where(_counters.c.key == limit.key)).first()
    if row is None:  # forgiven a moment ago
        return 1
    started, next_try = row
    until = next_try if limit.growing_delay else started + limit.window
    if until is None:  # the delay was forgiven and the row made again since the refusal: it is open now
        return 1
    return max(int((until - now).total_seconds()) + 1, 1)


def _at_ceiling(connection, limit: Limit, now) -> bool:
    """Has this growing delay reached its last step, within its memory?"""
    row = connection.execute(sa.select(_counters.c.window_started_at, _counters.c.tries)
                             .where(_counters.c.key == limit.key)).first()
    if row is None:  # forgiven since it was ensured: no delay reached
        return False
    started, tries = row
    return started > now - limit.window and tries >= limit.tries + len(_delays()) - 1


def claim(limits: list[Limit]) -> int:
    """Take one try under every limit: 0 when it may go ahead, else the seconds to wait (nothing is taken)."""
    def work(connection) -> int:
        now = utcnow()
        taken: list[str] = []
        for limit in limits:
            _ensure_row(connection, limit.key, now)
            if limit.at_ceiling is not None and _at_ceiling(connection, limit, now):
                limit = limit.at_ceiling  # from here on each failing address waits on its own
                _ensure_row(connection, limit.key, now)
            if not _claim_one(connection, limit, now):
                # A right password elsewhere may have forgiven (deleted) the row since it was ensured: on
                # PostgreSQL the next statement sees that delete. The try is then the first of a new count.
                _ensure_row(connection, limit.key, now)
                if not _claim_one(connection, limit, now):
                    _give_back(connection, taken)
                    return _seconds_to_wait(connection, limit, now)
            taken.append(limit.key)
        return 0
    return int(_in_own_transaction(work))  # type: ignore[call-overload]


def succeeded(limits: list[Limit]) -> None:
    """The try was right: the account's failures are forgiven, and the success does not count against the
    address."""
    def work(connection) -> None:
        # Row by row in the order claim() takes them (address, pair, account, its per-address delay): a claim and
        # a success from one address at once, each holding a row the other needs, deadlocked on PostgreSQL.
        for limit in limits:
            if limit.key.startswith("address:"):
                _give_back(connection, [limit.key])
            else:
                connection.execute(sa.delete(_counters).where(_counters.c.key == limit.key))
            if limit.at_ceiling is not None:
                connection.execute(sa.delete(_counters).where(_counters.c.key == limit.at_ceiling.key))
    _in_own_transaction(work)


def purge_old_counters() -> int:
    """Scheduled: forget counters whose window and delay are over. Returns how many rows went."""
    now = utcnow()
    longest = timedelta(hours=1) + timedelta(minutes=current_app.config["LOGIN_ACCOUNT_MEMORY_MINUTES"])
    return changed_rows(sa.delete(SignInCounter).where(
        SignInCounter.window_started_at < now - longest,
        sa.or_(SignInCounter.next_try_at.is_(None), SignInCounter.next_try_at < now)))


# --- the second step of one account, from anywhere ------------------------------------------------------------
# Whoever reaches the second step knows the password already. After TWO_FACTOR_MAX_FAILURES wrong codes
# (app or recovery codes, or a wrong proof on the security page) within TWO_FACTOR_FAILURE_WINDOW_MINUTES, the
# account's second step is locked for TWO_FACTOR_LOCK_MINUTES, whatever the address: six digits are a small
# space, and the per-address limits above let a password holder with many addresses go on guessing.

def _second_step_key(user_id: int) -> str:
    return f"second-step:{user_id}"


def second_step_locked_for(user_id: int) -> int:
    """Seconds until this account's second step opens again; 0 when it is open."""
    until = db.session.scalar(sa.select(SignInCounter.next_try_at).where(
        SignInCounter.key == _second_step_key(user_id)))
    now = utcnow()
    return max(int((until - now).total_seconds()) + 1, 1) if until is not None and until > now else 0


def second_step_claim(user_id: int) -> int:
    """Take one try at the account's second step before its code is checked: 0 when it may go ahead, else the
    seconds to wait. Counted first, by one conditional UPDATE, so wrong codes sent at once (from as many
    addresses) cannot all be checked before the first of them locks: at most TWO_FACTOR_MAX_FAILURES are."""
    config = current_app.config
    window = timedelta(minutes=config["TWO_FACTOR_FAILURE_WINDOW_MINUTES"])

    def work(connection) -> int:
        now = utcnow()
        key = _second_step_key(user_id)
        c = _counters.c
        expired = c.window_started_at <= _at(now - window)
        new_tries = sa.case((expired, 1), else_=c.tries + 1)
        claim = (sa.update(_counters).where(c.key == key, new_tries <= config["TWO_FACTOR_MAX_FAILURES"],
                                            sa.or_(c.next_try_at.is_(None), c.next_try_at <= _at(now)))
                 .values(tries=new_tries, window_started_at=sa.case((expired, _at(now)), else_=c.window_started_at)))
        # Twice at most: a right code elsewhere may forgive (delete) the row between ensuring and claiming it.
        for _ in range(2):
            _ensure_row(connection, key, now)
            if connection.execute(claim).rowcount == 1:
                return 0
        row = connection.execute(sa.select(c.window_started_at, c.next_try_at).where(c.key == key)).first()
        if row is None:
            return 1
        started, next_try = row
        until = next_try if next_try is not None and next_try > now else started + window
        return max(int((until - now).total_seconds()) + 1, 1)
    return int(_in_own_transaction(work))  # type: ignore[call-overload]


def second_step_failed(user_id: int) -> bool:
    """A claimed try was a wrong code. True when it locked the second step (the tries claimed reached the
    limit): exactly one request is told, as one conditional UPDATE decides (a running lock is never extended)."""
    config = current_app.config
    lock = timedelta(minutes=config["TWO_FACTOR_LOCK_MINUTES"])

    def work(connection) -> bool:
        now = utcnow()
        c = _counters.c
        return connection.execute(sa.update(_counters).where(
            c.key == _second_step_key(user_id), c.tries >= config["TWO_FACTOR_MAX_FAILURES"],
            sa.or_(c.next_try_at.is_(None), c.next_try_at <= _at(now)))
            .values(tries=0, window_started_at=_at(now), next_try_at=_at(now + lock))).rowcount == 1
    return bool(_in_own_transaction(work))


def second_step_passed(user_id: int) -> None:
    """A right code forgives the account's wrong ones (a running lock stays: no code is checked during it)."""
    def work(connection) -> None:
        connection.execute(sa.delete(_counters).where(
            _counters.c.key == _second_step_key(user_id),
            sa.or_(_counters.c.next_try_at.is_(None), _counters.c.next_try_at <= _at(utcnow()))))
    _in_own_transaction(work)


def second_step_passed_with_request(user_id: int) -> None:
    """The same, in the request's own transaction: a right proof on the security page, whose code was spent in
    it (SQLite has one writer: a transaction apart would wait for the request's)."""
    db.session.execute(sa.delete(SignInCounter).where(
        SignInCounter.key == _second_step_key(user_id),
        sa.or_(SignInCounter.next_try_at.is_(None), SignInCounter.next_try_at <= utcnow())))


def forget_person(user_id: int, login_names: list[str]) -> None:
    """An anonymised person: no counter keyed by their username or e-mail address, nor their second step's,
    waits for the nightly purge (in the caller's transaction)."""
    c = SignInCounter.key
    names = [name.strip().lower()[:140] for name in login_names if name]
    db.session.execute(sa.delete(SignInCounter).where(sa.or_(
        c == _second_step_key(user_id),
        *[c.endswith(":" + account_key(name), autoescape=True) | (c == account_key(name)) for name in names],
        *[c.in_([f"register-to:{name}", f"confirm-again:{name}"]) for name in names])))
