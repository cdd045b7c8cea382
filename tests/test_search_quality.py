"""Search quality: realistic misspellings must put the right drug first.

A wrong first suggestion in a medical library is a safety problem, so this is a data test
over the packaged names: at least 95 % of the cases must rank the intended drug first.
"""

from __future__ import annotations

import pytest

from immunomod import drugs

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
