"""The command line, through its entry points and through ``main``."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest

import immunomod
from immunomod.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "immunomod", *args], capture_output=True, text=True, timeout=120
    )


def test_python_dash_m_and_the_console_script_work() -> None:
    shown = run("show", "Imuran")
    assert shown.returncode == 0
    assert shown.stdout.startswith("azathioprine  [azathioprine]")
    script = shutil.which("immunomod", path=str(pathlib.Path(sys.executable).parent))
    assert script is not None, "the console script is not installed"
    version = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=120)
    assert version.stdout.strip() == f"immunomod {immunomod.__version__}"


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["show", "azathioprine", "--json"], 0, '"id": "azathioprine"'),
        (["search", "Humria", "--limit", "1"], 0, "adalimumab"),
        (["lookup", "drugbank:DB00993"], 0, "azathioprine"),
        (["list", "--class", "dmard", "--route", "SC"], 0, "adalimumab"),
        (["list", "--pregnancy-contraindicated"], 0, "methotrexate"),
        (["list", "--condition", "crohns-disease", "--labelled-only", "--children"], 0, ""),
        (["info"], 0, f"version: {immunomod.__version__}"),
        (["schema"], 0, '"title": "Drug"'),
    ],
)
def test_commands(
    args: list[str], code: int, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == code
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "azathiprine"], "did you mean 'azathioprine'"),
        (["lookup", "nope"], "no drug matches"),
        (["list", "--route", "by air"], "route must be one of"),
        (["list", "--class", "nothing-like-it"], "must name a known drug class"),
    ],
)
def test_failures_exit_1_with_a_message(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 1
    assert message in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    assert run("bogus").returncode == 2
    assert run("list", "--children", "maybe").returncode == 2


def test_validate_a_data_folder(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = pathlib.Path(immunomod.__file__).parent / "data"
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    assert main(["validate", str(copy), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["drugs"] == len(immunomod.drugs)
    (copy / "drugs" / "azathioprine.json").write_text("{}", encoding="utf-8")
    assert main(["validate", str(copy)]) == 1
    assert "invalid data" in capsys.readouterr().err


def test_export_every_table(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonl", "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.jsonl"))) == 7
