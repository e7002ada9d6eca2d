"""Apply the course to your own data: load a customer or transactions file, check it, report.

Real exports are messy. French spreadsheets use ``;`` between columns, a decimal comma,
(narrow) non-breaking spaces between thousands, ``DD/MM/YYYY`` dates and the Windows-1252
encoding; English ones use ``,`` and ISO dates; amounts carry ``€`` or ``$``; refunds are
negative; columns are named anything. The package works in four steps, one module each:

* reading and decoding, **never writing to the file**: :mod:`~lessons.yourdata.decoding`
  (bytes, what they are, their encoding), :mod:`~lessons.yourdata.layout` (separator,
  header row, column names), :mod:`~lessons.yourdata.workbook` (Excel sheets) and
  :mod:`~lessons.yourdata.reading` (the table);
* parsing: :mod:`~lessons.yourdata.parsing` (amounts such as ``1 234,56 €``, ``$1,234.56``,
  ``(12.50)``; 1-5 scores) and :mod:`~lessons.yourdata.dates`; then
  :mod:`~lessons.yourdata.loading` keeps the columns you map, checks them and leaves out
  blank rows and total lines (:mod:`~lessons.yourdata.totals`);
* analysis: :mod:`~lessons.yourdata.analysis` builds a :class:`Report` with :func:`analyze`:
  ABC classes (class A: key-account *candidates*), concentration, the weighted key-account
  score and the monthly revenue KPIs, every formula called from :mod:`lessons.accounts` and
  :mod:`lessons.kpis`;
* rendering: :mod:`~lessons.yourdata.render` writes the report for a terminal, or as JSON.

:mod:`~lessons.yourdata.messages` (the error type, options named as the reader gives them)
and :mod:`~lessons.yourdata.rules` (thresholds, limits, recognised words) serve them all.

Whatever goes wrong stops with one error type, :class:`DataError` (a ``ValueError``), whose
message says what is wrong, where (row numbers as a spreadsheet shows them: the header is
row 1) and what is accepted.

>>> csv_text = "Client;Montant\\nACME;1 234,56 €\\nBeta;765,44 €\\nGamma;-12,50\\n"
>>> report = analyze_file(csv_text.encode("cp1252"), customer="Client", amount="Montant")
>>> report.customers, round(report.total_revenue, 2)
(2, 2000.0)
>>> analyze_file(csv_text.encode(), customer="Clients", amount="Montant")
Traceback (most recent call last):
    ...
lessons.yourdata.DataError: There is no column 'Clients' (the customer column) in the file. \
The file has these columns: 'Client', 'Montant'. Did you mean 'Client'?
"""

from lessons.samples import synthetic_transactions
from lessons.yourdata.analysis import Report, analyze, analyze_file
from lessons.yourdata.dates import parse_dates
from lessons.yourdata.loading import CustomerData, load_customer_file
from lessons.yourdata.messages import DataError
from lessons.yourdata.parsing import parse_amounts, parse_scores
from lessons.yourdata.reading import (
    SAMPLE_MAPPING,
    FileInfo,
    guess_mapping,
    inspect_file,
    sample_file,
)
from lessons.yourdata.rules import MAJOR_CUSTOMER_THRESHOLD, RISK_THRESHOLD, TOP_FRACTIONS

__all__ = [
    "MAJOR_CUSTOMER_THRESHOLD",
    "RISK_THRESHOLD",
    "SAMPLE_MAPPING",
    "TOP_FRACTIONS",
    "CustomerData",
    "DataError",
    "FileInfo",
    "Report",
    "analyze",
    "analyze_file",
    "guess_mapping",
    "inspect_file",
    "load_customer_file",
    "parse_amounts",
    "parse_dates",
    "parse_scores",
    "sample_file",
    "synthetic_transactions",
]
