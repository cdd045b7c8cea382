"""The shipped bundle: current, equal to full validation, and refused when damaged."""

from __future__ import annotations

import hashlib
import json
import pathlib
import shutil
from types import ModuleType

import pytest

from immunomod import DataError
from immunomod.building import compile_folder
from immunomod.bundle import BUNDLE_DIR, _SpanFile, open_bundle, packaged_bundle, shard_of
from immunomod.loading import load_catalog
from immunomod.models import Drug
from immunomod.prebuilt import build

from .conftest import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
KINDS = ("drugs", "drug_classes", "adverse_effects", "conditions", "monitoring_tests")


def builder() -> ModuleType:
    return load_script("build_bundle")


def test_committed_bundle_is_current() -> None:
    folder = pathlib.Path(str(packaged_bundle()))
    for name, data in builder().bundle_files().items():
        assert (folder / name).read_bytes() == data, (
            f"{BUNDLE_DIR}/{name} is stale: run python scripts/build_bundle.py"
        )


def test_every_bundled_record_equals_its_validated_record() -> None:
    bundled = open_bundle(packaged_bundle())
    validated = load_catalog()
    assert bundled.checksum == validated.checksum
    for kind in KINDS:
        ours, theirs = getattr(bundled, kind), getattr(validated, kind)
        assert ours.ids == theirs.ids, kind
        for record_id in theirs.ids:
            built, checked = ours.by_id[record_id], theirs.by_id[record_id]
            assert built == checked, record_id
            assert built.model_dump_json() == checked.model_dump_json(), record_id
            assert built.model_fields_set == checked.model_fields_set, record_id
        assert ours.folded_names() == theirs.folded_names(), kind


def test_records_are_built_once_and_shared() -> None:
    catalog = open_bundle(packaged_bundle())
    first = catalog.drugs.lookup("Imuran")
    assert first is not None
    assert catalog.drugs.by_id["azathioprine"] is first
    assert catalog.drugs.records[catalog.drugs.ids.index("azathioprine")] is first


def test_prebuilt_records_fill_defaults_and_types() -> None:
    raw = json.loads((ROOT / "src/immunomod/data/drugs/azathioprine.json").read_text("utf-8"))
    raw.pop("synonyms", None)
    built = build(Drug, raw)
    assert built == Drug.model_validate(raw)
    assert built.synonyms == ()


def copy_bundle(tmp_path: pathlib.Path) -> pathlib.Path:
    target = tmp_path / BUNDLE_DIR
    shutil.copytree(pathlib.Path(str(packaged_bundle())), target)
    return target


def shard_span(folder: pathlib.Path, kind: str, key: str) -> list[int]:
    """Where the names file holds the shard ``key`` (a folded name or an id) falls in."""
    table = json.loads((folder / "index.json").read_text())["kinds"][kind]["shards"]
    span: list[int] = table[shard_of(key, len(table))][:2]
    return span


def record_span(folder: pathlib.Path, record_id: str) -> list[int]:
    start, length = shard_span(folder, "drugs", record_id)
    shard = json.loads((folder / "names.json").read_bytes()[start : start + length])
    span: list[int] = shard["spans"][record_id][:2]
    return span


def flip_a_byte(path: pathlib.Path, start: int, length: int) -> None:
    data = bytearray(path.read_bytes())
    data[start + length // 2] ^= 1
    path.write_bytes(bytes(data))


def test_an_edited_record_is_refused(tmp_path: pathlib.Path) -> None:
    folder = copy_bundle(tmp_path)
    flip_a_byte(folder / "records.json", *record_span(folder, "azathioprine"))
    catalog = open_bundle(folder)
    assert catalog.drugs.lookup("tacrolimus") is not None
    with pytest.raises(DataError, match="differs from the bundle index") as caught:
        catalog.drugs.by_id["azathioprine"]
    assert caught.value.record == "azathioprine"


def test_an_edited_names_shard_is_refused_when_first_read(tmp_path: pathlib.Path) -> None:
    folder = copy_bundle(tmp_path)
    flip_a_byte(folder / "names.json", *shard_span(folder, "drugs", "imuran"))
    catalog = open_bundle(folder)  # the index is intact: the shard is read on first use
    with pytest.raises(DataError, match=r"names\.json file differs from the bundle index"):
        catalog.drugs.lookup("Imuran")
    with pytest.raises(DataError, match="differs from the bundle index"):
        len(catalog.drugs.ids)  # listing reads every shard


def test_a_first_look_up_reads_one_shard_not_the_whole_names_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[tuple[str, int]] = []
    original = _SpanFile._bytes

    def counted(self: _SpanFile, start: int, length: int) -> bytes:
        reads.append((self._name, length))
        return original(self, start, length)

    monkeypatch.setattr(_SpanFile, "_bytes", counted)
    catalog = open_bundle(packaged_bundle())
    assert catalog.drugs.lookup("Imuran") is not None
    names_size = (pathlib.Path(str(packaged_bundle())) / "names.json").stat().st_size
    name_reads = [length for name, length in reads if name == "names.json"]
    # at most: the shard "Imuran" would fall in as an id, its name's shard, the id's shard
    assert 1 <= len(name_reads) <= 3, reads
    assert sum(name_reads) < names_size / 4, reads


def rewrite(folder: pathlib.Path, text: str) -> None:
    """Replace the index and its digest consistently (a well-formed but wrong bundle)."""
    (folder / "index.json").write_text(text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    (folder / "index.sha256").write_text(digest + "\n")


def edit_index(folder: pathlib.Path) -> None:
    """Drop one shard of drugs from the index without updating its digest."""
    index = json.loads((folder / "index.json").read_text())
    del index["kinds"]["drugs"]["shards"][0]
    (folder / "index.json").write_text(json.dumps(index))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda f: (f / "index.json").unlink(), "cannot read the bundle index"),
        (lambda f: (f / "index.sha256").unlink(), "cannot read the bundle index"),
        (lambda f: (f / "index.json").write_text("{not json"), "differs from its digest"),
        (lambda f: rewrite(f, "{not json"), "cannot read the bundle index"),
        (lambda f: rewrite(f, '{"format": 99}'), "unknown format"),
        (lambda f: edit_index(f), "differs from its digest"),
    ],
)
def test_a_damaged_index_is_refused(tmp_path: pathlib.Path, damage: object, message: str) -> None:
    folder = copy_bundle(tmp_path)
    damage(folder)  # type: ignore[operator]
    with pytest.raises(DataError, match=message):
        open_bundle(folder)


def test_a_missing_records_file_is_refused_on_first_record(tmp_path: pathlib.Path) -> None:
    folder = copy_bundle(tmp_path)
    (folder / "records.json").unlink()
    catalog = open_bundle(folder)
    with pytest.raises(DataError, match="cannot read the bundle"):
        catalog.drugs.by_id["azathioprine"]


def test_compiling_invalid_data_fails(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "src/immunomod/data", target)
    (target / "drugs" / "azathioprine.json").write_text("{}")
    with pytest.raises(DataError):
        compile_folder(target)


def test_bulk_access_reads_windows_not_the_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small windows make every record boundary case happen on the shipped bundle: records
    # inside a window, straddling its end, and larger than a window.
    monkeypatch.setattr(_SpanFile, "SINGLE_READS", 2)
    monkeypatch.setattr(_SpanFile, "WINDOW", 4096)
    sizes: list[int] = []
    original = _SpanFile._bytes

    def counted(self: _SpanFile, start: int, length: int) -> bytes:
        before = len(self._window), self._window_start
        data = original(self, start, length)
        if (len(self._window), self._window_start) != before:
            sizes.append(len(self._window))
        return data

    monkeypatch.setattr(_SpanFile, "_bytes", counted)
    bundled, validated = open_bundle(packaged_bundle()), load_catalog()
    for kind in KINDS:
        assert getattr(bundled, kind).records == getattr(validated, kind).records, kind
    total = (pathlib.Path(str(packaged_bundle())) / "records.json").stat().st_size
    assert sizes, "bulk access read no window"
    assert max(sizes) < total


def test_records_for_builds_what_is_missing_and_keeps_the_order() -> None:
    catalog = open_bundle(packaged_bundle())
    first = catalog.drugs.by_id["azathioprine"]  # built; tacrolimus is not yet
    found = catalog.drugs.records_for(["tacrolimus", "azathioprine"])
    assert [d.id for d in found] == ["tacrolimus", "azathioprine"]
    assert found[1] is first
    assert catalog.drugs.records_for(["tacrolimus"])[0] is found[0]


def test_prebuilt_refuses_models_it_could_not_assemble_faithfully() -> None:
    from pydantic import BaseModel, PrivateAttr

    class WithPrivate(BaseModel):
        name: str
        _cache: dict[str, str] = PrivateAttr(default_factory=dict)

    with pytest.raises(TypeError, match="private attributes or a post-init hook"):
        build(WithPrivate, {"name": "x"})
