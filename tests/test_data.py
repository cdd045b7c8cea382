"""Checks of the packaged data itself: every record, named when it fails.

Counts are never hard-coded; instead the test pins what the 0.1.0 scope promises
(drugs and classes that must exist) and facts that sources agree on.
"""

from __future__ import annotations

import json
import pathlib
import re
from urllib.parse import urlparse

import pytest

import immunomod
from immunomod import Direction, Drug, Route, adverse_effects, conditions, drug_classes, drugs
from immunomod.loading import canonical_json

from .conftest import load_script

DATA = pathlib.Path(immunomod.__file__).parent / "data"
SCRIPTS = pathlib.Path(__file__).resolve().parent.parent / "scripts"
DATA_FILES = sorted(DATA.rglob("*.json"))
RELEASED_IDS = pathlib.Path(__file__).resolve().parent / "released_ids.json"


def release_of(version: str) -> tuple[int, ...]:
    """The release part of a version: ``"0.2.0.dev1"`` -> ``(0, 2, 0)``."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split(".dev")[0])[:3])


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
    "integrin-antagonist": ["vedolizumab"],
    "jak-inhibitor": ["tofacitinib", "baricitinib", "upadacitinib"],
    "pd-1-inhibitor": ["pembrolizumab", "nivolumab", "cemiplimab"],
    "pd-l1-inhibitor": ["atezolizumab", "durvalumab", "avelumab"],
    "ctla-4-inhibitor": ["ipilimumab"],
    "cytokine": ["aldesleukin", "interferon-alfa-2b", "filgrastim"],
    "car-t-cell-therapy": ["tisagenlecleucel", "axicabtagene-ciloleucel"],
    "live-bacterial-immunotherapy": ["bcg"],
    "tlr-agonist": ["imiquimod"],
    # added in 0.2.0: the drugs users reach for first
    "impdh-inhibitor": ["mycophenolate-mofetil", "mycophenolic-acid"],
    "mtor-inhibitor": ["sirolimus", "everolimus"],
    "t-cell-costimulation-modulator": ["abatacept", "belatacept"],
    "alkylating-agent": ["cyclophosphamide"],
    "ms-disease-modifying-therapy": [
        "natalizumab",
        "ocrelizumab",
        "fingolimod",
        "glatiramer-acetate",
        "interferon-beta-1a",
    ],
    "pde4-inhibitor": ["apremilast"],
    "il-4-13-inhibitor": ["dupilumab"],
    "anti-ige": ["omalizumab"],
    "il-23-inhibitor": ["guselkumab", "risankizumab"],
    "immunomodulatory-imide-drug": ["thalidomide", "lenalidomide", "pomalidomide"],
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
)
"""Hosts of FDA labels, DailyMed, EU product information and UK SmPCs."""

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
    # staging and test hosts
    "mimsdev.com",
    "prdmimsweb.azurewebsites.net",
    "build.fhir.org",
    "uat.mims.com",
    "prep.medthority.com",
    # document dumps and unattributed copies
    "vdocuments.net",
    "vdocuments.us",
    "vdocuments.mx",
    "vdocument.in",
    "pdfslide.us",
    "pdfslide.net",
    "docslib.org",
    "clustermed.info",
    "120ty.net",
    "pill2trip.com",
    "themeditary.com",
    "drugs-library.com",
    "thefreedictionary.com",
    "autoicdapi.com",
    "ptmasterguide.com",
    "theodora.com",
    "aetna.com",
    "pillsync.com",
    "scholarsinmedicine.com",
    "etg-complete-oxy.netlify.app",
    "webmail.druglib.com",
    "quicknewsspot.com",
    "drugvu.com",
    "medikamio.com",
    "oladoctor.com",
    "py2.docketalarm.com",
    # news and newswires
    "einnews.com",
    "pharmexec.com",
    # manufacturers' marketing sites
    "orenciahcp.com",
    "rituxanforra-hcp.com",
    "info.cosentyx.com",
    "pro.novartis.com",
    "opdivohcp.com",
    "libtayohcp.com",
    "keytruda.com",
    "msdconnect.co.uk",
    "msdconnect.ie",
    "msdconnect.be",
    # unlicensed copies of licensed references
    "uptodatefree.com",
)
"""Consumer, marketing, wiki, news, staging and test hosts and document dumps: never a source."""

STAGING_HOST_PREFIXES = ("uat.", "sit.", "staging.", "test.", "dev.")
"""Host name prefixes of staging and test deployments."""

UNACCEPTABLE_URL_PARTS = ("test-epi-composition",)
"""Test builds on general code hosts (a FHIR ePI test repository marked "TEST PURPOSES ONLY")."""


def unacceptable(url: str) -> bool:
    """Whether a source or evidence address is on a host or in a place never to cite."""
    name = host(url)
    return (
        name.endswith(UNACCEPTABLE_HOSTS)
        or name.startswith(STAGING_HOST_PREFIXES)
        or any(part in url for part in UNACCEPTABLE_URL_PARTS)
    )


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


def test_manifest_lists_every_data_file_with_its_hash() -> None:
    builder = load_script("build_manifest")
    assert (DATA / "manifest.json").read_text(encoding="utf-8") == builder.manifest_text(), (
        "the data manifest is stale: run python scripts/build_manifest.py"
    )


# --- scope ------------------------------------------------------------------------------


def test_required_classes_exist() -> None:
    missing = [class_id for class_id in REQUIRED_CLASSES if class_id not in drug_classes]
    assert not missing


@pytest.mark.parametrize("class_id", sorted(REQUIRED_DRUGS))
def test_required_drugs_exist_in_their_class(class_id: str) -> None:
    members = {d.id for d in drugs.filter(drug_class=class_id)}
    assert set(REQUIRED_DRUGS[class_id]) <= members, set(REQUIRED_DRUGS[class_id]) - members


def test_every_new_vocabulary_entry_is_used() -> None:
    # An entry a release shipped stays (ids are stable) even when no record cites it any
    # more; an entry no release shipped must be used.
    released = json.loads(RELEASED_IDS.read_text(encoding="utf-8"))
    current = release_of(immunomod.__version__)
    used_effects = {e.effect for d in DRUGS for e in d.adverse_effects}
    used_conditions = {i.condition for d in DRUGS for i in d.indications}
    used_classes = {c for d in DRUGS for c in d.classes} | {
        t.drug_class for d in DRUGS for t in d.co_therapy if t.drug_class
    }
    for drug_class in drug_classes.values():
        used_classes |= set(drug_class.parents)
    for kind, collection, used in (
        ("adverse_effects", adverse_effects, used_effects),
        ("conditions", conditions, used_conditions),
        ("drug_classes", drug_classes, used_classes),
    ):
        earlier = {i for i, first in released[kind].items() if release_of(first) < current}
        unused_new = set(collection) - used - earlier
        assert unused_new == set(), kind


# --- every drug -------------------------------------------------------------------------


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_drug_cites_a_regulatory_label(drug: Drug) -> None:
    hosts = {host(source.url) for source in drug.sources}
    assert any(h.endswith(REGULATORY_HOSTS) for h in hosts), sorted(hosts)


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_drug_cites_no_unacceptable_source(drug: Drug) -> None:
    bad = [s.url for s in drug.sources if unacceptable(s.url)]
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
    # Ciclosporin's onset (psoriasis, from 2 weeks) rested only on a copy site and was
    # removed in 0.2.0.dev1; where an onset is recorded, it must start sooner.
    slowest_start = min(
        onset.min_weeks
        for onset in (drugs["azathioprine"].onset, drugs["mercaptopurine"].onset)
        if onset is not None
    )
    methotrexate = drugs["methotrexate"].onset
    assert methotrexate is not None
    assert methotrexate.min_weeks < slowest_start
    ciclosporin = drugs["ciclosporin"].onset
    assert ciclosporin is None or ciclosporin.min_weeks < slowest_start


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


# --- the label-grade record standard (0.2.0) ---------------------------------------------

REVIEWS = pathlib.Path(__file__).resolve().parent.parent / "curation" / "reviews"
REVIEW_VERDICTS = {
    "ok",
    "fixed: wrong",
    "fixed: missing",
    "fixed: imprecise",
    "open: unverified",
    "open: missing",
}
"""Row verdicts; ``open`` rows are findings the review could not close (scripts/data_coverage)."""
PLACEHOLDERS = ("pending re-curation", "Not yet curated")


def placeholder_prone_texts(drug: Drug) -> list[str]:
    texts = [drug.monitoring_note or ""]
    texts += [e.notes or "" for e in drug.adverse_effects]
    return texts


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_every_source_is_cited_by_a_fact_a_review_or_is_a_reference_database(
    drug: Drug,
) -> None:
    # A reviewed label also supports the fields that carry no citation (classes, routes,
    # mechanisms); a reference database supports identifiers.
    cited = {source_id for _, ids in drug.citations() for source_id in ids}
    if drug.review is not None:
        cited |= set(drug.review.labels)
    unused = [s.id for s in drug.sources if s.id not in cited and s.kind.value != "database"]
    assert not unused, f"sources no fact cites: {unused}"


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_no_migration_placeholder_is_left(drug: Drug) -> None:
    left = [text for text in placeholder_prone_texts(drug) if any(p in text for p in PLACEHOLDERS)]
    assert not left


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_unknown_frequencies_say_why(drug: Drug) -> None:
    for item in drug.adverse_effects:
        if item.frequency.value == "unknown":
            assert item.notes, item.effect


MAX_UNKNOWN_SHARE = 0.23
"""Ceiling on ``unknown`` frequencies outside corticosteroids: the share reached, so it cannot
grow back. Issue 5's target is 0.15; the labels' frequency tables could not all be read yet."""


def test_unknown_frequencies_outside_corticosteroids_do_not_grow_back() -> None:
    pairs = [
        item.frequency.value
        for drug in DRUGS
        if "corticosteroid" not in drug.classes
        for item in drug.adverse_effects
    ]
    share = pairs.count("unknown") / len(pairs)
    print(f"unknown frequencies outside corticosteroids: {pairs.count('unknown')}/{len(pairs)}")
    assert share <= MAX_UNKNOWN_SHARE


MIN_ONSET_COVERAGE = 0.60
"""Least share of drugs whose time to clinical effect is given (issue 5's target)."""


def test_onset_coverage_is_at_least_60_percent() -> None:
    covered = sum(drug.onset is not None for drug in DRUGS)
    print(f"onset coverage: {covered}/{len(DRUGS)} = {covered / len(DRUGS):.0%}")
    assert covered / len(DRUGS) >= MIN_ONSET_COVERAGE


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_every_drug_has_monitoring_or_a_note_saying_why_not(drug: Drug) -> None:
    assert drug.monitoring or drug.monitoring_note


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_atc_codes_come_from_a_cited_reference_page(drug: Drug) -> None:
    if drug.identifiers.atc:
        assert any(s.kind.value == "database" for s in drug.sources), "the ATC page is not cited"


def test_jak_inhibitors_are_in_the_2024_atc_group() -> None:
    for drug in drugs.filter(drug_class="jak-inhibitor"):
        assert all(code.startswith("L04AF") for code in drug.identifiers.atc), drug.id


def test_dmard_umbrella_finds_conventional_targeted_and_biologic_dmards() -> None:
    members = {d.id for d in drugs.filter(drug_class="dmard")}
    assert {"methotrexate", "tofacitinib", "adalimumab", "abatacept"} <= members
    assert not members & {"pembrolizumab", "prednisone", "belatacept"}


def review_table(drug_id: str) -> tuple[dict[str, str], list[list[str]]]:
    """The header facts and the table rows of a drug's review file."""
    text = (REVIEWS / f"{drug_id}.md").read_text(encoding="utf-8")
    facts = dict(re.findall(r"^- (\w+): (.+)$", text, flags=re.MULTILINE))
    rows = [
        [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        for line in text.splitlines()
        if line.startswith("|") and not line.startswith(("| field |", "| ---"))
    ]
    return facts, rows


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_no_review_verdict_rests_on_an_unacceptable_page(drug: Drug) -> None:
    # A row's evidence is the page the reviewer read. A page never to cite may appear only
    # where the row removes what came from it (fixed: wrong) or leaves the fact open.
    _, rows = review_table(drug.id)
    resting = [
        url
        for _, _, _, verdict, evidence in rows
        if verdict != "fixed: wrong" and not verdict.startswith("open:")
        for url in re.findall(r"https?://[^\s)\]|,;]+", evidence)
        if unacceptable(url)
    ]
    assert not resting


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_every_drug_has_a_review_table_matching_its_review(drug: Drug) -> None:
    assert (REVIEWS / f"{drug.id}.md").is_file(), "no review table"
    assert drug.review is not None, "no review recorded in the drug"
    facts, rows = review_table(drug.id)
    assert facts.get("Reviewed") == drug.review.date.isoformat()
    for label_id in drug.review.labels:
        assert label_id in facts.get("Labels", ""), label_id
    assert len(rows) >= 10, "a review checks every field"
    for row in rows:
        assert len(row) == 5, row
        assert row[3] in REVIEW_VERDICTS, row
        assert "http" in row[4], f"no address in the evidence: {row}"


def test_every_review_table_belongs_to_a_drug() -> None:
    assert {path.stem for path in REVIEWS.glob("*.md")} <= set(drugs)
