"""Search quality: realistic misspellings must put the right drug first.

A wrong first suggestion in a medical library is a safety problem, so this is a data test
over the packaged names: at least 95 % of the cases must rank the intended drug first.
"""

from __future__ import annotations

import pytest

from immunomod import drugs
from immunomod.index import SEARCH_CUTOFF, RecordIndex
from immunomod.models import Drug
from immunomod.packaged import default_catalog
from immunomod.text import QueryScorer, fold

MIN_FIRST_RIGHT = 0.95

# (what a user typed, the drug meant): letter swaps, dropped and doubled letters,
# phonetic spellings and brand typos.
CASES = [
    ("Humria", "adalimumab"),
    ("Huimra", "adalimumab"),
    ("Humira", "adalimumab"),
    ("adalimumub", "adalimumab"),
    ("Opdvio", "nivolumab"),
    ("Opdviio", "nivolumab"),
    ("nivolumba", "nivolumab"),
    ("Imrun", "azathioprine"),
    ("Imuarn", "azathioprine"),
    ("azathiprine", "azathioprine"),
    ("azathioprene", "azathioprine"),
    ("Remicaed", "infliximab"),
    ("infliximap", "infliximab"),
    ("Stelera", "ustekinumab"),
    ("ustekinumub", "ustekinumab"),
    ("Keytrdua", "pembrolizumab"),
    ("pembrolizumav", "pembrolizumab"),
    ("tofacitnib", "tofacitinib"),
    ("Xeljnaz", "tofacitinib"),
    ("Enbrle", "etanercept"),
    ("etanercpet", "etanercept"),
    ("Simponni", "golimumab"),
    ("Actmera", "tocilizumab"),
    ("tocilizumba", "tocilizumab"),
    ("metotrexate", "methotrexate"),
    ("methotrexat", "methotrexate"),
    ("cyclosporin", "ciclosporin"),
    ("cyclosporine", "ciclosporin"),
    ("Sandimune", "ciclosporin"),
    ("Hydroxychlorquine", "hydroxychloroquine"),
    ("Plaqenil", "hydroxychloroquine"),
    ("Rituxen", "rituximab"),
    ("ritixumab", "rituximab"),
    ("Olumient", "baricitinib"),
    ("Rinvok", "upadacitinib"),
    ("Entyvo", "vedolizumab"),
    ("vedolizumba", "vedolizumab"),
    ("Kineret", "anakinra"),
    ("anakinar", "anakinra"),
    ("Cosentix", "secukinumab"),
    ("Orencai", "abatacept"),
    ("abatacpet", "abatacept"),
    ("Yervoi", "ipilimumab"),
    ("Tecentrq", "atezolizumab"),
    ("Imfinizi", "durvalumab"),
    ("Bavencia", "avelumab"),
    ("Libtayo", "cemiplimab"),
    ("Prograff", "tacrolimus"),
    ("tacrolimis", "tacrolimus"),
    ("leflunamide", "leflunomide"),
    ("Arvaa", "leflunomide"),
    ("sulfasalazin", "sulfasalazine"),
    ("Azulfadine", "sulfasalazine"),
    ("prednisolon", "prednisolone"),
    ("predisone", "prednisone"),
    ("dexamethazone", "dexamethasone"),
    ("budesonid", "budesonide"),
    ("Kymria", "tisagenlecleucel"),
    ("Yescarta", "axicabtagene-ciloleucel"),
    ("Neupogne", "filgrastim"),
    ("Proleukn", "aldesleukin"),
    ("imiquimud", "imiquimod"),
    ("mercaptopurin", "mercaptopurine"),
    ("Cimzai", "certolizumab-pegol"),
]


def test_realistic_misspellings_find_the_right_drug_first() -> None:
    wrong = []
    for typed, meant in CASES:
        found = drugs.search(typed, limit=3)
        if not found or found[0].id != meant:
            wrong.append((typed, meant, [d.id for d in found]))
    share = 1 - len(wrong) / len(CASES)
    print(f"first result right for {len(CASES) - len(wrong)}/{len(CASES)} = {share:.0%}: {wrong}")
    assert len(CASES) >= 40
    assert share >= MIN_FIRST_RIGHT, wrong


@pytest.mark.parametrize(("typed", "meant"), CASES[:8])
def test_swapped_letters_in_short_brand_names(typed: str, meant: str) -> None:
    assert drugs.search(typed, limit=1)[0].id == meant


def test_names_beyond_the_typo_limit_claim_no_typo_similarity() -> None:
    # Twelve letters, none shared: more than a third of the name differs, so the capped
    # distance is only a bound and must not score as a near miss.
    assert QueryScorer("abcdefghijkl").score("mnopqrstuvwx", SEARCH_CUTOFF) < SEARCH_CUTOFF


def exhaustive_search(index: RecordIndex[Drug], query: str, limit: int) -> list[str]:
    """Every candidate scored without pruning: what the pruned search must return."""
    scorer = QueryScorer(fold(query))
    best: dict[str, float] = {}
    for position in index._candidates(scorer.query):
        key, record_id = index.folded_names()[position]
        score = scorer.score(key, SEARCH_CUTOFF)
        if score >= SEARCH_CUTOFF and score > best.get(record_id, 0.0):
            best[record_id] = score
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [record_id for record_id, _ in ranked[:limit]]


@pytest.mark.parametrize("limit", [1, 3, 10])
@pytest.mark.parametrize("typed", [typed for typed, _ in CASES] + ["mab", "inib", "x", "Hu"])
def test_pruned_search_returns_what_scoring_every_candidate_returns(typed: str, limit: int) -> None:
    index = default_catalog().drugs
    assert [d.id for d in index.search(typed, limit)] == exhaustive_search(index, typed, limit)
