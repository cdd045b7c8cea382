"""Reading query arguments forgivingly: vocabulary values by any spelling, with "did you mean".

Filter values accept what look-ups accept: case, spaces, hyphens and underscores are
ignored, and common abbreviations ("SC", "IV", "PO") name their member. An unknown
value raises :class:`~immunomod.InvalidArgumentError` with a short suggestion list.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from enum import Enum
from types import MappingProxyType
from typing import TypeVar, cast

from immunomod.errors import MAX_SHOWN, InvalidArgumentError, shown
from immunomod.text import QueryScorer, normalize
from immunomod.vocabularies import Direction, Frequency, LiveVaccineAdvice, Route

__all__ = ["ALIASES", "did_you_mean", "enum_member", "suggestion"]

E = TypeVar("E", bound=Enum)

ALIASES: Mapping[type[Enum], Mapping[str, str]] = MappingProxyType(
    {
        Route: MappingProxyType(
            {
                "sc": "subcutaneous",
                "subcut": "subcutaneous",
                "subq": "subcutaneous",
                "sq": "subcutaneous",
                "iv": "intravenous",
                "infusion": "intravenous",
                "po": "oral",
                "bymouth": "oral",
                "im": "intramuscular",
                "inhalation": "inhaled",
                "nasal": "intranasal",
                "ia": "intra_articular",
                "intraarticular": "intra_articular",
                "cutaneous": "topical",
                "eye": "ophthalmic",
            }
        ),
        Direction: MappingProxyType(
            {
                "suppression": "suppress",
                "suppressant": "suppress",
                "immunosuppressant": "suppress",
                "immunosuppressive": "suppress",
                "stimulation": "stimulate",
                "stimulant": "stimulate",
                "immunostimulant": "stimulate",
                "immunostimulatory": "stimulate",
            }
        ),
        Frequency: MappingProxyType({"frequent": "common", "infrequent": "uncommon"}),
        LiveVaccineAdvice: MappingProxyType(
            {"notstated": "not_stated", "none": "not_stated", "forbidden": "contraindicated"}
        ),
    }
)
"""Extra spellings of vocabulary members, by enum: folded alias to member value."""


def suggestion(names: Iterable[str]) -> str:
    """A clause like ``"; did you mean 'oral' or 'rectal'?"``, or ``""`` for no names."""
    shown_names = [repr(name) for name in names]
    return "; did you mean " + " or ".join(shown_names) + "?" if shown_names else ""


def did_you_mean(value: str, candidates: Iterable[str], limit: int = 3) -> str:
    """A :func:`suggestion` clause naming the candidates closest to ``value``."""
    scorer = QueryScorer(normalize(value[:MAX_SHOWN]))
    scored = sorted(
        ((scorer.score(normalize(candidate)), candidate) for candidate in set(candidates)),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return suggestion(candidate for score, candidate in scored[:limit] if score > 0.4)


@functools.cache
def _keys(enum: type[E]) -> Mapping[str, E]:
    """Every folded spelling of every member of ``enum`` (built once per enum)."""
    keys: dict[str, E] = {}
    for member in enum:
        keys[normalize(str(member.value))] = member
        keys[normalize(member.name)] = member
    for alias, value in ALIASES.get(enum, {}).items():
        keys[alias] = enum(value)
    return MappingProxyType(keys)


def enum_member(enum: type[E], value: object, argument: str) -> E:
    """Return the member of ``enum`` that ``value`` is or names, in any spelling, or raise."""
    if isinstance(value, enum):
        return value
    if isinstance(value, str) and len(value) <= MAX_SHOWN:
        spellings = _keys(enum)
        member = spellings.get(value) or spellings.get(normalize(value))
        if member is not None:
            return cast(E, member)
    allowed = [str(member.value) for member in enum]
    hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
    raise InvalidArgumentError(
        f"{argument} must be one of {', '.join(map(repr, allowed))}; got {shown(value)}{hint}"
    )
