"""What every scenario promises (the contract of ``lessons.scenarios._base``), for all six.

Each scenario's own test module keeps its hand-computed values and its lesson; what they all
share is checked here once, parametrized over :data:`lessons.scenarios.SCENARIOS`.
"""

import inspect
import math
import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from matplotlib.category import StrCategoryFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter

from lessons import charts, i18n
from lessons import format as fmt
from lessons.kpis import STATUSES
from lessons.scenarios import KPI_TABLE_COLUMNS, SCENARIOS, ScenarioParams, load, param_specs, run
from lessons.widgets import scenario_panel

CONTRACT = (
    "Params",
    "PERIODS",
    "DATA_COLUMNS",
    "KPIS",
    "simulate",
    "check_data",
    "period_kpis",
    "summary",
    "targets",
    "kpi_table",
)

scenario = pytest.mark.parametrize("name", SCENARIOS)


def _other(name: str) -> str:
    return SCENARIOS[(SCENARIOS.index(name) + 1) % len(SCENARIOS)]


def valid_params(name: str):
    """Any settings of the scenario within the declared ranges that its checks accept (a
    hypothesis strategy; the scenarios' own tests use it too)."""
    module = load(name)
    fields = {
        s.name: st.integers(int(s.low), int(s.high))
        if s.kind is int
        else st.floats(s.low, s.high, allow_nan=False)
        for s in param_specs(module.Params)
    }

    def build(values):
        try:
            return module.Params(**values)
        except ValueError:
            assume(False)

    return st.fixed_dictionaries(fields).map(build)


def _fingerprint(data: pd.DataFrame) -> tuple:
    """Everything ``simulate`` returned, the table and what it carries along (``attrs``)."""
    attrs = {key: value.to_json() for key, value in data.attrs.items()}
    return data.to_json(), attrs


# ------------------------------------------------------------------ names and signatures


@scenario
def test_every_scenario_has_the_contract_names_and_signatures(name):
    module, chart = load(name), charts.load(name)
    assert set(CONTRACT) <= set(module.__all__)
    assert issubclass(module.Params, ScenarioParams)
    simulate = inspect.signature(module.simulate).parameters
    assert list(simulate) == ["params", "periods", "seed"]
    assert [p.default for p in simulate.values()] == [None, module.PERIODS.default, 0]
    for function in (module.check_data, module.period_kpis, module.summary, module.kpi_table):
        assert list(inspect.signature(function).parameters)[:2] == ["data", "params"]
    assert list(inspect.signature(module.targets).parameters) == ["params"]
    for function in (chart.alt_text, chart.figure):
        assert list(inspect.signature(function).parameters) == ["result"]
    plot = inspect.signature(chart.plot).parameters
    assert list(plot) == ["result", "phone"]
    assert plot["phone"].kind is inspect.Parameter.KEYWORD_ONLY and plot["phone"].default is False
    assert set(chart.__all__) == {"alt_text", "figure", "plot"}


# ------------------------------------------------------------------ parameters


@scenario
def test_defaults_are_valid_and_every_field_has_a_range_a_unit_and_a_label(name):
    Params = load(name).Params
    Params()
    specs = param_specs(Params)
    assert specs
    for spec in specs:
        assert spec.kind in (int, float)
        assert spec.low <= spec.default <= spec.high and spec.step > 0
        assert isinstance(spec.unit, str)
        assert spec.label and spec.label != spec.label_key  # a text of the catalog


@scenario
def test_out_of_range_is_refused_in_words(name):
    Params = load(name).Params
    for spec in param_specs(Params):
        for bad in (spec.low - spec.step, spec.high + spec.step):
            pattern = rf"\({spec.name}\) must be between .+ and .+ \(got .+\)\.$"
            with pytest.raises(ValueError, match=pattern):
                Params(**{spec.name: bad})


@scenario
def test_a_bool_or_a_text_where_a_number_is_expected_is_refused_in_words(name):
    Params = load(name).Params
    for spec in param_specs(Params):
        for bad, kind in ((True, "bool"), (np.bool_(False), "bool"), ("20", "str")):
            pattern = rf"\({spec.name}\) must be a number \(got .+ of type {kind}\)"
            with pytest.raises(TypeError, match=pattern):
                Params(**{spec.name: bad})


@scenario
def test_numpy_numbers_are_accepted_and_stored_as_python_numbers(name):
    Params = load(name).Params
    specs = param_specs(Params)
    as_numpy = {s.name: (np.int64 if s.kind is int else np.float32)(s.default) for s in specs}
    params = Params(**as_numpy)
    assert params == Params()
    assert all(type(getattr(params, s.name)) is s.kind for s in specs)
    for spec in specs:  # a 32-bit float at the edge of its range stays inside it
        for edge in (spec.low, spec.high):
            try:
                Params(**{spec.name: np.float32(edge) if spec.kind is float else np.int64(edge)})
            except ValueError as error:  # refused only by a check that involves other fields
                assert "must be between" not in str(error)


# ------------------------------------------------------------------ simulate


@scenario
def test_simulate_is_deterministic_per_seed_and_differs_across_seeds(name):
    simulate = load(name).simulate
    a, b = simulate(seed=3), simulate(seed=np.int64(3))
    assert _fingerprint(a) == _fingerprint(b)
    assert _fingerprint(a) != _fingerprint(simulate(seed=4))


@scenario
@pytest.mark.parametrize(
    ("seed", "error"), [(-1, ValueError), (True, TypeError), (1.5, TypeError), ("1", TypeError)]
)
def test_a_seed_that_is_not_a_whole_number_from_0_is_refused_in_words(name, seed, error):
    with pytest.raises(error, match=r"^seed must be a whole number, 0 or more \(got "):
        load(name).simulate(seed=seed)


@scenario
def test_periods_outside_their_range_are_refused_in_words(name):
    module = load(name)
    periods = module.PERIODS
    for bad in (periods.low - 1, periods.high + 1):
        message = rf"^periods must be between {periods.low} and {periods.high} {periods.unit}"
        with pytest.raises(ValueError, match=message):
            module.simulate(periods=bad)
    with pytest.raises(TypeError, match=r"^periods must be a number \(got '12' of type str\)"):
        module.simulate(periods="12")
    result = run(name, periods=np.int64(periods.low))
    assert len(result.period_kpis) == periods.low == result.summary["periods"]


@scenario
def test_the_settings_of_another_scenario_are_refused_in_words(name):
    other = load(_other(name)).Params()
    expected = rf"^params must be the settings of the {name} scenario"
    with pytest.raises(TypeError, match=expected):
        load(name).simulate(other)
    with pytest.raises(TypeError, match=expected):
        load(name).targets(other)


@scenario
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_columns_are_as_documented_and_nothing_is_negative(name, data, seed):
    module = load(name)
    params = data.draw(valid_params(name))
    periods = data.draw(st.integers(module.PERIODS.low, min(module.PERIODS.high, 48)))
    table = module.simulate(params, periods, seed)
    assert list(table.columns) == list(module.DATA_COLUMNS)
    numeric = table.select_dtypes("number")
    assert not (numeric < 0).any().any()
    result = run(name, params, periods, seed)
    assert set(result.kpi_table["status"]) <= set(STATUSES)


@scenario
def test_check_data_refuses_what_simulate_did_not_return(name):
    module = load(name)
    params = module.Params()
    with pytest.raises(TypeError, match=r"^data must be the table returned by simulate\(\) of "):
        module.summary([], params)
    with pytest.raises(ValueError, match=rf"of the {name} scenario \(got 0 rows"):
        module.kpi_table(module.simulate().head(0), params)
    with pytest.raises(ValueError, match=r"missing columns: "):
        module.period_kpis(module.simulate().iloc[:, :1], params)


# ------------------------------------------------------------------ KPIs


@scenario
def test_run_is_the_scenario_functions_put_together(name):
    module = load(name)
    params = module.Params()
    result = run(name, params, seed=2)
    data = module.simulate(params, seed=2)
    assert result.scenario == name and result.params is params and result.seed == 2
    assert _fingerprint(result.data) == _fingerprint(data)
    pd.testing.assert_frame_equal(result.period_kpis, module.period_kpis(data, params))
    pd.testing.assert_frame_equal(result.kpi_table, module.kpi_table(data, params))
    assert result.summary == pytest.approx(module.summary(data, params), nan_ok=True)
    assert result.targets == module.targets(params)
    assert run(module).kpi_table.equals(run(name).kpi_table)


@scenario
def test_period_kpis_have_one_row_per_period(name):
    result = run(name)
    periods = result.summary["periods"]
    kpis = result.period_kpis
    assert kpis.index.tolist() == list(range(1, periods + 1))
    assert kpis.index.name in ("month", "day")


@scenario
def test_summary_holds_every_kpi_and_the_number_of_periods_as_python_numbers(name):
    module = load(name)
    summary = run(name).summary
    assert {spec.key for spec in module.KPIS} <= set(summary)
    assert summary["periods"] == module.PERIODS.default
    assert all(type(value) in (int, float) for value in summary.values())


@scenario
def test_kpi_table_has_the_columns_valid_statuses_and_both_scopes(name):
    table = run(name).kpi_table
    assert table.columns.tolist() == KPI_TABLE_COLUMNS
    assert set(table["status"]) <= set(STATUSES)
    assert set(table["scope"]) == {"business", "key_account"}
    assert set(table["direction"]) <= {"higher", "lower", "band"}
    assert table["kpi"].is_unique and table["kpi"].str.len().gt(0).all()
    assert np.isfinite(table["value"]).all()


@scenario
def test_targets_give_a_target_to_every_kpi_row(name):
    module = load(name)
    result = run(name)
    keys = [spec.key for spec in module.KPIS]
    assert set(keys) <= set(result.targets)
    assert result.kpi_table["target"].tolist() == [result.targets[key] for key in keys]
    for spec in module.KPIS:  # a band KPI has a band (low, high) as its target, others a number
        target = result.targets[spec.key]
        edges = (target.low, target.high) if spec.direction == "band" else (target,)
        assert all(isinstance(edge, float) and math.isfinite(edge) for edge in edges)


def _shown_pairs(table: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    """(value, target, status) as the KPI table's HTML shows them to a learner, row by row."""
    html = fmt.kpi_table_html(table, lang=lang)
    cells = re.findall(r"<td data-label='[^']*'[^>]*>([^<]*)</td>", html)
    # Each row has four <td>: scope, value, target, status (the KPI's name is a <th>).
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    return [(value, re.sub("^[≥≤] ", "", target), code) for _, value, target, code in rows]


@scenario
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**16), lang=st.sampled_from(["en", "fr"]))
def test_a_kpi_that_is_not_on_track_never_reads_as_its_target(name, data, seed, lang):
    # "€140 ≥ €140 — at risk": a rounded value next to an unrounded status. For any valid
    # settings, a value shown equal to its target (or to the nearer edge of its band) is on
    # track.
    params = data.draw(valid_params(name))
    table = run(name, params, seed=seed).kpi_table
    pairs = _shown_pairs(table, lang)
    for (value, shown_target, shown_status), row in zip(
        pairs, table.to_dict("records"), strict=True
    ):
        on_track = row["status"] == "on track"
        assert shown_status.endswith(fmt.status_label(row["status"], symbol=False, lang=lang))
        if row["direction"] == "band":
            low, high = row["target"]
            edge = low if row["value"] < (low + high) / 2 else high
            near = fmt.value_and_target(row["value"], edge, row["unit"], lang=lang)
            assert near[0] == value and (on_track or near[0] != near[1]), (row, near)
        else:
            assert on_track or value != shown_target, (row, value, shown_target)


# ------------------------------------------------------------------ chart


def _x_is_labelled(ax) -> bool:
    categorical = (StrCategoryFormatter, FixedFormatter)
    return bool(ax.get_xlabel()) or isinstance(ax.xaxis.get_major_formatter(), categorical)


@scenario
def test_plot_returns_a_figure_with_titles_and_labelled_axes(name):
    fig = charts.load(name).plot(run(name))
    assert isinstance(fig, Figure) and fig.axes
    for ax in fig.axes:
        assert any(ax.get_title(loc=loc) for loc in ("left", "center", "right"))
        assert ax.get_ylabel()
    assert any(_x_is_labelled(ax) for ax in fig.axes)


@scenario
def test_the_chart_draws_what_run_computed_not_the_raw_data(name):
    chart = charts.load(name)
    result = run(name)
    without_data = replace(result, data=None)
    assert chart.alt_text(without_data) == chart.alt_text(result)
    assert isinstance(chart.plot(without_data), Figure)


@scenario
def test_charts_refuse_anything_but_the_run_of_their_scenario(name):
    chart = charts.load(name)
    message = rf'^The {name} chart draws what lessons.scenarios.run\("{name}", params\) returns'
    with pytest.raises(TypeError, match=message + r" \(got DataFrame\)"):
        chart.plot(load(name).simulate())
    with pytest.raises(TypeError, match=rf"\(got the run of {_other(name)}\)"):
        chart.alt_text(run(_other(name)))


def _as_the_table_shows(row, lang=None) -> str:
    """A KPI's value as the KPI table writes it; for a unit written in words ("parties per
    table", "out of 5"), the number alone."""
    unit = row["unit"] if row["unit"] in ("%", "€", "x") else ""
    return fmt.value_and_target(row["value"], row["target"], unit, lang=lang)[0]


@scenario
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_alt_text_quotes_every_kpi_as_the_kpi_table_formats_it(name, lang):
    chart = charts.load(name)
    i18n.set_language(lang)
    try:
        for seed in (0, 1):
            result = run(name, seed=seed)
            text = chart.alt_text(result)
            assert text.strip()
            for _, row in result.kpi_table.iterrows():
                assert _as_the_table_shows(row, lang) in text, (row["kpi"], text)
    finally:
        i18n.set_language("en")


# ------------------------------------------------------------------ panel


@scenario
def test_the_panel_shows_what_run_gives_for_its_settings(name):
    panel = scenario_panel(name)
    assert panel.message.value == ""
    result = run(name)
    figure, table = panel.outputs(result.params)
    assert (figure, table) == (panel.figure.value, panel.table.value)
    assert fmt.kpi_table_html(result.kpi_table, caption=i18n.t("widgets.kpis.caption")) == table
