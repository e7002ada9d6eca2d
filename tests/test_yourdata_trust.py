"""Issue 10: every number right, every bad input handled (each test failed before the fix).

Careless or hostile files: dates that wrapped into other centuries, two encodings in one
file, a date order overruled in silence, totals beyond the float range, total lines taken for
customers, files that crashed or hung the loader, names that rewrote the terminal, and
messages that misled. Each case here gives a right number, or a message that names the bad
value as the file has it, says what is accepted and what to do; the file is never modified.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lessons.yourdata import DataError, analyze_file, inspect_file, load_customer_file
from lessons.yourdata.messages import speaking_to
from lessons.yourdata.render import display_width, terminal_text

ROOT = Path(__file__).resolve().parents[1]


def report_of(text: str | bytes, **options):
    options.setdefault("customer", "customer")
    options.setdefault("amount", "amount")
    data = text.encode("utf-8") if isinstance(text, str) else text
    return analyze_file(data, **options)


def cli(path: Path, *extra: str) -> int:
    """``lessons analyze`` on a file whose columns are customer, amount and date."""
    from lessons.cli import main

    options = ["--customer", "customer", "--amount", "amount", "--date", "date"]
    return main(["analyze", str(path), *options, *extra])


def strict_json(text: str):
    """json.loads that refuses NaN and Infinity, as strict JSON parsers do."""

    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


# ----------------------------------------------------------------------------------------
# Dates: never wrapped into another century; dates after today said
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["9999-12-31", "0001-01-01", "2204-01-05", "1816-03-29"])
def test_dates_outside_1900_2099_are_refused_with_their_rows(bad):
    text = f"date,customer,amount\n2024-01-05,A,10\n2024-02-05,B,5\n{bad},B,5\n"
    with pytest.raises(
        DataError,
        match=rf"'date' has 1 date outside the years 1900 to 2099: row 4: '{bad}'\..*"
        r"leave the date column out \(date=None\)",
    ):
        report_of(text, date="date")


def test_a_mistyped_five_digit_year_is_not_a_date():
    with pytest.raises(DataError, match=r"row 3: '20024-01-05'"):
        report_of("date,customer,amount\n2024-01-05,A,10\n20024-01-05,B,5\n", date="date")


def test_an_excel_placeholder_date_is_refused_not_wrapped(tmp_path):
    path = tmp_path / "dates.xlsx"
    pd.DataFrame(
        {
            "date": [datetime.datetime(2024, 1, 5), datetime.datetime(9999, 12, 31)],
            "customer": ["A", "B"],
            "amount": [10.0, 5.0],
        }
    ).to_excel(path, index=False)
    ok = report_of(
        pd.DataFrame(
            {"date": ["2024-01-05", "2024-03-05"], "customer": ["A", "B"], "amount": [1, 2]}
        ).to_csv(index=False),
        date="date",
    )
    assert len(ok.monthly_revenue) == 3
    with pytest.raises(DataError, match=r"outside the years 1900 to 2099: row 3"):
        analyze_file(path, customer="customer", amount="amount", date="date")


def test_months_span_only_the_orders():
    report = report_of(
        "date,customer,amount\n2024-01-05,A,10\n2024-12-31,B,5\n2024-06-01,A,1\n", date="date"
    )
    months = report.monthly_revenue.index
    assert months[0] == pd.Timestamp("2024-01-01") and months[-1] == pd.Timestamp("2024-12-01")
    assert len(months) == 12


def test_dates_after_today_are_kept_and_said():
    report = report_of("date,customer,amount\n2024-01-05,A,10\n2098-07-01,B,5\n", date="date")
    assert report.customers == 2
    assert any(
        "1 row(s) are dated after today" in n and "row 3: '2098-07-01'" in n for n in report.notes
    )


# ----------------------------------------------------------------------------------------
# Encodings: a file mixing UTF-8 and Windows-1252 keeps each customer whole
# ----------------------------------------------------------------------------------------

MIXED = "customer;amount\nSociété;10\nBeta;3\n".encode() + "Société;5\nCafé;2\n".encode("cp1252")


def test_mixed_encodings_keep_one_customer_and_say_which_lines():
    report = report_of(MIXED)
    assert report.revenue.to_dict() == {"Société": 15.0, "Beta": 3.0, "Café": 2.0}
    assert report.detected["encoding"] == "utf-8 + cp1252"
    (note,) = report.notes
    assert "line(s) 4, 5 are in cp1252" in note and "lines 2)" in note


def test_mixed_encodings_with_utf8_forced_is_explained():
    with pytest.raises(DataError, match=r"lines 4, 5 are not UTF-8 while others are\. Leave"):
        report_of(MIXED, encoding="utf-8")


def test_mixed_encodings_with_cp1252_forced_warns_of_split_customers():
    report = report_of(MIXED, encoding="cp1252")
    assert any("Line(s) 2 of" in n and "SociÃ©tÃ©" in n for n in report.notes)


# ----------------------------------------------------------------------------------------
# Date order asked for, never overruled in silence
# ----------------------------------------------------------------------------------------

US = "date,customer,amount\n01/31/2024,A,10\n02/01/2024,B,5\n25/12/2024,B,5\n"


def test_us_dates_contradicted_by_a_row_name_it():
    with pytest.raises(
        DataError,
        match=r"read month first \(dayfirst=False\), but 1 value\(s\) can only be read day "
        r"first: row 4: '25/12/2024'\. If the whole file is day first, use dayfirst=True",
    ):
        report_of(US, date="date", dayfirst=False)


def test_us_dates_are_read_month_first_when_they_can_be():
    report = report_of(US.replace("25/12/2024", "12/25/2024"), date="date", dayfirst=False)
    assert report.monthly_revenue.index[-1] == pd.Timestamp("2024-12-01")


# ----------------------------------------------------------------------------------------
# Amounts beyond any real total: refused, shown as the file writes them; JSON always valid
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("customer,amount\nA,10\nB,1e309\n", "row 3: '1e309'"),  # the parser reads inf
        ("customer;amount\nA;10,50\nB;1e309\n", "row 3: '1e309'"),  # read as text
        ("customer,amount\nA,1e308\nB,1e308\n", "row 2: '1e308', row 3: '1e308'"),
    ],
)
def test_amounts_beyond_any_total_are_refused_as_written(text, shown):
    with pytest.raises(DataError, match=rf"too large to be (an amount|amounts): {shown}\."):
        report_of(text)


def test_infinity_written_out_is_not_an_amount():
    with pytest.raises(DataError, match=r"1 value that is not an amount: row 3: 'inf'\."):
        report_of("customer,amount\nA,10\nB,inf\n")


def test_json_summary_is_strict_json_even_with_undefined_values():
    report = report_of("customer,amount\nA,10\nB,5\n")
    broken = {**report.__dict__, "hhi": float("nan"), "total_revenue": float("inf")}
    summary = type(report)(**broken).to_dict()
    assert summary["hhi"] is None and summary["total_revenue"] is None
    assert strict_json(json.dumps(summary, allow_nan=False))["hhi"] is None


def test_cli_json_is_strict_json(capsys, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(
        "date,customer,amount\n2024-01-05,A,10\n2024-02-05,A,0\n2024-03-05,B,5\n", encoding="utf-8"
    )
    code = cli(path, "--json")
    out = capsys.readouterr().out
    assert code == 0 and "NaN" not in out and "Infinity" not in out
    assert strict_json(out)["customers"] == 2


# ----------------------------------------------------------------------------------------
# Total and subtotal lines are not customers
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["Total", "TOTAL", "Total :", "Grand total", "Total général"])
def test_a_final_total_line_is_left_out_and_said(label):
    report = report_of(f"customer;amount\nA;10\nB;5\nC;5\n{label};20\n")
    assert report.revenue.to_dict() == {"A": 10.0, "B": 5.0, "C": 5.0}
    assert report.excluded_customers == [] and "Left out (net" not in report.to_text()
    assert report.total_revenue == 20
    assert any(f"row 5: {label!r} (€20.00)" in n for n in report.notes)


def test_subtotals_and_the_grand_total_are_left_out():
    text = (
        "customer;amount\nA;10\nB;5\nSous-total;15\nC;4\nA;3\nSous-total Lyon;7\nTotal général;22\n"
    )
    report = report_of(text)
    assert report.revenue.to_dict() == {"A": 13.0, "B": 5.0, "C": 4.0}
    assert report.rows == 4
    assert any("Left out 3 total row(s)" in n for n in report.notes)


def test_an_empty_customer_with_the_sum_above_is_a_total_line():
    report = report_of("customer,amount\nA,10\nB,5\n,15\n")
    assert report.revenue.to_dict() == {"A": 10.0, "B": 5.0}
    assert any("row 4: (empty) (€15.00)" in n for n in report.notes)


def test_a_customer_named_total_is_kept_when_its_amounts_are_not_sums():
    report = report_of("customer;amount\nA;10\nTotal;4\nB;5\nTotal;3\n")
    assert report.revenue.to_dict() == {"A": 10.0, "Total": 7.0, "B": 5.0}
    assert any("A customer is named 'Total': kept" in n for n in report.notes)


def test_a_subtotal_word_alone_is_always_a_total_line():
    report = report_of("customer;amount\nA;10\nB;5\nSous-total;14,99\n")
    assert report.revenue.to_dict() == {"A": 10.0, "B": 5.0}


# ----------------------------------------------------------------------------------------
# Crashes and hangs
# ----------------------------------------------------------------------------------------


def test_a_locked_or_forbidden_file_is_explained(tmp_path, monkeypatch):
    path = tmp_path / "locked.csv"
    path.write_text("customer,amount\nA,1\nB,2\n", encoding="utf-8")

    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(
        DataError, match=r"cannot be opened: permission denied\. If it is open in Excel"
    ):
        analyze_file(path, customer="customer", amount="amount")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_it_is_read():
    with pytest.raises(DataError, match=r"/dev/zero is not a regular file"):
        analyze_file("/dev/zero", customer="c", amount="a")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "orders.csv"
    os.mkfifo(fifo)
    # In a child process: a loader that opened the FIFO would wait for a writer for ever.
    code = (
        "from lessons.yourdata import analyze_file, DataError\n"
        f"try:\n    analyze_file({str(fifo)!r}, customer='c', amount='a')\n"
        "except DataError as e:\n    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "is not a regular file" in done.stdout, done.stderr


def test_the_size_limit_is_said_with_the_option_to_raise_it(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("customer,amount\n" + "A,1\n" * 1000, encoding="utf-8")
    with pytest.raises(DataError, match=r"larger than the 0 MB this tool reads.*max_bytes=2000"):
        analyze_file(path, customer="customer", amount="amount", max_bytes=1000)
    with speaking_to("cli"), pytest.raises(DataError, match=r"--max-mb 1\)"):
        analyze_file(path, customer="customer", amount="amount", max_bytes=1000)
    stream = io.BytesIO(path.read_bytes())
    with pytest.raises(DataError, match=r"is more than the limit MB"):
        analyze_file(stream, customer="customer", amount="amount", max_bytes=1000)


def test_cli_piped_into_head_ends_cleanly():
    sample = ROOT / "src" / "lessons" / "data" / "sample_transactions_fr.csv"
    command = (
        f"{sys.executable} -m lessons.cli analyze {sample} --customer Client "
        "--amount 'Montant HT' --date Date | head -n 1"
    )
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.startswith("Key-account candidates and concentration")
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.returncode in (0, 141)


# ----------------------------------------------------------------------------------------
# Text on a terminal: escaped, and aligned by display width
# ----------------------------------------------------------------------------------------

HOSTILE = [
    "ACME\x1b[2J\x1b[31mRED",
    "Bell\x07 Corp",
    "Two\nLines",
    "Tab\tbed",
    "Evil\u202etxt.exe",
    "東京商事株式会社",
    "Café 🚀 Rocket",
]


def test_control_characters_are_shown_not_obeyed():
    rows = "".join(f'"{name}",{100 - i}\n' for i, name in enumerate(HOSTILE))
    text = report_of("customer,amount\n" + rows).to_text()
    for raw in ("\x1b", "\x07", "\t", "\u202e"):
        assert raw not in text
    assert "ACME␛[2J␛[31mRED" in text and "Bell␇ Corp" in text and "Two␊Lines" in text
    assert "Evil<U+202E>txt.exe" in text
    assert terminal_text("a\x9bb") == "a\\x9bb"


def test_tables_line_up_with_wide_characters():
    rows = "".join(f'"{name}",{100 - i}\n' for i, name in enumerate(HOSTILE))
    text = report_of("customer,amount\n" + rows).to_text()
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  Customer "))
    table = lines[start : start + 1 + len(HOSTILE)]
    # Every row of the candidates table ends its amount and share in the same terminal column.
    ends = {display_width(line) for line in table}
    assert len(ends) == 1, table
    share_columns = {display_width(line.rsplit("  ", 1)[0]) for line in table[1:]}
    assert len(share_columns) == 1, table
    assert display_width("東京") == 4 and display_width("🚀") == 2 and display_width("é") == 1


# ----------------------------------------------------------------------------------------
# Messages that misled
# ----------------------------------------------------------------------------------------


def workbook(tmp_path: Path, sheets: dict[str, pd.DataFrame | None]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, frame in sheets.items():
        sheet = book.create_sheet(title)
        if frame is not None:
            sheet.append(list(frame.columns))
            for row in frame.itertuples(index=False):
                sheet.append(list(row))
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


SALES = pd.DataFrame({"Client": ["A", "B", "A"], "CA": [10.0, 5.0, 3.0]})


def test_an_empty_first_sheet_names_the_sheets_with_data(tmp_path):
    path = workbook(tmp_path, {"Notes": None, "Ventes": SALES})
    with pytest.raises(
        DataError,
        match=r"The first sheet of book\.xlsx, 'Notes', is empty\. The sheets with data are: "
        r"2: 'Ventes'\. Choose one with sheet=\"Ventes\" \(or its number, sheet=2\)",
    ):
        analyze_file(path, customer="Client", amount="CA")
    with (
        speaking_to("cli"),
        pytest.raises(DataError, match=r"--sheet Ventes \(or its number, --sheet 2\)"),
    ):
        analyze_file(path, customer="Client", amount="CA")


@pytest.mark.parametrize("sheet", ["Ventes", 2, "2"])
def test_a_sheet_by_name_or_by_number_from_1(tmp_path, sheet):
    path = workbook(tmp_path, {"Notes": None, "Ventes": SALES})
    assert analyze_file(path, customer="Client", amount="CA", sheet=sheet).total_revenue == 18


def test_sheet_numbers_start_at_1(tmp_path):
    path = workbook(tmp_path, {"Notes": None, "Ventes": SALES})
    with pytest.raises(DataError, match=r"There is no sheet 0.*1: 'Notes', 2: 'Ventes'"):
        analyze_file(path, customer="Client", amount="CA", sheet=0)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Export des ventes 2024;;\ncustomer;amount;x\nA;10;1\nB;5;2\n", "on row 2"),
        ("\n\ncustomer;amount\nA;10\nB;5\n", "on row 3; what is above them (blank rows)"),
        ("sep=;\ncustomer;amount\nA;10\nB;5\n", "'sep=;', is Excel's separator hint"),
        ("Ventes;2024-01-31\n\ncustomer;amount\nA;10\nB;5\n", "('Ventes', '2024-01-31')"),
    ],
)
def test_rows_above_the_header_are_skipped_and_said(text, note):
    report = report_of(text)
    assert report.revenue.to_dict() == {"A": 10.0, "B": 5.0}
    assert any(note in n for n in report.notes), report.notes


def test_row_numbers_count_the_rows_above_the_header():
    with pytest.raises(DataError, match=r"row 5: 'oops'"):
        report_of("Export;\n\ncustomer;amount\nA;10\nB;oops\n")


def test_a_title_row_in_excel_is_skipped(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Ventes 2024"])
    sheet.append([])
    sheet.append(["Client", "CA"])
    sheet.append(["A", 10.0])
    sheet.append(["B", 5.0])
    path = tmp_path / "title.xlsx"
    book.save(path)
    report = analyze_file(path, customer="Client", amount="CA")
    assert report.total_revenue == 15 and "row 3" in report.notes[0]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ventes.csv", r"ventes\.csv is a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "ventes.csv", r"is a PDF document"),
        (b"customer,amount\nA\x00B,1\n", "ventes.csv", r"holds binary data \(NUL bytes\)"),
        (b"<!DOCTYPE html><html><table>", "ventes.xls", r"is a web page \(HTML\)"),
        (b"PK\x03\x04word/document.xml", "ventes.xlsx", r"is a Word document"),
    ],
)
def test_binary_files_are_diagnosed_by_their_content(content, name, message):
    with pytest.raises(DataError, match=message):
        analyze_file(content, name=name, customer="customer", amount="amount")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_read(codec):
    data = "customer;amount\nSociété;10\nBeta;5\n".encode(codec)
    report = analyze_file(data, name="export.csv", customer="customer", amount="amount")
    assert report.revenue.to_dict() == {"Société": 10.0, "Beta": 5.0}
    assert report.detected["encoding"] == "utf-16"


def test_a_text_file_named_xlsx_is_read_by_its_content():
    report = analyze_file(
        b"customer;amount\nA;1\nB;2\n", name="export.xlsx", customer="customer", amount="amount"
    )
    assert report.total_revenue == 3 and "is a text file (by its content)" in report.notes[0]


def test_missing_value_markers_are_blanks_not_customers():
    text = "customer,amount\nA,10\nB,5\nN/A,N/A\n#N/A,\nNA,null\n"
    report = report_of(text)
    assert report.revenue.to_dict() == {"A": 10.0, "B": 5.0}
    assert "N/A" not in report.revenue.index and "NA" not in report.revenue.index
    assert report.excluded_customers == []
    assert any("3 row(s) held only empty cells or missing-value markers" in n for n in report.notes)
    with pytest.raises(DataError, match=r"row 3: 'N/A'\..*how spreadsheets write a missing value"):
        report_of("customer,amount\nA,10\nB,N/A\n")
    with pytest.raises(DataError, match=r"has no customer on 1 row\(s\).*row 3: '#N/A'"):
        report_of("customer,amount\nA,10\n#N/A,5\nB,3\n")


def test_missing_value_markers_in_excel_are_counted_not_silently_blank(tmp_path):
    path = workbook(
        tmp_path,
        {"Ventes": pd.DataFrame({"Client": ["A", "B", "#N/A"], "CA": [10.0, 5.0, "#N/A"]})},
    )
    report = analyze_file(path, customer="Client", amount="CA")
    assert report.customers == 2 and any("missing-value markers" in n for n in report.notes)


def test_score_messages_name_the_column_and_speak_of_scores():
    text = "customer,amount,Engagement (1-5)\nA,10,3\nB,5,high\n"
    with pytest.raises(DataError) as caught:
        report_of(text, engagement="Engagement (1-5)")
    message = str(caught.value)
    assert "The score column 'Engagement (1-5)'" in message and "row 3: 'high'" in message
    assert "refund" not in message and "€" not in message
    with pytest.raises(
        DataError,
        match=r"'Engagement \(1-5\)' has 1 value\(s\) outside the 1-5 scale: row 3: '9'\.",
    ):
        report_of(text.replace("high", "9"), engagement="Engagement (1-5)")


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("python", 'give it, e.g. sep=";"'),
        ("cli", 'give it, e.g. --sep ";"'),
        ("panel", "“Separator: ;” in the panel"),
    ],
)
def test_messages_name_options_as_the_caller_gives_them(caller, expected):
    with speaking_to(caller), pytest.raises(DataError) as caught:
        report_of("customer amount\nA 1\nB 2\n", sep=",")
    assert expected in str(caught.value)


def test_cli_messages_name_cli_options(capsys, tmp_path):
    path = tmp_path / "us.csv"
    path.write_text(US, encoding="utf-8")
    code = cli(path, "--us-dates")
    err = capsys.readouterr().err
    assert code == 2 and "(--us-dates)" in err and "dayfirst" not in err
    assert "the command without --us-dates" in err


def test_repeated_headers_are_refused_naming_both_columns():
    with pytest.raises(
        DataError,
        match=r"The header \(row 1\) names two columns 'amount', at column 2 \(B\) and "
        r"column 4 \(D\), and the amount column must be one of them",
    ):
        report_of("customer,amount,x,amount\nA,10,1,2\nB,5,2,3\n")
    # A repeated column nobody maps is no obstacle.
    assert report_of("customer,amount,x,x\nA,10,1,2\nB,5,2,3\n").total_revenue == 15


def test_a_gross_amount_column_is_said_to_include_tax():
    report = report_of("Client;Montant TTC\nA;12\nB;6\n", customer="Client", amount="Montant TTC")
    assert any("includes VAT (TTC, gross)" in n and "do not change" in n for n in report.notes)


# ----------------------------------------------------------------------------------------
# The learner's file is never modified, whatever it holds
# ----------------------------------------------------------------------------------------

BAD_FILES = {
    "dates.csv": b"date,customer,amount\n2024-01-05,A,10\n9999-12-31,B,5\n",
    "mixed.csv": MIXED,
    "huge.csv": b"customer,amount\nA,10\nB,1e309\n",
    "totals.csv": b"customer;amount\nA;10\nB;5\nTotal;15\n",
    "hostile.csv": b'customer,amount\n"ACME\x1b[2J",10\nB,5\n',
    "title.csv": b"Export;;\ncustomer;amount;x\nA;10;1\nB;5;2\n",
    "image.csv": b"\x89PNG\r\n\x1a\n\x00\x00",
    "utf16.csv": "customer;amount\nA;1\nB;2\n".encode("utf-16"),
    "markers.csv": b"customer,amount\nA,10\nB,N/A\n",
    "repeated.csv": b"customer,amount,amount\nA,10,1\nB,5,2\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_the_file_is_never_modified(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    try:
        analyze_file(path, customer="customer", amount="amount", date=None)
    except DataError as error:
        assert str(error)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_inspect_and_load_agree_on_a_lower_header():
    info = inspect_file(b"Ventes 2024;;\ncustomer;amount;x\nA;10;1\n")
    assert info.columns == ["customer", "amount", "x"] and info.header_row == 2
    data = load_customer_file(
        b"Ventes 2024;;\ncustomer;amount;x\nA;10;1\nB;2;3\n", customer="customer", amount="amount"
    )
    assert data.frame.index.tolist() == [3, 4] and np.allclose(data.frame["amount"], [10, 2])


def test_cli_json_escapes_what_a_terminal_would_obey(capsys, tmp_path):
    from lessons.cli import main

    path = tmp_path / "names.csv"
    path.write_text('customer,amount\n"Evil\u202etxt",10\n"Bell\x07",5\n', encoding="utf-8")
    code = main(["analyze", str(path), "--customer", "customer", "--amount", "amount", "--json"])
    out = capsys.readouterr().out
    assert code == 0 and "\u202e" not in out and "\x07" not in out
    assert "\\u202e" in out and strict_json(out)["candidates"][0] == "Evil\u202etxt"
