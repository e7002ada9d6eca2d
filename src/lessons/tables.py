"""Result tables as HTML: the ABC classes, concentration, a loss, a KPI history, SMART findings.

Charts draw figures; the tables a panel or a notebook shows next to them are built here, each
on :func:`lessons.format.html_table`: every text escaped (account names and KPI names are typed
by learners), every number formatted by :mod:`lessons.format` in the learner's language, and a
``data-label`` on every cell so that the site can reflow a table into labelled rows on a phone.
Nothing is computed here: each function is given what :mod:`lessons.accounts`,
:mod:`lessons.kpis` or :mod:`lessons.scorecard` computed.

>>> import pandas as pd
>>> from lessons.accounts import pareto_table
>>> text = abc_table_html(pareto_table(pd.Series({"<b>Bank</b>": 600.0, "Hotel": 400.0})))
>>> "&lt;b&gt;Bank&lt;/b&gt;" in text and "<b>Bank</b>" not in text
True
>>> abc_table_html(pd.Series({"Bank": 600.0}))
Traceback (most recent call last):
    ...
TypeError: abc_table_html needs the table returned by lessons.accounts.pareto_table(...) ...
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

from lessons import format as fmt
from lessons.accounts import (
    CRITERIA,
    HHI_HIGHLY_CONCENTRATED,
    REFERENCE_ACCOUNTS,
    LossImpact,
    ParetoReadings,
    check_result,
    criterion_label,
)
from lessons.i18n import t
from lessons.kpis import SmartFinding, check_history
from lessons.palette import STATUS_COLORS
from lessons.scorecard import account_rows, check_scorecard

__all__ = [
    "abc_table_html",
    "concentration_html",
    "history_table_html",
    "loss_impact_html",
    "scorecard_table_html",
    "smart_findings_html",
    "weights_html",
    "weights_text",
]

_BOLD = "font-weight:bold"
#: Cells that never split over two lines ("€12,346", "✗ off track").
_NOWRAP = "white-space:nowrap"


def abc_table_html(
    table: pd.DataFrame, scores: pd.DataFrame | None = None, *, limit: int = 12
) -> str:
    """The ABC table: account, rank, revenue, share, cumulative share, class (and score).

    Args:
        table: the output of :func:`lessons.accounts.pareto_table`.
        scores: optionally the output of :func:`lessons.accounts.key_account_score`, whose
            score and rank are added for the accounts it holds.
        limit: how many accounts to list; a note under the table counts the rest.

    >>> from lessons.accounts import pareto_table
    >>> text = abc_table_html(pareto_table(pd.Series({"Bank": 600.0, "Hotel": 400.0})))
    >>> "data-label='Cumulative'" in text and "60.0 %" in text
    True
    """
    table = check_result(table, "pareto", "abc_table_html")
    keys = ["account", "rank", "revenue", "share", "cumulative", "class"]
    if scores is not None:
        scores = check_result(scores, "scores", "abc_table_html")
        keys += ["score", "score_rank"]
    rows, styles = [], []
    for account, row in table.head(limit).iterrows():
        cells = [
            str(account),
            fmt.integer(row["rank"]),
            fmt.money(float(row["revenue"])),
            fmt.percent(float(row["share"])),
            fmt.percent(float(row["cumulative_share"])),
            str(row["abc_class"]),
        ]
        if scores is not None:
            known = account in scores.index
            cells += [
                fmt.number(scores.loc[account, "score"], 0) if known else fmt.DASH,
                fmt.integer(scores.loc[account, "rank"]) if known else fmt.DASH,
            ]
        rows.append(cells)
        style = [_NOWRAP] * len(cells)
        style[5] += ";text-align:left" + (";" + _BOLD if row["abc_class"] == "A" else "")
        styles.append(style)
    text = fmt.html_table(
        [t(f"tables.abc.{key}") for key in keys],
        rows,
        caption=t("tables.abc.caption"),
        css_class="lessons-table lessons-abc-table",
        styles=styles,
    )
    if len(table) > limit:
        more = html.escape(t("tables.abc.more", n=fmt.integer(len(table) - limit)))
        text += f"<p class='lessons-table-note' style='margin:2px 8px'>{more}</p>"
    return text


def concentration_html(readings: ParetoReadings) -> str:
    """Concentration at a glance: the largest account, the top 5, the top 20 %, 80 %, the HHI.

    Args:
        readings: the output of :func:`lessons.accounts.pareto_readings`.

    >>> from lessons.accounts import pareto_readings, pareto_table
    >>> revenue = pd.Series({"Bank": 600.0, "Retailer": 300.0, "Hotel": 100.0})
    >>> "4,600 (above 1,800: highly concentrated)" in concentration_html(
    ...     pareto_readings(pareto_table(revenue)))
    True
    >>> concentration_html(revenue)
    Traceback (most recent call last):
        ...
    TypeError: concentration_html needs the readings of a Pareto table:
    lessons.accounts.pareto_readings(pareto_table(revenue)).
    """
    if not isinstance(readings, ParetoReadings):
        raise TypeError(t("tables.error.readings", function="concentration_html"))
    conc = readings.concentration
    top = min(5, conc.n_accounts)
    level = "high" if conc.highly_concentrated else "low"
    hhi = t(f"tables.concentration.hhi_{level}", threshold=fmt.integer(HHI_HIGHLY_CONCENTRATED))
    rows = [
        [
            t("tables.concentration.largest", account=conc.largest_account),
            fmt.percent(conc.largest_share),
        ],
        [
            t("tables.concentration.top_n", n=fmt.integer(top)),
            fmt.percent(conc.top_n_share(top)),
        ],
        [
            t(
                "tables.concentration.top_accounts",
                accounts=fmt.percent(readings.reference_accounts, 0),
                k=fmt.integer(readings.top_accounts),
            ),
            fmt.percent(readings.top_accounts_share),
        ],
        [
            t("tables.concentration.for_share", share=fmt.percent(readings.reference_share, 0)),
            fmt.percent(readings.accounts_for_reference, 0),
        ],
        [t("tables.concentration.hhi"), f"{fmt.integer(conc.hhi)} ({hhi})"],
    ]
    return fmt.html_table(
        [t("tables.concentration.measure"), t("format.table.value")],
        rows,
        caption=t("tables.concentration.caption"),
        css_class="lessons-table lessons-concentration",
    )


def loss_impact_html(impact: LossImpact) -> str:
    """What losing one account does, as a before/after table (the account's name escaped).

    Args:
        impact: the output of :func:`lessons.accounts.loss_impact`.

    >>> from lessons.accounts import loss_impact
    >>> impact = loss_impact(pd.Series({"A&B": 600, "Hotel": 400}), "A&B")
    >>> "A&amp;B" in loss_impact_html(impact)
    True
    """
    impact = check_result(impact, "loss", "loss_impact_html")
    before, after = impact.concentration_before, impact.concentration_after
    rows = [
        [t("tables.loss.revenue"), fmt.money(impact.total_before), fmt.money(impact.total_after)],
        [t("tables.loss.hhi"), fmt.integer(before.hhi), fmt.integer(after.hhi)],
        [
            t("tables.loss.largest"),
            f"{before.largest_account} ({fmt.percent(before.largest_share)})",
            f"{after.largest_account} ({fmt.percent(after.largest_share)})",
        ],
        [
            t("tables.loss.top_accounts", accounts=fmt.percent(REFERENCE_ACCOUNTS, 0)),
            fmt.percent(before.top_share(REFERENCE_ACCOUNTS)),
            fmt.percent(after.top_share(REFERENCE_ACCOUNTS)),
        ],
    ]
    caption = t(
        "tables.loss.caption",
        account=impact.account,
        revenue=fmt.money(impact.revenue_lost),
        share=fmt.percent(impact.share_lost),
    )
    head = ["", t("tables.loss.before"), t("tables.loss.after")]
    return fmt.html_table(head, rows, caption=caption, css_class="lessons-table lessons-loss")


def weights_text(weights: Mapping[str, float]) -> str:
    """Normalised weights as one line: ``'Revenue 40 %, Strategic value 20 %, …'``.

    Args:
        weights: a weight per criterion (fractions that add up to 1), e.g. from
            :func:`lessons.accounts.score_weights`.

    >>> weights_text({"revenue": 0.5, "engagement": 0.5})
    'Revenue 50 %, Engagement 50 %'
    """
    return ", ".join(
        f"{criterion_label(c)} {fmt.percent(weights[c], 0)}" for c in CRITERIA if c in weights
    )


def weights_html(weights: Mapping[str, float]) -> str:
    """The normalised weights, as a learner sees them next to the sliders (escaped).

    >>> print(weights_html({"revenue": 0.25, "strategic_value": 0.75}))
    <p class="lessons-weights"><strong>Weights used (normalised to 100 %):</strong> Revenue 25 %,
    Strategic value 75 %</p>
    """
    return (
        f'<p class="lessons-weights"><strong>{html.escape(t("tables.weights.used"))}'
        f"</strong> {html.escape(weights_text(weights))}</p>"
    )


def history_table_html(values: pd.Series, unit: str, statuses: Iterable[str] | None = None) -> str:
    """Periods, values and statuses as a compact table, one column per period.

    The status shows symbol and word, in its colour. The table scrolls sideways on a narrow
    screen (the scroll box can be reached with the keyboard).

    Args:
        values: KPI values indexed by period, in ``unit`` (fractions for ``"%"``).
        unit: the KPI's unit (``"%"``, ``"€"``, ``"min"``, ...).
        statuses: one status code per value, or ``None``.

    >>> text = history_table_html(pd.Series([0.9], index=[1]), "%", ["off track"])
    >>> "90.0 %" in text and "✗ off track" in text
    True
    """
    values, codes = check_history(values, statuses)
    head = [t("tables.history.period"), *(str(period) for period in values.index)]
    rows = [[t("format.table.value"), *(fmt.value(float(v), unit) for v in values)]]
    styles = [["", *[_NOWRAP] * len(values)]]
    if codes is not None:
        rows.append([t("format.table.status"), *(fmt.status_label(code) for code in codes)])
        styles.append(["", *(f"{_NOWRAP};color:{STATUS_COLORS[code]}" for code in codes)])
    return fmt.html_table(
        head,
        rows,
        caption=t("tables.history.caption"),
        css_class="lessons-table lessons-kpi-history",
        styles=styles,
    )


def smart_findings_html(findings: Iterable[SmartFinding], score: int | None = None) -> str:
    """SMART findings (from :func:`lessons.kpis.smart_check`) as a list, ✓/✗ per letter.

    Every message is escaped, since it quotes what the learner typed.

    Args:
        findings: the findings, in S, M, A, R, T order.
        score: the number of letters that pass (:func:`lessons.kpis.smart_score`), shown in
            the heading when given.

    >>> from lessons.kpis import KPI, smart_check
    >>> kpi = KPI("<b>Churn</b>", "lost / at start", "%", "lower", 0.05, "monthly", "")
    >>> text = smart_findings_html(smart_check(kpi), score=3)
    >>> "&lt;b&gt;Churn&lt;/b&gt;" in text and "<b>Churn</b>" not in text
    True
    """
    items = []
    for finding in findings:
        ok, off = STATUS_COLORS["on track"], STATUS_COLORS["off track"]
        mark, color = ("✓", ok) if finding.ok else ("✗", off)
        verdict = t("tables.smart.ok" if finding.ok else "tables.smart.fail")
        items.append(
            f"<li><strong style='color:{color}' role='img' aria-label='{html.escape(verdict)}'>"
            f"{mark}</strong> {html.escape(finding.message)}</li>"
        )
    heading = t("tables.smart.heading")
    if score is not None:
        heading = t("tables.smart.heading_score", score=score)
    return (
        f"<div class='lessons-smart'><strong>{html.escape(heading)}</strong>"
        f"<ul style='list-style:none;padding-left:0;margin:4px 0'>{''.join(items)}</ul></div>"
    )


def scorecard_table_html(scorecard: pd.DataFrame, account: object) -> str:
    """One account's KPI table (value, target, status), in the course's KPI table style.

    Args:
        scorecard: the output of :func:`lessons.scorecard.account_scorecard`.
        account: the account to show.

    >>> from lessons.samples import sample_account_history
    >>> from lessons.scorecard import account_scorecard
    >>> card = account_scorecard(sample_account_history(seed=0))
    >>> "Vantor Retail Group" in scorecard_table_html(card, "Vantor Retail Group")
    True
    """
    card = check_scorecard(scorecard, "scorecard_table_html")
    rows = account_rows(card, account)
    table = rows.assign(kpi=rows["label"], scope="key_account")
    return fmt.kpi_table_html(table, caption=t("tables.scorecard.caption", account=account))
