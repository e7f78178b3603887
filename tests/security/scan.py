"""sqlmap against the running app's search and filter endpoints and the sign-in form.

Starts gunicorn on a free loopback port with demo data in a throwaway SQLite database, signs in to get the
cookies the protected pages need, runs sqlmap in batch mode on each target and reads its output (sqlmap exits
0 either way). Fails if any target reports an injection point, or if sqlmap did not get to test it.
Usage: python tests/security/scan.py [OUTPUT_DIR]
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def signed_in_cookie(base: str, email: str) -> str:
    with requests.Session() as browser:
        page = browser.get(base + "/sign-in", timeout=10).text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        browser.post(base + "/sign-in", data={"csrf_token": token, "login_name": email,
                                              "password": "pathways-demo"}, timeout=10)
        return "; ".join(f"{c.name}={c.value}" for c in browser.cookies)


# (name, path, extra sqlmap arguments, who signs in)
TARGETS = [
    ("sign-in form", "/sign-in", ["--data", "login_name=someone&password=secret&csrf_token=x",
                                  "--csrf-token", "csrf_token"], None),
    ("participant search", "/staff/participants?q=malee", [], "staff@demo.pathways"),
    ("opportunity search and filters", "/opportunities?q=barista&kind=course&province=50&sector=food", [], None),
    ("shop catalogue search and sort", "/shop/?q=coffee&enterprise=nightlight-coffee&category=coffee&sort=price_low",
     [], None),
    ("audit log filter", "/admin/audit?action=account&record_type=user&actor=staff%40demo.pathways"
                         "&since=2026-01-01&until=2026-12-31", [], "admin@demo.pathways"),
]


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "test-artifacts" / "sqlmap")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pathways-scan-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{work}/scan.db", "SECRET_KEY": "scan-only",
           "HOME": str(work),
           # let sqlmap reach the real query: every throttle limit high
           **dict.fromkeys(("LOGIN_FAILURES_PER_MINUTE", "LOGIN_FAILURES_PER_ADDRESS",
                            "LOGIN_FREE_FAILURES_PER_ACCOUNT", "REGISTRATIONS_PER_ADDRESS_PER_HOUR",
                            "REGISTRATION_MAILS_PER_ADDRESS_PER_HOUR"), "100000")}
    flask = [str(BIN / "python"), "-m", "flask", "--app", "app"]
    subprocess.run(flask + ["db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(flask + ["seed-demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(BIN / "gunicorn"), "-w", "2", "--timeout", "120", "-b", f"127.0.0.1:{port}",
                               "--no-control-socket",
                               "--access-logfile", "/dev/null", "app:create_app()"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures = []
    try:
        # Both workers ready (a busy CI machine starts them slowly): pages answer before sqlmap starts.
        ready = 0
        for _ in range(600):
            try:
                ready += requests.get(base + "/sign-in", timeout=5).ok
            except requests.RequestException:
                time.sleep(0.1)
            if ready >= 4:
                break
        for name, path, extra, who in TARGETS:
            args = [str(BIN / "sqlmap"), "-u", base + path, "--batch", "--level", "1", "--risk", "1", "--timeout", "60",
                    "--flush-session", "--disable-coloring", "--output-dir", str(work / "sqlmap"),
                    "--drop-set-cookie", *extra]
            if who:
                args += ["--cookie", signed_in_cookie(base, who)]
            if "--csrf-token" in extra:
                args += ["--csrf-url", base + path]
            result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
            report = out / (name.replace(" ", "-") + ".txt")
            report.write_text(result.stdout + result.stderr)
            text = result.stdout
            if "identified the following injection point" in text or re.search(r"is vulnerable", text):
                verdict = "INJECTION FOUND"
                failures.append(name)
            elif "do not appear to be injectable" in text:
                verdict = "no injection point"
            else:
                verdict = "sqlmap did not finish testing (see report)"
                failures.append(name)
            print(f"sqlmap: {name} ({path.split('?')[0]}): {verdict}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
