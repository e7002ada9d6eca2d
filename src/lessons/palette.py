"""The course's colours, by role: one place for the charts, the HTML tables and the site.

The Okabe–Ito palette stays distinguishable with the common forms of colour blindness (Okabe &
Ito, *Color Universal Design*, 2008). A status is never shown by colour alone: each one also
has a symbol and a word (:func:`lessons.format.status_label`).

This module holds plain hex strings only (no matplotlib), so the formatter and the site's HTML
use the same colours as the figures.

>>> PALETTE["key_account"], STATUS_COLORS["off track"]
('#0072B2', '#B34700')
"""

from __future__ import annotations

__all__ = ["GRID_COLOR", "PALETTE", "SERIES", "STATUS_COLORS"]

#: Okabe–Ito colours by role. Key account and business are always the same two colours.
PALETTE = {
    "key_account": "#0072B2",  # blue
    "business": "#E69F00",  # orange
    "other": "#999999",  # grey
    "accent": "#CC79A7",  # reddish purple
    "secondary": "#56B4E9",  # sky blue
    "good": "#009E73",  # bluish green
    "bad": "#D55E00",  # vermillion
    "neutral": "#F0E442",  # yellow
    "ink": "#222222",
}

#: A cycle for series with no role (several clients, several accounts).
SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]

#: Text colours of the three statuses: darker than the palette's, so that a status written in
#: its colour on white keeps a contrast ratio of at least 4.5:1 (WCAG AA).
STATUS_COLORS = {"on track": "#007A5A", "at risk": "#8A5A00", "off track": "#B34700"}

#: matplotlib's grid colour, kept by the course style.
GRID_COLOR = "#b0b0b0"
