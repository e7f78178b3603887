"""One transaction per request, per scheduled job and per CLI command, committed in one place.

Services change things and `flush()`; they never commit. Then:
- a request commits after its view has returned a response below 400 that did not show a refusal
  (`refused()` marks one), and rolls back otherwise;
- any other app context (a CLI command, a job, a script) commits when it ends without an exception and
  rolls back when it ends with one;
- side effects that must not happen for a change that is rolled back (files written or removed) are
  registered with `after_commit()` and run only once the commit is done;
- `checkpoint()` commits early where a call out needs what is done so far on record (a Stripe refund),
  `savepoint()` undoes one part alone, and `abandon()` lets a job drop one item's work and go on;
- work that follows a commit in a transaction of its own (the outbox sends what the change queued, then
  records it as sent) is registered with `then()`: each runs after the commit and is committed on its own;
  its failure is logged and changes nothing of the first transaction;
- work that calls out between small steps, each settled before the next (the outbox claims a message, sends
  it with no transaction open, then records the result), does each step in a `short_transaction()`;
- what must be on record even when the request is refused (a sign-in try, what a page showed) is written
  `apart()`, in a transaction of its own.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask, Response, current_app, flash, g, has_request_context
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from core.extensions import db

log = logging.getLogger(__name__)
_AFTER_COMMIT = "pathways_after_commit"
_THEN, _READY = "pathways_then", "pathways_then_ready"
_WROTE = "pathways_wrote"


def after_commit(action: Callable[[], object]) -> None:
    """Run `action` once the current transaction has committed; forget it if it rolls back."""
    db.session.connection()  # a transaction is open, so its rollback is seen
    db.session.info.setdefault(_AFTER_COMMIT, []).append(action)


def _roll_back() -> None:
    db.session.info.pop(_AFTER_COMMIT, None)
    db.session.info.pop(_THEN, None)
    db.session.info.pop(_WROTE, None)
    db.session.rollback()


def then(action: Callable[[], object]) -> None:
    """Run `action` after the current transaction commits, as a second unit of work of its own."""
    db.session.connection()
    db.session.info.setdefault(_THEN, []).append(action)


def _run_follow_ups() -> None:
    while ready := db.session.info.pop(_READY, []):
        for action in ready:
            try:
                action()
                db.session.commit()
            except Exception:  # noqa: BLE001 - the first transaction is safe; the outbox job retries
                log.exception("work after the commit failed; it will be retried or is logged")
                _roll_back()


def checkpoint() -> None:
    """Commit what is done so far: for a call out whose answer decides the change (a Stripe refund). The
    pending record is committed before the call and its outcome in a second transaction, so a crash between
    the two leaves a record to reconcile, never a payment nobody knows about."""
    db.session.commit()
    _run_follow_ups()


@contextmanager
def savepoint() -> Iterator[None]:
    """A part of the transaction that is undone alone when it raises (a SAVEPOINT); the rest stays."""
    session = db.session()
    connection = session.connection()
    driver = connection.connection.driver_connection
    if connection.dialect.name == "sqlite" and driver is not None and not driver.in_transaction:
        # pysqlite opens no transaction before a SAVEPOINT. SQLite would open a deferred one that RELEASE
        # commits on its own, and whose first write fails at once ("database is locked") when another writer
        # went first since its first read. Take the write lock now, waiting as any writer waits.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    with session.begin_nested():
        yield


def abandon() -> None:
    """Undo the transaction so far, forgetting its follow-ups: a job moving on after one item failed, or an
    error page (a server error, a database that did not answer) drawn on a session that works again."""
    _roll_back()


@contextmanager
def short_transaction() -> Iterator[None]:
    """Run the block as a transaction of its own: committed when it ends, rolled back when it raises. Between
    two of them no transaction is open, so a slow call out holds no lock. It starts only where the unit of
    work has nothing unsaved (after its commit, or at the start of a job), never committing a change that is
    not its own: it raises RuntimeError inside unfinished work."""
    session = db.session()
    if session.new or session.dirty or session.deleted or any(session.info.get(key) for key in
                                                               (_WROTE, _THEN, _AFTER_COMMIT)):
        raise RuntimeError("short_transaction() inside unfinished work: it would commit that work too")
    try:
        yield
        session.commit()
    except BaseException:
        _roll_back()
        raise


@contextmanager
def apart() -> Iterator[sa.Connection]:
    """A connection in a transaction of its own, committed when the block ends whatever becomes of the unit of
    work (a refused request is rolled back; its sign-in try and what it showed must still be on record).
    WRITE_APART=False puts the block in the unit of work's own transaction instead: the tests that run
    everything inside one outer transaction, rolled back at the end, set it."""
    if not current_app.config["WRITE_APART"]:
        yield db.session.connection()
        return
    with db.engine.begin() as connection:
        yield connection


def refused() -> None:
    """The request showed a refusal: undo what it changed and make sure nothing of it is committed."""
    _roll_back()
    if has_request_context():
        g.refused = True


def run_after_commit(session: Session) -> None:
    session.info.pop(_WROTE, None)
    session.info.setdefault(_READY, []).extend(session.info.pop(_THEN, []))
    actions = session.info.pop(_AFTER_COMMIT, [])
    for action in actions:
        try:
            action()
        except Exception:  # noqa: BLE001 - the change is committed: an error page would say it was not
            log.exception("an action after the commit failed (a file written or removed)")
            if has_request_context():
                g.after_commit_failed = True


def forget_after_commit(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction, not a SAVEPOINT
        session.info.pop(_AFTER_COMMIT, None)
        session.info.pop(_THEN, None)
        session.info.pop(_WROTE, None)


def _end_request(response: Response) -> Response:
    session = db.session()
    if not session.in_transaction() and not (session.new or session.dirty or session.deleted):
        return response  # a page that never touched the database has nothing to settle
    if response.status_code < 400 and not g.get("refused"):
        if session.info.get(_WROTE) or session.new or session.dirty or session.deleted \
                or session.info.get(_THEN) or session.info.get(_AFTER_COMMIT):
            db.session.commit()
        else:
            _end_read()
        _run_follow_ups()
        if g.pop("after_commit_failed", False):  # e.g. the file store did not answer: the work stands
            flash(_("Your change is saved, but a file could not be stored. Add the file again."), "error")
    else:
        _roll_back()
    return response


def _end_read() -> None:
    """A request that wrote nothing ends its transaction without expiring what it loaded: a commit expires
    every loaded object so that it is read again, but the request's session ends with it (about 1 ms for a
    page of 50 rows with their people and reviews; issue 35). What a test holds in the same session is
    unchanged: the request changed nothing."""
    session = db.session()
    keep = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = keep


def note_writes(session: Session, flush_context) -> None:
    session.info[_WROTE] = True


def note_statement_writes(state):
    # A bulk UPDATE/DELETE, or a statement written as text (ANALYZE), changes things without any flush: a
    # job made only of those must be committed too. Noted once it has run: a statement that failed (and whose
    # error the caller handled) wrote nothing, and must not make the end of the context commit.
    if state.is_select:
        return None
    result = state.invoke_statement()
    state.session.info[_WROTE] = True
    return result


def _end_context(error: BaseException | None) -> None:
    """The end of any app context. A request's transaction was settled when its response was ready, so it
    finds nothing left to do here; a command, job or script is committed now (or rolled back on an error)."""
    session = db.session()
    wrote = session.info.pop(_WROTE, False) or session.new or session.dirty or session.deleted
    if error is not None:
        _roll_back()
    elif wrote:
        # What the command or job returns stays readable after its context has ended.
        session.expire_on_commit = False
        session.commit()
        _run_follow_ups()


def init_app(app: Flask) -> None:
    app.after_request(_end_request)
    # Registered after Flask-SQLAlchemy's own teardown, so it runs before the session is removed.
    app.teardown_appcontext(_end_context)
