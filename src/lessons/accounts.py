"""Key accounts: who brings the revenue, how concentrated it is, and who is *strategic*.

A key account is "a customer of significant value to a business" that "generates a large part
of its revenue" (the course's source, section 1.1) -- but "a key account is not decided by
revenue alone: strategic value, future growth potential and engagement count too" (section
2.1). This module measures both sides:

* revenue per account, shares, the Pareto curve and ABC classes (:func:`pareto_table`);
* concentration: Herfindahl-Hirschman index, top-N share (:func:`concentration`) and what
  losing one account would do (:func:`loss_impact`);
* a weighted multi-criteria score (:func:`key_account_score`) and an attractiveness x
  strength matrix (:func:`portfolio_matrix`).

Everything is a pure function of a DataFrame or a Series of revenue indexed by account. Money is
in €; shares are fractions.

>>> revenue = pd.Series({"Bank": 600.0, "Retailer": 300.0, "Hotel": 100.0})
>>> pareto_table(revenue)["abc_class"].tolist()
['A', 'A', 'B']
>>> concentration(revenue).hhi
4600.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from lessons import checks
from lessons.format import plain
from lessons.i18n import t

__all__ = [
    "CRITERIA",
    "QUADRANTS",
    "Concentration",
    "LossImpact",
    "concentration",
    "criterion_label",
    "key_account_score",
    "load_sample_portfolio",
    "loss_impact",
    "pareto_table",
    "portfolio_matrix",
    "quadrant_label",
    "revenue_by_account",
    "revenue_share",
    "revenue_share_by_period",
    "score_weights",
]

#: The criteria of :func:`key_account_score`, in the order of the source (section 2.1):
#: revenue, then strategic value, growth potential and engagement (each scored 1-5).
CRITERIA = ("revenue", "strategic_value", "growth_potential", "engagement")
_SCORES = CRITERIA[1:]

#: Quadrant codes of :func:`portfolio_matrix` (the same in every language; see
#: :func:`quadrant_label`), in the order: high/high, high/low, low/high, low/low.
QUADRANTS = ("key account", "develop", "maintain", "opportunistic")

#: Portfolio columns every scoring function needs.
PORTFOLIO_COLUMNS = ("account", *CRITERIA)


def _revenue(revenue: object, name: str = "revenue_by_account") -> pd.Series:
    """Revenue per account as a float Series: unique accounts, >= 0, total > 0."""
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


def _sorted(revenue: pd.Series) -> pd.Series:
    """Descending revenue; equal revenue ordered by account name, so the order is reproducible."""
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


# --------------------------------------------------------------------------------------------
# Revenue, shares, Pareto and ABC
# --------------------------------------------------------------------------------------------


def revenue_by_account(transactions, account="account", amount="revenue") -> pd.Series:
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
    amounts = checks.column_numbers(data, amount, labels=data[account].astype(str))
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
    return _sorted(totals.rename("revenue"))


def revenue_share(revenue) -> pd.Series:
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
    revenue = _revenue(revenue)
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


def pareto_table(revenue_by_account, a=0.80, b=0.95) -> pd.DataFrame:
    """Accounts ranked by revenue with share, cumulative share and ABC class.

    The ABC rule: walking down the ranking, an account is **A** while the cumulative share of
    the accounts *before it* is below ``a``; so the account that crosses 80 % is still an A
    (with shares 50 %, 25 %, 15 %, 10 %, the first three accounts are A: 50 % + 25 % = 75 %
    is still below 80 % before the third). Then **B** while the share before it is below
    ``b``, and **C** for the rest. Equal revenues are ranked by account name.

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
    ranked = _sorted(_revenue(revenue_by_account))
    values = ranked.to_numpy()
    total = values.sum()
    cumulative = np.cumsum(values)
    before = cumulative - values
    share = values / total
    cumulative_share = np.minimum(cumulative / total, 1.0)
    cumulative_share[-1] = 1.0
    # Compare shares, not euros: a x total can underflow to 0 for tiny amounts.
    before_share = before / total
    abc = np.where(before_share < a, "A", np.where(before_share < b, "B", "C"))
    return pd.DataFrame(
        {
            "revenue": values,
            "rank": np.arange(1, len(values) + 1),
            "share": share,
            "cumulative_share": cumulative_share,
            "abc_class": abc.astype(object),
        },
        index=ranked.index,
    )


# --------------------------------------------------------------------------------------------
# Concentration
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concentration:
    """How concentrated revenue is on a few accounts.

    Attributes:
        n_accounts: number of accounts.
        total: total revenue in €.
        hhi: Herfindahl-Hirschman index, the sum of squared shares in percent: from
            10,000 / n_accounts (all equal) to 10,000 (one account has everything). The US
            Department of Justice and FTC Merger Guidelines (2023) call a market with an HHI
            above 1,800 highly concentrated; applied to customers, it reads the same way.
        largest_share: share of the largest account, a fraction.
        largest_account: name of the largest account.
        cumulative_shares: cumulative share after each account, largest first (ends at 1.0).

    >>> c = concentration(pd.Series({"A": 50, "B": 50}))
    >>> c.n_accounts, c.hhi, c.cumulative_shares
    (2, 5000.0, (0.5, 1.0))
    """

    n_accounts: int
    total: float
    hhi: float
    largest_share: float
    largest_account: Any
    cumulative_shares: tuple[float, ...] = field(repr=False)

    def top_share(self, fraction: float) -> float:
        """Share of revenue of the top ``ceil(fraction x n_accounts)`` accounts.

        ``top_share(0.2)`` answers "how much do the top 20 % of customers bring?".

        Args:
            fraction: the fraction of accounts, in (0, 1].

        >>> c = concentration(pd.Series({"A": 50, "B": 30, "C": 15, "D": 5}))
        >>> c.top_share(0.5)
        0.8
        >>> c.top_share(0)
        Traceback (most recent call last):
            ...
        ValueError: fraction must be a fraction greater than 0 and at most 1 (got 0): write 80 %
        as 0.8.
        """
        fraction = checks.fraction("fraction", fraction)
        # The tiny margin keeps 0.7 x 10 = 7.000000000000001 at 7 accounts, not 8.
        k = max(1, math.ceil(fraction * self.n_accounts - 1e-9))
        return self.cumulative_shares[k - 1]

    def top_n_share(self, n: int) -> float:
        """Share of revenue of the ``n`` largest accounts (all of it if ``n >= n_accounts``).

        >>> concentration(pd.Series({"A": 50, "B": 30, "C": 20})).top_n_share(2)
        0.8
        >>> concentration(pd.Series({"A": 50, "B": 30, "C": 20})).top_n_share(0)
        Traceback (most recent call last):
            ...
        ValueError: n must be a whole number of accounts, 1 or more (got 0).
        """
        if not checks.is_number(n) or float(n) != int(n) or n < 1:
            raise ValueError(t("accounts.error.top_n", value=n))
        return self.cumulative_shares[min(int(n), self.n_accounts) - 1]

    def customers_share_for(self, target: float) -> float:
        """Smallest fraction of accounts (the largest first) whose revenue reaches ``target``.

        The inverse of :meth:`top_share`: "what share of our customers makes 80 % of revenue?"
        ``top_share(customers_share_for(x)) >= x``, and one account fewer would fall short.

        Args:
            target: the share of revenue to reach, in (0, 1].

        >>> c = concentration(pd.Series({"A": 50, "B": 30, "C": 15, "D": 5}))
        >>> c.customers_share_for(0.8)
        0.5
        >>> c.customers_share_for(1.2)
        Traceback (most recent call last):
            ...
        ValueError: target must be a fraction greater than 0 and at most 1 (got 1.2): write 80 %
        as 0.8.
        """
        target = checks.fraction("target", target)
        k = int(np.searchsorted(np.array(self.cumulative_shares), target, side="left")) + 1
        return min(k, self.n_accounts) / self.n_accounts


def concentration(revenue_by_account) -> Concentration:
    """Concentration of revenue: HHI, largest share, top shares.

    Args:
        revenue_by_account: revenue in € per account (a Series indexed by account).

    Returns:
        A :class:`Concentration`.

    >>> c = concentration(pd.Series({"Bank": 600, "Retailer": 300, "Hotel": 100}))
    >>> c.hhi, c.largest_account, c.largest_share
    (4600.0, 'Bank', 0.6)
    >>> concentration(pd.Series({"Bank": -5, "Hotel": 100}))
    Traceback (most recent call last):
        ...
    ValueError: The revenue of account "Bank" is negative (-5 €): revenue per account is 0 or
    more. Remove credit notes larger than the sales, or check the sign of the amounts.
    """
    table = pareto_table(revenue_by_account)
    values = table["revenue"].to_numpy()
    total = float(values.sum())
    n = len(values)
    # From shares, not from squared euros, so tiny or huge amounts neither underflow nor overflow.
    hhi = 10_000 * float(np.sum(table["share"].to_numpy() ** 2))
    # Mathematically 10,000/n <= HHI <= 10,000; clip away floating-point dust at the bounds.
    hhi = min(max(hhi, 10_000 / n), 10_000.0)
    return Concentration(
        n_accounts=n,
        total=total,
        hhi=round(hhi, 9),
        largest_share=float(table["share"].iloc[0]),
        largest_account=table.index[0],
        cumulative_shares=tuple(table["cumulative_share"].tolist()),  # floats, in one call
    )


@dataclass(frozen=True, eq=False)
class LossImpact:
    """What losing one account does to revenue and concentration.

    Attributes:
        account: the account lost.
        revenue_lost: its revenue in €.
        share_lost: its share of revenue before the loss, a fraction.
        total_before: total revenue before, in €.
        total_after: total revenue after, in €.
        concentration_before: :class:`Concentration` with the account.
        concentration_after: :class:`Concentration` without it.
        new_shares: shares of the remaining accounts (Series, ranked).

    >>> impact = loss_impact(pd.Series({"A": 50, "B": 30, "C": 20}), "B")
    >>> impact.total_after, round(impact.concentration_after.hhi)
    (70.0, 5918)
    """

    account: Any
    revenue_lost: float
    share_lost: float
    total_before: float
    total_after: float
    concentration_before: Concentration
    concentration_after: Concentration
    new_shares: pd.Series


def loss_impact(revenue_by_account, account) -> LossImpact:
    """The impact of losing ``account``: revenue and share lost, concentration before and after.

    Args:
        revenue_by_account: revenue in € per account (a Series indexed by account).
        account: the account to remove; it must be one of the index labels.

    Returns:
        A :class:`LossImpact`.

    >>> impact = loss_impact(pd.Series({"Bank": 600, "Retailer": 300, "Hotel": 100}), "Bank")
    >>> impact.revenue_lost, impact.share_lost, float(impact.new_shares["Retailer"])
    (600.0, 0.6, 0.75)
    >>> loss_impact(pd.Series({"Bank": 600, "Retailer": 300}), "Bnak")
    Traceback (most recent call last):
        ...
    ValueError: "Bnak" is not an account of this portfolio. Accounts include: Bank, Retailer.
    Check the spelling (names are case-sensitive).
    """
    revenue = _sorted(_revenue(revenue_by_account))
    if account not in revenue.index:
        raise ValueError(
            t(
                "accounts.error.unknown_account",
                account=account,
                accounts=checks.listed(list(revenue.index)),
            )
        )
    if len(revenue) == 1:
        raise ValueError(t("accounts.error.only_account", account=account))
    rest = revenue.drop(account)
    if rest.sum() <= 0:
        raise ValueError(t("accounts.error.nothing_left", account=account))
    before = concentration(revenue)
    after = concentration(rest)
    return LossImpact(
        account=account,
        revenue_lost=float(revenue[account]),
        share_lost=float(revenue[account] / revenue.sum()),
        total_before=before.total,
        total_after=after.total,
        concentration_before=before,
        concentration_after=after,
        new_shares=revenue_share(rest),
    )


# --------------------------------------------------------------------------------------------
# Multi-criteria key-account score and portfolio matrix
# --------------------------------------------------------------------------------------------


def _portfolio(portfolio: object) -> pd.DataFrame:
    """Validated portfolio: one row per account, revenue >= 0 (total > 0), scores in 1-5."""
    data = checks.table(portfolio, "portfolio", PORTFOLIO_COLUMNS, t("accounts.hint.portfolio"))
    accounts = data["account"]
    if accounts.isna().any():
        row = int(np.flatnonzero(accounts.isna().to_numpy())[0])
        raise ValueError(t("accounts.error.missing_account", column="account", row=row))
    duplicated = accounts[accounts.duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(t("accounts.error.duplicate_accounts", accounts=checks.listed(duplicated)))
    labels = pd.Index(accounts, name="account")
    out = pd.DataFrame(index=labels)
    out["revenue"] = _revenue(pd.Series(data["revenue"].to_numpy(), index=labels), "portfolio")
    for column in _SCORES:
        values = checks.column_numbers(data, column, labels=labels)
        bad = np.flatnonzero((values < 1) | (values > 5))
        if bad.size:
            i = int(bad[0])
            raise ValueError(
                t(
                    "accounts.error.score_range",
                    column=column,
                    account=labels[i],
                    value=plain(values[i]),
                )
            )
        out[column] = values
    if "share_of_wallet" in data.columns:
        wallet = checks.column_numbers(data, "share_of_wallet", labels=labels)
        bad = np.flatnonzero((wallet < 0) | (wallet > 1))
        if bad.size:
            i = int(bad[0])
            raise ValueError(
                t("accounts.error.wallet_range", account=labels[i], value=plain(wallet[i]))
            )
        out["share_of_wallet"] = wallet
    return out


def score_weights(weights: dict[str, float] | None = None) -> dict[str, float]:
    """The criterion weights :func:`key_account_score` uses: missing ones 0, scaled to sum 1.

    >>> score_weights({"revenue": 2, "strategic_value": 1, "growth_potential": 1})
    {'revenue': 0.5, 'strategic_value': 0.25, 'growth_potential': 0.25, 'engagement': 0.0}
    >>> score_weights({"size": 1})
    Traceback (most recent call last):
        ...
    ValueError: ...'size'...
    """
    return _weights(weights, CRITERIA, "weights")


def _weights(weights: object, names: tuple[str, ...], argument: str) -> dict[str, float]:
    """Non-negative weights over ``names`` (missing ones count 0), normalised to sum to 1."""
    if weights is None:
        return {name: 1 / len(names) for name in names}
    if not isinstance(weights, dict):
        raise TypeError(t("accounts.error.weights_type", argument=argument, names=", ".join(names)))
    unknown = [k for k in weights if k not in names]
    if unknown:
        raise ValueError(
            t(
                "accounts.error.weights_unknown",
                argument=argument,
                unknown=", ".join(map(repr, unknown)),
                names=", ".join(names),
            )
        )
    clean: dict[str, float] = {}
    for name in names:
        value = weights.get(name, 0)
        if not checks.is_number(value):
            raise TypeError(
                t(
                    "errors.not_a_number",
                    name=f"{argument}[{name!r}]",
                    value=value,
                    type=type(value).__name__,
                )
            )
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(t("errors.not_finite", name=f"{argument}[{name!r}]", value=value))
        if value < 0:
            raise ValueError(
                t(
                    "errors.negative",
                    name=f"{argument}[{name!r}]",
                    value=plain(value),
                    why=t("accounts.why.weight"),
                )
            )
        clean[name] = value
    total = sum(clean.values())
    if total <= 0:
        raise ValueError(t("accounts.error.weights_zero", argument=argument))
    return {name: value / total for name, value in clean.items()}


def _normalised(data: pd.DataFrame) -> pd.DataFrame:
    """Each criterion on 0-1: revenue relative to the largest account, scores as (s - 1) / 4."""
    norm = pd.DataFrame(index=data.index)
    norm["revenue"] = data["revenue"] / data["revenue"].max()
    for column in _SCORES:
        norm[column] = (data[column] - 1) / 4
    return norm


def _ranked(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sort by ``by`` descending, ties by account name, and add a 1-based ``rank``."""
    order = sorted(range(len(frame)), key=lambda i: (-frame[by].iloc[i], str(frame.index[i])))
    frame = frame.iloc[order].copy()
    frame["rank"] = np.arange(1, len(frame) + 1)
    return frame


def key_account_score(portfolio, weights=None) -> pd.DataFrame:
    """A weighted 0-100 score per account over revenue, strategic value, growth and engagement.

    The source insists that "a key account is not decided by revenue alone: it can also depend
    on the customer's strategic value, future growth potential, or the level of engagement and
    collaboration" (section 2.1). Each criterion is put on a 0-1 scale -- revenue relative to
    the largest account (the largest scores 1), a 1-5 score ``s`` as ``(s - 1) / 4`` -- and the
    score is ``100 x`` the weighted mean.

    Args:
        portfolio: DataFrame with columns ``account``, ``revenue`` (€ per year) and
            ``strategic_value``, ``growth_potential``, ``engagement`` (each 1 to 5).
        weights: dict over :data:`CRITERIA` (missing criteria weigh 0), each 0 or more, not all
            0; they are normalised to sum to 1. Default: equal weights.

    Returns:
        A DataFrame indexed by account, best first, with the four criteria as given, their 0-1
        versions (``revenue_norm``, ``strategic_value_norm``, ...), ``score`` (0-100) and
        ``rank``.

    >>> portfolio = pd.DataFrame({"account": ["Big", "Partner"], "revenue": [900, 300],
    ...     "strategic_value": [2, 5], "growth_potential": [1, 4], "engagement": [2, 5]})
    >>> key_account_score(portfolio)[["score", "rank"]].round(1)
             score  rank
    account
    Partner   77.1     1
    Big       37.5     2
    >>> key_account_score(portfolio, weights={"revenue": 1})[["score", "rank"]].round(1)
             score  rank
    account
    Big      100.0     1
    Partner   33.3     2
    >>> key_account_score(portfolio, weights={"revenue": 0, "engagement": 0})
    Traceback (most recent call last):
        ...
    ValueError: weights are all 0: give at least one criterion a weight above 0.
    """
    data = _portfolio(portfolio)
    w = _weights(weights, CRITERIA, "weights")
    norm = _normalised(data)
    out = data[list(CRITERIA)].copy()
    for column in CRITERIA:
        out[f"{column}_norm"] = norm[column]
    out["score"] = 100 * sum(w[c] * norm[c] for c in CRITERIA)
    return _ranked(out, "score")


_ATTRACTIVENESS = ("growth_potential", "strategic_value", "revenue")
_STRENGTH = ("engagement", "share_of_wallet")


def portfolio_matrix(
    portfolio,
    attractiveness_weights=None,
    strength_weights=None,
    attractiveness_cut=0.5,
    strength_cut=0.5,
) -> pd.DataFrame:
    """Place each account on account attractiveness x our relative strength, in four quadrants.

    The framework is Malcolm McDonald's key-account portfolio matrix (M. McDonald, T. Millman
    and B. Rogers, "Key account management: theory, practice and challenges", *Journal of
    Marketing Management* 13(8), 1997; M. McDonald and D. Woodburn, *Key Account Management:
    The Definitive Guide*): how attractive the customer is to us, against how strong we are
    with them. Here both axes run from 0 to 1:

    * **attractiveness** -- weighted mean of growth potential, strategic value (``(s - 1) / 4``)
      and revenue size (relative to the largest account);
    * **strength** -- weighted mean of engagement and share of wallet. If the portfolio has a
      ``share_of_wallet`` column (our fraction of the customer's spend, 0-1) it is used;
      otherwise revenue relative to the largest account stands in as a rough proxy.

    An axis is "high" from its cut (default 0.5). The quadrant codes are this course's plain
    words (see :data:`QUADRANTS`): "key account" (high, high: invest in the relationship),
    "develop" (attractive, weak position: build it), "maintain" (strong, less attractive: serve
    efficiently) and "opportunistic" (low, low: standard service).

    Args:
        portfolio: DataFrame as for :func:`key_account_score` (optionally ``share_of_wallet``).
        attractiveness_weights: dict over ``growth_potential``, ``strategic_value``,
            ``revenue``; default equal.
        strength_weights: dict over ``engagement``, ``share_of_wallet``; default equal.
        attractiveness_cut: where attractiveness becomes "high", in [0, 1].
        strength_cut: where strength becomes "high", in [0, 1].

    Returns:
        A DataFrame indexed by account with ``revenue`` (€), ``attractiveness``, ``strength``
        and ``quadrant``, ordered by attractiveness (most attractive first).

    >>> portfolio = pd.DataFrame({"account": ["Big", "Partner"], "revenue": [900, 300],
    ...     "strategic_value": [2, 5], "growth_potential": [1, 4], "engagement": [2, 5]})
    >>> portfolio_matrix(portfolio).round(2)
             revenue  attractiveness  strength     quadrant
    account
    Partner    300.0            0.69      0.67  key account
    Big        900.0            0.42      0.62     maintain
    >>> portfolio_matrix(portfolio, strength_cut=2)
    Traceback (most recent call last):
        ...
    ValueError: strength_cut must be a fraction from 0 to 1 (got 2): write 50 % as 0.5.
    """
    data = _portfolio(portfolio)
    wa = _weights(attractiveness_weights, _ATTRACTIVENESS, "attractiveness_weights")
    ws = _weights(strength_weights, _STRENGTH, "strength_weights")
    a_cut = checks.fraction("attractiveness_cut", attractiveness_cut, allow_zero=True)
    s_cut = checks.fraction("strength_cut", strength_cut, allow_zero=True)
    norm = _normalised(data)
    norm["share_of_wallet"] = data.get("share_of_wallet", norm["revenue"])
    out = pd.DataFrame(index=data.index)
    out["revenue"] = data["revenue"]
    out["attractiveness"] = sum(wa[c] * norm[c] for c in _ATTRACTIVENESS)
    out["strength"] = sum(ws[c] * norm[c] for c in _STRENGTH)
    high_a = out["attractiveness"] >= a_cut - 1e-12
    high_s = out["strength"] >= s_cut - 1e-12
    out["quadrant"] = np.select(
        [high_a & high_s, high_a, high_s], list(QUADRANTS[:3]), QUADRANTS[3]
    ).astype(object)
    return _ranked(out, "attractiveness").drop(columns="rank")


def quadrant_label(code: str) -> str:
    """The learner-facing name of a quadrant code of :func:`portfolio_matrix`.

    >>> quadrant_label("develop")
    'Develop'
    >>> quadrant_label("star")
    Traceback (most recent call last):
        ...
    ValueError: 'star' is not a quadrant. The quadrants are: key account, develop, maintain,
    opportunistic.
    """
    if code not in QUADRANTS:
        raise ValueError(t("accounts.error.quadrant", value=code, quadrants=", ".join(QUADRANTS)))
    return t(f"accounts.quadrant.{code.replace(' ', '_')}")


def criterion_label(name: str) -> str:
    """The learner-facing name of a criterion of :func:`key_account_score`.

    >>> criterion_label("growth_potential")
    'Growth potential'
    >>> criterion_label("size")
    Traceback (most recent call last):
        ...
    ValueError: 'size' is not a criterion. The criteria are: revenue, strategic_value,
    growth_potential, engagement.
    """
    if name not in CRITERIA:
        raise ValueError(t("accounts.error.criterion", value=name, criteria=", ".join(CRITERIA)))
    return t(f"accounts.criterion.{name}")


def load_sample_portfolio() -> pd.DataFrame:
    """The course's sample portfolio: 25 fictional B2B customers of one supplier.

    Columns: ``account``, ``sector``, ``revenue`` (€ per year), ``strategic_value``,
    ``growth_potential``, ``engagement`` (1-5). All names are invented. It is built so that
    the largest customer by revenue is *not* the top account by weighted score, and so that
    revenue is clearly concentrated without being exactly "80/20".

    >>> sample = load_sample_portfolio()
    >>> len(sample), int(sample["revenue"].sum())
    (25, 9824000)
    """
    path = resources.files("lessons") / "data" / "portfolio_sample.csv"
    with path.open(encoding="utf-8") as handle:
        return pd.read_csv(handle)
