"""Who is *strategic*: a weighted multi-criteria score and the attractiveness x strength matrix.

>>> portfolio = pd.DataFrame({"account": ["Big", "Partner"], "revenue": [900, 300],
...     "strategic_value": [2, 5], "growth_potential": [1, 4], "engagement": [2, 5]})
>>> key_account_score(portfolio).index.tolist()
['Partner', 'Big']
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from lessons import checks
from lessons.accounts.revenue import checked_revenue, ranked_revenue, reaches
from lessons.format import plain
from lessons.i18n import t

__all__ = [
    "CRITERIA",
    "PORTFOLIO_COLUMNS",
    "QUADRANTS",
    "criterion_label",
    "key_account_score",
    "portfolio_matrix",
    "quadrant_label",
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
    out["revenue"] = checked_revenue(
        pd.Series(data["revenue"].to_numpy(), index=labels), "portfolio"
    )
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


def score_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
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
    if not isinstance(weights, Mapping):
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


def key_account_score(
    portfolio: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
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
        versions (``revenue_norm``, ``strategic_value_norm``, ...), ``score`` (0-100),
        ``revenue_rank`` (1 = largest revenue, ties as in :func:`pareto_table`) and ``rank``
        (1 = best score).

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
    by_revenue = ranked_revenue(data["revenue"]).index
    out["revenue_rank"] = pd.Series(np.arange(1, len(by_revenue) + 1), index=by_revenue)
    return _ranked(out, "score")


_ATTRACTIVENESS = ("growth_potential", "strategic_value", "revenue")
_STRENGTH = ("engagement", "share_of_wallet")


def portfolio_matrix(
    portfolio: pd.DataFrame,
    attractiveness_weights: Mapping[str, float] | None = None,
    strength_weights: Mapping[str, float] | None = None,
    attractiveness_cut: float = 0.5,
    strength_cut: float = 0.5,
) -> pd.DataFrame:
    """Place each account on account attractiveness x our relative strength, in four quadrants.

    The framework is the key-account portfolio matrix of the key-account literature
    (T. Millman and K. Wilson, 1995; M. McDonald, T. Millman and B. Rogers, "Key account
    management: theory, practice and challenges", *Journal of Marketing Management* 13(8),
    1997; M. McDonald and D. Woodburn, *Key Account Management: The Definitive Guide*, 2007):
    how attractive the customer is to us, against how strong we are with them compared with
    competitors. McDonald presents it as an adaptation of the directional policy matrix, the
    multi-factor grid of strategic planning sometimes called the General Electric-McKinsey
    (nine-box) matrix; it is not the Boston Consulting Group's growth-share matrix, which uses
    one measure per axis (market growth, relative market share). Full references:
    ``book/references.md``. Here both axes run from 0 to 1:

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
    # The same cut rule as the ABC classes: a score that reaches its cut is "high".
    high_a = reaches(out["attractiveness"].to_numpy(), a_cut)
    high_s = reaches(out["strength"].to_numpy(), s_cut)
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
