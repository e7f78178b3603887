#!/usr/bin/env bash
# Load benchmark, run by hand: serves Pathways with gunicorn (2 workers) on seeded data and runs wrk against
# a trivial Flask route and each main page in one run. Installs Debian's wrk when it is missing.
#   bench/load.sh                       # SQLite, 1,000 units of bench/seed.py (built once, then reused)
#   DATABASE_URL=postgresql://… bench/load.sh
#   UNITS=100 SECONDS=5 bench/load.sh   # smaller and quicker
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
exec "$ROOT/.venv/bin/python" "$ROOT/bench/load.py" "$@"
