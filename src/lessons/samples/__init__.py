"""Made-up, seeded data sets for the course: one generator a file."""

from lessons.samples.transactions import synthetic_transactions

__all__ = ["synthetic_transactions"]
