"""Tests of lessons.yourdata: reading messy customer files, the checks, and the report."""

from __future__ import annotations

import contextlib
import hashlib
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.yourdata import (
    MAJOR_CUSTOMER_THRESHOLD,
    RISK_THRESHOLD,
    DataError,
    analyze,
    analyze_file,
    guess_mapping,
    inspect_file,
    load_customer_file,
    parse_amounts,
    parse_dates,
    synthetic_transactions,
)
from lessons.yourdata.parsing import detect_decimal

DATA = Path(__file__).resolve().parents[1] / "src" / "lessons" / "data"
SAMPLE_FR = DATA / "sample_transactions_fr.csv"
SAMPLE_CUSTOMERS = DATA / "samples" / "customers_en.csv"

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def report_of(text: str, **options) -> object:
    options.setdefault("customer", "customer")
    options.setdefault("amount", "amount")
    return analyze_file(text.encode("utf-8"), **options)


# A tiny portfolio computed by hand: shares 50 %, 25 %, 15 %, 10 %.
HAND = "customer,amount\nA,300\nB,250\nA,200\nC,150\nD,100\n"


# ----------------------------------------------------------------------------------------
# The report, against hand-computed values
# ----------------------------------------------------------------------------------------


def test_report_matches_hand_computed_values():
    report = report_of(HAND)
    assert report.customers == 4
    assert report.total_revenue == 1000
    assert report.kind == "transactions"
    # top ceil(p x 4): 1 customer for 1 %, 5 %, 10 % and 20 % (ceil(0.8) = 1).
    assert report.top_share == {"1%": 0.5, "5%": 0.5, "10%": 0.5, "20%": 0.5}
    # 0.5^2 + 0.25^2 + 0.15^2 + 0.1^2 = 0.345 -> 3,450 on the 0-10,000 scale.
    assert report.hhi == pytest.approx(3450)
    # A + B = 75 % < 80 %, A + B + C = 90 %: three customers of four.
    assert report.customers_share_for_80pct == 0.75
    assert report.candidates == ["A", "B", "C"]
    assert report.largest_customer == "A"
    assert report.largest_share == 0.5
    assert report.major_customer and report.concentration_risk


def test_largest_share_flags_against_both_thresholds():
    # 12 % is a major customer (>= 10 %) but below the 15 % risk threshold.
    rows = ["customer,amount", "Big,12"] + [f"C{i},{88 / 11}" for i in range(11)]
    report = report_of("\n".join(rows) + "\n")
    assert report.largest_share == pytest.approx(0.12)
    assert MAJOR_CUSTOMER_THRESHOLD == 0.10 and RISK_THRESHOLD == 0.15
    assert report.major_customer and not report.concentration_risk
    assert "major customer" in report.to_text()
    even = report_of("customer,amount\n" + "".join(f"C{i},10\n" for i in range(20)))
    assert not even.major_customer and not even.concentration_risk


def test_refunds_are_netted_per_customer_and_reported():
    text = "customer,amount\nA,500\nA,-100\nB,300\nC,50\nC,-80\n"
    report = report_of(text)
    assert report.revenue.to_dict() == {"A": 400, "B": 300}
    assert report.refund_rows == 2 and report.refund_total == -180
    assert report.excluded_customers == ["C"]
    words = report.to_text()
    assert "Refunds netted per customer: 2 rows, −€180.00" in words
    assert "Left out (net revenue ≤ 0):  1 customer(s): C" in words


def test_monthly_revenue_growth_and_candidate_growth():
    text = (
        "date,customer,amount\n"
        "2024-01-15,A,100\n2024-01-20,B,100\n"
        "2024-02-03,A,150\n2024-02-28,B,50\n"
        "2024-04-01,A,300\n2024-04-02,B,100\n"
    )
    report = report_of(text, date="date")
    monthly = report.monthly_revenue
    assert monthly.index.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert monthly.tolist() == [200, 200, 0, 400]  # March had no order: shown as 0
    growth = report.monthly_growth.tolist()
    assert math.isnan(growth[0]) and growth[1] == 0 and growth[2] == -1
    assert math.isnan(growth[3])  # growth from an empty month is undefined
    ka = report.candidate_growth
    assert ka.attrs["months"] == ("2024-03", "2024-04")
    assert ka.loc["A", "last_month"] == 300 and ka.loc["A", "previous_month"] == 0
    assert math.isnan(ka.loc["A", "growth"])


def test_candidate_growth_between_the_last_two_months():
    text = "date,customer,amount\n2024-05-02,A,200\n2024-06-09,A,250\n2024-06-10,B,100\n"
    ka = report_of(text, date="date").candidate_growth
    assert ka.loc["A", "growth"] == pytest.approx(0.25)


def test_weighted_score_when_score_columns_exist():
    report = analyze_file(
        SAMPLE_CUSTOMERS,
        customer="customer",
        amount="revenue",
        strategic_value="strategic_value",
        growth_potential="growth_potential",
        engagement="engagement",
    )
    assert report.kind == "customers"
    scores = report.scores
    assert len(scores) == report.customers
    assert scores["score"].between(0, 100).all()
    assert scores["rank"].tolist() == list(range(1, report.customers + 1))


def test_score_on_a_single_mapped_column_ignores_the_others():
    text = "customer,amount,engagement\nA,100,1\nB,100,5\n"
    scores = report_of(text, engagement="engagement").scores
    # Equal revenue: the engaged customer ranks first; revenue and engagement weigh 1/2 each.
    assert scores.index.tolist() == ["B", "A"]
    assert scores.loc["B", "score"] == pytest.approx(100)
    assert scores.loc["A", "score"] == pytest.approx(50)


def test_json_summary_has_exactly_the_documented_keys():
    summary = report_of(HAND).to_dict()
    assert list(summary) == [
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
    ]
    assert list(summary["top_share"]) == ["1%", "5%", "10%", "20%"]
    assert summary["candidates"] == ["A", "B", "C"] and summary["notes"] == []


# ----------------------------------------------------------------------------------------
# French and English exports of the same data
# ----------------------------------------------------------------------------------------


def french_and_english(orders: pd.DataFrame) -> tuple[bytes, bytes]:
    def fr(value: float) -> str:
        text = f"{abs(value):,.2f}".replace(",", NBSP).replace(".", ",")
        return ("-" if value < 0 else "") + text + " €"

    french = pd.DataFrame(
        {
            "Date": orders["date"].dt.strftime("%d/%m/%Y"),
            "Client": orders["customer"],
            "Montant HT": [fr(v) for v in orders["amount"]],
        }
    ).to_csv(sep=";", index=False, lineterminator="\r\n")
    english = pd.DataFrame(
        {
            "order_date": orders["date"].dt.strftime("%Y-%m-%d"),
            "account": orders["customer"],
            "revenue": [f"${v:,.2f}" if v >= 0 else f"(${-v:,.2f})" for v in orders["amount"]],
        }
    ).to_csv(index=False)
    return french.encode("cp1252"), english.encode("utf-8-sig")


def same_report(one, two) -> None:
    # The same numbers; only the file's name (and how it was read) may differ.
    def numbers(report):
        return {k: v for k, v in report.to_dict().items() if k not in ("file", "notes")}

    assert numbers(one) == numbers(two)
    pd.testing.assert_series_equal(one.revenue, two.revenue)
    pd.testing.assert_series_equal(one.monthly_revenue, two.monthly_revenue)
    pd.testing.assert_series_equal(one.monthly_growth, two.monthly_growth)
    pd.testing.assert_frame_equal(one.candidate_growth, two.candidate_growth)


def test_french_and_english_files_give_identical_reports(tmp_path):
    orders = synthetic_transactions(
        rows=600, customers=["Société Générale", "Café Noël", "Beta", "Gamma", "Delta"], seed=3
    )
    french, english = french_and_english(orders)
    fr_path = tmp_path / "export_fr.csv"
    en_path = tmp_path / "export_en.csv"
    fr_path.write_bytes(french)
    en_path.write_bytes(english)
    fr_report = analyze_file(fr_path, customer="Client", amount="Montant HT", date="Date")
    en_report = analyze_file(en_path, customer="account", amount="revenue", date="order_date")
    assert fr_report.detected == {
        "sep": ";",
        "decimal": ",",
        "encoding": "cp1252",
        "date_format": "%d/%m/%Y",
    }
    assert en_report.detected["encoding"] == "utf-8-sig"
    assert en_report.detected["sep"] == ","
    same_report(fr_report, en_report)
    # and both agree with a direct computation on the original numbers
    net = orders.groupby("customer")["amount"].sum()
    assert fr_report.total_revenue == pytest.approx(net[net > 0].sum())


def test_bundled_french_sample_is_read_with_every_detail():
    report = analyze_file(SAMPLE_FR, customer="Client", amount="Montant HT", date="Date")
    assert report.detected["encoding"] == "cp1252"
    assert report.rows == 2400 and report.customers == 40
    assert "Banque Lumière" in report.candidates
    assert report.refund_rows > 0
    assert len(report.monthly_revenue) == 18


# ----------------------------------------------------------------------------------------
# Amounts, dates, encodings, separators
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1 234,56 €", ",", 1234.56),
        (f"1{NBSP}234,56{NBSP}€", ",", 1234.56),
        (f"1{NNBSP}234,56 €", ",", 1234.56),
        (f"1{THIN}234{THIN}567,5", ",", 1234567.5),
        ("1.234,56", ",", 1234.56),
        ("-12,50", ",", -12.5),
        ("12,50-", ",", -12.5),
        ("\u221212,50 €", ",", -12.5),
        ("€ -12,50", ",", -12.5),
        ("1234,5 EUR", ",", 1234.5),
        ("$1,234.56", ".", 1234.56),
        ("-$1,234.56", ".", -1234.56),
        ("(1,234.56)", ".", -1234.56),
        ("USD 1,234,567.89", ".", 1234567.89),
        ("1'234.50 CHF", ".", 1234.5),
        ("£.5", ".", 0.5),
        ("42", ".", 42.0),
    ],
)
def test_amount_formats(text, decimal, expected):
    assert parse_amounts([text], decimal=decimal).tolist() == [pytest.approx(expected)]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["12,50", "3,2"], ","),  # one or two digits after the mark: decimal
        (["12.50", "3.2"], "."),
        (["1.234,56"], ","),  # both marks: the last one is the decimal
        (["1,234.56"], "."),
        (["1.234.567"], ","),  # repeated groups of three: thousands
    ],
)
def test_decimal_mark_is_detected_from_the_amounts(values, expected):
    assert detect_decimal(pd.Series(values), sep=",") == expected


def test_ambiguous_amounts_follow_the_separator():
    assert detect_decimal(pd.Series(["1,234"]), sep=";") == ","
    assert detect_decimal(pd.Series(["1,234"]), sep=",") == "."


def test_amounts_that_are_not_numbers_are_listed_with_their_rows():
    values = pd.Series(["12", "twelve", "", "1,2,3", "5"], index=[2, 3, 4, 5, 6])
    with pytest.raises(
        DataError,
        match=r"3 values that are not amounts: row 3: 'twelve', row 4: "
        r"\(empty\), row 5: '1,2,3'\. Accepted: .*1 234,56 €",
    ):
        parse_amounts(values, decimal=".", column="amount")


@pytest.mark.parametrize(
    ("texts", "fmt", "first"),
    [
        (["2024-01-31", "2024-02-01"], "%Y-%m-%d", "2024-01-31"),
        (["31/01/2024", "01/02/2024"], "%d/%m/%Y", "2024-01-31"),
        (["31.01.2024"], "%d.%m.%Y", "2024-01-31"),
        (["31-01-2024"], "%d-%m-%Y", "2024-01-31"),
        (["2024-01-31 14:30:00"], "%Y-%m-%d %H:%M:%S", "2024-01-31"),
        (["03/04/2024"], "%d/%m/%Y", "2024-04-03"),  # ambiguous: day first
        (["01/31/2024", "12/25/2024"], "%m/%d/%Y", "2024-01-31"),  # only US reads both
    ],
)
def test_date_formats(texts, fmt, first):
    dates, found = parse_dates(texts)
    assert found == fmt
    assert dates.iloc[0].strftime("%Y-%m-%d") == first


def test_us_dates_when_asked():
    dates, fmt = parse_dates(["03/04/2024"], dayfirst=False)
    assert fmt == "%m/%d/%Y" and dates.iloc[0].month == 3


def test_unparseable_dates_are_listed_with_their_rows(tmp_path):
    text = "date,customer,amount\n2024-01-05,A,1\n2024-13-45,B,2\nyesterday,B,3\n,A,4\n"
    with pytest.raises(
        DataError,
        match=r"The column 'date' has 3 values that are not dates: row 3: '2024-13-45', "
        r"row 4: 'yesterday', row 5: \(empty\)\. Accepted: 2024-01-31 \(ISO\), 31/01/2024",
    ):
        report_of(text, date="date")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "Société;Montant\nCafé Noël;1 234,56 €\nÉlan;10\n"
    path = write(tmp_path, text, encoding=encoding)
    info = inspect_file(path)
    assert info.encoding == encoding and info.columns == ["Société", "Montant"]
    report = analyze_file(path, customer="Société", amount="Montant")
    assert report.largest_customer == "Café Noël"
    assert report.total_revenue == pytest.approx(1244.56)


def test_encoding_given_is_checked(tmp_path):
    path = write(tmp_path, "client;montant\nCafé;1\nBar;2\n", encoding="cp1252")
    with pytest.raises(DataError, match=r"not in the encoding 'utf-8': line 2 has the byte 0xe9"):
        load_customer_file(path, customer="client", amount="montant", encoding="utf-8")
    with pytest.raises(DataError, match=r"'klingon' is not a text encoding.*cp1252"):
        load_customer_file(path, customer="client", amount="montant", encoding="klingon")
    data = load_customer_file(path, customer="client", amount="montant", encoding="cp1252")
    assert data.frame["customer"].tolist() == ["Café", "Bar"]


@pytest.mark.parametrize(
    ("sep", "given"), [(";", None), (",", None), ("\t", None), ("|", None), ("\t", "\\t")]
)
def test_separators(sep, given):
    text = sep.join(["customer", "amount"]) + "\n" + f"A{sep}10\nB{sep}30\n"
    report = report_of(text, sep=given)
    assert report.detected["sep"] == sep and report.total_revenue == 40


def test_file_names_and_amounts_are_trimmed():
    report = report_of(" customer , amount \nACME , 10\n ACME,5\nBeta,5\n")
    assert report.revenue.to_dict() == {"ACME": 15, "Beta": 5}


def test_blank_lines_are_skipped_and_rows_counted_as_in_a_spreadsheet():
    text = "customer,amount\nA,10\n\nB,oops\n"
    with pytest.raises(DataError, match=r"row 4: 'oops'"):
        report_of(text)
    assert report_of("customer,amount\nA,10\n\nB,5\n").rows == 2


def test_numeric_customer_ids_stay_readable(tmp_path):
    path = tmp_path / "ids.xlsx"
    pd.DataFrame({"id": [1001, 1002, 1001], "amount": [5.0, 1.0, 4.0]}).to_excel(path, index=False)
    assert analyze_file(path, customer="id", amount="amount").candidates == ["1001"]


def test_guess_mapping_from_usual_names():
    guess = guess_mapping(["Date facture", "Nom client", "Montant TTC", "Potentiel croissance"])
    assert guess["customer"] == "Nom client"
    assert guess["amount"] == "Montant TTC"
    assert guess["date"] == "Date facture"
    assert guess["growth_potential"] == "Potentiel croissance"
    assert guess["engagement"] is None


# ----------------------------------------------------------------------------------------
# Excel
# ----------------------------------------------------------------------------------------


def test_excel_round_trip_gives_the_csv_report(tmp_path):
    orders = synthetic_transactions(rows=300, customers=["Alpha", "Bêta", "Gamma"], seed=5)
    xlsx = tmp_path / "orders.xlsx"
    orders.to_excel(xlsx, index=False, sheet_name="Orders")
    csv = tmp_path / "orders.csv"
    orders.assign(date=orders["date"].dt.strftime("%Y-%m-%d")).to_csv(csv, index=False)
    options = {"customer": "customer", "amount": "amount", "date": "date"}
    from_excel = analyze_file(xlsx, **options)
    from_csv = analyze_file(csv, **options)
    same_report(from_excel, from_csv)
    assert from_excel.detected["date_format"] is None  # real date cells, no text to parse
    assert pd.read_excel(xlsx).shape == (300, 3)


def test_excel_with_text_amounts_and_a_named_sheet(tmp_path):
    path = tmp_path / "export.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="Notes", index=False)
        pd.DataFrame(
            {"Client": ["A", "B", "A"], "Montant": ["1 234,56 €", "765,44 €", "-0,00"]}
        ).to_excel(writer, sheet_name="Ventes", index=False)
    report = analyze_file(path, customer="Client", amount="Montant", sheet="Ventes")
    assert report.total_revenue == pytest.approx(2000)
    with pytest.raises(DataError, match=r"There is no sheet 'Sales'.*1: 'Notes', 2: 'Ventes'"):
        analyze_file(path, customer="Client", amount="Montant", sheet="Sales")


# ----------------------------------------------------------------------------------------
# Bad inputs: each with its message
# ----------------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"The file .*nowhere\.csv does not exist\. Check the name"):
        analyze_file(tmp_path / "nowhere.csv", customer="c", amount="a")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(DataError, match=r"is a folder, not a file"):
        analyze_file(tmp_path, customer="c", amount="a")


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \r\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match=r"empty\.csv is empty: it has no column names and no rows"):
        analyze_file(path, customer="c", amount="a")


@pytest.mark.parametrize("text", ["customer;amount\n", "customer;amount\n\n\n", "customer;amount"])
def test_header_only(text):
    with pytest.raises(
        DataError, match=r"has column names \('customer', 'amount'\) but no data rows"
    ):
        report_of(text)


def test_header_only_excel(tmp_path):
    path = tmp_path / "h.xlsx"
    pd.DataFrame({"customer": [], "amount": []}).to_excel(path, index=False)
    with pytest.raises(DataError, match=r"but no data rows"):
        analyze_file(path, customer="customer", amount="amount")


def test_unknown_column_lists_the_columns_and_suggests_the_closest():
    with pytest.raises(
        DataError,
        match=r"There is no column 'Montnt' \(the amount column\) in the file\. The file has "
        r"these columns: 'Client', 'Montant', 'Date'\. Did you mean 'Montant'\?",
    ):
        report_of("Client,Montant,Date\nA,1,2024-01-01\n", customer="Client", amount="Montnt")


def test_unknown_column_with_different_case_is_suggested():
    with pytest.raises(DataError, match=r"Did you mean 'CUSTOMER'\?"):
        report_of("CUSTOMER,amount\nA,1\n", customer="customer")


def test_one_column_found_points_at_the_separator():
    with pytest.raises(DataError, match=r"Only one column was found, so the separator is probably"):
        report_of("customer amount\nA 1\n", sep=",")


def test_same_column_for_two_roles():
    with pytest.raises(
        DataError,
        match=r"'amount' is mapped twice: as the amount column and as "
        r"the engagement column",
    ):
        report_of(HAND, engagement="amount")


def test_missing_customer_names():
    with pytest.raises(
        DataError, match=r"'customer' has no customer on 2 row\(s\).*: row 3: \(empty\), row 5"
    ):
        report_of("customer,amount\nA,1\n,2\nB,3\n  ,4\n")


def test_non_numeric_amounts_in_a_file():
    text = "Client;Montant\nA;12,50 €\nB;douze\nC;\nD;1 000,00 €\n"
    with pytest.raises(
        DataError,
        match=r"The column 'Montant' has 2 values that are not amounts: row 3: 'douze', "
        r"row 4: \(empty\)\. .*the decimal mark used is ','",
    ):
        report_of(text, customer="Client", amount="Montant")


def test_at_most_five_bad_values_are_shown():
    text = "customer,amount\n" + "".join(f"C{i},x{i}\n" for i in range(9))
    with pytest.raises(DataError, match=r"9 values that are not amounts") as caught:
        report_of(text)
    assert "row 6: 'x4'" in str(caught.value) and "x5" not in str(caught.value)


def test_all_amounts_zero():
    with pytest.raises(DataError, match=r"Every amount in .* is zero \(3 rows\)"):
        report_of("customer,amount\nA,0\nB,0,00\nC,-0\n".replace("0,00", "0"))


def test_single_customer():
    with pytest.raises(
        DataError,
        match=r"Only one customer has revenue in .*: 'ACME'.*at least "
        r"two are needed",
    ):
        report_of("customer,amount\nACME,10\nACME,20\n")


def test_single_customer_after_refunds():
    with pytest.raises(DataError, match=r"Only one customer has revenue.*'A'"):
        report_of("customer,amount\nA,10\nB,5\nB,-5\n")


def test_no_positive_revenue():
    with pytest.raises(DataError, match=r"No customer has a positive net revenue"):
        report_of("customer,amount\nA,-10\nB,-5\n")


def test_ragged_rows_are_explained():
    with pytest.raises(
        DataError,
        match=r"Row 3 of .* has 4 fields but the header has 2 "
        r"\(separator ','\): 'B,2,3,4'\. A value that contains the separator",
    ):
        report_of('customer,amount\nA,1\nB,2,3,4\n"C,3\n')


def test_unquoted_amount_with_the_separator_is_explained():
    # pandas alone would silently shift the columns (ACME -> index, "$1" -> customer).
    with pytest.raises(DataError, match=r"Row 2 of .* has 3 fields but the header has 2"):
        report_of("customer,amount\nACME,$1,200.00\nACME,-200\nBeta,$500\n")
    text = "customer,amount\n" + "A,1\n" * 2500 + "B,$1,200.00\n"  # beyond the first rows
    with pytest.raises(DataError, match=r"Row 2502 of .* has 3 fields"):
        report_of(text)


def test_bad_options():
    with pytest.raises(DataError, match=r"The decimal mark must be '\.' or ','"):
        report_of(HAND, decimal=";")
    with pytest.raises(DataError, match=r"The separator must be one character"):
        report_of(HAND, sep="ab")
    with pytest.raises(DataError, match=r"Say which column is the customer column"):
        report_of(HAND, customer="")


def test_old_excel_format(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(DataError, match=r"old Office format \(\.xls.*Save As"):
        analyze_file(path, customer="c", amount="a")


def test_damaged_excel(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(DataError, match=r"broken\.xlsx could not be read as an Excel \.xlsx"):
        analyze_file(path, customer="c", amount="a")


def test_scores_outside_the_scale():
    with pytest.raises(
        DataError,
        match=r"The score column 'engagement' has 1 value\(s\) outside the 1-5 scale: "
        r"row 3: '9'\.",
    ):
        report_of("customer,amount,engagement\nA,1,3\nB,2,9\n", engagement="engagement")


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)


# ----------------------------------------------------------------------------------------
# The learner's file is never modified
# ----------------------------------------------------------------------------------------


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize("bad", [False, True])
def test_input_file_is_never_modified(tmp_path, bad):
    text = "Date;Client;Montant\n31/01/2024;Café;1 234,56 €\n01/02/2024;Bar;-12,50\n"
    text += "01/02/2024;Hôtel;99,00 €\n"
    if bad:
        text += "02/02/2024;Tabac;oops\n"
    path = write(tmp_path, text, encoding="cp1252")
    before = digest(path)
    try:
        analyze_file(path, customer="Client", amount="Montant", date="Date")
    except DataError:
        assert bad
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


def test_excel_file_is_never_modified(tmp_path):
    path = tmp_path / "orders.xlsx"
    synthetic_transactions(rows=50, customers=3, seed=1).to_excel(path, index=False)
    before = digest(path)
    analyze_file(path, customer="customer", amount="amount", date="date")
    assert digest(path) == before


# ----------------------------------------------------------------------------------------
# The synthetic data and the samples
# ----------------------------------------------------------------------------------------


def test_synthetic_transactions_are_seeded():
    one = synthetic_transactions(rows=500, customers=10, seed=9)
    pd.testing.assert_frame_equal(one, synthetic_transactions(rows=500, customers=10, seed=9))
    assert not one.equals(synthetic_transactions(rows=500, customers=10, seed=10))
    assert (one["amount"] < 0).mean() == pytest.approx(0.03, abs=0.03)
    assert one["date"].between("2024-01-01", "2025-06-30").all()


def test_bundled_samples_are_reproducible_from_the_generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_samples", DATA / "samples" / "make_samples.py"
    )
    make_samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_samples)
    assert make_samples.transactions_fr() == SAMPLE_FR.read_bytes()
    assert make_samples.customers_en() == SAMPLE_CUSTOMERS.read_bytes()


def test_analyze_on_data_already_loaded():
    data = load_customer_file(HAND.encode(), customer="customer", amount="amount")
    assert data.rows == 5 and data.frame.index.tolist() == [2, 3, 4, 5, 6]
    assert analyze(data, a=0.5, b=0.9).candidates == ["A"]


def test_a_million_rows_are_not_needed_to_check_speed_but_numbers_stay_exact():
    orders = synthetic_transactions(rows=20_000, customers=300, seed=2)
    text = orders.assign(date=orders["date"].dt.strftime("%Y-%m-%d")).to_csv(index=False)
    report = report_of(text, date="date")
    net = orders.groupby("customer")["amount"].sum()
    assert report.customers == int((net > 0).sum())
    np.testing.assert_allclose(
        report.revenue.sort_index().to_numpy(), net[net > 0].sort_index().to_numpy()
    )


# ----------------------------------------------------------------------------------------
# Fuzz: malformed files give a report or a DataError, never anything else
# ----------------------------------------------------------------------------------------

_CELL = st.text(
    alphabet=st.sampled_from([*"AB c1234567890,;.-()€$\"'\t\n\r/ ", NBSP, NNBSP, "é"]),
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(_CELL, max_size=30),
    header=st.sampled_from(
        ["customer;amount\n", "customer,amount\n", "customer;amount;date\n", ""]
    ),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]),
)
def test_malformed_csv_gives_a_report_or_a_data_error(body, header, encoding):
    text = header + "".join(body)
    options = {"date": "date"} if "date" in header else {}
    try:
        report = analyze_file(
            text.encode(encoding, errors="replace"), customer="customer", amount="amount", **options
        )
    except DataError as error:
        assert str(error)  # a message, in words
        return
    assert report.customers >= 2
    assert report.total_revenue > 0
    assert 0 < report.largest_share < 1
    assert 10_000 / report.customers - 1e-6 <= report.hhi <= 10_000


_CUSTOMER = st.sampled_from(["A", "B", "Café", " C ", '"D;E"', "nan", "0", ""])
_AMOUNT = st.one_of(
    st.decimals(min_value=-1000, max_value=10**9, places=2).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2).map(lambda d: f"{d:,.2f} €"),
    st.sampled_from(["12,50", "1 234,56 €", "$1,234.56", "(3.00)", "-0", "abc", "", "1e3"]),
)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.tuples(_CUSTOMER, _AMOUNT), max_size=25),
    garbage=st.one_of(st.none(), st.tuples(st.integers(0, 25), _CELL)),
    sep=st.sampled_from([";", ",", "\t"]),
    decimal=st.sampled_from([None, ",", "."]),
)
def test_messy_but_structured_rows_give_a_report_or_a_data_error(rows, garbage, sep, decimal):
    lines = [f"customer{sep}amount"] + [sep.join(row) for row in rows]
    if garbage is not None:
        lines.insert(1 + min(garbage[0], len(rows)), garbage[1])
    try:
        report = report_of("\n".join(lines) + "\n", decimal=decimal)
    except DataError as error:
        assert str(error)
        return
    assert report.customers >= 2
    assert math.isclose(report.revenue.sum(), report.total_revenue)
    assert set(report.candidates) <= set(report.revenue.index)


def test_unclosed_quote_is_explained():
    with pytest.raises(DataError, match=r"a quote \(\"\) opened on row 3 is never closed"):
        report_of('customer,amount\nA,1\n"B,2\nC,3\n')


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes_give_a_report_or_a_data_error(data):
    with contextlib.suppress(DataError):
        analyze_file(data, customer="customer", amount="amount")


@settings(max_examples=60, deadline=None)
@given(
    amounts=st.lists(
        st.decimals(min_value=-10_000, max_value=1_000_000, places=2, allow_nan=False),
        min_size=2,
        max_size=15,
    )
)
def test_any_amount_reads_the_same_in_french_and_english(amounts):
    orders = pd.DataFrame(
        {
            "date": pd.Timestamp("2024-01-01"),
            "customer": [f"C{i % 4}" for i in range(len(amounts))],
            "amount": [float(a) for a in amounts],
        }
    )
    french, english = french_and_english(orders)
    fr = load_customer_file(french, customer="Client", amount="Montant HT", decimal=",")
    en = load_customer_file(english, customer="account", amount="revenue", decimal=".")
    np.testing.assert_array_equal(fr.frame["amount"].to_numpy(), orders["amount"].to_numpy())
    np.testing.assert_array_equal(en.frame["amount"].to_numpy(), orders["amount"].to_numpy())
