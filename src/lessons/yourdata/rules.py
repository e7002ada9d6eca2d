"""The lines the your-data analysis draws: thresholds, limits and the words it recognises.

They live in one place so that the analysis, the text report, the panel, the charts and the
messages all say the same numbers.

>>> MAJOR_CUSTOMER_THRESHOLD, RISK_THRESHOLD, TOP_FRACTIONS
(0.1, 0.15, (0.01, 0.05, 0.1, 0.2))
>>> is_missing_marker(" #N/A "), is_missing_marker("Nadia")
(True, False)
>>> total_label("Sous-total :"), total_label("Total"), total_label("TotalEnergies")
('always', 'if_sum', None)
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

__all__ = [
    "FIRST_YEAR",
    "HHI_MAX",
    "LAST_YEAR",
    "MAJOR_CUSTOMER_THRESHOLD",
    "MARKER_LENGTH",
    "MAX_AMOUNT",
    "MAX_FILE_BYTES",
    "MISSING_MARKERS",
    "RISK_THRESHOLD",
    "TOP_FRACTIONS",
    "is_missing_marker",
    "total_label",
    "total_labels",
]

#: A customer making at least this share of revenue is a "major customer" (the threshold of
#: IFRS 8.34, which requires disclosing any customer that makes 10 % or more of revenue).
MAJOR_CUSTOMER_THRESHOLD = 0.10
#: Above this share, losing the customer is a risk the course asks you to plan for: the line
#: this course draws (not a legal or accounting threshold; adjust it to your business).
RISK_THRESHOLD = 0.15
#: The shares of customers whose revenue share the report gives (top ceil(p x N) customers).
TOP_FRACTIONS = (0.01, 0.05, 0.10, 0.20)
#: The top of the Herfindahl-Hirschman scale (one customer makes all revenue).
HHI_MAX = 10_000

#: The largest file read (bytes). Analysing a file takes about three times its size in memory;
#: a bigger export is better summed per customer first. ``max_bytes`` / ``--max-mb`` raise it.
MAX_FILE_BYTES = 512 * 2**20
#: The largest amount accepted, in absolute value (a thousand trillion €, far beyond any
#: economy): beyond it a value is a code or a typo, and sums of such values lose their cents
#: or overflow to infinity.
MAX_AMOUNT = 1e15
#: Dates are accepted from the first day of FIRST_YEAR to the last day of LAST_YEAR. Outside,
#: a date is a placeholder (9999-12-31 for "no end", 0001-01-01 for "no date") or a typo.
FIRST_YEAR = 1900
LAST_YEAR = 2099

#: Cells that spreadsheets and databases write for "no value": read as empty, never as text.
MISSING_MARKERS = ("NA", "N/A", "#N/A", "n/a", "null", "NULL", "#NULL!", "NaN", "None")
_MISSING = frozenset(m.casefold() for m in MISSING_MARKERS)
#: No marker is longer: a longer text need not be compared with them.
MARKER_LENGTH = max(map(len, MISSING_MARKERS))

# Labels of a total or subtotal line in an export, compared without case, accents or
# punctuation. "always": never a customer's name. "if_sum": a word a customer could be named
# ("Total" was a French oil company), so only a row whose amount is the sum of the rows above
# it counts as a total. A label starting with one of the prefixes ("Total Lyon", "Sous-total
# mars") is a subtotal under the same condition.
_TOTALS_ALWAYS = frozenset(
    {
        "sous total",
        "soustotal",
        "subtotal",
        "sub total",
        "grand total",
        "total general",
        "total generale",
        "totaux",
        "totals",
        "total ht",
        "total ttc",
        "montant total",
        "total des ventes",
        "total sales",
    }
)
_TOTALS_IF_SUM = frozenset({"total", "somme", "sum", "cumul"})
_TOTAL_PREFIXES = ("total ", "sous total ", "subtotal ", "sub total ", "grand total ")
# Every total label holds one of these (in any case): names without them are never totals.
_TOTAL_STEMS = ("tot", "somme", "sum", "cumul")


def is_missing_marker(text: object) -> bool:
    """True if a cell holds one of :data:`MISSING_MARKERS` (spaces and case ignored)."""
    return isinstance(text, str) and text.strip().casefold() in _MISSING


def _plain_words(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: ``"Sous-total :"`` -> ``"sous total"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def total_label(text: object) -> str | None:
    """Whether a customer name reads as a total line: ``"always"``, ``"if_sum"`` or ``None``."""
    if not isinstance(text, str):
        return None
    words = _plain_words(text)
    if words in _TOTALS_ALWAYS:
        return "always"
    if words in _TOTALS_IF_SUM or words.startswith(_TOTAL_PREFIXES):
        return "if_sum"
    return None


def total_labels(names: list[str] | np.ndarray) -> np.ndarray:
    """:func:`total_label` of many names (``""`` for none), fast for a million of them.

    A list is taken to hold texts already; any other sequence is converted.
    """
    out = np.full(len(names), "", dtype=object)
    if not isinstance(names, list):
        names = [n if type(n) is str else str(n) for n in names]
    if not names:
        return out
    # A few scans of all the names joined, instead of a Python call per name.
    joined = "\x00".join(names)
    lowered = joined.lower()
    if joined.count("\x00") == len(names) - 1 and len(lowered) == len(joined):
        if joined.isascii():  # where each name starts, from the separators' bytes
            nul = np.flatnonzero(np.frombuffer(joined.encode("ascii"), dtype=np.uint8) == 0)
        else:
            lengths = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
            nul = np.cumsum(lengths + 1)[:-1] - 1
        starts = np.concatenate([[0], nul + 1])
        found = []
        for stem in _TOTAL_STEMS:
            at = lowered.find(stem)
            while at >= 0:
                found.append(at)
                at = lowered.find(stem, at + 1)
        hits = np.unique(np.searchsorted(starts, found, side="right") - 1)
    else:  # a NUL in a name, or a letter whose lower case is longer, would shift positions
        hits = range(len(names))
    for i in hits:
        out[i] = total_label(names[i]) or ""
    return out
