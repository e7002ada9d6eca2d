"""lessons doctor: the real machine is ready; a failing check says what to do and exits 1."""

from __future__ import annotations

import socket

import pytest

from lessons import cli, doctor
from lessons.doctor import Check


@pytest.fixture(autouse=True)
def english():
    from lessons.i18n import set_language

    set_language("en")
    yield
    set_language("en")


def test_this_machine_can_run_the_workshop(capsys):
    assert cli.main(["doctor"]) == 0
    text = capsys.readouterr().out
    assert "This machine can run the workshop." in text
    for words in (
        "Python 3.",
        "packages pinned in requirements.txt",
        "JupyterLab",
        "ipywidgets",
        "drew its figure",
        "notebooks of the course",
    ):
        assert words in text


def _broken() -> Check:
    return Check("widgets", False, True, "The extension is missing.", "Run: make setup")


def test_a_failing_required_check_gives_its_fix_and_exit_code_1(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "CHECKS", (doctor.check_python, _broken))
    assert cli.main(["doctor"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "PROBLEM  The extension is missing."
    assert lines[2].strip() == "→ Run: make setup"
    assert "cannot run the workshop yet" in lines[-1]


def test_an_optional_failure_is_a_note_and_the_workshop_still_runs(monkeypatch, capsys):
    def no_browser() -> Check:
        return Check("browser", False, False, "Chromium not found.", "make browser")

    monkeypatch.setattr(doctor, "CHECKS", (doctor.check_python, no_browser))
    assert cli.main(["--lang", "fr", "doctor"]) == 0
    text = capsys.readouterr().out
    assert "NOTE     Chromium not found." in text and "peut faire tourner l’atelier" in text


def test_wrong_package_versions_are_listed(monkeypatch):
    monkeypatch.setattr(doctor.metadata, "version", lambda name: "0.0.0")
    check = doctor.check_packages()
    assert not check.ok and "(pinned " in check.text and check.fix.startswith("Run: make setup")


def test_a_busy_port_is_reported_with_the_command_to_free_it():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        check = doctor.check_port(port)
    assert not check.ok and not check.required
    assert f"jupyter server stop {port}" in check.fix


def test_a_panel_that_cannot_draw_is_a_problem(monkeypatch):
    import lessons.widgets.panel as panel

    def broken(name):
        raise RuntimeError("no renderer")

    monkeypatch.setattr(panel, "scenario_panel", broken)
    check = doctor.check_panel()
    assert not check.ok and "RuntimeError: no renderer" in check.text
