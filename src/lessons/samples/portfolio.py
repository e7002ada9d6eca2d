"""The course's sample portfolio: 25 fictional B2B customers of one supplier (a shipped CSV).

>>> load_sample_portfolio().columns.tolist()[:3]
['account', 'sector', 'revenue']
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

__all__ = ["load_sample_portfolio"]


def load_sample_portfolio() -> pd.DataFrame:
    """The course's sample portfolio: 25 fictional B2B customers of one supplier.

    Columns: ``account``, ``sector``, ``revenue`` (€ per year), ``strategic_value``,
    ``growth_potential``, ``engagement`` (1-5). All names are invented. It is built so that
    the largest customer by revenue is *not* the top account by weighted score, and so that
    revenue is clearly concentrated without being exactly "80/20".

    Returns:
        A new DataFrame on each call (changing it never changes the next one).

    >>> sample = load_sample_portfolio()
    >>> len(sample), int(sample["revenue"].sum())
    (25, 9824000)
    """
    path = resources.files("lessons") / "data" / "portfolio_sample.csv"
    with path.open(encoding="utf-8") as handle:
        return pd.read_csv(handle)
