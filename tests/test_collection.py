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
    LiveVaccineAdvice,
    MonitoringTestCollection,
    NotFoundError,
    Route,
)
from immunomod.catalog import Catalog
from immunomod.collection import Collection
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


def test_filter_by_label_questions(drugs: DrugCollection) -> None:
    assert ids(drugs.filter(monitoring="TB screening")) == ["alphamab"]
    assert ids(drugs.filter(monitoring="complete-blood-count")) == ["betapurine"]
    assert ids(drugs.filter(pregnancy_contraindicated=True)) == ["betapurine"]
    assert ids(drugs.filter(pregnancy_contraindicated=False)) == ["alphamab"]
    assert ids(drugs.filter(live_vaccines="contraindicated")) == ["betapurine"]
    assert ids(drugs.filter(live_vaccines=LiveVaccineAdvice.AVOID)) == ["alphamab"]
    assert ids(drugs.filter(children=True)) == ["alphamab"]
    assert ids(drugs.filter(children=False)) == ["betapurine"]
    assert ids(drugs.filter(labelled_only=True)) == ["alphamab"]


def test_labelled_only_restricts_condition_to_regulator_labelled_uses(
    data_folder: DataFolder,
) -> None:
    data_folder.drugs["betapurine"]["indications"] = [
        {"condition": "crohns-disease", "regulators": [], "sources": ["us-label"]}
    ]
    catalog = data_folder.load()
    both = DrugCollection(lambda: catalog)
    assert ids(both.filter(condition="crohns-disease")) == ["alphamab", "betapurine"]
    assert ids(both.filter(condition="crohns-disease", labelled_only=True)) == ["alphamab"]
    assert ids(both.filter(condition="crohns-disease", children=False)) == ["betapurine"]


def test_drugs_without_curated_advice_match_no_advice_filter(data_folder: DataFolder) -> None:
    for key in ("pregnancy", "vaccines"):
        del data_folder.drugs["betapurine"][key]
    catalog = data_folder.load()
    partial = DrugCollection(lambda: catalog)
    assert ids(partial.filter(pregnancy_contraindicated=True)) == []
    assert ids(partial.filter(live_vaccines="not_stated")) == []


@pytest.mark.parametrize(
    ("argument", "value", "expected"),
    [
        ("route", "SC", ["alphamab"]),
        ("route", "subcut", ["alphamab"]),
        ("route", "PO", ["betapurine"]),
        ("route", "Oral", ["betapurine"]),
        ("direction", "Immunosuppressant", ["alphamab", "betapurine"]),
        ("min_frequency", "Very common", ["betapurine"]),
        ("live_vaccines", "Not stated", []),
        ("drug_class", "anti-TNF", ["alphamab"]),
        ("condition", "CROHN'S DISEASE", ["alphamab"]),
        ("monitoring", "tb screening", ["alphamab"]),
    ],
)
def test_filter_values_are_forgiving(
    drugs: DrugCollection, argument: str, value: str, expected: list[str]
) -> None:
    assert ids(drugs.filter(**{argument: value})) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("argument", "value", "fragment"),
    [
        ("direction", "up", "'suppress', 'stimulate', 'mixed'"),
        ("route", "by air", "'oral'"),
        ("route", "subcutanous", "did you mean 'subcutaneous'"),
        ("min_frequency", "often", "'very_common'"),
        ("live_vaccines", "contraindicatd", "did you mean 'contraindicated'"),
        ("drug_class", "tnf inhibtor", "did you mean 'tnf-inhibitor'"),
        ("condition", "crohns diseas", "did you mean 'crohns-disease'"),
        ("condition", "gout", "must name a known condition"),
        ("adverse_effect", "nausia", "did you mean 'nausea'"),
        ("monitoring", "tb screenin", "did you mean 'tb-screening'"),
        ("boxed_warning", "yes", "True or False"),
        ("pregnancy_contraindicated", 1, "True or False"),
        ("labelled_only", None, "True or False"),
        ("children", "yes", "True or False"),
        ("route", 3, "'oral'"),
    ],
)
def test_filter_rejects_unknown_values(
    drugs: DrugCollection, argument: str, value: object, fragment: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        drugs.filter(**{argument: value})  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert message.startswith(argument)
    assert fragment in message
    assert repr(value) in message


@pytest.mark.parametrize("argument", ["route", "condition", "drug_class", "monitoring"])
def test_filter_errors_stay_short(drugs: DrugCollection, argument: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        drugs.filter(**{argument: "x" * 100_000})  # type: ignore[arg-type]
    assert len(str(caught.value)) < 400


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
    assert classes["tnf-inhibitor"].parents == ("biologic",)
    assert classes.parents("tnf-inhibitor") == (classes["biologic"],)
    assert classes.parents("biologic") == ()
    assert classes.children("biologic") == (classes["tnf-inhibitor"],)
    assert classes.children("tnf-inhibitor") == ()
    assert classes.descendants("biologic") == (classes["tnf-inhibitor"],)
    assert classes.ancestors("tnf-inhibitor") == (classes["biologic"],)
    assert [c.id for c in classes.roots()] == ["biologic", "thiopurine"]


def test_classes_with_several_parents(data_folder: DataFolder) -> None:
    data_folder.classes += [
        {"id": "dmard", "name": "DMARD", "description": "Disease-modifying."},
        {
            "id": "bdmard",
            "name": "Biologic DMARD",
            "description": "Both.",
            "parents": ["biologic", "dmard"],
        },
    ]
    data_folder.classes[1]["parents"] = ["bdmard"]  # tnf-inhibitor
    catalog = data_folder.load()
    classes = DrugClassCollection(lambda: catalog)
    drugs = DrugCollection(lambda: catalog)
    assert [c.id for c in classes.ancestors("tnf-inhibitor")] == ["bdmard", "biologic", "dmard"]
    assert [c.id for c in classes.descendants("dmard")] == ["bdmard", "tnf-inhibitor"]
    assert [c.id for c in classes.descendants("biologic")] == ["bdmard", "tnf-inhibitor"]
    assert [c.id for c in classes.children("dmard")] == ["bdmard"]
    assert [c.id for c in classes.roots()] == ["biologic", "dmard", "thiopurine"]
    assert ids(drugs.filter(drug_class="dmard")) == ["alphamab"]
    assert ids(drugs.filter(drug_class="biologic")) == ["alphamab"]


def test_hierarchy_and_of_treat_the_same_mistake_alike(
    classes: DrugClassCollection, effects: AdverseEffectCollection, drugs: DrugCollection
) -> None:
    for call in (classes.children, classes.parents, classes.ancestors, classes.of, effects.of):
        with pytest.raises(NotFoundError, match="did you mean"):
            call("tnf inhibtor" if call not in (classes.of, effects.of) else "alphamb")
        with pytest.raises(InvalidKeyError, match="got int"):
            call(3)  # type: ignore[arg-type]


def test_foreign_or_altered_records_are_refused(
    drugs: DrugCollection, classes: DrugClassCollection, data_folder: DataFolder
) -> None:
    alphamab = drugs["alphamab"]
    altered = alphamab.model_copy(update={"classes": ("thiopurine",)})
    with pytest.raises(NotFoundError):
        classes.of(altered)
    foreign = alphamab.model_copy(update={"id": "gammamab"})
    with pytest.raises(NotFoundError):
        classes.of(foreign)
    twin = type(alphamab).model_validate(alphamab.model_dump())
    assert classes.of(twin) == classes.of(alphamab)
    with pytest.raises(InvalidArgumentError, match="drug_class must name a known drug class"):
        drugs.filter(drug_class=classes["biologic"].model_copy(update={"name": "Other"}))


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


def test_monitoring_tests_of_a_drug(tiny_catalog: CatalogSource) -> None:
    tests = MonitoringTestCollection(tiny_catalog)
    assert [t.id for t in tests.of("alphamab")] == ["tb-screening"]
    assert tests["TB screening"].id == "tb-screening"
    assert "complete-blood-count" in tests


def test_effects_by_organ_system(effects: AdverseEffectCollection) -> None:
    assert effects.by_organ_system("infections") == (effects["infection"],)
    with pytest.raises(InvalidArgumentError, match="organ_system must be one of"):
        effects.by_organ_system("liver")


def test_names_looked_up_before_resolve_alike_and_stay_bounded(
    drugs: DrugCollection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from immunomod import index as index_module

    monkeypatch.setattr(index_module, "RECENT_KEYS", 2)
    first = drugs["ALPHAMAB"]
    assert drugs["ALPHAMAB"] is first  # the second look-up takes the remembered key
    for key in ("Alphamab ", " alphamab", "alpha-mab"):
        assert drugs[key] is first
    index = drugs._index()
    assert len(index._recent) == 2
    assert index.exact("alpha-mab") is None  # beyond the bound: folded again, still found
    assert drugs["alpha-mab"] is first
