"""Every page that shows a participant's data to someone else records who saw it, found from the site.

The world has participants in every state. Each work account (staff, a second staff member, a reviewer, admin,
employer, manager) walks every page it can reach and opens its spreadsheet downloads; a page whose content
holds a participant's name or e-mail must be in the route matrix's "shows participant data" column and must
have written an audit entry for each participant it showed. Every GET route in the column must write entries
when opened. A new page is covered the day it is added, without anyone remembering it.
"""
from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import openpyxl
import pytest
import sqlalchemy as sa

from core.extensions import db
from core.models import AuditEntry, Role, User
from privacy.access_log import VIEW_ACTION
from tests.conftest import RolledBackDatabase, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, WORLD_LOGINS, build_world
from tests.test_exports import DOWNLOADS
from tests.test_route_matrix import SHOWS_PARTICIPANT_DATA

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

WORK_ACCOUNTS = {who: login for who, login in {**DEMO_LOGINS, **WORLD_LOGINS}.items()
                 if who not in ("participant", "customer")}


def _participants() -> dict[int, re.Pattern]:
    rows = db.session.execute(sa.select(User.id, User.display_name, User.email).where(
        User.role == Role.PARTICIPANT.value, User.anonymised_at.is_(None))).all()
    return {pid: re.compile(rf"\b{re.escape(name)}\b" + (f"|{re.escape(email)}" if email else ""))
            for pid, name, email in rows}


def _entries_since(app, entry_id: int, actor_id: int) -> set[int]:
    with app.app_context():
        return {int(r) for r in db.session.scalars(sa.select(AuditEntry.record_id).where(
            AuditEntry.id > entry_id, AuditEntry.action == VIEW_ACTION, AuditEntry.actor_id == actor_id))}


def _last_entry(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0


def test_every_page_showing_a_participant_is_in_the_column_and_records_who_saw_it(app, capsys, monkeypatch):
    monkeypatch.setitem(app.config, "READ_LOG_MINUTES", 0)  # every opening writes its entry, for this check
    problems: list[str] = []
    logging_endpoints: set[str] = set()
    pages_checked = 0
    adapter = app.url_map.bind("localhost")
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
            participants = _participants()
        for who, login in WORK_ACCOUNTS.items():
            client = app.test_client()
            assert sign_in(client, login, DEMO_PASSWORD).status_code == 302
            with app.app_context():
                actor_id = db.session.scalar(sa.select(User.id).where(User.email == login))
            downloads = [url for endpoint, (role, urls) in DOWNLOADS.items() if role == who for url in urls]
            walked = crawl(app, client, limit=300, per_endpoint=8)
            # The admin's account list is sorted by role, so the crawl's few account pages may all be work
            # accounts: one participant's account page is opened on purpose.
            opened = [f"/admin/accounts/{min(participants)}"] if who == "admin" else []
            for url in [*walked.pages, *walked.files, *downloads, *opened]:
                before = _last_entry(app)
                html = client.get(url).get_data().decode("utf-8", "replace")
                logged = _entries_since(app, before, actor_id)
                endpoint = adapter.match(urlsplit(url).path)[0]
                if url in downloads and ".xlsx" in url:
                    html = " ".join(str(value) for row in openpyxl.load_workbook(io.BytesIO(
                        client.get(url).get_data())).active.iter_rows(values_only=True) for value in row)
                pages_checked += 1
                shown = {pid for pid, pattern in participants.items() if pattern.search(html)}
                if logged:
                    logging_endpoints.add(endpoint)
                if shown and endpoint not in SHOWS_PARTICIPANT_DATA:
                    problems.append(f"{who} {url}: shows participants {sorted(shown)}; not in the column")
                if shown - logged:
                    problems.append(f"{who} {url}: shows participants {sorted(shown - logged)} with no audit entry")
    get_routes = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    for endpoint in sorted(SHOWS_PARTICIPANT_DATA & get_routes - logging_endpoints):
        problems.append(f"{endpoint}: in the column, but no page of it wrote an audit entry")
    with capsys.disabled():
        print(f"\nparticipant data audit: {pages_checked} pages, {len(logging_endpoints)} endpoints log reads; "
              f"logged beyond the column: {sorted(logging_endpoints - SHOWS_PARTICIPANT_DATA)}")
    assert problems == [], "\n".join(problems)
