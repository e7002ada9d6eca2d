"""Shared test configuration."""

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

# Property tests check what is true of every input, not how fast it is: a loaded CI machine
# (2 cores, a book build beside the tests) must not fail them on hypothesis' 200 ms deadline.
# Speed is measured in benchmarks/.
settings.register_profile("course", deadline=None)
settings.load_profile("course")
