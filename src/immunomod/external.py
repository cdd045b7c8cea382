"""Finding drugs by external identifier: ATC, UNII, DrugBank, RxCUI, ChEMBL, PubChem, MeSH.

A code may be given bare (``DB00993``, ``L04AX01``) or as a CURIE with a bioregistry prefix
(``drugbank:DB00993``); case and surrounding spaces do not matter. The index is built on
the first look-up, from the drugs' identifiers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from immunomod.models import CURIE_PREFIXES, Drug
from immunomod.readonly import ReadOnly

__all__ = ["ATC_GROUP_LENGTHS", "ExternalIndex"]

ATC_GROUP_LENGTHS = (1, 3, 4, 5)
"""Lengths of ATC group codes (anatomical, therapeutic, pharmacological, chemical levels)."""

_PREFIX_OF_FIELD = CURIE_PREFIXES
_FIELD_OF_PREFIX = {prefix: field for field, prefix in CURIE_PREFIXES.items()}
_FIELD_OF_PREFIX.update({"pubchem": "pubchem_cid", "chembl": "chembl", "rxcui": "rxcui"})


class ExternalIndex(ReadOnly):
    """Drug ids by every external code they carry."""

    __slots__ = ("_codes",)

    def __init__(self, drugs: Iterable[Drug]) -> None:
        codes: dict[tuple[str, str], set[str]] = {}
        for drug in drugs:
            for field, item in drug.identifiers.codes():
                code = item.upper()
                codes.setdefault((field, code), set()).add(drug.id)
                if field == "atc":
                    for length in ATC_GROUP_LENGTHS:
                        codes.setdefault(("atc", code[:length]), set()).add(drug.id)
        self._codes: Mapping[tuple[str, str], frozenset[str]] = MappingProxyType(
            {key: frozenset(ids) for key, ids in codes.items()}
        )
        self._seal()

    def ids(self, code: str) -> frozenset[str]:
        """Ids of the drugs carrying ``code`` (bare or as a CURIE); empty if none."""
        text = code.strip()
        prefix, colon, rest = text.partition(":")
        if colon and prefix.lower() in _FIELD_OF_PREFIX:
            fields: Iterable[str] = (_FIELD_OF_PREFIX[prefix.lower()],)
            text = rest.strip()
        else:
            fields = _PREFIX_OF_FIELD
        found: set[str] = set()
        for field in fields:
            found |= self._codes.get((field, text.upper()), frozenset())
        return frozenset(found)
