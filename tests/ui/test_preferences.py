"""Start-up preferences in settings.ini: the language (``ui/language``) when ``--lang`` is not
given, and the store (``store/path``) when neither ``--db`` nor ``--demo`` is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from branchdesk import paths
from branchdesk.cli import main as cli_main
from branchdesk.domain.messages import message
from branchdesk.ui.app import start_preferences
from branchdesk.ui.main_window import LANGUAGE_KEY, STORE_KEY, app_settings


def prefer(**values: str) -> None:
    """Write preferences as the settings page does (keys ``ui/language``, ``store/path``)."""
    settings = app_settings()
    for key, value in values.items():
        settings.setValue({"language": LANGUAGE_KEY, "store": STORE_KEY}[key], value)
    settings.sync()


@pytest.mark.parametrize(("preferred", "given", "expected"), [
    (None, None, "ja"),      # nothing chosen: Japanese
    ("en", None, "en"),      # the preference when --lang is not given
    ("en", "ja", "ja"),      # --lang wins
    ("ja", "en", "en"),
    ("fr", None, "ja"),      # not a language of the app: ignored
    ("", None, "ja"),
])
def test_the_language_preference(preferred: str | None, given: str | None,
                                 expected: str) -> None:
    if preferred is not None:
        prefer(language=preferred)
    assert start_preferences(Path("x.db"), given)[1] == expected


@pytest.mark.parametrize(("preferred", "given", "expected"), [
    (None, None, "default"),
    ("{home}/branch13.db", None, "{home}/branch13.db"),
    ("{home}/branch13.db", "{home}/given.db", "{home}/given.db"),   # --db wins
    ("   ", None, "default"),                                        # blank: the default
])
def test_the_store_preference(ui_home: Path, preferred: str | None, given: str | None,
                              expected: str) -> None:
    if preferred is not None:
        prefer(store=preferred.format(home=ui_home))
    path = start_preferences(None if given is None else Path(given.format(home=ui_home)),
                             None)[0]
    wanted = paths.default_store() if expected == "default" else Path(
        expected.format(home=ui_home))
    assert path == wanted


def test_the_command_line_opens_the_preferred_store(small_demo: Path, ui_home: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert not paths.default_store().exists()
    prefer(store=str(small_demo))
    assert cli_main(["--smoke-test"]) == 0
    assert capsys.readouterr().out.startswith("launch -> dashboard interactive: ")


@pytest.mark.parametrize(("argv", "lang"), [
    ([], "en"),                     # the preferred language
    (["--lang", "ja"], "ja"),       # the command line's
])
def test_messages_follow_the_preferred_language(ui_home: Path, english: Any, argv: list[str],
                                                lang: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    missing = ui_home / "nowhere" / "branch.db"
    prefer(store=str(missing), language="en")
    assert cli_main([*argv, "--smoke-test"]) != 0
    assert capsys.readouterr().err.strip() == message("store_missing", lang, path=str(missing))


def test_db_on_the_command_line_wins_over_the_preference(small_demo: Path, ui_home: Path
                                                        ) -> None:
    prefer(store=str(ui_home / "nowhere.db"))
    assert cli_main(["--db", str(small_demo), "--smoke-test"]) == 0
