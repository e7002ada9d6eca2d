"""The site's explorers: grids, the shared render path, the files of a state, the cache key,
the page's HTML and the directive (the browser checks are in tests/browser/test_explorer.py)."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from lessons import scenarios
from lessons.charts.style import to_svg
from lessons.explorer import states
from lessons.explorer.grids import EXPLORERS, KPI_EXAMPLES, TARGET_STEPS, grid
from lessons.explorer.page import explorer_html
from lessons.explorer.panels import site_panel
from lessons.explorer.views import UNITS, scenario_view, unit_spec

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_OF = {
    **{name: f"scenario_{name}.ipynb" for name in scenarios.SCENARIOS},
    "portfolio": "portfolio_explorer.ipynb",
    "kpi_builder": "kpi_builder.ipynb",
    "scorecard": "scorecard.ipynb",
}


# ----------------------------------------------------------------------------- grids


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_lesson_controls_are_crossed_with_seven_steps_or_more(name):
    g = grid(name)
    moved = {c.name: c for c in g.controls}
    for lesson in g.lesson:
        assert moved[lesson].steps >= 7, f"{name}: {lesson} has {moved[lesson].steps} steps"
    assert len(g.lesson) == 2 and g.lesson[0] != g.lesson[1]


@pytest.mark.parametrize("name", EXPLORERS)
def test_a_grid_stays_within_about_500_states(name):
    assert 7 * 7 <= grid(name).size <= 500


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_page_opens_on_the_live_panels_default_and_shows_every_control(name):
    panel = _live_panel(name)
    g = grid(name)
    opened = g.values_at(g.default_index)
    if name == "kpi_builder":  # the example stands for the texts a learner types live
        example = next(e for e in KPI_EXAMPLES if e.key == opened.pop("example"))
        for field in ("name", "formula", "period", "owner", "objective"):
            assert example.text(field) == panel.defaults[field]
        assert example.unit == panel.defaults["unit"]
    assert opened == {key: panel.defaults[key] for key in opened}
    assert set(opened) | set(g.fixed) == set(panel.controls)


def _live_panel(name: str):
    if name in scenarios.SCENARIOS:
        from lessons.widgets.panel import scenario_panel

        return scenario_panel(name)
    if name == "portfolio":
        from lessons.widgets.portfolio import portfolio_panel

        return portfolio_panel()
    if name == "kpi_builder":
        from lessons.widgets.kpi_builder import kpi_builder_panel

        return kpi_builder_panel()
    from lessons.widgets.scorecard import scorecard_panel

    return scorecard_panel()


def _what_if_values(notebook: Path) -> dict[str, set]:
    """Keyword values of every ``Params(...)``/``replace(params, ...)`` call in the notebook's
    "What if" section, and the accounts given to ``loss_impact``."""
    nb = nbformat.read(notebook, as_version=4)
    found: dict[str, set] = {}
    names = _imported_names(nb)
    inside = False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            headings = re.findall(r"^(#+) (.*)$", cell.source, re.M)
            for level, title in headings:
                if len(level) == 2:
                    inside = title.lower().startswith("what if")
            continue
        if not inside:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if not isinstance(node, ast.Call):
                continue
            callee = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if callee in ("Params", "replace"):
                for keyword in node.keywords:
                    found.setdefault(keyword.arg, set()).add(_value(keyword.value, names))
            if callee == "loss_impact" and len(node.args) == 2:
                found.setdefault("remove", set()).add(_value(node.args[1], names))
    return found


def _imported_names(nb) -> dict:
    """What the notebook's ``from lessons... import`` lines bring in (a what-if may pass a
    constant of the package, such as ``UTILISATION_BAND.high``)."""
    names: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lessons"):
                exec(compile(ast.Module([node], []), "<imports>", "exec"), names)
    return names


def _value(node: ast.expr, names: dict):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return eval(compile(ast.Expression(node), "<what-if>", "eval"), dict(names))


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_grid_holds_every_value_of_the_notebooks_what_ifs(name):
    g = grid(name)
    wanted = _what_if_values(NOTEBOOKS / NOTEBOOK_OF[name])
    for control, values in g.required.items():
        wanted.setdefault(control, set()).update(values)
    if name in scenarios.SCENARIOS or name == "portfolio":
        assert wanted, f"no what-if value found in {NOTEBOOK_OF[name]}"
    for control, values in wanted.items():
        if control in g.fixed:
            pytest.fail(f"{name}: the notebook's what-ifs move {control}, fixed on the site")
        missing = values - g.control(control).all_values()
        assert not missing, f"{name}: {control} lacks the what-if values {sorted(missing)}"


def test_the_kpi_builders_targets_hold_each_units_default_and_the_notebooks_values():
    for (unit, direction), steps in TARGET_STEPS.items():
        assert unit_spec(unit, direction)["target"] in steps, (unit, direction)
        assert all(UNITS[unit]["min"] <= s <= UNITS[unit]["max"] for s in steps)
        assert list(steps) == sorted(steps)
    assert {0.9, 0.99} <= set(TARGET_STEPS[("%", "higher")])


def test_positions_and_index_are_inverse_and_the_last_control_moves_fastest():
    g = grid("restaurant")
    assert g.strides == (21, 3, 1)  # 7 dining times x 7 arrivals x 3 VIP attentions
    for index in (0, 1, 20, 21, g.size - 1):
        assert g.index(g.positions(index)) == index
    assert g.values_at(1)["vip_attention"] != g.values_at(0)["vip_attention"]
    with pytest.raises(ValueError, match=r"outside 0\.\.146 of restaurant"):
        g.positions(147)


def test_a_dependent_control_reads_its_values_from_the_controls_it_follows():
    g = grid("kpi_builder")
    minutes = next(i for i, e in enumerate(KPI_EXAMPLES) if e.unit == "min")
    index = g.index((minutes, 1, 0, 0))
    assert g.values_at(index)["target"] == TARGET_STEPS[("min", "lower")][0]


def test_an_unknown_explorer_names_the_known_ones():
    with pytest.raises(ValueError, match=r"'bakery'. Explorers: software_bank, .*scorecard\."):
        grid("bakery")


# ----------------------------------------------------------------------------- states


def test_a_scenario_state_is_what_the_live_panel_shows_for_the_same_settings():
    site = site_panel("agency")
    g = site.grid
    index = g.index((0, 5, 1, 0))  # a catchy ad: 0.4 % conversion, 8 % CTR, 50 % margin
    values = g.values_at(index)
    drawn = site.draw(values)
    params = scenarios.load("agency").Params(**values)
    live = scenario_view("agency", params)
    assert drawn.html == [live.table]
    assert drawn.figures[0].alt == live.picture.alt
    assert to_svg(drawn.figures[0].wide()) == to_svg(live.picture.wide())


def test_a_refused_state_keeps_the_shown_figures_and_says_why():
    site = site_panel("manufacturer")
    values = {**site.grid.values_at(site.grid.default_index), "target_minutes": 3.5}
    drawn = site.draw(values)
    assert drawn.figures == [None] and drawn.html == [None]
    assert "3.5" in drawn.message and "cycle" in drawn.message


def test_the_portfolio_hides_the_loss_chart_until_an_account_is_removed():
    site = site_panel("portfolio")
    nobody = site.draw({"w_revenue": 5.0, "remove": ""})
    bank = site.draw({"w_revenue": 5.0, "remove": "Banque Méridienne"})
    assert nobody.figures[3] is False and bank.figures[3] is not False
    assert nobody.statuses["HHI"] == "1,165" and bank.statuses["HHI"] != "1,165"


def test_value_texts_are_in_business_units():
    site = site_panel("restaurant")
    assert site.text("vip_attention", 0.15) == "15 %"
    assert site.text("tables", 20) == "20 tables"
    assert site_panel("startup").text("a_leaves_month", 0) == "never"
    assert site_panel("startup").text("a_leaves_month", 7) == "month 7"
    kpi = site_panel("kpi_builder")
    assert kpi.text("target", 30.0, {"example": "handling_time"}) == "30 min"
    assert kpi.text("target", 0.95, {"example": "on_time"}) == "95 %"


def test_compacted_svg_keeps_every_element_and_text():
    site = site_panel("restaurant")
    drawn = site.draw(site.grid.values_at(0))
    svg = to_svg(drawn.figures[0].wide())
    small = states.compact_svg(svg)
    assert len(small) < 0.8 * len(svg)
    ns = "{http://www.w3.org/2000/svg}"
    before, after = ET.fromstring(svg), ET.fromstring(small)
    drawn_tags = [e.tag for e in before.iter() if e.tag.startswith(ns)]
    assert [tag for tag in drawn_tags if tag != f"{ns}metadata"] == [e.tag for e in after.iter()]
    assert [e.text for e in before.iter(f"{ns}text")] == [e.text for e in after.iter(f"{ns}text")]
    assert b"font-family" in small and small.count(b"font-family") == 1


def test_build_writes_states_and_figures_once_and_reuses_them(tmp_path, monkeypatch):
    monkeypatch.setattr(states, "grid", _tiny_grid)
    monkeypatch.setattr(states, "site_panel", _tiny_site)
    first = states.build(["restaurant"], tmp_path, workers=1, log=lambda line: None)
    built = first["restaurant"]
    assert not built.cached and built.states == 4
    folder = tmp_path / "restaurant"
    scripts = sorted(p.name for p in (folder / "s").iterdir())
    assert scripts == ["0.js", "1.js", "2.js", "3.js"]
    text = (folder / "s" / "1.js").read_text(encoding="utf-8")
    name, index, state = re.match(
        r"lessonsExplorer\.receive\((\"\w+\"),(\d+),(.*)\);\n$", text, re.S
    ).groups()
    state = json.loads(state)
    assert (json.loads(name), int(index)) == ("restaurant", 1)
    assert (folder / "f" / state["f"][0]["w"]).is_file() and state["f"][0]["a"]
    assert built.page["default"] == _tiny_grid("restaurant").default_index
    again = states.build(["restaurant"], tmp_path, workers=1, log=lambda line: None)
    assert again["restaurant"].cached


def _tiny_grid(name):
    from lessons.explorer.grids import Control, Grid

    real = grid(name)
    return Grid(
        name=name,
        controls=(Control("dining_time", (60, 90)), Control("arrivals", (30, 50))),
        fixed=(*real.fixed, "vip_attention"),
        default={"dining_time": 90, "arrivals": 50},
        lesson=("dining_time", "arrivals"),
    )


def _tiny_site(name):
    site = site_panel(name)
    site.grid = _tiny_grid(name)
    return site


def test_the_cache_key_follows_sources_grid_and_language(tmp_path, monkeypatch):
    package = tmp_path / "lessons"
    (package / "scenarios").mkdir(parents=True)
    (package / "scenarios" / "restaurant.py").write_text("TABLES = 20\n")
    (package / "static").mkdir()
    (package / "static" / "explorer.js").write_text("// site script\n")
    monkeypatch.setattr(states.resources, "files", lambda _name: package)
    digest = states.sources_digest()
    key = states.cache_key("restaurant", "en", digest)
    assert states.cache_key("restaurant", "fr", digest) != key
    (package / "static" / "explorer.js").write_text("// another script\n")
    assert states.sources_digest() == digest  # the site's script draws nothing
    (package / "scenarios" / "restaurant.py").write_text("TABLES = 21\n")
    changed = states.sources_digest()
    assert changed != digest
    assert states.cache_key("restaurant", "en", changed) != key
    monkeypatch.setattr(states, "grid", _tiny_grid)
    assert states.cache_key("restaurant", "en", digest) != key


# ----------------------------------------------------------------------------- the page


def _page_of(name: str) -> dict:
    site = site_panel(name)
    folder = _figures_folder(name)
    state = states.render_state(site, site.grid.default_index, folder)
    return states.page_data(site, state)


def _figures_folder(name):
    import tempfile

    return states._Figures(Path(tempfile.mkdtemp(prefix=f"lx-{name}-")))


@pytest.mark.parametrize("name", ["restaurant", "kpi_builder", "portfolio"])
def test_the_page_labels_every_control_and_says_why_the_others_are_fixed(name):
    page = _page_of(name)
    soup = BeautifulSoup(explorer_html(page, base="../_explorer/x/", serial=2), "html.parser")
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    for field in soup.select("input, select"):
        label = soup.select_one(f'label[for="{field["id"]}"]')
        assert label is not None and label.get_text(strip=True)
    for slider in soup.select('input[type="range"]'):
        assert slider["aria-valuetext"] == slider.find_next_sibling("output").get_text()
    fixed = soup.select("input[disabled]")
    assert len(fixed) == len(grid(name).fixed)
    for field in fixed:
        reason = soup.select_one("#" + field["aria-describedby"]).get_text()
        assert "run the notebook live" in reason
    assert soup.select_one('[role="status"][aria-live="polite"]') is not None
    images = soup.select("img")
    assert images and all(
        img["alt"].strip() and img["src"].startswith("../_explorer/x/f/") for img in images
    )
    config = json.loads(soup.select_one("script.lx-config").string)
    assert config["strides"] == list(grid(name).strides)


def test_the_kpi_builders_fixed_fields_show_the_chosen_example():
    page = _page_of("kpi_builder")
    owner = next(item for item in page["fixed"] if item["name"] == "owner")
    assert owner["follows"] == "example"
    keys = [e.key for e in KPI_EXAMPLES]
    assert owner["texts"][keys.index("on_time_draft")] == ""
    assert owner["texts"][keys.index("on_time")] == "Logistics lead"
    target = next(c for c in page["controls"] if c["name"] == "target")
    assert target["texts_by"][f"{keys.index('handling_time')},0"][0] == "15 min"


# ----------------------------------------------------------------------------- the directive


@pytest.mark.slow
def test_an_unknown_explorer_is_a_build_error_naming_the_known_ones(tmp_path):
    (tmp_path / "_config.yml").write_text(
        "title: Explorer test\nonly_build_toc_files: true\n"
        "execute:\n  execute_notebooks: 'off'\n"
        "sphinx:\n  extra_extensions: [lessons.sphinx_explorer]\n",
        encoding="utf-8",
    )
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text("# Intro\n\n```{explorer} bakery\n```\n", "utf-8")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(tmp_path), "-W"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "There is no explorer named 'bakery'" in output
    assert (
        "software_bank, manufacturer, startup, consulting, agency, restaurant, portfolio" in output
    )
    shutil.rmtree(tmp_path / "_build", ignore_errors=True)


#: The table slot each explorer's numbers are read from (its "KPI table").
TABLE_SLOT = {
    **{name: 0 for name in scenarios.SCENARIOS},
    "portfolio": 1,
    "kpi_builder": 1,
    "scorecard": 0,
}


@pytest.mark.parametrize("name", EXPLORERS)
def test_no_dead_step_every_step_of_a_control_changes_the_table(name):
    site = site_panel(name)
    g = site.grid
    default = list(g.positions(g.default_index))
    for i, control in enumerate(g.controls):
        tables = []
        for position in range(control.steps):
            positions = default.copy()
            positions[i] = position
            drawn = site.draw(g.values_at(g.index(tuple(positions))))
            tables.append(drawn.message or drawn.html[TABLE_SLOT[name]])
        for position in range(1, control.steps):
            assert tables[position] != tables[position - 1], (
                f"{name}: {control.name} from {control.value(position - 1, g.values_at(0))} "
                "to the next step changes nothing in the table"
            )


def test_the_french_edition_draws_its_states_with_french_numbers():
    """A build with ``language: fr`` (the French edition) writes value texts and tables
    through the same catalog and formatter, in French (English only where the catalog has no
    French text yet)."""
    from lessons.i18n import get_language, set_language

    before = get_language()
    try:
        set_language("fr")
        site = site_panel("agency")
        g = site.grid
        table = site.draw(g.values_at(g.default_index)).html[0]
        french = site.text("key_account_conversion", 0.004)
    finally:
        set_language(before)
    assert french == "0,4\u00a0%"
    assert site_panel("agency").text("key_account_conversion", 0.004) == "0.4 %"
    assert "Valeur" in table and "Cible" in table
