from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from immunomod import (
    AdverseEffectCollection,
    ConditionCollection,
    Direction,
    DrugClassCollection,
    DrugCollection,
    Frequency,
    ImmunomodError,
    InvalidArgumentError,
    InvalidKeyError,
    NotFoundError,
    Route,
)
from immunomod.collection import Collection
from immunomod.loading import Catalog
from immunomod.models import AdverseEffect, Condition, Drug, DrugClass

from .conftest import DataFolder

CatalogSource = Callable[[], Catalog]


@pytest.fixture
def drugs(tiny_catalog: CatalogSource) -> DrugCollection:
    return DrugCollection(tiny_catalog)


@pytest.fixture
def classes(tiny_catalog: CatalogSource) -> DrugClassCollection:
    return DrugClassCollection(tiny_catalog)


@pytest.fixture
def effects(tiny_catalog: CatalogSource) -> AdverseEffectCollection:
    return AdverseEffectCollection(tiny_catalog)


@pytest.fixture
def conditions(tiny_catalog: CatalogSource) -> ConditionCollection:
    return ConditionCollection(tiny_catalog)


@pytest.fixture
def all_collections(
    drugs: DrugCollection,
    classes: DrugClassCollection,
    effects: AdverseEffectCollection,
    conditions: ConditionCollection,
) -> list[
    Collection[Drug] | Collection[DrugClass] | Collection[AdverseEffect] | Collection[Condition]
]:
    return [drugs, classes, effects, conditions]


# --- Mapping semantics -------------------------------------------------------------


def test_collections_are_read_only_mappings(drugs: DrugCollection) -> None:
    assert isinstance(drugs, Mapping)
    assert list(drugs) == ["alphamab", "betapurine"]
    assert len(drugs) == 2
    assert list(drugs.keys()) == list(drugs)
    assert [d.id for d in drugs.values()] == list(drugs)
    assert dict(drugs.items())["alphamab"] is drugs["alphamab"]
    assert drugs.all() == tuple(drugs.values())
    assert not hasattr(drugs, "__setitem__")
    assert "2 drug records" in repr(drugs)


@pytest.mark.parametrize(
    "key", ["alphamab", "ALPHAMAB", " alpha-mab ", "Alphix", "alphix", "Álphamab"]
)
def test_lookup_by_id_name_brand_ignoring_case_space_accents(
    drugs: DrugCollection, key: str
) -> None:
    assert drugs[key] is drugs["alphamab"]
    assert drugs.get(key) is drugs["alphamab"]
    assert key in drugs


def test_lookup_by_synonym(drugs: DrugCollection) -> None:
    assert drugs["bp"].id == "betapurine"


def test_get_returns_none_or_default(drugs: DrugCollection) -> None:
    assert drugs.get("nope") is None
    assert drugs.get("nope", "fallback") == "fallback"
    assert "nope" not in drugs


def test_unknown_key_raises_not_found_with_suggestions(
    all_collections: list[Collection[Drug]],
) -> None:
    for collection in all_collections:
        first = next(iter(collection))
        typo = first[:-1] + ("x" if first[-1] != "x" else "y")
        with pytest.raises(NotFoundError) as caught:
            collection[typo]
        error = caught.value
        assert isinstance(error, KeyError)
        assert isinstance(error, ImmunomodError)
        assert error.key == typo
        assert error.suggestions[0] == first
        assert f"no {collection.kind} matches {typo!r}" in str(error)
        assert repr(first) in str(error)


def test_not_found_without_close_match_has_no_suggestions(drugs: DrugCollection) -> None:
    with pytest.raises(NotFoundError) as caught:
        drugs["zzzzzzzzzzzz"]
    assert caught.value.suggestions == ()
    assert str(caught.value) == "no drug matches 'zzzzzzzzzzzz'"


@pytest.mark.parametrize("key", [3, None, b"alphamab", ("alphamab",)])
def test_non_string_key_raises_type_error_everywhere(
    all_collections: list[Collection[Drug]], key: object
) -> None:
    for collection in all_collections:
        with pytest.raises(InvalidKeyError, match="key must be a string"):
            collection[key]  # type: ignore[index]
        with pytest.raises(TypeError, match="key must be a string"):
            collection.get(key)  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="key must be a string"):
            _ = key in collection


def test_records_cannot_be_mutated_through_the_collection(drugs: DrugCollection) -> None:
    drug = drugs["alphamab"]
    with pytest.raises(ValueError, match="frozen"):
        drug.name = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        drug.classes.append("x")  # type: ignore[attr-defined]
    result = drugs.all()
    with pytest.raises(TypeError):
        result[0] = drug  # type: ignore[index]
    copy = drug.model_copy(update={"name": "changed"})
    assert copy.name == "changed"
    assert drugs["alphamab"].name == "alphamab"


# --- search --------------------------------------------------------------------------


def test_search_ranks_prefix_and_typos(drugs: DrugCollection) -> None:
    assert drugs.search("alpha")[0].id == "alphamab"
    assert drugs.search("alphamb")[0].id == "alphamab"
    assert drugs.search("betapurin", limit=1) == (drugs["betapurine"],)
    assert drugs.search("ALPHIX")[0].id == "alphamab"


def test_search_returns_each_record_once_best_first(drugs: DrugCollection) -> None:
    hits = drugs.search("a", limit=10)
    assert len({d.id for d in hits}) == len(hits)


@pytest.mark.parametrize("query", ["", "   ", "-"])
def test_empty_search_returns_nothing(drugs: DrugCollection, query: str) -> None:
    assert drugs.search(query) == ()


@pytest.mark.parametrize("limit", [0, -1, 1.5, True, "3"])
def test_search_rejects_bad_limit(drugs: DrugCollection, limit: object) -> None:
    with pytest.raises(InvalidArgumentError, match="limit must be a positive integer"):
        drugs.search("alpha", limit=limit)  # type: ignore[arg-type]


def test_search_rejects_non_string_query(drugs: DrugCollection) -> None:
    with pytest.raises(InvalidKeyError, match="query must be a string"):
        drugs.search(None)  # type: ignore[arg-type]


def test_search_works_on_every_collection(
    classes: DrugClassCollection, effects: AdverseEffectCollection
) -> None:
    assert classes.search("anti-tnf")[0].id == "tnf-inhibitor"
    assert effects.search("nausia")[0].id == "nausea"


# --- filter --------------------------------------------------------------------------


def ids(records: tuple[Drug, ...]) -> list[str]:
    return [record.id for record in records]


def test_filter_without_criteria_returns_everything(drugs: DrugCollection) -> None:
    assert drugs.filter() == drugs.all()


def test_filter_by_each_criterion(drugs: DrugCollection) -> None:
    assert ids(drugs.filter(direction="suppress")) == ["alphamab", "betapurine"]
    assert ids(drugs.filter(direction=Direction.STIMULATE)) == []
    assert ids(drugs.filter(drug_class="biologic")) == ["alphamab"]
    assert ids(drugs.filter(drug_class="TNF inhibitor")) == ["alphamab"]
    assert ids(drugs.filter(route="oral")) == ["betapurine"]
    assert ids(drugs.filter(route=Route.SUBCUTANEOUS)) == ["alphamab"]
    assert ids(drugs.filter(condition="CD")) == ["alphamab"]
    assert ids(drugs.filter(adverse_effect="nausea")) == ["betapurine"]
    assert ids(drugs.filter(boxed_warning=True)) == ["alphamab"]
    assert ids(drugs.filter(boxed_warning=False)) == ["betapurine"]


def test_filter_by_frequency(drugs: DrugCollection) -> None:
    assert ids(drugs.filter(adverse_effect="infection", min_frequency="common")) == ["alphamab"]
    assert ids(drugs.filter(adverse_effect="infection", min_frequency="very_common")) == []
    assert ids(drugs.filter(min_frequency=Frequency.VERY_COMMON)) == ["betapurine"]


def test_filter_criteria_combine(drugs: DrugCollection) -> None:
    assert ids(drugs.filter(drug_class="biologic", route="oral")) == []
    assert ids(drugs.filter(drug_class="biologic", direction="suppress")) == ["alphamab"]


def test_filter_accepts_records(drugs: DrugCollection, classes: DrugClassCollection) -> None:
    assert ids(drugs.filter(drug_class=classes["biologic"])) == ["alphamab"]


@pytest.mark.parametrize(
    ("argument", "value", "allowed"),
    [
        ("direction", "up", "'suppress', 'stimulate', 'mixed'"),
        ("route", "by mouth", "'oral'"),
        ("min_frequency", "often", "'very_common'"),
        ("drug_class", "steroid", "'biologic'"),
        ("condition", "gout", "'crohns-disease'"),
        ("adverse_effect", "hiccups", "'nausea'"),
        ("boxed_warning", "yes", "True, False or None"),
        ("route", 3, "'oral'"),
    ],
)
def test_filter_rejects_unknown_values(
    drugs: DrugCollection, argument: str, value: object, allowed: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        drugs.filter(**{argument: value})  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message.startswith(argument)
    assert allowed in message
    assert repr(value) in message


def test_filter_rejects_unknown_argument(drugs: DrugCollection) -> None:
    with pytest.raises(TypeError, match="colour"):
        drugs.filter(colour="red")  # type: ignore[call-arg]


def test_suppressants_and_stimulants(drugs: DrugCollection) -> None:
    assert ids(drugs.suppressants()) == ["alphamab", "betapurine"]
    assert drugs.stimulants() == ()


def test_mixed_drugs_are_both_suppressants_and_stimulants(data_folder: DataFolder) -> None:
    drug = data_folder.drugs["betapurine"]
    drug["mechanisms"].append(
        {"target": "IL-2", "action": "agonist", "direction": "stimulate", "description": "d"}
    )
    drug["direction"] = "mixed"
    catalog = data_folder.load()
    mixed = DrugCollection(lambda: catalog)
    assert ids(mixed.stimulants()) == ["betapurine"]
    assert "betapurine" in ids(mixed.suppressants())
    assert ids(mixed.filter(direction="mixed")) == ["betapurine"]
    assert "betapurine" not in ids(mixed.filter(direction="suppress"))


# --- hierarchy and reverse look-ups ------------------------------------------------


def test_class_hierarchy(classes: DrugClassCollection) -> None:
    assert classes["tnf-inhibitor"].parent == "biologic"
    assert classes.parent("tnf-inhibitor") == classes["biologic"]
    assert classes.parent("biologic") is None
    assert classes.children("biologic") == (classes["tnf-inhibitor"],)
    assert classes.children("tnf-inhibitor") == ()
    assert classes.descendants("biologic") == (classes["tnf-inhibitor"],)
    assert classes.ancestors("tnf-inhibitor") == (classes["biologic"],)
    assert [c.id for c in classes.roots()] == ["biologic", "thiopurine"]


def test_hierarchy_rejects_unknown_class(classes: DrugClassCollection) -> None:
    with pytest.raises(InvalidArgumentError, match="drug_class must name a known drug class"):
        classes.children("steroid")


def test_reach_related_records_from_a_drug(
    drugs: DrugCollection,
    classes: DrugClassCollection,
    effects: AdverseEffectCollection,
    conditions: ConditionCollection,
) -> None:
    alphamab = drugs["alphamab"]
    assert classes.of(alphamab) == (classes["tnf-inhibitor"],)
    assert effects.of(alphamab) == (effects["infection"],)
    assert conditions.of("Alphix") == (conditions["crohns-disease"],)
    with pytest.raises(NotFoundError):
        effects.of("nope")
    with pytest.raises(InvalidKeyError):
        effects.of(7)  # type: ignore[arg-type]


def test_effects_by_organ_system(effects: AdverseEffectCollection) -> None:
    assert effects.by_organ_system("infections") == (effects["infection"],)
    with pytest.raises(InvalidArgumentError, match="organ_system must be one of"):
        effects.by_organ_system("liver")
