"""Run the command line in-process (fast) or as a real process (for exit codes end to end)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from branchdesk.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the data folder (default store, logs) inside the test's tmp folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("BRANCHDESK_HOME", str(home))
    return home


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)
    return run


@pytest.fixture
def cli_process(isolated_home: Path):
    def run(*args: str) -> Result:
        env = {**os.environ, "BRANCHDESK_HOME": str(isolated_home)}
        done = subprocess.run([sys.executable, "-m", "branchdesk", *args], capture_output=True,
                              text=True, encoding="utf-8", env=env, timeout=120)
        return Result(done.returncode, done.stdout, done.stderr)
    return run
