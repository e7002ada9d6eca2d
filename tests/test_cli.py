"""Tests of the ``lessons`` command: ``info`` and ``analyze`` (JSON, exit codes, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lessons.cli import main
from lessons.yourdata import analyze_file

SAMPLE_FR = Path(__file__).resolve().parents[1] / "src" / "lessons" / "data"
SAMPLE_FR = SAMPLE_FR / "sample_transactions_fr.csv"
FR = ["--customer", "Client", "--amount", "Montant HT", "--date", "Date"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_still_works(capsys):
    code, out, _ = run(capsys, "info")
    assert code == 0 and "make book" in out


def test_analyze_json_has_the_documented_keys_and_values(capsys):
    code, out, err = run(capsys, "analyze", str(SAMPLE_FR), *FR, "--json")
    assert code == 0 and err == ""
    summary = json.loads(out)
    assert set(summary) == {
        "file",
        "rows",
        "kind",
        "customers",
        "total_revenue",
        "top_share",
        "customers_share_for_80pct",
        "hhi",
        "largest_customer",
        "largest_share",
        "candidates",
        "notes",
    }
    assert set(summary["top_share"]) == {"1%", "5%", "10%", "20%"}
    assert all(0 < v <= 1 for v in summary["top_share"].values())  # fractions, not percents
    report = analyze_file(SAMPLE_FR, customer="Client", amount="Montant HT", date="Date")
    assert summary == json.loads(json.dumps(report.to_dict()))
    assert summary["candidates"][0] == "Banque Lumière"  # accents kept, not escaped


def test_analyze_readable_report(capsys):
    code, out, _ = run(capsys, "analyze", str(SAMPLE_FR), *FR, "--sep", ";", "--decimal", ",")
    assert code == 0
    assert "Customers with revenue:      40" in out
    assert "Share of customers making 80 % of revenue" in out
    assert "Herfindahl-Hirschman index" in out
    assert "RISK: at least 15.0 % of revenue depends on one customer." in out
    assert "Monthly revenue and month-over-month growth" in out
    assert "Candidates' revenue growth, May 2025 to Jun 2025 (a KPI per customer)" in out


def test_analyze_with_score_columns(capsys):
    customers = SAMPLE_FR.parent / "samples" / "customers_en.csv"
    scores = ["--strategic-value", "strategic_value", "--growth-potential", "growth_potential"]
    code, out, _ = run(
        capsys,
        "analyze",
        str(customers),
        "--customer",
        "customer",
        "--amount",
        "revenue",
        *scores,
        "--engagement",
        "engagement",
    )
    assert code == 0
    assert "Read 40 rows of customers (one row per customer)" in out
    assert "Weighted key-account score, 0-100" in out
    assert "  Ateliers Méca Lyon      1           " in out


def test_analyze_with_encoding_given(capsys):
    code, out, _ = run(capsys, "analyze", str(SAMPLE_FR), *FR, "--encoding", "cp1252", "--json")
    assert code == 0 and json.loads(out)["customers"] == 40


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.csv", "--customer", "c", "--amount", "a"], "does not exist"),
        (
            [str(SAMPLE_FR), "--customer", "Clients", "--amount", "Montant HT"],
            "Did you mean 'Client'?",
        ),
        ([str(SAMPLE_FR), "--customer", "Client", "--amount", "Date"], "not amounts"),
        ([str(SAMPLE_FR), *FR, "--encoding", "utf-8"], "not in the encoding 'utf-8'"),
        ([str(SAMPLE_FR), *FR, "--decimal", "x"], "decimal mark must be"),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys, argv, message):
    code, out, err = run(capsys, "analyze", *argv)
    assert code == 2 and out == ""
    assert err.startswith("lessons analyze: ") and message in err
    assert "Traceback" not in err


def test_missing_required_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["analyze", str(SAMPLE_FR), "--customer", "Client"])
    assert stop.value.code == 2
    assert "--amount" in capsys.readouterr().err


def test_installed_command_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("customer;amount\nA;oops\nB;1\n", encoding="utf-8")
    command = [sys.executable, "-m", "lessons.cli", "analyze", str(bad)]
    done = subprocess.run(
        [*command, "--customer", "customer", "--amount", "amount"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "row 2: 'oops'" in done.stderr and "Traceback" not in done.stderr


def test_sheet_by_number_and_size_limit_options(capsys, tmp_path):
    import pandas as pd

    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame().to_excel(writer, sheet_name="Notes", index=False)
        pd.DataFrame({"c": ["A", "B"], "a": [1.0, 3.0]}).to_excel(
            writer, sheet_name="V", index=False
        )
    code, out, err = run(
        capsys, "analyze", str(path), "--customer", "c", "--amount", "a", "--sheet", "2", "--json"
    )
    assert code == 0 and json.loads(out)["customers"] == 2
    code, out, err = run(capsys, "analyze", str(path), "--customer", "c", "--amount", "a")
    assert code == 2 and "--sheet V (or its number, --sheet 2)" in err
    code, out, err = run(
        capsys, "analyze", str(path), "--customer", "c", "--amount", "a", "--max-mb", "0"
    )
    assert code == 2 and "--max-mb must be a size in MB greater than 0 (got 0.0)" in err
