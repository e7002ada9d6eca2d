"""A seeded monthly history of four key accounts, for the scorecard chapter and its panel.

The accounts are four customers of the sample portfolio
(:func:`lessons.samples.portfolio.load_sample_portfolio`), each with a story over the year, so
that the scorecard has something to say about each. The history is illustrative: drawn with a
seed, the same on every run.

>>> sample_account_history(seed=0)["account"].unique().tolist()[:2]
['Vantor Retail Group', 'Banque Méridienne']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lessons.checks import is_number
from lessons.i18n import t

__all__ = ["sample_account_history"]

#: The four key accounts of the sample history (from the sample portfolio of
#: :func:`lessons.samples.portfolio.load_sample_portfolio`) and how each one behaves over the year:
#: starting monthly revenue (€), monthly revenue trend, mean satisfaction at the start and at
#: the end, probability of an on-time delivery, deliveries per month.
_SAMPLE_ACCOUNTS = {
    "Vantor Retail Group": (185_000, -0.020, 3.6, 2.6, 0.93, 40),
    "Banque Méridienne": (128_000, 0.012, 4.6, 4.7, 0.97, 12),
    "Hollis Aerostructures": (100_000, 0.004, 4.0, 4.0, 0.88, 25),
    "Brightwell Health": (38_000, 0.045, 4.1, 4.5, 0.96, 8),
}
_SAMPLE_COMPANY_MONTHLY = 820_000


def sample_account_history(
    seed: int = 0, months: int = 12, start: str | pd.Period = "2024-01"
) -> pd.DataFrame:
    """A seeded monthly history of four key accounts, for the scorecard chapter.

    The accounts come from the sample portfolio. Their stories: the largest (Vantor Retail
    Group) shrinks and grows less satisfied; the bank grows steadily and is delighted; the
    aerospace manufacturer is satisfied but often delivered late; the health company is small
    but growing fast. Revenue is drawn around each trend with 4 % noise, on-time deliveries
    are binomial, and the monthly satisfaction rating is a rounded draw around a mean that
    drifts from its start value to its end value.

    Args:
        seed: seed of :func:`numpy.random.default_rng`; the same seed gives the same history.
        months: number of months, 2 to 60.
        start: first month, e.g. ``"2024-01"``.

    Returns:
        A DataFrame with the columns of :data:`lessons.scorecard.HISTORY_COLUMNS` and
        ``company_revenue`` (€), one row per account per month, ``month`` a monthly ``Period``.

    >>> history = sample_account_history(seed=0)
    >>> history.shape, history["account"].nunique()
    ((48, 7), 4)
    >>> sample_account_history(months=1)
    Traceback (most recent call last):
        ...
    ValueError: months must be between 2 and 60 (got 1).
    """
    if not is_number(seed) or float(seed) != int(seed) or seed < 0:
        raise ValueError(t("scorecard.error.seed", value=seed))
    if not is_number(months) or float(months) != int(months):
        raise TypeError(t("errors.not_integer", name="months", value=months))
    if not 2 <= months <= 60:
        raise ValueError(
            t("errors.out_of_range", name="months", low=2, high=60, unit="", value=months)
        )
    is_month = isinstance(start, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", start)
    if not (is_month or isinstance(start, pd.Period)):
        raise ValueError(t("scorecard.error.start", value=start))
    periods = pd.period_range(start=start, periods=int(months), freq="M")
    rng = np.random.default_rng(int(seed))
    company = np.round(_SAMPLE_COMPANY_MONTHLY * (1 + rng.normal(0, 0.03, size=len(periods))), -2)
    rows = []
    steps = np.linspace(0, 1, len(periods))
    for account, (
        base,
        trend,
        sat_start,
        sat_end,
        p_on_time,
        deliveries,
    ) in _SAMPLE_ACCOUNTS.items():
        revenue = base * (1 + trend) ** np.arange(len(periods))
        revenue = np.round(revenue * (1 + rng.normal(0, 0.04, size=len(periods))), -2)
        delivered = rng.poisson(deliveries, size=len(periods))
        on_time = rng.binomial(delivered, p_on_time)
        mean = sat_start + (sat_end - sat_start) * steps
        rating = np.clip(np.rint(mean + rng.normal(0, 0.6, size=len(periods))), 1, 5)
        for i, month in enumerate(periods):
            rows.append(
                {
                    "month": month,
                    "account": account,
                    "revenue": float(max(revenue[i], 0.0)),
                    "deliveries": int(delivered[i]),
                    "on_time": int(on_time[i]),
                    "satisfaction": int(rating[i]),
                    "company_revenue": float(company[i]),
                }
            )
    return pd.DataFrame(rows)
