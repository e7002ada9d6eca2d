"""The "your data" panel: upload a file, say which column is which, get the report.

Controls: a file upload (``.csv``, ``.txt``, ``.xlsx``), one dropdown per column role
(customer, amount, optional date and scores) filled from the file's header with a first guess,
the reading options (separator, decimal mark, encoding, date order) and an Analyze button.
Outputs: the report tables (:func:`report_html`), the report figure and the monthly revenue
figure. The bundled sample is loaded and analysed at start, so the panel is never blank.

The panel only wires: reading and checking is :mod:`lessons.yourdata`, figures are
:mod:`lessons.charts.yourdata`. A file that cannot be used is explained in the panel, in
words, and the last good report stays. Every text from the file (customer names, column
names, the file name) is escaped before it is shown as HTML.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

import ipywidgets as w
import pandas as pd

from lessons import format as fmt
from lessons.charts import yourdata as charts
from lessons.charts.style import figure_html
from lessons.explorer.views import Cache
from lessons.i18n import get_language, t
from lessons.yourdata import (
    MAJOR_CUSTOMER_THRESHOLD,
    RISK_THRESHOLD,
    SAMPLE_MAPPING,
    TOP_FRACTIONS,
    DataError,
    Report,
    analyze_file,
    guess_mapping,
    inspect_file,
    sample_file,
)
from lessons.yourdata.messages import EXAMPLES, speaking_to
from lessons.yourdata.rules import HHI_MAX
from lessons.yourdata.workbook import sheet_names

__all__ = ["YourDataPanel", "report_html", "yourdata_panel"]

_ROLES = ("customer", "amount", "date", "strategic_value", "growth_potential", "engagement")
_OPTIONAL = ("date", "strategic_value", "growth_potential", "engagement")
_NONE = "\u2014"  # the "(no column)" choice of an optional role
_WIDE = {"description_width": "initial"}


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    """A report table through the one HTML table writer, which escapes every cell."""
    return fmt.html_table(head, rows, caption=caption, css_class="lessons-table lessons-yourdata")


def report_html(report: Report, *, top: int = 15) -> str:
    """The report as HTML tables: concentration, key accounts, scores and growth if present.

    Customer names and the file name are escaped, so a name such as ``<b>ACME</b>`` shows as
    typed and cannot change the page.

    >>> from lessons.yourdata import analyze_file
    >>> report = analyze_file(b"c,a\\n<b>Bank</b>,600\\nShop,400\\n", customer="c", amount="a")
    >>> "&lt;b&gt;Bank&lt;/b&gt;" in report_html(report), "<b>Bank" in report_html(report)
    (True, False)
    >>> report_html("report")
    Traceback (most recent call last):
        ...
    TypeError: report_html needs the report of lessons.yourdata.analyze(...) (got a str).
    """
    if not isinstance(report, Report):
        raise TypeError(
            t("yourdata.chart.error.report", function="report_html", type=type(report).__name__)
        )
    flag = (
        t("yourdata.panel.flag.risk", risk=fmt.percent(RISK_THRESHOLD))
        if report.concentration_risk
        else t("yourdata.panel.flag.major", major=fmt.percent(MAJOR_CUSTOMER_THRESHOLD))
        if report.major_customer
        else t("yourdata.panel.flag.ok", major=fmt.percent(MAJOR_CUSTOMER_THRESHOLD))
    )
    summary = [
        [t("yourdata.panel.customers"), fmt.integer(report.customers)],
        [t("yourdata.panel.total"), fmt.money(report.total_revenue)],
        [
            t("yourdata.panel.refunds"),
            f"{fmt.integer(report.refund_rows)} · {fmt.money(report.refund_total)}",
        ],
        *[
            [t("yourdata.panel.top_share", top=fmt.percent(fraction, None)), fmt.percent(value)]
            for fraction, value in zip(TOP_FRACTIONS, report.top_share.values(), strict=True)
        ],
        [t("yourdata.panel.share_for_80"), fmt.percent(report.customers_share_for_80pct)],
        [t("yourdata.panel.hhi", most=fmt.integer(HHI_MAX)), fmt.integer(report.hhi)],
        [
            t("yourdata.panel.largest", customer=report.largest_customer),
            fmt.percent(report.largest_share),
        ],
        [t("yourdata.panel.flag"), flag],
    ]
    if report.excluded_customers:
        summary.append(
            [t("yourdata.panel.excluded"), ", ".join(report.excluded_customers[:EXAMPLES])]
        )
    parts = [
        _table(
            t("yourdata.panel.summary", name=report.name, rows=fmt.integer(report.rows)),
            [t("yourdata.panel.measure"), t("yourdata.panel.value")],
            summary,
        )
    ]
    if report.notes:
        parts.insert(0, _notes_html(report.notes))
    # Class A is the top of the ranking: the first len(candidates) rows of the pareto table.
    shown = report.pareto.head(min(top, len(report.candidates)))
    key = [
        [str(name), fmt.money(row["revenue"]), fmt.percent(row["share"])]
        for name, row in shown.iterrows()
    ]
    parts.append(
        _table(
            t(
                "yourdata.panel.candidates",
                count=fmt.integer(len(report.candidates)),
                shown=fmt.integer(len(key)),
            ),
            [t("yourdata.panel.customer"), t("yourdata.panel.revenue"), t("yourdata.panel.share")],
            key,
        )
    )
    parts.append(f"<p>{html.escape(t('yourdata.text.candidates_why'))}</p>")
    if report.scores is not None:
        rows = [
            [str(name), fmt.number(row["score"], 1), fmt.integer(row["rank"])]
            for name, row in report.scores.head(top).iterrows()
        ]
        parts.append(
            _table(
                t("yourdata.panel.scores"),
                [t("yourdata.panel.customer"), t("yourdata.panel.score"), t("yourdata.panel.rank")],
                rows,
            )
        )
    if report.candidate_growth is not None:
        before, now = report.candidate_growth.attrs["months"]
        rows = [
            [
                str(name),
                fmt.money(row["previous_month"]),
                fmt.money(row["last_month"]),
                fmt.percent(row["growth"], signed=True),
            ]
            for name, row in report.candidate_growth.head(top).iterrows()
        ]
        parts.append(
            _table(
                t("yourdata.panel.ka_growth"),
                [
                    t("yourdata.panel.customer"),
                    fmt.month(pd.Timestamp(before)),
                    fmt.month(pd.Timestamp(now)),
                    t("yourdata.panel.growth"),
                ],
                rows,
            )
        )
    return "".join(parts)


def _notes_html(notes: tuple[str, ...]) -> str:
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return (
        "<div role='note' style='border-left:4px solid #2B6CB0;padding:4px 8px;margin:4px 0'>"
        f"<strong>{html.escape(t('yourdata.text.notes'))}</strong><ul>{items}</ul></div>"
    )


def _error_html(error: Exception | str, last: str | None) -> str:
    keep = t("yourdata.panel.keep", name=last) if last else t("yourdata.panel.nothing_yet")
    return (
        "<div role='alert' style='border-left:4px solid #B34700;padding:4px 8px;margin:4px 0'>"
        f"<strong>{html.escape(t('yourdata.panel.error'))}</strong> "
        f"{html.escape(str(error))}<br><em>{html.escape(keep)}</em></div>"
    )


#: The last reports shown and their outputs, by file (its bytes), mapping, options, resolution
#: and language: the bundled sample, analysed and drawn when a panel opens, is drawn once per
#: kernel, and a trainer who runs the cell again, or goes back to a file, waits for nothing.
_SHOWN = Cache(4)


class YourDataPanel(w.VBox):
    """Upload -> map columns -> Analyze -> report. Drive it from code with :meth:`load`.

    Attributes: ``upload``, ``columns`` (dict role -> Dropdown), ``options`` (dict of the
    reading options), ``analyze_button``, ``message`` (HTML: errors), ``source`` (HTML: which
    file), ``tables``, ``figure`` and ``monthly`` (HTML outputs), ``report`` (the last good
    :class:`~lessons.yourdata.Report`, or ``None``).

    A file that cannot be analysed changes nothing of the report on show: every output is
    built first and only then swapped in, so the tables and the figures always belong to
    the same, last good, report.
    """

    def __init__(self, *, dpi: int = 80):
        self.dpi = dpi
        self.report: Report | None = None
        self._content: bytes | None = None
        self._name = ""
        self.upload = w.FileUpload(
            accept=".csv,.txt,.tsv,.xlsx", multiple=False, description=t("yourdata.panel.upload")
        )
        self.upload.observe(self._on_upload, names="value")
        self.source = w.HTML()
        self.columns = {
            role: w.Dropdown(description=t(f"yourdata.panel.role.{role}"), style=_WIDE)
            for role in _ROLES
        }
        self.options = {
            "sep": w.Dropdown(
                description=t("yourdata.panel.sep"),
                options=[
                    (t("yourdata.panel.detect"), None),
                    (";", ";"),
                    (",", ","),
                    ("tab", "\t"),
                    ("|", "|"),
                ],
                style=_WIDE,
            ),
            "decimal": w.Dropdown(
                description=t("yourdata.panel.decimal"),
                options=[(t("yourdata.panel.detect"), None), (",", ","), (".", ".")],
                style=_WIDE,
            ),
            "encoding": w.Dropdown(
                description=t("yourdata.panel.encoding"),
                options=[
                    (t("yourdata.panel.detect"), None),
                    ("UTF-8", "utf-8"),
                    ("UTF-8 BOM", "utf-8-sig"),
                    ("UTF-16", "utf-16"),
                    ("Windows-1252", "cp1252"),
                    ("Latin-1", "latin-1"),
                ],
                style=_WIDE,
            ),
            "dayfirst": w.Dropdown(
                description=t("yourdata.panel.dates"),
                options=[
                    (t("yourdata.panel.detect"), None),
                    (t("yourdata.panel.dayfirst"), True),
                    (t("yourdata.panel.monthfirst"), False),
                ],
                style=_WIDE,
            ),
            "sheet": w.Dropdown(
                description=t("yourdata.panel.sheet"),
                options=[(t("yourdata.panel.first_sheet"), None)],
                style=_WIDE,
                layout=w.Layout(display="none"),
            ),
        }
        for name in ("sep", "encoding", "sheet"):  # these change the columns: read the header
            self.options[name].observe(lambda _: self._inspect(), names="value")
        self.analyze_button = w.Button(
            description=t("yourdata.panel.analyze"), button_style="primary", icon="play"
        )
        self.analyze_button.on_click(lambda _: self.analyze())
        self.message = w.HTML()
        self.tables = w.HTML()
        self.figure = w.HTML()
        self.monthly = w.HTML()
        grid = w.Layout(
            display="grid",
            grid_template_columns="repeat(auto-fit, minmax(250px, 1fr))",
            grid_gap="4px 16px",
            width="100%",
        )
        super().__init__(
            [
                w.HBox([self.upload, self.source]),
                w.HTML(f"<b>{html.escape(t('yourdata.panel.mapping'))}</b>"),
                w.Box(list(self.columns.values()), layout=grid),
                w.HTML(f"<b>{html.escape(t('yourdata.panel.reading'))}</b>"),
                w.Box(list(self.options.values()), layout=grid),
                self.analyze_button,
                self.message,
                self.tables,
                self.figure,
                self.monthly,
            ],
            layout=w.Layout(width="100%"),
        )
        self.load(sample_file().read_bytes(), sample_file().name, mapping=SAMPLE_MAPPING)

    # -- driving the panel ---------------------------------------------------------------

    def load(self, content: bytes, name: str, mapping: dict[str, str] | None = None) -> bool:
        """Use this file (its bytes): read its header, guess the mapping, analyse it.

        ``mapping`` (role -> column) overrides the guess. Returns True if a report was made;
        otherwise the message says why and the report on show stays as it was.
        """
        self._content, self._name = bytes(content), str(name)
        self.source.value = (
            f"<span>{html.escape(t('yourdata.panel.using', name=self._name))}</span>"
        )
        self._sheets()
        if not self._inspect(mapping):
            return False
        return self.analyze()

    def _sheets(self) -> None:
        """The Sheet menu: shown, with the workbook's sheets, for an Excel file only."""
        menu = self.options["sheet"]
        sheets: list[str] = []
        if self._content is not None and self._content.startswith(b"PK\x03\x04"):
            try:
                sheets = sheet_names(self._content, self._name)
            except DataError:
                sheets = []
        with menu.hold_trait_notifications():
            menu.options = [
                (t("yourdata.panel.first_sheet"), None),
                *[(f"{i}: {s}", s) for i, s in enumerate(sheets, start=1)],
            ]
            menu.value = None
        menu.layout.display = None if sheets else "none"

    def _last(self) -> str | None:
        return self.report.name if self.report is not None else None

    def _inspect(self, mapping: dict[str, str] | None = None) -> bool:
        if self._content is None:
            return False
        try:
            with speaking_to("panel"):
                info = inspect_file(
                    self._content,
                    sep=self.options["sep"].value,
                    encoding=self.options["encoding"].value,
                    sheet=self.options["sheet"].value,
                    name=self._name,
                )
        except DataError as error:
            self.message.value = _error_html(error, self._last())
            return False
        guess = guess_mapping(info.columns)
        guess.update(mapping or {})
        for role, dropdown in self.columns.items():
            choices = list(info.columns)
            if role in _OPTIONAL:
                choices = [(t("yourdata.panel.none"), _NONE), *[(c, c) for c in choices]]
            dropdown.options = choices
            wanted = guess.get(role)
            if wanted in info.columns:
                dropdown.value = wanted
            elif role in _OPTIONAL:
                dropdown.value = _NONE
        self.message.value = ""
        return True

    def mapping(self) -> dict[str, str | None]:
        """The current column of each role (``None`` for an optional role left empty)."""
        return {
            role: (None if d.value in (_NONE, None) else d.value)
            for role, d in self.columns.items()
        }

    def _render(self, report: Report) -> tuple[str, str, str]:
        """Every output of a report, built before any is shown."""
        tables = report_html(report)
        figure = figure_html(charts.plot(report), charts.alt_text(report), self.dpi)
        monthly = ""
        if report.monthly_revenue is not None:
            fig = charts.plot_monthly_revenue(report.monthly_revenue, report.monthly_growth)
            alt = charts.alt_text_monthly_revenue(report.monthly_revenue, report.monthly_growth)
            monthly = figure_html(fig, alt, self.dpi)
        return tables, figure, monthly

    def analyze(self) -> bool:
        """Analyse the current file with the current mapping; explain a refusal in the panel.

        Returns True if the new report is on show; False leaves the last one untouched.
        """
        if self._content is None:
            self.message.value = _error_html(t("yourdata.panel.no_file"), self._last())
            return False
        options: dict[str, Any] = {k: v.value for k, v in self.options.items()}
        mapping = self.mapping()
        key = (
            hashlib.sha256(self._content).hexdigest(),
            self._name,
            tuple(mapping.items()),
            tuple(options.items()),
            self.dpi,
            get_language(),
        )

        def report_and_outputs() -> tuple[Report, tuple[str, str, str]]:
            with speaking_to("panel"):
                report = analyze_file(self._content, name=self._name, **mapping, **options)
            return report, self._render(report)

        try:
            report, outputs = _SHOWN.get(key, report_and_outputs)
        except DataError as error:
            self.message.value = _error_html(error, self._last())
            return False
        except Exception as error:  # a figure that cannot be drawn must not break the panel
            problem = t("yourdata.panel.draw_error", detail=f"{type(error).__name__}: {error}")
            self.message.value = _error_html(problem, self._last())
            return False
        self.report = report
        self.message.value = ""
        self.tables.value, self.figure.value, self.monthly.value = outputs
        return True

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        self.load(bytes(upload["content"]), upload["name"])


def yourdata_panel(*, dpi: int = 80) -> YourDataPanel:
    """The live "your data" panel, showing the bundled sample's report to start with.

    >>> panel = yourdata_panel()
    >>> panel.report.customers
    40
    >>> panel.load(b"customer;amount\\nA;1\\n", "one.csv")
    False
    >>> "Only one customer" in panel.message.value, panel.report.customers
    (True, 40)
    """
    return YourDataPanel(dpi=dpi)
