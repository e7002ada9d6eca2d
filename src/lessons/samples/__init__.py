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

from lessons.samples import kpi_history, portfolio, scorecard, transactions
from lessons.samples.kpi_history import *  # noqa: F403
from lessons.samples.portfolio import *  # noqa: F403
from lessons.samples.scorecard import *  # noqa: F403
from lessons.samples.transactions import *  # noqa: F403

# One list of public names, each module's own: nothing to keep in step by hand.
__all__ = [*kpi_history.__all__, *portfolio.__all__, *scorecard.__all__, *transactions.__all__]
