"""Checks of the packaged data itself: every record, named when it fails.

Counts are never hard-coded; instead the test pins what the 0.1.0 scope promises
(drugs and classes that must exist) and facts that sources agree on.
"""

from __future__ import annotations

import json
import pathlib
from urllib.parse import urlparse

import pytest

import immunomod
from immunomod import Direction, Drug, Route, adverse_effects, conditions, drug_classes, drugs
from immunomod.loading import canonical_json

DATA = pathlib.Path(immunomod.__file__).parent / "data"
DATA_FILES = sorted(DATA.rglob("*.json"))
DRUGS = sorted(drugs.values(), key=lambda d: d.id)
VOCABULARY_FILES = [
    "drug_classes.json",
    "adverse_effects.json",
    "conditions.json",
    "monitoring_tests.json",
]

REQUIRED_DRUGS = {
    "thiopurine": ["azathioprine", "mercaptopurine"],
    "calcineurin-inhibitor": ["ciclosporin", "tacrolimus"],
    "corticosteroid": [
        "prednisone",
        "prednisolone",
        "methylprednisolone",
        "hydrocortisone",
        "dexamethasone",
        "budesonide",
    ],
    "csdmard": ["methotrexate", "hydroxychloroquine", "sulfasalazine", "leflunomide"],
    "tnf-inhibitor": ["adalimumab", "infliximab", "etanercept", "certolizumab-pegol", "golimumab"],
    "interleukin-inhibitor": ["tocilizumab", "anakinra", "ustekinumab", "secukinumab"],
    "anti-cd20": ["rituximab"],
    "t-cell-costimulation-modulator": ["abatacept"],
    "integrin-antagonist": ["vedolizumab"],
    "jak-inhibitor": ["tofacitinib", "baricitinib", "upadacitinib"],
    "pd-1-inhibitor": ["pembrolizumab", "nivolumab", "cemiplimab"],
    "pd-l1-inhibitor": ["atezolizumab", "durvalumab", "avelumab"],
    "ctla-4-inhibitor": ["ipilimumab"],
    "cytokine": ["aldesleukin", "interferon-alfa-2b", "filgrastim"],
    "car-t-cell-therapy": ["tisagenlecleucel", "axicabtagene-ciloleucel"],
    "live-bacterial-immunotherapy": ["bcg"],
    "tlr-agonist": ["imiquimod"],
}
REQUIRED_CLASSES = [
    "corticosteroid",
    "csdmard",
    "tsdmard",
    "biologic",
    "thiopurine",
    "calcineurin-inhibitor",
    "tnf-inhibitor",
    "interleukin-inhibitor",
    "jak-inhibitor",
    "anti-cd20",
    "checkpoint-inhibitor",
    "pd-1-inhibitor",
    "pd-l1-inhibitor",
    "ctla-4-inhibitor",
    "cytokine",
    "car-t-cell-therapy",
]

REGULATORY_HOSTS = (
    "api.fda.gov",
    "dailymed.nlm.nih.gov",
    "accessdata.fda.gov",
    "ema.europa.eu",
    "ec.europa.eu",
    "medicines.org.uk",
    "build.fhir.org",
)
"""Hosts of FDA labels, DailyMed and EU product information (incl. FHIR ePI builds)."""

UNACCEPTABLE_HOSTS = (
    "goodrx.com",
    "verywellhealth.com",
    "medicinenet.com",
    "webmd.com",
    "healthline.com",
    "hunteribd.com",
    "galenusrevista.com",
    "natbiocorp.com",
    "wikipedia.org",
    "wikidoc.org",
    "thelupussite.com",
    "jeevandip.com",
    "themedidex.com",
)
"""Consumer, marketing, wiki and news pages: never a source of a fact here."""


def host(url: str) -> str:
    name = (urlparse(url).hostname or "").lower().rstrip(".")
    return name.removeprefix("www.")


# --- files ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_data_file_is_canonical(path: pathlib.Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text == canonical_json(json.loads(text)), (
        f"{path.name} is not canonical: rewrite it with immunomod.loading.canonical_json"
    )


@pytest.mark.parametrize("name", VOCABULARY_FILES)
def test_vocabulary_file_is_sorted_by_id(name: str) -> None:
    ids = [record["id"] for record in json.loads((DATA / name).read_text(encoding="utf-8"))]
    assert ids == sorted(ids)


def test_no_stray_files_in_data() -> None:
    allowed = set(VOCABULARY_FILES)
    for path in DATA.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(DATA)
            assert relative.name in allowed or (
                relative.parts[0] == "drugs" and path.suffix == ".json"
            ), f"unexpected file {relative}"


# --- scope ------------------------------------------------------------------------------


def test_required_classes_exist() -> None:
    missing = [class_id for class_id in REQUIRED_CLASSES if class_id not in drug_classes]
    assert not missing


@pytest.mark.parametrize("class_id", sorted(REQUIRED_DRUGS))
def test_required_drugs_exist_in_their_class(class_id: str) -> None:
    members = {d.id for d in drugs.filter(drug_class=class_id)}
    assert set(REQUIRED_DRUGS[class_id]) <= members, set(REQUIRED_DRUGS[class_id]) - members


def test_every_vocabulary_entry_is_used() -> None:
    used_effects = {e.effect for d in DRUGS for e in d.adverse_effects}
    used_conditions = {i.condition for d in DRUGS for i in d.indications}
    used_classes = {c for d in DRUGS for c in d.classes} | {
        t.drug_class for d in DRUGS for t in d.co_therapy if t.drug_class
    }
    for drug_class in drug_classes.values():
        used_classes |= set(drug_class.parents)
    assert set(adverse_effects) - used_effects == set()
    assert set(conditions) - used_conditions == set()
    assert set(drug_classes) - used_classes == set()


# --- every drug -------------------------------------------------------------------------


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_drug_cites_a_regulatory_label(drug: Drug) -> None:
    hosts = {host(source.url) for source in drug.sources}
    assert any(h.endswith(REGULATORY_HOSTS) for h in hosts), sorted(hosts)


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_drug_cites_no_unacceptable_source(drug: Drug) -> None:
    bad = [s.url for s in drug.sources if host(s.url).endswith(UNACCEPTABLE_HOSTS)]
    assert not bad


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_sources_are_not_repeated(drug: Drug) -> None:
    urls = [source.url for source in drug.sources]
    assert len(urls) == len(set(urls))


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_drug_has_core_facts(drug: Drug) -> None:
    assert drug.indications, "no indication"
    assert drug.adverse_effects, "no adverse effect"
    assert drug.identifiers.unii or drug.identifiers.drugbank, "no identifier at all"


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_brand_names_are_not_also_synonyms(drug: Drug) -> None:
    assert not set(drug.brand_names) & set(drug.synonyms)


# --- facts the sources agree on (and the reference articles got wrong) ------------------


def test_jak_inhibitors_are_targeted_synthetic_dmards_not_biologics() -> None:
    for drug in drugs.filter(drug_class="jak-inhibitor"):
        ancestors = {c.id for cls in drug_classes.of(drug) for c in drug_classes.ancestors(cls)}
        assert "tsdmard" in ancestors
        assert "biologic" not in ancestors
        assert Route.ORAL in drug.routes


@pytest.mark.parametrize(
    "class_id",
    ["checkpoint-inhibitor", "cytokine", "car-t-cell-therapy", "live-bacterial-immunotherapy"],
)
def test_immunostimulant_classes_stimulate(class_id: str) -> None:
    for drug in drugs.filter(drug_class=class_id):
        assert drug.direction is Direction.STIMULATE, drug.id


@pytest.mark.parametrize(
    "class_id",
    [
        "corticosteroid",
        "dmard",
        "thiopurine",
        "calcineurin-inhibitor",
        "tnf-inhibitor",
        "interleukin-inhibitor",
        "anti-cd20",
    ],
)
def test_immunosuppressant_classes_suppress(class_id: str) -> None:
    for drug in drugs.filter(drug_class=class_id):
        assert drug.direction is Direction.SUPPRESS, drug.id


def test_checkpoint_inhibitors_list_immune_related_adverse_events() -> None:
    for drug in drugs.filter(drug_class="checkpoint-inhibitor"):
        effects = {e.effect for e in drug.adverse_effects}
        assert {"immune-mediated-colitis", "immune-mediated-hepatitis"} <= effects, drug.id
        assert effects & {"immune-mediated-pneumonitis", "pneumonitis"}, drug.id
        assert effects & {"hypothyroidism", "hyperthyroidism"}, drug.id


def test_routes_of_locally_acting_stimulants() -> None:
    assert drugs["bcg"].routes == (Route.INTRAVESICAL,)
    assert drugs["imiquimod"].routes == (Route.TOPICAL,)


def test_thiopurines_are_slow_and_need_tpmt_testing() -> None:
    for drug in (drugs["azathioprine"], drugs["mercaptopurine"]):
        assert drug.onset is not None
        assert drug.onset.min_weeks >= 8, drug.id
        assert any(m.test == "tpmt-nudt15-testing" for m in drug.monitoring), drug.id


def test_methotrexate_and_ciclosporin_act_sooner_than_thiopurines() -> None:
    slowest_start = min(
        onset.min_weeks
        for onset in (drugs["azathioprine"].onset, drugs["mercaptopurine"].onset)
        if onset is not None
    )
    for drug_id in ("methotrexate", "ciclosporin"):
        onset = drugs[drug_id].onset
        assert onset is not None, drug_id
        assert onset.min_weeks < slowest_start, drug_id


def test_azathioprine_is_bridged_with_corticosteroids() -> None:
    bridging = [t for t in drugs["azathioprine"].co_therapy if t.kind.value == "bridging"]
    assert [t.drug_class for t in bridging] == ["corticosteroid"]


def test_methotrexate_and_leflunomide_are_contraindicated_in_pregnancy() -> None:
    for drug_id in ("methotrexate", "leflunomide"):
        pregnancy = drugs[drug_id].pregnancy
        assert pregnancy is not None, drug_id
        assert pregnancy.contraindicated, drug_id


def test_ibd_immunomodulators_cover_crohns_disease() -> None:
    for drug_id in ("azathioprine", "mercaptopurine", "methotrexate"):
        assert any(i.condition == "crohns-disease" for i in drugs[drug_id].indications), drug_id


def test_lookup_names_from_the_scope() -> None:
    assert drugs["6-MP"].id == "mercaptopurine"
    assert drugs["cyclosporine"].id == "ciclosporin"
    assert drugs["Imuran"].id == "azathioprine"
