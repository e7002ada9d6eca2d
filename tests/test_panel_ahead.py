"""Drawing ahead (issue 14): once a change is shown, a panel draws the next step of the control
that moved, the same way, into its cache, so that the next press shows a figure at once. What
is drawn ahead must be what a render would draw, and a newer change must win."""

from __future__ import annotations

import asyncio

import pytest

from lessons.widgets.panel import scenario_panel
from lessons.widgets.portfolio import portfolio_panel


def _step(panel, name, steps=1):
    control = panel.controls[name]
    control.value = control.value + steps * control.step


def test_the_next_step_the_same_way_is_expected_after_a_move():
    panel = scenario_panel("restaurant")
    tables = panel.controls["tables"]
    start = tables.value
    _step(panel, "tables")
    assert panel._ahead["tables"] == start + 2
    tables.value = start  # back down: the step below is next
    assert panel._ahead["tables"] == start - 1


def test_no_step_is_expected_past_the_end_of_a_range_or_for_a_tick_box():
    panel = scenario_panel("restaurant")
    tables = panel.controls["tables"]
    tables.value = tables.max - tables.step
    tables.value = tables.max
    assert panel._ahead is None
    before = panel.values()
    flags = [name for name, value in before.items() if isinstance(value, bool)]
    if flags:
        panel.controls[flags[0]].value = not before[flags[0]]
        assert panel._ahead is None


@pytest.mark.parametrize("name", ["restaurant", "agency", "software_bank"])
def test_a_state_drawn_ahead_is_what_a_render_shows(name):
    ahead = scenario_panel(name)
    first = ahead.specs[0].name
    _step(ahead, first)
    expected = dict(ahead._ahead)
    assert ahead.prefetch(expected)
    drawn, cached = ahead.renders, len(ahead._outputs.items)
    _step(ahead, first)  # the state drawn ahead: shown from the cache, nothing new drawn
    assert ahead.values() == expected and ahead.renders == drawn + 1
    assert len(ahead._outputs.items) == cached
    fresh = scenario_panel(name)
    fresh.set(**expected)
    assert ahead.figure.value == fresh.figure.value
    assert ahead.table.value == fresh.table.value


def test_a_newer_change_cancels_the_drawing_ahead_of_an_older_one():
    panel = scenario_panel("restaurant")
    _step(panel, "tables")
    old = dict(panel._ahead)
    _step(panel, "tables", -1)
    assert not panel.prefetch(old)
    assert panel.prefetched == 0


def test_the_portfolio_draws_the_next_customer_of_the_list_ahead():
    panel = portfolio_panel()
    remove = panel.controls["remove"]
    names = [value for _, value in remove.options]
    remove.value = names[1]
    remove.value = names[2]
    assert panel._ahead["remove"] == names[3]
    assert panel.prefetch(dict(panel._ahead))
    remove.value = names[3]
    fresh = portfolio_panel()
    fresh.set(remove=names[3])
    for part in ("figure", "tables", "matrix", "loss"):
        assert getattr(panel, part).value == getattr(fresh, part).value, part


def test_in_a_kernel_the_drawing_ahead_runs_after_the_change():
    async def trainer():
        panel = scenario_panel("restaurant")
        _step(panel, "tables")
        _step(panel, "tables")
        assert panel.prefetched == 0  # the change itself never waits for it
        await asyncio.sleep(0.2)
        return panel

    panel = asyncio.run(trainer())
    assert panel.prefetched == 1
    assert panel._ahead is None
