"""Total and subtotal lines of an export: found, left out, and said, never taken for customers.

An export made for people often ends with a "Total" line, or has "Sous-total" lines between
groups; analysed as a customer, such a line is the largest customer of all and every share
is wrong. A row is a total line when its customer cell reads as one
(:func:`lessons.yourdata.rules.total_label`), or is empty, and, unless the word can only mean
a total ("Sous-total", "Grand total"), when its amount is the sum of the rows above it (since
the previous total line, or since the top).

>>> import numpy as np
>>> names = np.array(["A", "B", "Total"], dtype=object)
>>> totals = find_totals(np.array([0, 1, 0, 2]), names, np.array([10.0, 5.0, 2.0, 17.0]))
>>> totals.rows.tolist(), totals.named_total_kept
([3], [])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lessons.yourdata.rules import total_labels

__all__ = ["Totals", "find_totals"]


@dataclass(frozen=True)
class Totals:
    """Positions (0-based, in file order) of the total rows, and of the rows named like a
    total that were kept as customers because their amount is not a sum of rows above."""

    rows: np.ndarray = field(repr=False)
    named_total_kept: list[int] = field(default_factory=list)


def _close(amount: float, total: float) -> bool:
    """Equal to the cent (and to a billionth for huge sums, whose cents float rounds)."""
    return abs(amount - total) <= max(0.01, 1e-9 * abs(total))


def find_totals(codes: np.ndarray, names: np.ndarray, amounts: np.ndarray) -> Totals:
    """The total lines among rows of customer ``codes`` (-1: empty) and their ``amounts``.

    Args:
        codes: each row's customer as a position in ``names``, -1 for an empty cell.
        names: the customer names.
        amounts: each row's amount (€).

    Returns:
        a :class:`Totals`.
    """
    kinds = total_labels(names.tolist() if isinstance(names, np.ndarray) else names)
    always = np.flatnonzero(kinds == "always")
    if_sum = np.flatnonzero(kinds == "if_sum")
    marked = np.isin(codes, always)
    candidate = marked | np.isin(codes, if_sum) | (codes < 0)
    if not candidate.any():
        return Totals(np.zeros(0, dtype=np.int64))
    # Running sum of the rows that are surely not totals; candidates kept as customers are
    # added as the walk meets them.
    running = np.cumsum(np.where(candidate, 0.0, amounts))
    kept = 0.0
    since = 0.0  # the sum of all rows above the previous total line
    totals, named_kept = [], []
    for p in np.flatnonzero(candidate):
        above = running[p] + kept
        value = float(amounts[p])
        if marked[p] or _close(value, above - since) or _close(value, above):
            totals.append(p)
            since = above
        else:
            kept += value
            if codes[p] >= 0:
                named_kept.append(int(p))
    return Totals(np.asarray(totals, dtype=np.int64), named_kept)
