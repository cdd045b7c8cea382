"""Whole-project checks: README code, CI script, typing, lint, and the built wheel."""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import sys
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)


def readme_shell_commands() -> list[str]:
    return [block.strip() for block in re.findall(r"```\n(.*?)```", README, flags=re.DOTALL)]


def test_readme_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = readme_python_blocks()
    assert len(blocks) >= 2
    namespace: dict[str, object] = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "azathioprine" in printed
    assert "did you mean 'azathioprine'" in printed


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = next(c for c in readme_shell_commands() if "pytest" in c)
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_main_job_prints_real_data() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "azathioprine (Imuran" in result.stdout
    assert "Immunostimulants:" in result.stdout


def test_import_reads_no_data() -> None:
    code = (
        "import immunomod, immunomod.packaged as packaged; "
        "assert packaged._default is None; "
        "immunomod.drugs.get('x'); assert packaged._default is not None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def tool(name: str) -> str:
    path = shutil.which(name, path=str(pathlib.Path(sys.executable).parent))
    if path is None:
        pytest.fail(f"{name} is not installed; install the [test] extra")
    return path


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run(
        [tool("mypy"), "--strict", "src", "tests", "examples", "scripts", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [tool("ruff"), *command, "src", "tests", "examples", "scripts", "benchmarks"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_sdist_and_wheel_pass_the_release_checks(tmp_path: pathlib.Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("immunomod-*.whl")
    (sdist,) = dist.glob("immunomod-*.tar.gz")
    for command in (
        [tool("twine"), "check", "--strict", str(wheel), str(sdist)],
        [tool("check-wheel-contents"), str(wheel)],
    ):
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_built_wheel_installs_and_answers_outside_the_source_tree(
    tmp_path: pathlib.Path,
) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("immunomod-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    query = (
        "import immunomod, pathlib; from immunomod import drugs; "
        "print(pathlib.Path(immunomod.__file__).parent); "
        "print(drugs['Imuran'].name, len(drugs), immunomod.dataset_info().drugs); "
        "print((pathlib.Path(immunomod.__file__).parent / 'py.typed').exists())"
    )
    result = subprocess.run(
        [str(python), "-c", query], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    location, answer, typed = result.stdout.splitlines()
    assert pathlib.Path(location).is_relative_to(env_dir)
    name, count, info_count = answer.split()
    assert name == "azathioprine"
    assert int(count) == int(info_count) > 0
    assert typed == "True"
