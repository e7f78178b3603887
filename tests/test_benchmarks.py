"""The benchmarks in bench/ still run: each is started as it is run by hand, on tiny data, and prints its
figures. They assert nothing about speed (that is what they print); this only keeps them from rotting."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each benchmark is a process of its own

ROOT = Path(__file__).resolve().parents[1]

# Every script in bench/ that prints figures, with arguments that make it small. A new script fails the
# completeness test below until it is listed here.
TINY_RUNS = {
    "queries.py": (["--small", "1", "--large", "2", "--scan-rows", "50"], ["statements", "pages read a table"]),
    "exports.py": (["--units", "1", "2"], ["peak MB", "xlsx"]),
    "matching.py": (["--participants", "20", "--opportunities", "200", "--naive-sample", "2"], ["naive"]),
    "cache_rebuilds.py": (["--units", "1", "--repeat", "1"], ["rebuilt ms", "matches page ranking"]),
    # The cross-validation it prints is run by tests/training/test_screening_second_opinion.py.
    "screening.py": (["--no-cross-validation", "--sample", "60"], ["held", "second opinion"]),
    "disclosure_audit.py": (["--provinces", "6", "--years", "2"], ["narrowest range", "protected in"]),
    # Without Chromium it says so and measures nothing.
    "page_weight.py": (["--languages", "en"], ["page bytes not measured"] if not Path("/usr/bin/chromium").exists()
                       else ["fonts downloaded", "/sign-in"]),
}
NOT_RUN = {"__init__.py", "seed.py", "load.py", "trivial_app.py"}  # seed is used by the others; load needs wrk


def test_every_benchmark_script_is_run_here():
    assert {path.name for path in (ROOT / "bench").glob("*.py")} == set(TINY_RUNS) | NOT_RUN


@pytest.mark.parametrize("script", sorted(TINY_RUNS))
def test_the_benchmark_runs_on_tiny_data_and_prints_its_figures(script, tmp_path):
    arguments, expected = TINY_RUNS[script]
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/bench.sqlite3"}
    result = subprocess.run([sys.executable, str(ROOT / "bench" / script), *arguments], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    for words in expected:
        assert words in result.stdout, result.stdout[-2000:]
