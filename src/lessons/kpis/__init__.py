"""Key Performance Indicators: one function per KPI the course uses, SMART checks and status.

A KPI is "a measurable value that shows how effectively a business reaches its objectives"
(the course's source, section 1.2). This package holds every KPI formula of the course, in one
place, each checked against a hand-computed value in ``tests/test_kpis.py``. It is split by
role, and every public name of its modules is importable from here
(``from lessons.kpis import nps, status, smart_check``):

* :mod:`lessons.kpis.formulas` -- the KPI functions (growth, quality, customers, marketing,
  restaurant) and their learner-facing names (:func:`kpi_label`);
* :mod:`lessons.kpis.targets` -- a value against its target: :func:`status`,
  :func:`status_series`, :class:`Direction`, :data:`STATUSES`;
* :mod:`lessons.kpis.smart` -- what makes a number a KPI: :class:`KPI`, :func:`smart_check`,
  :func:`smart_score`.

Conventions
-----------
* Rates are **fractions**: ``0.25`` means 25 %. The only exception is :func:`nps`, which is
  conventionally a score from -100 to 100.
* Scalars give a ``float``. The rate functions are also **vectorised**: give a
  ``pandas.Series`` (or a list / NumPy array) for one or both arguments and you get one value
  per element, as a ``Series`` (index kept) or an array. A scalar next to a series is used for
  every element (``revenue_per_table(daily_revenue, tables=20)``). Two series must have the
  same length, and two ``Series`` the same index.
* Every bad input (empty, NaN, negative, zero denominator, a count larger than what it counts,
  a rating off the scale, a text instead of a number) raises ``ValueError`` or ``TypeError``
  with a message from the catalog that says what was wrong and what is accepted.

>>> click_through_rate(clicks=30, impressions=1_000)
0.03
>>> click_through_rate(clicks=[3, 5], impressions=[100, 100])
array([0.03, 0.05])
>>> status(0.93, target=0.95)
'at risk'
>>> click_through_rate(clicks=30, impressions=0)
Traceback (most recent call last):
    ...
ValueError: impressions must be greater than 0 (got 0): ...
"""

from lessons.kpis import formulas, smart, targets
from lessons.kpis.formulas import *  # noqa: F403
from lessons.kpis.smart import *  # noqa: F403
from lessons.kpis.targets import *  # noqa: F403

# One list of public names, each module's own: nothing to keep in step by hand.
__all__ = [*formulas.__all__, *targets.__all__, *smart.__all__]
