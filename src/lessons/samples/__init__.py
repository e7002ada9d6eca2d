"""The course's sample data, in one place: every generator seeded, every file shipped.

Each sample is built by one function of one module, so that a notebook, a panel and a test
that show "the sample portfolio" all show the same one:

* :func:`lessons.samples.portfolio.load_sample_portfolio` -- 25 fictional B2B customers, and
  :func:`~lessons.samples.portfolio.load_sample_costs` -- what each of them costs to serve;
* :func:`lessons.samples.scorecard.sample_account_history` -- a year of four key accounts;
* :func:`lessons.samples.kpi_history.sample_kpi_history` -- an illustrative KPI history;
* :func:`lessons.samples.transactions.synthetic_transactions` -- orders for the your-data chapter.

>>> len(load_sample_portfolio())
25
"""

from lessons.samples.kpi_history import sample_kpi_history
from lessons.samples.portfolio import (
    SAMPLE_GROSS_MARGIN,
    SAMPLE_HOURLY_COST,
    SAMPLE_SERVICE_COST,
    load_sample_costs,
    load_sample_portfolio,
    sample_profit,
)
from lessons.samples.scorecard import sample_account_history
from lessons.samples.transactions import synthetic_transactions

__all__ = [
    "SAMPLE_GROSS_MARGIN",
    "SAMPLE_HOURLY_COST",
    "SAMPLE_SERVICE_COST",
    "load_sample_costs",
    "load_sample_portfolio",
    "sample_account_history",
    "sample_kpi_history",
    "sample_profit",
    "synthetic_transactions",
]
