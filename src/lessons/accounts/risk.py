"""Concentration risk: how much revenue depends on a few accounts, and what losing one does.

>>> c = concentration(pd.Series({"Bank": 600.0, "Retailer": 300.0, "Hotel": 100.0}))
>>> c.hhi, c.top_n_share(2)
(4600.0, 0.9)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons import checks
from lessons.accounts.revenue import (
    checked_revenue,
    count_to_reach,
    exceeds,
    pareto_table,
    ranked_revenue,
    revenue_share,
)
from lessons.i18n import t

__all__ = [
    "HHI_HIGHLY_CONCENTRATED",
    "REFERENCE_ACCOUNTS",
    "REFERENCE_SHARE",
    "RESULT_COLUMNS",
    "Concentration",
    "LossImpact",
    "ParetoReadings",
    "check_result",
    "concentration",
    "loss_impact",
    "pareto_readings",
]

#: The share of revenue a Pareto curve is read at: "which share of our customers makes 80 %?".
REFERENCE_SHARE = 0.80
#: The share of customers the "80/20 rule" talks about: "what do the top 20 % bring?".
REFERENCE_ACCOUNTS = 0.20
#: HHI above which the 2023 US Merger Guidelines (DOJ & FTC, Guideline 1) call a market highly
#: concentrated. A reading guide for a customer base, not a rule: a customer base is not a market.
HHI_HIGHLY_CONCENTRATED = 1_800

#: Columns of the tables this module returns, as presentation code checks them
#: (:func:`check_result`).
RESULT_COLUMNS = {
    "pareto": ("revenue", "rank", "share", "cumulative_share", "abc_class"),
    "matrix": ("revenue", "attractiveness", "strength", "quadrant"),
    "scores": ("revenue", "score", "revenue_rank", "rank"),
}


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

    @property
    def equivalent_accounts(self) -> float:
        """How many accounts of equal size would give the same HHI: ``10,000 / hhi`` (the
        "numbers equivalent" of the index).

        >>> round(concentration(pd.Series({"A": 50, "B": 30, "C": 20})).equivalent_accounts, 2)
        2.63
        """
        return 10_000 / self.hhi

    @property
    def highly_concentrated(self) -> bool:
        """Whether the HHI is above :data:`HHI_HIGHLY_CONCENTRATED` (1,800), beyond rounding.

        >>> concentration(pd.Series({"A": 50, "B": 50})).highly_concentrated
        True
        """
        return exceeds(self.hhi / 10_000, HHI_HIGHLY_CONCENTRATED / 10_000)

    def top_count(self, fraction: float) -> int:
        """How many accounts "the top ``fraction`` of accounts" is: ``ceil(fraction x n)``.

        The same cut as every other (:func:`lessons.accounts.reaches`): the smallest count of
        accounts whose share of all accounts reaches ``fraction``, so the top 70 % of 10
        accounts is 7 of them, even though 0.7 x 10 is 7.000000000000001 in floating point.

        Args:
            fraction: the fraction of accounts, in (0, 1].

        >>> c = concentration(pd.Series({f"c{i}": 1 for i in range(10)}))
        >>> c.top_count(0.7), c.top_count(0.71), c.top_count(0.01)
        (7, 8, 1)
        >>> c.top_count("20%")
        Traceback (most recent call last):
            ...
        TypeError: fraction must be a number (got '20%' of type str).
        """
        fraction = checks.fraction("fraction", fraction)
        n = self.n_accounts
        return count_to_reach(np.arange(1, n + 1) / n, fraction)

    def top_share(self, fraction: float) -> float:
        """Share of revenue of the top :meth:`top_count` accounts ("what do the top 20 % bring?").

        Args:
            fraction: the fraction of accounts, in (0, 1].

        >>> concentration(pd.Series({"A": 50, "B": 30, "C": 15, "D": 5})).top_share(0.5)
        0.8
        >>> concentration(pd.Series({"A": 50, "B": 50})).top_share(0)
        Traceback (most recent call last):
            ...
        ValueError: fraction must be a fraction greater than 0 and at most 1 (got 0): write 80 %
        as 0.8.
        """
        return self.cumulative_shares[self.top_count(fraction) - 1]

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
        """Smallest fraction of accounts, the largest first, whose revenue reaches ``target``.

        The inverse of :meth:`top_share`: "what share of our customers makes 80 % of revenue?"
        The account whose cumulative share reaches ``target`` (:func:`lessons.accounts.reaches`)
        is the last one counted, so ten customers paying the same price give 80 % of the
        customers for 80 % of revenue, not 90 %.

        Args:
            target: the share of revenue to reach, in (0, 1].

        >>> concentration(pd.Series({f"c{i}": 19.99 for i in range(10)})).customers_share_for(0.8)
        0.8
        >>> concentration(pd.Series({"A": 50, "B": 50})).customers_share_for(80)
        Traceback (most recent call last):
            ...
        ValueError: target must be a fraction greater than 0 and at most 1 (got 80): write 80 %
        as 0.8.
        """
        target = checks.fraction("target", target)
        return count_to_reach(self.cumulative_shares, target) / self.n_accounts


def concentration(revenue_by_account: pd.Series) -> Concentration:
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


@dataclass(frozen=True)
class ParetoReadings:
    """The numbers a Pareto figure, its alt text and a concentration table read, computed once.

    A panel shows the same Pareto table three times (figure, alt text, concentration table):
    :func:`pareto_readings` computes what they read once, and each of them is given it.

    Attributes:
        concentration: the :class:`Concentration` of the table's revenue.
        reference_share: the share of revenue read on the curve (:data:`REFERENCE_SHARE`).
        accounts_for_reference: the smallest share of accounts, largest first, whose revenue
            reaches ``reference_share`` (:meth:`Concentration.customers_share_for`).
        reference_accounts: the share of accounts of the "80/20 rule" (:data:`REFERENCE_ACCOUNTS`).
        top_accounts: how many accounts that is (:meth:`Concentration.top_count`).
        top_accounts_share: the share of revenue they bring (:meth:`Concentration.top_share`).
        class_counts: accounts per ABC class, ``{"A": ..., "B": ..., "C": ...}``.
        class_shares: share of revenue per ABC class, fractions.

    >>> r = pareto_readings(pareto_table(pd.Series({"A": 50, "B": 30, "C": 15, "D": 5})))
    >>> r.accounts_for_reference, r.top_accounts, r.top_accounts_share, r.class_counts
    (0.5, 1, 0.5, {'A': 2, 'B': 1, 'C': 1})
    """

    concentration: Concentration
    reference_share: float
    accounts_for_reference: float
    reference_accounts: float
    top_accounts: int
    top_accounts_share: float
    class_counts: dict[str, int]
    class_shares: dict[str, float]


def pareto_readings(
    table: pd.DataFrame,
    reference_share: float = REFERENCE_SHARE,
    reference_accounts: float = REFERENCE_ACCOUNTS,
) -> ParetoReadings:
    """What a Pareto table says at a glance: concentration, the 80 % reading, the top 20 %.

    Args:
        table: the output of :func:`pareto_table`.
        reference_share: the share of revenue to read the curve at, in (0, 1].
        reference_accounts: the share of accounts whose revenue is read, in (0, 1].

    Returns:
        A :class:`ParetoReadings`.

    >>> r = pareto_readings(pareto_table(pd.Series({"Bank": 600, "Retailer": 300, "Hotel": 100})))
    >>> r.concentration.hhi, r.class_shares
    (4600.0, {'A': 0.9, 'B': 0.1, 'C': 0.0})
    >>> pareto_readings(pd.Series({"Bank": 600}))
    Traceback (most recent call last):
        ...
    TypeError: pareto_readings needs the table returned by lessons.accounts.pareto_table(...) ...
    """
    table = check_result(table, "pareto", "pareto_readings")
    conc = concentration(table["revenue"])
    classes = table["abc_class"].to_numpy()
    revenue = table["revenue"].to_numpy(dtype=float)
    return ParetoReadings(
        concentration=conc,
        reference_share=checks.fraction("reference_share", reference_share),
        accounts_for_reference=conc.customers_share_for(reference_share),
        reference_accounts=checks.fraction("reference_accounts", reference_accounts),
        top_accounts=conc.top_count(reference_accounts),
        top_accounts_share=conc.top_share(reference_accounts),
        class_counts={c: int((classes == c).sum()) for c in "ABC"},
        class_shares={c: float(revenue[classes == c].sum() / conc.total) for c in "ABC"},
    )


def check_result(table: object, kind: str, function: str) -> Any:
    """``table`` if it is a result of this module of the given ``kind``, else a clear error.

    Presentation code (charts, HTML tables) checks what it is given with this, so a learner who
    passes raw revenue instead of a Pareto table reads which function to call first.

    Args:
        table: what was given.
        kind: ``"pareto"``, ``"matrix"``, ``"scores"`` (DataFrames with the columns of
            :data:`RESULT_COLUMNS`, at least one row) or ``"loss"`` (a :class:`LossImpact`).
        function: the name of the function that was given it, for the message.

    >>> check_result(pd.DataFrame({"revenue": [1.0]}), "matrix", "plot_portfolio_matrix")
    Traceback (most recent call last):
        ...
    ValueError: plot_portfolio_matrix needs the table returned by
    lessons.accounts.portfolio_matrix(...) ...
    """
    if kind == "loss":
        if not isinstance(table, LossImpact):
            raise TypeError(t("accounts.error.result.loss", function=function))
        return table
    if not isinstance(table, pd.DataFrame):
        raise TypeError(t(f"accounts.error.result.{kind}", function=function))
    missing = [c for c in RESULT_COLUMNS[kind] if c not in table.columns]
    if missing or table.empty:
        raise ValueError(t(f"accounts.error.result.{kind}", function=function))
    return table


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


def loss_impact(revenue_by_account: pd.Series, account: Any) -> LossImpact:
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
    revenue = ranked_revenue(checked_revenue(revenue_by_account))
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
