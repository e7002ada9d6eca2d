"""A made-up transactions table, seeded: the bundled sample, the tests and the benchmarks.

>>> orders = synthetic_transactions(rows=4, customers=["A", "B"], seed=1)
>>> orders.columns.tolist(), len(orders)
(['date', 'customer', 'amount'], 4)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lessons.i18n import t

__all__ = ["synthetic_transactions"]


def synthetic_transactions(
    rows: int = 2_000,
    customers: int | list[str] = 40,
    *,
    start: str = "2024-01-01",
    months: int = 18,
    refund_rate: float = 0.03,
    seed: int = 0,
) -> pd.DataFrame:
    """A made-up transactions table: a few large customers, many small ones, some refunds.

    Customer sizes follow a Zipf-like law (the k-th largest buys about 1/k^1.1 as much as the
    largest), the usual shape of B2B portfolios; order values are log-normal around €500.

    Args:
        rows: number of orders.
        customers: how many customers, or their names.
        start: first day (ISO); ``months``: how many months the orders span.
        refund_rate: share of orders that are refunds (negative amounts), 0 to 0.5.
        seed: the random seed (same seed, same table).

    Returns:
        a DataFrame with columns ``date`` (datetime64), ``customer`` (text), ``amount`` (€).

    >>> synthetic_transactions(rows=3, customers=["A", "B"], seed=1).columns.tolist()
    ['date', 'customer', 'amount']
    >>> synthetic_transactions(rows=0)
    Traceback (most recent call last):
        ...
    ValueError: rows must be greater than 0 (got 0): the table needs at least one order.
    """
    if not isinstance(rows, int) or rows <= 0:
        raise ValueError(
            t("errors.not_positive", name="rows", value=rows, why=t("yourdata.why.rows"))
        )
    names = (
        [f"C{i:05d}" for i in range(1, customers + 1)]
        if isinstance(customers, int)
        else list(customers)
    )
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, len(names) + 1) ** 1.1
    who = rng.choice(len(names), size=rows, p=weights / weights.sum())
    amount = np.round(rng.lognormal(mean=np.log(500), sigma=0.8, size=rows), 2)
    amount[rng.random(rows) < refund_rate] *= -1
    first = np.datetime64(start, "D")
    last = (
        (pd.Timestamp(start) + pd.DateOffset(months=months)).to_datetime64().astype("datetime64[D]")
    )
    span = int((last - first).astype(int))
    # Half the orders spread evenly, half more and more frequent: a business that grows.
    u = rng.random(rows)
    u = np.where(rng.random(rows) < 0.5, u, np.sqrt(u))
    day = np.minimum((span * u).astype(np.int64), span - 1)
    return pd.DataFrame(
        {
            "date": pd.to_datetime(first + day.astype("timedelta64[D]")),
            "customer": np.asarray(names, dtype=object)[who],
            "amount": amount,
        }
    )
