"""The site's quiz script against the shared tables of cases, with Node's test runner.

``node --test tests/js/`` runs the JavaScript tests; this test runs it so that every tier of
the suite (``make unit``, ``make test``, CI) checks the script, and fails, saying so, when
Node.js is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(str(resources.files("lessons") / "data" / "quiz_cases"))


def _expected_count() -> int:
    scoring = json.loads((CASES / "scoring.json").read_text(encoding="utf-8"))
    numbers = json.loads((CASES / "numbers.json").read_text(encoding="utf-8"))["cases"]
    per_case = sum(len(scoring[k]) for k in ("choice", "numeric", "classification", "breakdown"))
    return per_case + len(numbers)


def test_the_quiz_script_passes_the_shared_cases():
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is needed to test the site's quiz script (src/lessons/static/quiz/quiz.js) "
            "and was not found on PATH. Install Node.js 20 or later (Debian: apt-get install "
            "nodejs), then run the tests again.",
            pytrace=False,
        )
    run = subprocess.run(
        [node, "--test", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, "node --test tests/js/ failed:\n" + report[-6000:]
    passed = re.search(r"^# pass (\d+)$", report, re.M)
    assert passed, "no test summary from node --test:\n" + report[-3000:]
    assert int(passed[1]) >= _expected_count(), "the JavaScript tests skipped some cases"
    assert re.search(r"^# fail 0$", report, re.M)
