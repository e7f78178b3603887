"""The factory and settings: importing does no work, settings come from the environment, no insecure key."""
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from core.config import load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_importing_app_does_no_work():
    code = "import sys, app; print(sorted(m for m in sys.modules if m.startswith('core')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert not hasattr(sys.modules["app"], "app")  # no module-level application object


def test_config_overrides_are_applied(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["SECRET_KEY"] == "k"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("x.db")
    assert app.config["MAX_CONTENT_LENGTH"] > 0
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_settings(tmp_path)["SECRET_KEY"]
    second = load_settings(tmp_path)["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").read_text().strip() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only
    other = load_settings(tmp_path / "elsewhere")["SECRET_KEY"]
    assert other != first  # generated, never a fixed fallback


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    assert load_settings(tmp_path)["SECRET_KEY"] == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_database_url_default_and_postgres_spelling(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert load_settings(tmp_path)["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'pathways.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/pathways")
    assert load_settings(tmp_path)["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db:5432/pathways"


@pytest.mark.slow  # a `flask` process of its own
def test_flask_cli_finds_the_factory():
    env = {"SECRET_KEY": "x", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "--help"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for command in ("seed-demo", "scheduler", "db"):
        assert command in out.stdout


def test_workers_starting_together_all_read_the_same_whole_key(tmp_path, monkeypatch):
    """Twenty starts at once on an empty instance folder: one key made, never an empty one read (the file was
    once created empty and filled after, so a worker could read "" between the two)."""
    from concurrent.futures import ThreadPoolExecutor

    from core.config import _secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with ThreadPoolExecutor(20) as pool:
        keys = set(pool.map(lambda _: _secret_key(tmp_path), range(20)))
    assert len(keys) == 1 and len(keys.pop()) == 64
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no draft left behind


def test_an_empty_key_file_stops_the_start_with_a_reason(tmp_path, monkeypatch):
    from core.config import _secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    (tmp_path / "secret_key").write_text("")
    with pytest.raises(RuntimeError, match="is empty"):
        _secret_key(tmp_path)


def test_a_served_app_puts_what_it_keeps_out_of_the_collectors_sight(tmp_path):
    """A worker's app freezes what it made (core.long_lived): its full garbage collections then walk only what
    requests made since, not the ~700,000 objects it keeps for life (they cost 200-600 ms a time, the p99 of
    every page). An app made for a test freezes nothing: tests make hundreds of apps that must be freed."""
    code = ("import gc, sys\nfrom app import create_app\n"
            "testing = sys.argv[1] == 'testing'\n"
            f"create_app({{'TESTING': testing, 'SECRET_KEY': 'k', 'SQLALCHEMY_DATABASE_URI': "
            f"'sqlite:///{tmp_path}/x.db'}})\n"
            "print(gc.get_freeze_count(), len(gc.get_objects()))")
    counts = {}
    for kind in ("served", "testing"):
        out = subprocess.run([sys.executable, "-c", code, kind], cwd=ROOT, capture_output=True, text=True,
                             check=True)
        counts[kind] = [int(n) for n in out.stdout.split()]
    frozen, tracked = counts["served"]
    assert frozen > 300_000 and tracked < 50_000
    # A test app froze nothing of what it made (it skips the screening's warm-up: fewer objects).
    assert counts["testing"][0] == 0 and counts["testing"][1] > 200_000
