"""Revenue per account, shares, and the Pareto table with its ABC classes.

>>> revenue = pd.Series({"Bank": 600.0, "Retailer": 300.0, "Hotel": 100.0})
>>> pareto_table(revenue)["abc_class"].tolist()
['A', 'A', 'B']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from lessons import checks
from lessons.format import plain
from lessons.i18n import t

__all__ = [
    "SHARE_TOLERANCE",
    "checked_revenue",
    "count_to_reach",
    "exceeds",
    "pareto_table",
    "ranked_revenue",
    "reaches",
    "revenue_by_account",
    "revenue_share",
    "revenue_share_by_period",
]


#: Two shares closer than this are read as equal at a cut: a billionth of total revenue (one
#: cent in ten million euros). A running sum of floats misses an exact cut by about 1e-16 (ten
#: customers at 10 % add up to 0.7999999999999999 after eight): that is rounding, not revenue.
SHARE_TOLERANCE = 1e-9


def reaches(share: Any, cut: float) -> Any:
    """Whether ``share`` reaches ``cut``, within :data:`SHARE_TOLERANCE`: the one rule of every cut.

    Every cut of the course compares a share with it this way: the ABC classes, "the share of
    customers making 80 % of revenue", "the top 20 % of customers", the quadrants of the
    portfolio matrix. A share that reaches the cut is *on* it, so the customer whose cumulative
    share reaches 80 % closes class A.

    Args:
        share: a share (fraction) or an array of them.
        cut: the cut, a fraction.

    Returns:
        A bool, or an array of bools for an array.

    >>> sum([0.1] * 8), reaches(sum([0.1] * 8), 0.8)
    (0.7999999999999999, True)
    >>> reaches(0.7999, 0.8), reaches(np.array([0.5, 0.8]), 0.8).tolist()
    (False, [False, True])
    """
    if np.ndim(share):
        return np.asarray(share, dtype=float) >= cut - SHARE_TOLERANCE
    return float(share) >= cut - SHARE_TOLERANCE


def exceeds(share: float, cut: float) -> bool:
    """Whether ``share`` is above ``cut`` beyond rounding: ``not reaches(cut, share)``.

    >>> exceeds(0.18 + 1e-12, 0.18), exceeds(0.19, 0.18)
    (False, True)
    """
    return not reaches(cut, share)


def count_to_reach(cumulative: Any, cut: float) -> int:
    """How many items, in order, it takes for a cumulative share to reach ``cut`` (:func:`reaches`).

    Args:
        cumulative: cumulative shares, non-decreasing (e.g. largest customer first).
        cut: the share to reach, a fraction.

    Returns:
        The smallest ``k`` whose ``cumulative[k - 1]`` reaches ``cut``; all of them if none does.

    >>> count_to_reach([0.1 * k for k in range(1, 11)], 0.8)  # 0.1 x 8 is 0.8000000000000002
    8
    >>> count_to_reach(np.cumsum([0.1] * 10), 0.8)  # the running sum is 0.7999999999999999
    8
    """
    values = np.asarray(cumulative, dtype=float)
    k = int(np.searchsorted(values, cut - SHARE_TOLERANCE, side="left")) + 1
    return min(k, len(values))


def checked_revenue(revenue: object, name: str = "revenue_by_account") -> pd.Series:
    """Revenue per account as a float Series: unique accounts, >= 0, total > 0.

    Args:
        revenue: revenue in € per account, a Series (or a dict) indexed by account.
        name: what to call it in a message.

    >>> checked_revenue({"Bank": 600, "Hotel": 400}).tolist()
    [600.0, 400.0]
    >>> checked_revenue(pd.Series({"Bank": 0, "Hotel": 0}), name="portfolio")
    Traceback (most recent call last):
        ...
    ValueError: portfolio adds up to 0 €: shares of nothing cannot be computed. Check that the
    revenue column holds the amounts.
    """
    if isinstance(revenue, dict):
        revenue = pd.Series(revenue, dtype=object)
    if isinstance(revenue, pd.DataFrame):
        raise TypeError(
            t("accounts.error.frame_not_series", name=name, columns=", ".join(map(str, revenue)))
        )
    if not isinstance(revenue, pd.Series):
        raise TypeError(t("accounts.error.not_a_series", name=name, type=type(revenue).__name__))
    if revenue.empty:
        raise ValueError(t("errors.empty", name=name))
    duplicated = revenue.index[revenue.index.duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(t("accounts.error.duplicate_accounts", accounts=checks.listed(duplicated)))
    values = checks.column_numbers(revenue.to_frame("revenue"), "revenue")
    negative = np.flatnonzero(values < 0)
    if negative.size:
        i = int(negative[0])
        raise ValueError(
            t(
                "accounts.error.negative_revenue",
                account=revenue.index[i],
                value=plain(values[i]),
            )
        )
    if values.sum() <= 0:
        raise ValueError(t("accounts.error.total_zero", name=name))
    return pd.Series(values, index=revenue.index.rename("account"), name="revenue")


def ranked_revenue(revenue: pd.Series) -> pd.Series:
    """Descending revenue; equal revenue ordered by account name, so the order is reproducible.

    >>> ranked_revenue(pd.Series({"B": 5.0, "C": 9.0, "A": 5.0})).index.tolist()
    ['C', 'A', 'B']
    """
    values = revenue.to_numpy(dtype=float)
    order = np.argsort(-values, kind="stable")
    ranked = values[order]
    tie = ranked[1:] == ranked[:-1]
    if tie.any():
        # Names are looked at only inside runs of equal revenue, and sorted only if a run is
        # out of name order: with a million accounts, sorting every name as text would take
        # seconds, and a table already ranked (a pareto table's revenue) passes as it is.
        run = np.cumsum(np.concatenate([[True], ~tie])) - 1
        where = np.flatnonzero((np.bincount(run) > 1)[run])
        keys = _tie_keys(revenue.index, order[where])
        same = run[where][1:] == run[where][:-1]
        if (keys[1:][same] < keys[:-1][same]).any():
            order[where] = order[where][np.lexsort((keys, run[where]))]
    if np.array_equal(order, np.arange(len(order))):
        return revenue
    return revenue.iloc[order]


def _tie_keys(index: pd.Index, positions: np.ndarray) -> np.ndarray:
    """Keys that sort as the account names at ``positions`` do.

    Categories already in name order (as a loader may keep them) give their codes: integers
    compare and sort at once. Otherwise the names, as text, give :func:`_name_keys`.
    """
    picked = index.take(positions)
    if isinstance(picked, pd.CategoricalIndex):
        categories = picked.categories
        if _is_text(categories) and categories.is_monotonic_increasing:
            return np.asarray(picked.codes)
        names = np.asarray(categories.astype(str), dtype=object)[picked.codes]
    elif _is_text(picked):
        names = np.asarray(picked, dtype=object)
    else:
        names = picked.astype(str).to_numpy()
    return _name_keys(names)


def _is_text(index: pd.Index) -> bool:
    return isinstance(index.dtype, pd.StringDtype)


def _name_keys(names: np.ndarray) -> np.ndarray:
    """Keys that sort as the names do, fast: their UTF-8 bytes (same order as the text), or the
    names themselves if the bytes would not fit (a NUL in a name, or very long names)."""
    encoded = [name.encode("utf-8", "surrogatepass") for name in names]
    width = max(map(len, encoded), default=1)
    if width * len(encoded) > 2**28 or b"\x00" in b"".join(encoded):
        return names
    # Fixed-width bytes compare with memcmp: several times faster than a million str objects.
    return np.array(encoded, dtype=f"S{max(width, 1)}")


def revenue_by_account(
    transactions: pd.DataFrame, account: str = "account", amount: str = "revenue"
) -> pd.Series:
    """Total revenue per account from a table of transactions (or one row per account).

    Refunds may appear as negative lines, but an account's total cannot be negative.

    Args:
        transactions: a DataFrame with one row per sale (or per account).
        account: name of the column identifying the customer.
        amount: name of the column with the amount in €.

    Returns:
        A Series named ``"revenue"`` indexed by ``"account"``, sorted from the largest account
        down (equal totals in account-name order).

    >>> sales = pd.DataFrame({"client": ["B", "A", "B"], "eur": [100, 300, 250]})
    >>> revenue_by_account(sales, account="client", amount="eur")
    account
    B    350.0
    A    300.0
    Name: revenue, dtype: float64
    >>> revenue_by_account(sales)
    Traceback (most recent call last):
        ...
    ValueError: transactions has no column "account", "revenue". Its columns are: "client", "eur".
    Pass the right names, e.g. revenue_by_account(data, account="customer", amount="sales").
    """
    data = checks.table(
        transactions, "transactions", (account, amount), t("accounts.hint.transactions")
    )
    amounts = checks.column_numbers(data, amount, labels=pd.Index(data[account].astype(str)))
    keys = data[account]
    bad = keys.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(t("accounts.error.missing_account", column=account, row=row))
    totals = pd.Series(amounts, index=keys.to_numpy()).groupby(level=0, sort=False).sum()
    negative = totals[totals < 0]
    if not negative.empty:
        raise ValueError(
            t(
                "accounts.error.negative_revenue",
                account=negative.index[0],
                value=plain(negative.iloc[0]),
            )
        )
    totals.index.name = "account"
    return ranked_revenue(totals.rename("revenue"))


def revenue_share(revenue: pd.Series) -> pd.Series:
    """Each account's share of total revenue, as fractions that add up to 1.

    Args:
        revenue: revenue in € per account (a Series indexed by account, e.g. from
            :func:`revenue_by_account`), each 0 or more, total greater than 0.

    Returns:
        A Series named ``"share"`` with the same index and order.

    >>> revenue_share(pd.Series({"Bank": 750, "Hotel": 250}))
    account
    Bank     0.75
    Hotel    0.25
    Name: share, dtype: float64
    >>> revenue_share(pd.Series({"Bank": 0, "Hotel": 0}))
    Traceback (most recent call last):
        ...
    ValueError: revenue_by_account adds up to 0 €: shares of nothing cannot be computed. Check
    that the revenue column holds the amounts.
    """
    revenue = checked_revenue(revenue)
    return (revenue / revenue.sum()).rename("share")


def revenue_share_by_period(revenue: pd.DataFrame) -> pd.DataFrame:
    """Each account's share of each period's revenue: one row per period, one column per account.

    The same formula as :func:`revenue_share`, for every row at once (a simulation's months).

    Args:
        revenue: revenue in € with periods as rows and accounts as columns, each 0 or more,
            every row adding up to more than 0.

    Returns:
        A DataFrame of the same shape whose rows add up to 1.

    >>> months = pd.DataFrame({"A": [30, 60], "B": [10, 20], "others": [60, 20]})
    >>> revenue_share_by_period(months)["A"].tolist()
    [0.3, 0.6]
    >>> revenue_share_by_period(pd.DataFrame({"A": [0.0], "B": [0.0]}))
    Traceback (most recent call last):
        ...
    ValueError: period 0 adds up to 0 €: shares of nothing cannot be computed. Check
    that the revenue column holds the amounts.
    """
    if not isinstance(revenue, pd.DataFrame):
        raise TypeError(
            t("accounts.error.not_a_table", name="revenue", type=type(revenue).__name__)
        )
    if revenue.empty:
        raise ValueError(t("errors.empty", name="revenue"))
    values = np.column_stack([checks.column_numbers(revenue, column) for column in revenue.columns])
    negative = np.argwhere(values < 0)
    if negative.size:
        row, column = negative[0]
        raise ValueError(
            t(
                "accounts.error.negative_revenue",
                account=revenue.columns[column],
                value=plain(values[row, column]),
            )
        )
    totals = values.sum(axis=1)
    if (totals <= 0).any():
        period = revenue.index[int(np.flatnonzero(totals <= 0)[0])]
        raise ValueError(t("accounts.error.total_zero", name=f"period {period}"))
    return pd.DataFrame(values / totals[:, None], index=revenue.index, columns=revenue.columns)


def pareto_table(revenue_by_account: pd.Series, a: float = 0.80, b: float = 0.95) -> pd.DataFrame:
    """Accounts ranked by revenue with share, cumulative share and ABC class.

    The ABC rule: walking down the ranking, the account whose cumulative share (its own
    revenue and that of every account before it) **reaches** ``a`` closes class **A**; the
    account whose cumulative share reaches ``b`` closes class **B**; the rest are **C**. So the
    account that crosses 80 % is still an A (with shares 50 %, 25 %, 15 %, 10 %, the first three
    are A: 75 % after the second, 90 % after the third). "Reaches" is :func:`reaches`, the one
    rule of every cut: within :data:`SHARE_TOLERANCE`, so ten customers paying the same price
    give exactly eight A's at 80 % (``ceil(0.8 x n)`` of ``n`` equal customers), whatever the
    floating-point sum says. Equal revenues are ranked by account name.

    Args:
        revenue_by_account: revenue in € per account (a Series indexed by account).
        a: cumulative share that closes class A, a fraction in (0, 1).
        b: cumulative share that closes class B, a fraction in (a, 1].

    Returns:
        A DataFrame indexed by account, ranked, with columns ``revenue`` (€), ``rank``
        (1 = largest), ``share``, ``cumulative_share`` (ends at exactly 1.0) and
        ``abc_class``.

    >>> revenue = pd.Series({"D": 100, "A": 500, "C": 150, "B": 250})
    >>> pareto_table(revenue)
             revenue  rank  share  cumulative_share abc_class
    account
    A          500.0     1   0.50              0.50         A
    B          250.0     2   0.25              0.75         A
    C          150.0     3   0.15              0.90         A
    D          100.0     4   0.10              1.00         B
    >>> pareto_table(revenue, a=80, b=95)
    Traceback (most recent call last):
        ...
    ValueError: a must be a fraction greater than 0 and at most 1 (got 80): write 80 % as 0.8.
    """
    a = checks.fraction("a", a)
    b = checks.fraction("b", b)
    if not a < b:
        raise ValueError(t("accounts.error.abc_order", a=a, b=b))
    ranked = ranked_revenue(checked_revenue(revenue_by_account))
    values = ranked.to_numpy()
    total = values.sum()
    cumulative_share = np.minimum(np.cumsum(values) / total, 1.0)
    cumulative_share[-1] = 1.0
    rank = np.arange(1, len(values) + 1)
    last_a, last_b = count_to_reach(cumulative_share, a), count_to_reach(cumulative_share, b)
    abc = np.where(rank <= last_a, "A", np.where(rank <= last_b, "B", "C"))
    share = values / total
    return pd.DataFrame(
        {
            "revenue": values,
            "rank": rank,
            "share": share,
            "cumulative_share": cumulative_share,
            "abc_class": abc.astype(object),
        },
        index=ranked.index,
    )
