from __future__ import annotations

import csv
import importlib
import json
import pathlib
from typing import Any

import pytest

from immunomod import InvalidArgumentError, drugs, frames


def test_every_table_has_ids_and_names_beside_them() -> None:
    for table in frames.TABLES:
        data = frames.rows(table)
        assert data, table
        assert {"drug_id", "drug_name"} <= set(data[0]), table
    effects = frames.rows("drug_adverse_effects")
    assert len(effects) == sum(len(d.adverse_effects) for d in drugs.values())
    assert {"effect_name", "frequency", "frequency_rank", "percent"} <= set(effects[0])
    assert len(frames.rows("drugs")) == len(drugs)


def test_pandas_frames_have_ordered_frequencies() -> None:
    pytest.importorskip("pandas")
    frame = frames.to_pandas("drug_adverse_effects")
    assert frame["frequency"].cat.ordered
    assert list(frame["frequency"].cat.categories) == list(frames.FREQUENCY_ORDER)
    assert frame["frequency"].max() == "very_common"


def test_polars_frames_have_ordered_frequencies() -> None:
    polars = pytest.importorskip("polars")
    frame = frames.to_polars("drug_adverse_effects")
    assert frame.schema["frequency"] == polars.Enum(list(frames.FREQUENCY_ORDER))
    assert frames.to_polars("drugs").height == len(drugs)


@pytest.mark.parametrize("fmt", frames.FORMATS)
def test_export_round_trips(fmt: str, tmp_path: pathlib.Path) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    paths = frames.export(tmp_path, fmt)
    assert [p.stem for p in paths] == list(frames.TABLES)
    target = tmp_path / f"drug_indications.{fmt}"
    expected = len(frames.rows("drug_indications"))
    if fmt == "csv":
        with target.open(encoding="utf-8") as stream:
            assert sum(1 for _ in csv.DictReader(stream)) == expected
    elif fmt == "jsonl":
        lines = target.read_text(encoding="utf-8").splitlines()
        assert len(lines) == expected
        assert json.loads(lines[0])["drug_id"]
    else:
        import pyarrow.parquet as parquet

        assert parquet.read_table(target).num_rows == expected


def test_a_missing_extra_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = importlib.import_module

    def refuse(name: str, *args: Any) -> Any:
        if name.startswith(("pandas", "polars", "pyarrow")):
            raise ImportError(name)
        return real_import(name, *args)

    monkeypatch.setattr(importlib, "import_module", refuse)
    with pytest.raises(frames.MissingDependencyError, match=r"immunomod\[pandas\]"):
        frames.to_pandas("drugs")
    with pytest.raises(frames.MissingDependencyError, match=r"immunomod\[polars\]"):
        frames.to_polars("drugs")
    with pytest.raises(ImportError, match=r"immunomod\[parquet\]"):
        frames.export(pathlib.Path("unused"), "parquet")


def test_bad_table_and_format_are_refused(tmp_path: pathlib.Path) -> None:
    with pytest.raises(InvalidArgumentError, match="table must be one of"):
        frames.rows("genes")
    with pytest.raises(InvalidArgumentError, match="format must be one of"):
        frames.export(tmp_path, "xlsx")


def test_importing_immunomod_imports_no_frame_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, immunomod; immunomod.drugs.get('x'); "
        "assert not {'pandas', 'polars', 'pyarrow'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
