"""Rendering a report: the text ``lessons analyze`` prints, and its JSON summary.

Numbers go through :mod:`lessons.format` in the learner's language; the text report is laid
out in columns for a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from lessons import format as fmt
from lessons.i18n import t
from lessons.yourdata.messages import EXAMPLES, show_sep
from lessons.yourdata.rules import (
    HHI_MAX,
    MAJOR_CUSTOMER_THRESHOLD,
    RISK_THRESHOLD,
    TOP_FRACTIONS,
)

if TYPE_CHECKING:
    from lessons.yourdata.analysis import Report

__all__ = ["report_dict", "report_text"]


def report_dict(report: Report) -> dict[str, Any]:
    """The JSON summary of ``lessons analyze --json``: plain Python numbers and lists."""
    return {
        "customers": int(report.customers),
        "total_revenue": float(report.total_revenue),
        "top_share": {k: float(v) for k, v in report.top_share.items()},
        "customers_share_for_80pct": float(report.customers_share_for_80pct),
        "hhi": float(report.hhi),
        "largest_share": float(report.largest_share),
        "key_accounts": [str(c) for c in report.key_accounts],
    }


def report_text(report: Report) -> str:
    """The readable report, as ``lessons analyze`` prints it."""
    lines = [
        t("yourdata.text.title", name=report.name),
        t(
            "yourdata.text.read",
            rows=fmt.integer(report.rows),
            kind=t(f"yourdata.kind.{report.kind}"),
            sep=show_sep(report.detected.get("sep")),
            decimal=report.detected.get("decimal"),
            encoding=report.detected.get("encoding") or "-",
        ),
        "",
        t("yourdata.text.customers", customers=fmt.integer(report.customers)),
        t("yourdata.text.total", total=fmt.money(report.total_revenue, 2)),
    ]
    if report.refund_rows:
        lines.append(
            t(
                "yourdata.text.refunds",
                rows=fmt.integer(report.refund_rows),
                total=fmt.money(report.refund_total, 2),
            )
        )
    if report.excluded_customers:
        lines.append(
            t(
                "yourdata.text.excluded",
                count=fmt.integer(len(report.excluded_customers)),
                names=", ".join(report.excluded_customers[:EXAMPLES]),
            )
        )
    lines += ["", t("yourdata.text.concentration")]
    for fraction, share in zip(TOP_FRACTIONS, report.top_share.values(), strict=True):
        top = fmt.percent(fraction, None)
        lines.append(t("yourdata.text.top_share", top=f"{top:>4}", share=fmt.percent(share)))
    lines.append(
        t("yourdata.text.share_for_80", share=fmt.percent(report.customers_share_for_80pct))
    )
    lines.append(t("yourdata.text.hhi", hhi=fmt.integer(report.hhi), most=fmt.integer(HHI_MAX)))
    flag = (
        "yourdata.text.flag_risk"
        if report.concentration_risk
        else "yourdata.text.flag_major"
        if report.major_customer
        else "yourdata.text.flag_ok"
    )
    lines.append(
        t(
            "yourdata.text.largest",
            customer=report.largest_customer,
            share=fmt.percent(report.largest_share),
        )
        + " "
        + t(flag, major=fmt.percent(MAJOR_CUSTOMER_THRESHOLD), risk=fmt.percent(RISK_THRESHOLD))
    )
    lines += ["", t("yourdata.text.key_accounts", count=fmt.integer(len(report.key_accounts)))]
    for customer in report.key_accounts[:20]:
        share = fmt.percent(report.revenue[customer] / report.total_revenue)
        amount = fmt.money(report.revenue[customer], 2)
        lines.append(f"  {customer[:34]:<34} {amount:>16} {share:>8}")
    if len(report.key_accounts) > 20:
        lines.append(t("yourdata.text.more", count=fmt.integer(len(report.key_accounts) - 20)))
    if report.scores is not None:
        lines += ["", t("yourdata.text.scores")]
        for customer, row in report.scores.head(10).iterrows():
            rank, score = fmt.integer(row["rank"]), fmt.number(row["score"], 1)
            lines.append(f"  {rank:>3}. {str(customer)[:34]:<34} {score:>6}")
    if report.monthly_revenue is not None:
        lines += ["", t("yourdata.text.monthly")]
        growth = report.monthly_growth
        for month, value in report.monthly_revenue.tail(12).items():
            g = growth[month] if growth is not None else float("nan")
            lines.append(
                f"  {fmt.month(month):<10}  {fmt.money(value, 2):>18}  {fmt.percent(g):>8}"
            )
    if report.key_account_growth is not None:
        before, now = report.key_account_growth.attrs["months"]
        lines += [
            "",
            t(
                "yourdata.text.ka_growth",
                previous=fmt.month(pd.Timestamp(before)),
                last=fmt.month(pd.Timestamp(now)),
            ),
        ]
        for customer, row in report.key_account_growth.head(20).iterrows():
            lines.append(
                f"  {customer[:34]:<34} {fmt.money(row['previous_month'], 2):>14} "
                f"{fmt.money(row['last_month'], 2):>14} {fmt.percent(row['growth']):>8}"
            )
    return "\n".join(lines)
