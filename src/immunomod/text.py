"""Text normalisation and fuzzy scoring used by look-ups and search."""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["MAX_KEY_LENGTH", "QueryScorer", "deletions", "fold", "normalize", "typo_distance"]

MAX_KEY_LENGTH = 256
"""Longest key or query that is normalised; no record name may be longer."""


def normalize(text: str) -> str:
    """Fold a name to its look-up key: no case, accents, spaces or punctuation.

    ``"Ciclosporin"``, ``" ciclosporin "`` and ``"CICLOSPORÍN"`` all give ``"ciclosporin"``;
    ``"6-MP"`` and ``"6 mp"`` both give ``"6mp"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed.casefold() if char.isalnum())


FOLD_CACHE_SIZE = 4096
"""How many recent keys keep their folded form (bounded: at most 4096 keys of 256 characters)."""


def fold(key: str) -> str:
    """``normalize(key)``, or ``""`` for a key longer than :data:`MAX_KEY_LENGTH`.

    Capping before normalising bounds the cost of any key: Unicode normalisation is
    quadratic on long runs of combining marks, and a long key can match no name anyway.
    Recent keys are remembered, so a repeated look-up does not normalise again.
    """
    return _fold_short(key) if len(key) <= MAX_KEY_LENGTH else ""


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def _fold_short(key: str) -> str:
    return normalize(key)


SHORT_KEY = 7
"""Keys up to this length get two-deletion variants: short names suffer most from a typo."""


def deletions(key: str) -> set[str]:
    """``key`` and the strings made by deleting one character (two, for a short key).

    Two keys within one typo of each other (a wrong, missing, extra or swapped letter)
    share at least one of these variants, which is how search finds candidates for typos
    that change too many letter pairs for the pair prefilter (``"humria"``/``"humira"``).
    """
    found = {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}
    if len(key) <= SHORT_KEY:
        found |= {v[:i] + v[i + 1 :] for v in tuple(found) for i in range(len(v))}
    return found


def typo_distance(a: str, b: str, limit: int = 3) -> int:
    """Edits (insert, delete, substitute, swap two adjacent letters) from ``a`` to ``b``.

    The optimal-string-alignment distance, cut off: anything over ``limit`` is returned
    as ``limit + 1``, so a far name costs little.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


class QueryScorer:
    """Scores normalised names against one normalised query, from 0 to 1.

    An exact match scores 1; a name the query starts scores at least 0.9; a name that
    contains the query at least 0.8; anything else the better of its ``difflib``
    similarity ratio and its typo similarity (one minus the typo distance over the
    longer length, so a swapped pair of letters costs one edit), scaled below 0.8. The
    matcher caches its analysis of the query, so scoring many names is cheap.
    """

    EDIT_WEIGHT = 0.79

    def __init__(self, query: str) -> None:
        self.query = query
        from difflib import SequenceMatcher  # search helpers load on the first search

        self._matcher = SequenceMatcher(None, autojunk=False)
        self._matcher.set_seq2(query)

    def score(self, name: str, floor: float = 0.0) -> float:
        """Return the score of ``name``, or 0 when it cannot reach ``floor``."""
        query = self.query
        if not query or not name:
            return 0.0
        if query == name:
            return 1.0
        coverage = len(query) / len(name) if len(query) < len(name) else 1.0
        if name.startswith(query):
            return 0.9 + 0.09 * coverage
        if query in name:
            return 0.8 + 0.09 * coverage
        matcher = self._matcher
        matcher.set_seq1(name)
        ratio = matcher.ratio() if self.EDIT_WEIGHT * matcher.quick_ratio() >= floor else 0.0
        longest = max(len(query), len(name))
        # The typo similarity is at most 1 - (length difference) / longest: skip the
        # distance when even that cannot beat the ratio or reach the floor.
        best_typo = 1 - abs(len(query) - len(name)) / longest
        if best_typo <= ratio or self.EDIT_WEIGHT * best_typo < floor:
            return self.EDIT_WEIGHT * ratio
        limit = max(1, longest // 3)
        typos = typo_distance(query, name, limit=limit)
        if typos > limit:  # only a bound on the distance: no typo similarity to claim
            return self.EDIT_WEIGHT * ratio
        return self.EDIT_WEIGHT * max(ratio, 1 - typos / longest)
