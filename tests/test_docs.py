"""The generated documentation must match the models it describes."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
from types import ModuleType

import pytest

import immunomod

from .conftest import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent


def generator() -> ModuleType:
    return load_script("generate_docs")


@pytest.mark.slow
def test_docs_site_builds_strict(tmp_path: pathlib.Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(pathlib.Path(sys.executable).parent))
    assert mkdocs is not None, "install the [test] extra"
    result = subprocess.run(
        [mkdocs, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        cwd=tmp_path,  # plugins' caches land here, not in the source tree
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "reference" / "index.html").is_file()


def test_committed_json_schema_matches_the_models() -> None:
    docs = generator()
    assert docs.SCHEMA.read_text(encoding="utf-8") == docs.schema_text(), (
        "docs/schema.json is stale: run python scripts/generate_docs.py"
    )


def test_catalogue_and_coverage_pages_match_the_data() -> None:
    docs = generator()
    assert docs.CATALOGUE.read_text(encoding="utf-8") == docs.catalogue_text(), (
        "docs/catalogue.md is stale: run python scripts/generate_docs.py"
    )
    assert docs.COVERAGE.read_text(encoding="utf-8") == docs.coverage_text(), (
        "docs/coverage.md is stale: run python scripts/generate_docs.py"
    )


def test_data_model_field_tables_match_the_models() -> None:
    docs = generator()
    current = docs.DATA_MODEL.read_text(encoding="utf-8")
    assert current == docs.data_model_text(current), (
        "docs/data-model.md is stale: run python scripts/generate_docs.py"
    )


def test_every_model_field_is_documented() -> None:
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    for model in generator().MODELS:
        for name, info in model.model_fields.items():
            assert f"| `{name}` |" in text
            assert info.description or name == "id", f"{model.__name__}.{name} has no description"


def test_every_public_name_has_a_docstring() -> None:
    for name in immunomod.__all__:
        value = getattr(immunomod, name)
        if name.startswith("__") or isinstance(value, str):
            continue
        assert (getattr(value, "__doc__", None) or "").strip(), name


def test_api_reference_covers_every_public_name() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in immunomod.__all__:
        assert re.search(rf"\b{re.escape(name)}\b", text), name
