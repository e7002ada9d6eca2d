"""Apply the course to your own data: load a customer or transactions file, check it, report.

Real exports are messy. French spreadsheets use ``;`` between columns, a decimal comma,
(narrow) non-breaking spaces between thousands, ``DD/MM/YYYY`` dates and the Windows-1252
encoding; English ones use ``,`` and ISO dates; amounts carry ``€`` or ``$``; refunds are
negative; columns are named anything. The package works in four steps, one module each:

* :mod:`~lessons.yourdata.reading` reads the file, **never writing to it**: a CSV (separator,
  encoding detected or given) or an Excel ``.xlsx`` workbook;
* :mod:`~lessons.yourdata.parsing` reads the values: amounts such as ``1 234,56 €``,
  ``$1,234.56``, ``-12,50`` or ``(12.50)``, dates such as ``2024-01-31`` or ``31/01/2024``;
  :mod:`~lessons.yourdata.loading` keeps the columns you map and checks them;
* :mod:`~lessons.yourdata.analysis` builds a :class:`Report` with :func:`analyze`: ABC
  classes, concentration, the weighted key-account score and the monthly revenue KPIs, every
  formula called from :mod:`lessons.accounts` and :mod:`lessons.kpis`;
* :mod:`~lessons.yourdata.render` writes the report for a terminal, or as JSON.

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
from lessons.yourdata.loading import CustomerData, load_customer_file
from lessons.yourdata.messages import DataError
from lessons.yourdata.parsing import parse_amounts, parse_dates
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
    "sample_file",
    "synthetic_transactions",
]
