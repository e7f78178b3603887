"""Load benchmark: requests/s, p50 and p99 of each main page beside a trivial Flask route, under gunicorn
(2 workers) and wrk, on seeded data. Prints figures; asserts nothing. Run via bench/load.sh.

Throughput is measured with 16 connections (its share of the trivial route's); latency with as many connections
as request slots (2 workers: 2 connections), where p99 is the page's own time and not the queue's.
Targets (issue 35): public pages at least 40% of the trivial route, signed-in pages at least 15%, p99 under
150 ms, every page under 60 KB of HTML. A page that misses one gets a profile summary printed below the table.
PAGE_CACHE_SECONDS=0 turns the kept public pages off (core/page_cache.py), for a before/after comparison.
"""
from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
UNITS = int(os.environ.get("UNITS", 1000))
SECONDS = int(os.environ.get("SECONDS", 8))
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:////tmp/pathways-load-{UNITS}.sqlite3"
# Nothing in the way of the benchmark's own sign-ins.
ENV = {**os.environ, "DATABASE_URL": DATABASE_URL, "SECRET_KEY": "load-benchmark",
       **dict.fromkeys(("LOGIN_FAILURES_PER_MINUTE", "LOGIN_FAILURES_PER_ADDRESS"), "1000000")}
PAGES = [  # (who, path, public?); {product} and {participant} are the demo's, looked up once
    ("visitor", "/", True), ("visitor", "/opportunities", True), ("visitor", "/opportunities?page=400", True),
    ("visitor", "/opportunities?kind=course&province=50", True),
    ("visitor", "/opportunities?q=coffee&kind=course", True),  # searched words: never kept (core.page_cache)
    ("visitor", "/shop/", True), ("visitor", "/shop/products/{product}", True),
    # wrk keeps no cookie, so each request above is a first visit: a page with a form starts a session and signs
    # a token for it. A visitor who comes back sends the cookie the first visit set.
    ("returning visitor", "/shop/products/{product}", True), ("visitor", "/impact", True),
    ("participant@demo.pathways", "/me/matches", False), ("participant@demo.pathways", "/me/data", False),
    ("participant@demo.pathways", "/me/pathway", False),
    ("staff@demo.pathways", "/staff/participants", False),
    ("staff@demo.pathways", "/staff/participants/{participant}", False),
    ("staff@demo.pathways", "/staff/training/", False),
    ("staff@demo.pathways", "/staff/grants/rounds/1", False),
    ("staff@demo.pathways", "/staff/grants/monitoring", False), ("staff@demo.pathways", "/staff/grants/report", False),
    ("manager@demo.pathways", "/manage/shop/", False), ("manager@demo.pathways", "/manage/shop/report", False),
    ("admin@demo.pathways", "/admin/accounts", False), ("admin@demo.pathways", "/admin/audit", False),
]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(app: str, port: int, chdir: Path) -> subprocess.Popen:
    process = subprocess.Popen([str(GUNICORN), "--chdir", str(chdir), "-w", "2", "-b", f"127.0.0.1:{port}",
                                "--access-logfile", "/dev/null", "--no-control-socket", app],
                               env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urlopen(f"http://127.0.0.1:{port}/", timeout=1)  # noqa: S310 (our own local server)
            return process
        except OSError:
            time.sleep(0.1)
    return process


def _seed() -> None:
    """Build the data once; a database kept from an earlier run is brought to the current schema."""
    subprocess.run([str(PYTHON), "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT, env=ENV, check=True,
                   capture_output=True)
    # Seeded once: a second seeding would double the data (a PostgreSQL database outlives the run).
    courses = subprocess.run([str(PYTHON), "-c", "from app import create_app; from core.extensions import db; "
                              "import sqlalchemy as sa\napp = create_app()\nwith app.app_context():\n"
                              " print(db.session.scalar(sa.text('SELECT count(*) FROM courses')))"],
                             cwd=ROOT, env=ENV, check=True, capture_output=True, text=True).stdout.split()[-1]
    if int(courses) < UNITS * 10:
        subprocess.run([str(PYTHON), "bench/seed.py", "--units", str(UNITS)], cwd=ROOT, env=ENV, check=True)
    # The planner's statistics, as a programme running for a while has them: the nightly job's on SQLite,
    # autovacuum's on PostgreSQL (which has not run yet right after a bulk seed: searches took 188 ms, not 38;
    # VACUUM also sets the visibility map a long-running database has, for index-only scans).
    subprocess.run([str(PYTHON), "-c", "from app import create_app; from core.scheduler import optimize_database; "
                    "from core.extensions import db\napp = create_app()\nwith app.app_context():\n"
                    "    optimize_database(); db.session.commit()\n"
                    "    if db.engine.dialect.name == 'postgresql':\n"
                    "        with db.engine.connect() as c: "
                    "c.execution_options(isolation_level='AUTOCOMMIT').exec_driver_sql('VACUUM ANALYZE')"],
                   cwd=ROOT, env=ENV, check=True)


USER_AGENT = "pathways-load"


def _cookie(base: str, login: str) -> str:
    import http.cookiejar
    import urllib.parse
    import urllib.request
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    page = opener.open(base + "/sign-in").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "login_name": login, "password": "pathways-demo"})
    answer = opener.open(base + "/sign-in", data=data.encode())
    if answer.geturl().endswith("/sign-in/code"):  # a demo work account's second step: its app's code
        from app import create_app
        from tests.conftest import current_code
        app = create_app({"SQLALCHEMY_DATABASE_URI": DATABASE_URL, "SECRET_KEY": "load-benchmark"})
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', answer.read().decode()).group(1)
        code = urllib.parse.urlencode({"csrf_token": token, "code": current_code(app, login)})
        opener.open(base + "/sign-in/code", data=code.encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def _visit(url: str) -> str:
    """The session cookie a visitor's first visit to `url` sets."""
    with urlopen(url, timeout=30) as answer:  # noqa: S310 (our own local server)
        return answer.headers["Set-Cookie"].split(";", 1)[0]


def _ids() -> dict[str, int]:
    out = subprocess.run([str(PYTHON), "-c", "from app import create_app; from core.extensions import db; "
                          "import sqlalchemy as sa\napp = create_app()\nwith app.app_context():\n"
                          " print(db.session.scalar(sa.text(\"SELECT id FROM products WHERE active ORDER BY id\")),"
                          " db.session.scalar(sa.text(\"SELECT id FROM users WHERE email = "
                          "'participant@demo.pathways'\")))"], cwd=ROOT, env=ENV, check=True, capture_output=True,
                         text=True).stdout.split()
    return {"product": int(out[-2]), "participant": int(out[-1])}


def _wrk(url: str, cookie: str | None, connections: int = 16) -> tuple[float, float, float]:
    # The browser that signed in: sign-in protection marks a session from another browser "not fresh" and,
    # as wrk never keeps the cookie it is sent back, would write the session again on every request.
    command = ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--latency", "-H", f"User-Agent: {USER_AGENT}", url]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(label: str) -> float:
        value, unit = re.search(rf"\s{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rate, latency("50%"), latency("99%")


def _profile(who: str, path: str) -> str:
    from app import create_app
    from tests.conftest import sign_in
    app = create_app({"SQLALCHEMY_DATABASE_URI": DATABASE_URL, "SECRET_KEY": "load-benchmark",
                      "LOGIN_FAILURES_PER_MINUTE": 10**6, "LOGIN_FAILURES_PER_ADDRESS": 10**6})
    client = app.test_client()
    if who == "returning visitor":
        client.get(path)
    elif who != "visitor":
        sign_in(client, who, "pathways-demo")
    client.get(path)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(20):
        client.get(path)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(8)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())[-1400:]


def main() -> None:
    _seed()
    app_port, trivial_port = _port(), _port()
    servers = [_serve("app:create_app()", app_port, ROOT), _serve("trivial_app:app", trivial_port, ROOT / "bench")]
    try:
        base = f"http://127.0.0.1:{app_port}"
        trivial, _t50, _t99 = _wrk(f"http://127.0.0.1:{trivial_port}/", None)
        _rate, t50, t99 = _wrk(f"http://127.0.0.1:{trivial_port}/", None, connections=2)
        cache = os.environ.get("PAGE_CACHE_SECONDS", "60")
        print(f"database: {DATABASE_URL.split('@')[-1]}  units: {UNITS}  gunicorn: 2 workers  wrk: 2 threads, "
              f"16 connections (req/s) and 2 (p50, p99), {SECONDS} s each  kept public pages: "
              f"{'off' if cache == '0' else 'on'}  load average: {os.getloadavg()[0]:.1f}")
        print(f"{'page':<52} {'req/s':>8} {'share':>7} {'p50 ms':>7} {'p99 ms':>7} {'KB':>5}")
        print(f"{'trivial Flask route':<52} {trivial:>8.0f} {'100%':>7} {t50:>7.1f} {t99:>7.1f}")
        cookies: dict[str, str] = {}
        missed = []
        ids = _ids()
        for who, page, public in PAGES:
            path = page.format(**ids)
            cookie = None if who == "visitor" else cookies.get(who) or cookies.setdefault(
                who, _visit(base + path) if who == "returning visitor" else _cookie(base, who))
            request = Request(base + path, headers={"Cookie": cookie or "", "User-Agent": USER_AGENT})
            size = len(urlopen(request, timeout=30).read()) // 1024  # noqa: S310 (our own local server)
            rate, _p50, _p99 = _wrk(base + path, cookie)
            _rate, p50, p99 = _wrk(base + path, cookie, connections=2)
            share = rate / trivial
            target = 0.40 if public else 0.15
            flag = "" if share >= target and p99 < 150 and size < 60 else "  misses a target"
            print(f"{page + ' (' + who.split('@')[0] + ')':<52} {rate:>8.0f} {share:>7.1%} {p50:>7.1f} "
                  f"{p99:>7.1f} {size:>5}{flag}")
            if flag:
                missed.append((who, path))
        for who, path in missed:
            print(f"\nwhere the time of {path} ({who.split('@')[0]}) goes (20 requests, by own time):")
            print(_profile(who, path.format(**ids)))
    finally:
        for server in servers:
            server.terminate()


if __name__ == "__main__":
    main()
