"""Text normalisation and fuzzy scoring used by look-ups and search."""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

__all__ = ["MAX_KEY_LENGTH", "QueryScorer", "fold", "normalize"]

MAX_KEY_LENGTH = 256
"""Longest key or query that is normalised; no record name may be longer."""


def normalize(text: str) -> str:
    """Fold a name to its look-up key: no case, accents, spaces or punctuation.

    ``"Ciclosporin"``, ``" ciclosporin "`` and ``"CICLOSPORÍN"`` all give ``"ciclosporin"``;
    ``"6-MP"`` and ``"6 mp"`` both give ``"6mp"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed.casefold() if char.isalnum())


def fold(key: str) -> str:
    """``normalize(key)``, or ``""`` for a key longer than :data:`MAX_KEY_LENGTH`.

    Capping before normalising bounds the cost of any key: Unicode normalisation is
    quadratic on long runs of combining marks, and a long key can match no name anyway.
    """
    return normalize(key) if len(key) <= MAX_KEY_LENGTH else ""


class QueryScorer:
    """Scores normalised names against one normalised query, from 0 to 1.

    An exact match scores 1; a name the query starts scores at least 0.9; a name that
    contains the query at least 0.8; anything else its ``difflib`` similarity ratio
    scaled below 0.8. The matcher caches its analysis of the query, so scoring many
    names against one query is cheap.
    """

    EDIT_WEIGHT = 0.79

    def __init__(self, query: str) -> None:
        self.query = query
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
        if self.EDIT_WEIGHT * matcher.real_quick_ratio() < floor:
            return 0.0
        if self.EDIT_WEIGHT * matcher.quick_ratio() < floor:
            return 0.0
        return self.EDIT_WEIGHT * matcher.ratio()
