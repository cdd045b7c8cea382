"""Shared fixtures: a small, valid synthetic data folder that tests can break on purpose."""

from __future__ import annotations

import copy
import importlib.util
import json
import pathlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from immunomod.loading import Catalog, canonical_json, load_catalog

CLASSES: list[dict[str, Any]] = [
    {"id": "biologic", "name": "Biologic", "description": "Made in living cells."},
    {
        "id": "tnf-inhibitor",
        "name": "TNF inhibitor",
        "synonyms": ["anti-TNF"],
        "description": "Neutralises TNF.",
        "parents": ["biologic"],
    },
    {"id": "thiopurine", "name": "Thiopurine", "description": "Purine analogues."},
]
EFFECTS: list[dict[str, Any]] = [
    {"id": "nausea", "name": "Nausea", "organ_system": "gastrointestinal", "description": "Sick."},
    {
        "id": "infection",
        "name": "Infection",
        "organ_system": "infections",
        "description": "Any infection.",
    },
]
CONDITIONS: list[dict[str, Any]] = [
    {"id": "crohns-disease", "name": "Crohn's disease", "synonyms": ["CD"]},
]
TESTS: list[dict[str, Any]] = [
    {
        "id": "tb-screening",
        "name": "Tuberculosis screening",
        "synonyms": ["TB screening"],
        "description": "Latent TB test.",
    },
    {"id": "complete-blood-count", "name": "Complete blood count", "description": "CBC."},
]
SOURCE = {
    "id": "us-label",
    "kind": "us_label",
    "title": "A label",
    "url": "https://example.org/label",
    "revision": "2025-01-01",
    "accessed": "2026-11-30",
}
CITED = ["us-label"]
DRUGS: dict[str, dict[str, Any]] = {
    "alphamab": {
        "id": "alphamab",
        "name": "alphamab",
        "brand_names": ["Alphix"],
        "classes": ["tnf-inhibitor"],
        "mechanisms": [
            {
                "target": "TNF-alpha",
                "action": "antagonist",
                "direction": "suppress",
                "description": "Binds TNF.",
            }
        ],
        "direction": "suppress",
        "routes": ["subcutaneous"],
        "indications": [
            {
                "condition": "crohns-disease",
                "regulators": ["us"],
                "children": True,
                "min_age_years": 6,
                "sources": CITED,
            }
        ],
        "adverse_effects": [
            {"effect": "infection", "frequency": "common", "serious": True, "sources": CITED}
        ],
        "boxed_warning": {"summary": "Serious infections.", "sources": CITED},
        "monitoring": [{"test": "tb-screening", "timing": "before", "sources": CITED}],
        "pregnancy": {"contraindicated": False, "summary": "Limited data.", "sources": CITED},
        "vaccines": {"live": "avoid", "sources": CITED},
        "sources": [SOURCE],
    },
    "betapurine": {
        "id": "betapurine",
        "name": "betapurine",
        "synonyms": ["BP"],
        "classes": ["thiopurine"],
        "mechanisms": [
            {
                "target": "purine synthesis",
                "action": "cytotoxic",
                "direction": "suppress",
                "description": "Blocks purine synthesis.",
            }
        ],
        "direction": "suppress",
        "routes": ["oral"],
        "adverse_effects": [
            {
                "effect": "nausea",
                "frequency": "very_common",
                "percent": 12.5,
                "serious": False,
                "sources": CITED,
            }
        ],
        "monitoring": [
            {
                "test": "complete-blood-count",
                "timing": "before_and_during",
                "interval": "weekly for a month",
                "sources": CITED,
            }
        ],
        "pregnancy": {"contraindicated": True, "summary": "Harms the fetus.", "sources": CITED},
        "vaccines": {"live": "contraindicated", "sources": CITED},
        "co_therapy": [
            {"kind": "combination", "drug": "alphamab", "notes": "Together.", "sources": CITED}
        ],
        "sources": [SOURCE],
    },
}


class DataFolder:
    """A writable copy of the synthetic dataset; edit ``classes``/``drugs``... then ``write``."""

    def __init__(self, root: pathlib.Path) -> None:
        self.root = root
        self.classes = copy.deepcopy(CLASSES)
        self.effects = copy.deepcopy(EFFECTS)
        self.conditions = copy.deepcopy(CONDITIONS)
        self.tests = copy.deepcopy(TESTS)
        self.drugs = copy.deepcopy(DRUGS)

    def write(self) -> pathlib.Path:
        (self.root / "drugs").mkdir(parents=True, exist_ok=True)
        for name, records in (
            ("drug_classes.json", self.classes),
            ("adverse_effects.json", self.effects),
            ("conditions.json", self.conditions),
            ("monitoring_tests.json", self.tests),
        ):
            (self.root / name).write_text(canonical_json(records), encoding="utf-8")
        for old in (self.root / "drugs").glob("*.json"):
            old.unlink()
        for file_stem, drug in self.drugs.items():
            (self.root / "drugs" / f"{file_stem}.json").write_text(
                json.dumps(drug), encoding="utf-8"
            )
        return self.root

    def load(self) -> Catalog:
        return load_catalog(self.write())


@pytest.fixture
def data_folder(tmp_path: pathlib.Path) -> DataFolder:
    return DataFolder(tmp_path / "data")


@pytest.fixture
def tiny_catalog(data_folder: DataFolder) -> Callable[[], Catalog]:
    catalog = data_folder.load()
    return lambda: catalog


ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_script(name: str) -> ModuleType:
    """Import ``scripts/<name>.py`` as a module (the scripts are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def _untracked() -> set[str] | None:
    """Files git does not track or ignore, or None outside a git checkout."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "ls-files", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return set(listed.stdout.splitlines())


_UNTRACKED_AT_START = _untracked()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when the tests left new files in the source tree."""
    after = _untracked()
    if _UNTRACKED_AT_START is None or after is None:
        return
    stray = sorted(after - _UNTRACKED_AT_START)
    if stray:
        print(f"\nthe test run left files in the source tree: {stray}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
