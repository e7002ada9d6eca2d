"""The self-hosted site JavaScript is pinned, consistent and wired the way the build expects.

No browser needed: these read package.json, package-lock.json, scripts/widget_js.sh and
_config.yml, so a version bump in one place without the others fails here, not on a reader's
screen.
"""

from __future__ import annotations

import json
import re

import ipywidgets._version
import yaml

from .conftest import REPO

PACKAGE = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
LOCK = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
SCRIPT = (REPO / "scripts" / "widget_js.sh").read_text(encoding="utf-8")
CONFIG = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
PINNED = {**PACKAGE.get("dependencies", {}), **PACKAGE.get("devDependencies", {})}


def test_every_npm_package_is_pinned_exactly_and_locked_at_that_version():
    for name, version in PINNED.items():
        exact = re.fullmatch(r"\d+\.\d+\.\d+", version)
        assert exact, f"{name}: pin an exact version, not {version}"
        locked = LOCK["packages"][f"node_modules/{name}"]["version"]
        assert locked == version, f"{name}: package.json {version} but package-lock.json {locked}"


def test_the_widget_manager_matches_the_python_ipywidgets():
    wanted = ipywidgets._version.__html_manager_version__  # e.g. "^1.0.1"
    major = re.match(r"\^(\d+)\.", wanted).group(1)
    pinned = PINNED["@jupyter-widgets/html-manager"]
    assert pinned.split(".")[0] == major, f"ipywidgets wants {wanted}, package.json has {pinned}"


def test_the_cdn_fallback_loads_the_same_versions():
    for name, variable in [
        ("requirejs", "REQUIREJS_VERSION"),
        ("@jupyter-widgets/html-manager", "HTML_MANAGER_VERSION"),
        ("mathjax", "MATHJAX_VERSION"),
    ]:
        found = re.search(rf'^{variable}="([^"]+)"', SCRIPT, re.M).group(1)
        assert found == PINNED[name], f"widget_js.sh {variable}={found}, package.json {name}"


def test_the_config_loads_the_files_the_script_writes_from_the_extra_path():
    assert "_widgets_extra" in CONFIG["html_extra_path"]
    assert CONFIG["mathjax_path"].startswith("../mathjax/")
    loaded = [path.rsplit("/", 1)[-1] for path in CONFIG["nb_ipywidgets_js"]]
    assert loaded[:3] == ["require.js", "require-config.js", "embed-amd.js"], loaded
    for name in loaded:
        assert name in SCRIPT, f"_config.yml loads {name} but scripts/widget_js.sh never writes it"


def test_no_javascript_in_a_root_static_folder():
    """Jupyter Book 1 adds every .js of _static/ to every page, alphabetically (embed-amd.js
    would load before require.js): the site's JavaScript lives in the extra path instead."""
    static = REPO / "_static"
    found = sorted(static.rglob("*.js")) if static.is_dir() else []
    assert not found, f"move these out of _static/ (see scripts/widget_js.sh): {found}"
