"""Key accounts: who brings the revenue, how concentrated it is, and who is *strategic*.

A key account is "a customer of significant value to a business" that "generates a large part
of its revenue" (the course's source, section 1.1) -- but "a key account is not decided by
revenue alone: strategic value, future growth potential and engagement count too" (section
2.1). This package measures both sides, one module a role, every public name importable from
here (``from lessons.accounts import pareto_table, concentration``):

* :mod:`lessons.accounts.revenue` -- revenue per account, shares, the Pareto curve and ABC
  classes (:func:`pareto_table`);
* :mod:`lessons.accounts.risk` -- Herfindahl-Hirschman index, top-N share
  (:func:`concentration`), the readings of a Pareto curve (:func:`pareto_readings`) and what
  losing one account would do (:func:`loss_impact`);
* :mod:`lessons.accounts.portfolio` -- a weighted multi-criteria score
  (:func:`key_account_score`) and an attractiveness x strength matrix
  (:func:`portfolio_matrix`);
* :mod:`lessons.accounts.profit` -- what each account costs to serve, its profit, and the
  whale curve (:func:`profit_by_account`, :func:`whale_curve`).

Everything is a pure function of a DataFrame or a Series of revenue indexed by account. Money is
in €; shares are fractions.

>>> import pandas as pd
>>> revenue = pd.Series({"Bank": 600.0, "Retailer": 300.0, "Hotel": 100.0})
>>> pareto_table(revenue)["abc_class"].tolist()
['A', 'A', 'B']
>>> concentration(revenue).hhi
4600.0
>>> pareto_table(revenue, a=0.8, b=0.5)
Traceback (most recent call last):
    ...
ValueError: a (0.8) must be smaller than b (0.5): class A closes at a, class B at b, e.g. a=0.8
and b=0.95.
"""

from lessons.accounts import portfolio, profit, revenue, risk
from lessons.accounts.portfolio import *  # noqa: F403
from lessons.accounts.profit import *  # noqa: F403
from lessons.accounts.revenue import *  # noqa: F403
from lessons.accounts.risk import *  # noqa: F403
from lessons.samples.portfolio import load_sample_portfolio

# One list of public names, each module's own: nothing to keep in step by hand.
__all__ = [
    *revenue.__all__,
    *risk.__all__,
    *portfolio.__all__,
    *profit.__all__,
    "load_sample_portfolio",
]
