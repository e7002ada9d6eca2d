"""The lines the your-data analysis draws: thresholds and the shares it reports.

They live in one place so that the analysis, the text report, the panel and the charts all
say the same numbers.

>>> MAJOR_CUSTOMER_THRESHOLD, RISK_THRESHOLD, TOP_FRACTIONS
(0.1, 0.15, (0.01, 0.05, 0.1, 0.2))
"""

from __future__ import annotations

__all__ = ["HHI_MAX", "MAJOR_CUSTOMER_THRESHOLD", "RISK_THRESHOLD", "TOP_FRACTIONS"]

#: A customer making at least this share of revenue is a "major customer" (the threshold of
#: IFRS 8.34, which requires disclosing any customer that makes 10 % or more of revenue).
MAJOR_CUSTOMER_THRESHOLD = 0.10
#: Above this share, losing the customer is a risk the course asks you to plan for: the line
#: this course draws (not a legal or accounting threshold; adjust it to your business).
RISK_THRESHOLD = 0.15
#: The shares of customers whose revenue share the report gives (top ceil(p x N) customers).
TOP_FRACTIONS = (0.01, 0.05, 0.10, 0.20)
#: The top of the Herfindahl-Hirschman scale (one customer makes all revenue).
HHI_MAX = 10_000
