"""The guarantees README promises: safe under hostile input, threads, processes and callers.

Each test names the defect of the 0.1.0 probe it guards against.
"""

from __future__ import annotations

import concurrent.futures
import copy
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
import tracemalloc
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import immunomod
from immunomod import (
    Drug,
    ImmunomodError,
    InvalidArgumentError,
    InvalidKeyError,
    NotFoundError,
    adverse_effects,
    conditions,
    drug_classes,
    drugs,
    monitoring_tests,
    packaged,
)
from immunomod.catalog import Catalog
from immunomod.collection import Collection
from immunomod.errors import DataError
from immunomod.text import MAX_KEY_LENGTH
from immunomod.text import _fold_short as fold_short

COLLECTIONS: list[Collection[Any]] = [
    drugs,
    drug_classes,
    adverse_effects,
    conditions,
    monitoring_tests,
]
HUGE_KEYS = [
    "a" + "\u0f73" * 32_000,  # quadratic NFKD on combining marks (defect 1)
    "\ufdfa" * 3_333_333,  # expands 18-fold under NFKD (defect 1)
    "x" * 1_000_000,  # a million-character message (defect 10)
]


def worker_lookup(key: str) -> str:
    return drugs[key].id


# --- 1 and 10: bounded cost and bounded messages --------------------------------------


@pytest.mark.parametrize("key", HUGE_KEYS, ids=["combining", "expanding", "long"])
def test_huge_keys_are_never_normalised_and_errors_stay_short(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    longest = 0
    real = unicodedata.normalize

    def spy(form: Any, text: str) -> str:
        nonlocal longest
        longest = max(longest, len(text))
        return real(form, text)

    drugs.get("azathioprine")  # load first: only the queries are measured
    monkeypatch.setattr(unicodedata, "normalize", spy)
    tracemalloc.start()
    try:
        assert drugs.get(key) is None
        assert key not in drugs
        assert drugs.search(key) == ()
        with pytest.raises(NotFoundError) as caught:
            drugs[key]
        with pytest.raises(InvalidArgumentError) as bad_filter:
            drugs.filter(condition=key)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert longest <= MAX_KEY_LENGTH
    assert peak < 8 * 2**20
    assert len(str(caught.value)) < 200
    assert len(str(bad_filter.value)) < 200


def test_a_miss_normalises_the_key_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = unicodedata.normalize

    def spy(form: Any, text: str) -> str:
        calls.append(text)
        return real(form, text)

    monkeypatch.setattr(unicodedata, "normalize", spy)
    fold_short.cache_clear()  # a key seen before is not normalised at all
    with pytest.raises(NotFoundError):
        drugs["azathiprine"]
    assert calls == ["azathiprine"]


keys = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(categories=["Mn", "Me", "Cf", "Zs", "Cc"]), max_size=300),
    st.sampled_from(
        [
            "azathioprine",
            "AZATHIOPRINE",
            "Imuran",
            "6-MP",
            "\uff49\uff4d\uff55\uff52\uff41\uff4e",
            "imuran\u200b",
        ]
    ),
)
junk = st.one_of(st.integers(), st.none(), st.binary(), st.lists(st.integers()), st.floats())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=keys)
def test_lookups_agree_and_raise_only_documented_errors(key: str) -> None:
    for collection in COLLECTIONS:
        found = collection.get(key)
        assert (key in collection) is (found is not None)
        if found is None:
            with pytest.raises(NotFoundError):
                collection[key]
        else:
            assert collection[key] is found
        results = collection.search(key, limit=3)
        assert len(results) <= 3
        assert all(r.id in collection for r in results)


@settings(max_examples=200, deadline=None)
@given(value=junk)
def test_wrong_types_raise_documented_errors(value: object) -> None:
    for collection in COLLECTIONS:
        calls: list[Callable[[Any], object]] = [
            collection.__getitem__,
            collection.get,
            collection.__contains__,
        ]
        for call in calls:
            with pytest.raises(InvalidKeyError):
                call(value)
        with pytest.raises(InvalidKeyError):
            collection.search(value)  # type: ignore[arg-type]
    if value is None:  # None means "no criterion" in filter
        return
    for argument in ("route", "condition", "drug_class", "monitoring", "live_vaccines"):
        with pytest.raises(InvalidArgumentError):
            drugs.filter(**{argument: value})  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=40))
def test_filter_values_raise_only_invalid_argument(value: str) -> None:
    for argument in ("route", "condition", "drug_class", "adverse_effect", "direction"):
        message = ""
        try:
            drugs.filter(**{argument: value})  # type: ignore[arg-type]
        except InvalidArgumentError as error:
            message = str(error)
        assert not message or message.startswith(argument)
        assert len(message) < 400


# --- 2: errors cross processes ---------------------------------------------------------


def test_a_spawned_pool_delivers_not_found_error_to_the_parent() -> None:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert pool.submit(worker_lookup, "azathioprine").result(timeout=120) == "azathioprine"
        with pytest.raises(NotFoundError) as caught:
            pool.submit(worker_lookup, "azathiprine").result(timeout=120)
    assert caught.value.suggestions[0] == "azathioprine"
    assert caught.value.key == "azathiprine"


# --- 5: a fork during a load ----------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_child_forked_while_the_load_lock_is_held_loads_its_own_data() -> None:
    code = """
import os, threading, sys
import immunomod.packaged as packaged
held = threading.Event(); release = threading.Event()
def hold():
    with packaged._default_lock:
        held.set(); release.wait(10)
threading.Thread(target=hold, daemon=True).start()
held.wait(10)
pid = os.fork()
if pid == 0:
    from immunomod import drugs
    os._exit(0 if drugs["azathioprine"].id == "azathioprine" else 3)
release.set()
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
"""
    result = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True)
    assert result.returncode == 0, result.stderr


# --- 12: a failed load is remembered -----------------------------------------------------


def test_a_failed_load_is_remembered_not_repeated(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def broken() -> Catalog:
        calls.append(1)
        raise DataError("cannot read the bundle index", file="_bundle/index.json")

    monkeypatch.setattr(packaged, "_default", None)
    monkeypatch.setattr(packaged, "_failure", None)
    monkeypatch.setattr(packaged, "_open", broken)
    errors: list[BaseException] = []

    def query() -> None:
        try:
            drugs.get("azathioprine")
        except DataError as error:
            errors.append(error)

    threads = [threading.Thread(target=query) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(errors) == 32
    assert all(e.file == "_bundle/index.json" for e in errors)  # type: ignore[attr-defined]
    assert len({id(e) for e in errors}) == 32


# --- 7 and 8: nothing a caller does changes what another caller sees ---------------------

MUTATIONS: dict[str, Callable[[], object]] = {
    "unfreeze the model config": lambda: Drug.model_config.__setitem__("frozen", False),
    "rebind the model config": lambda: setattr(Drug, "model_config", {}),
    "clear model_fields_set": lambda: drugs["azathioprine"].model_fields_set.clear(),  # type: ignore[attr-defined]
    "set a field": lambda: setattr(drugs["azathioprine"], "name", "x"),
    "set a nested field": lambda: setattr(drugs["azathioprine"].mechanisms[0], "target", "x"),
    "rebind index records": lambda: setattr(packaged.default_catalog().drugs, "records", ()),
    "rebind index by_key": lambda: setattr(packaged.default_catalog().drugs, "by_key", {}),
    "write into by_id": lambda: packaged.default_catalog().drugs.by_id.__setitem__("x", None),  # type: ignore[index]
    "rebind a catalog index": lambda: setattr(packaged.default_catalog(), "drugs", None),
    "rebind a collection's source": lambda: setattr(drugs, "_catalog", None),
    "delete a collection attribute": lambda: delattr(drugs, "_catalog"),
    "append to a tuple field": lambda: drugs["azathioprine"].routes.append("x"),  # type: ignore[attr-defined]
    "change a returned tuple": lambda: drugs.all().__setitem__(0, None),  # type: ignore[index]
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_shared_state_cannot_be_changed(mutation: str) -> None:
    before = drugs["azathioprine"].model_dump(mode="json", exclude_unset=True)
    count = len(drugs)
    with pytest.raises((TypeError, AttributeError, ValueError)):
        MUTATIONS[mutation]()
    assert drugs["azathioprine"].model_dump(mode="json", exclude_unset=True) == before
    assert len(drugs) == count
    assert Drug.model_config["frozen"] is True


def test_records_survive_pickle_copy_and_json() -> None:
    record = drugs["azathioprine"]
    assert pickle.loads(pickle.dumps(record)) == record
    assert copy.deepcopy(record) == record
    assert Drug.model_validate_json(record.model_dump_json()) == record


# --- no side effects: no sockets, processes or written files -----------------------------


def test_import_load_and_queries_open_no_socket_start_no_process_write_no_file() -> None:
    code = r"""
import sys
events = []
WATCHED = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
           "os.fork", "os.remove", "os.rename", "os.mkdir", "shutil.")
def hook(event, args):
    if event.startswith(WATCHED):
        events.append(event)
    elif event == "open" and isinstance(args[1], str) and set(args[1]) & set("wax+"):
        events.append(f"open for writing: {args[0]}")
sys.addaudithook(hook)
import immunomod
from immunomod import drugs, drug_classes
immunomod.dataset_info()
drugs["Imuran"]; drugs.get("nope"); drugs.search("azathiprin")
drugs.filter(drug_class="dmard", route="SC", monitoring="TB screening")
drug_classes.ancestors("tnf-inhibitor")
try:
    drugs["nope"]
except KeyError:
    pass
if events:
    print(events); sys.exit(1)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_error_is_an_immunomod_error() -> None:
    for error in (NotFoundError, InvalidKeyError, InvalidArgumentError, DataError):
        assert issubclass(error, ImmunomodError)
    assert immunomod.ImmunomodError is ImmunomodError
