"""`python -m cai_cach` runs the same command line as the `caicach` script."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO, SHIPPED_PLAN


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cai_cach", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_python_dash_m_checks_a_plan_and_reports_usage_errors() -> None:
    ok = run_module("check", str(SHIPPED_PLAN))
    assert ok.returncode == 0, ok.stderr
    wrong = run_module("overdue", "--as-of", "hôm qua", str(SHIPPED_PLAN))
    assert wrong.returncode == 2
    assert "Traceback" not in wrong.stderr
