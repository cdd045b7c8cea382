"""Print how complete the packaged data are, field by field (the figures CHANGELOG quotes).

    python scripts/data_coverage.py

Counts are measured, never asserted: unknown frequencies outside the corticosteroids (target at
most 15 %), onset (target at least 60 %), ATC codes, label figures, reviews, and per-fact
sources by kind.
"""

from __future__ import annotations

import pathlib
import re
from collections import Counter

from immunomod import Frequency, coverage, drugs

REVIEWS = pathlib.Path(__file__).resolve().parent.parent / "curation" / "reviews"


def review_verdicts() -> Counter[str]:
    """How many review-table rows carry each verdict."""
    verdicts: Counter[str] = Counter()
    for path in sorted(REVIEWS.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("|") and not line.startswith(("| field |", "| ---")):
                cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
                if len(cells) == 5:
                    verdicts[cells[3]] += 1
    return verdicts


def share(part: int, whole: int) -> str:
    """``part/whole = p %``."""
    return f"{part}/{whole} = {part / whole:.1%}" if whole else "0/0"


def dated_review_labels() -> tuple[int, int]:
    """How many of the label sources reviews were made against state their revision."""
    labels = [
        source
        for drug in drugs.all()
        if drug.review is not None
        for source in drug.sources
        if source.id in drug.review.labels
    ]
    return sum(source.revision is not None for source in labels), len(labels)


def aged_child_uses() -> tuple[int, int]:
    """How many labelled uses in children give the youngest age."""
    uses = [u for d in drugs.all() for u in d.indications if u.children and u.labelled]
    return sum(u.min_age_years is not None for u in uses), len(uses)


def main() -> None:
    """Print the coverage table."""
    every = drugs.all()
    steroids = {d.id for d in drugs.filter(drug_class="corticosteroid")}
    pairs = [e for d in every if d.id not in steroids for e in d.adverse_effects]
    unknown = [e for e in pairs if e.frequency is Frequency.UNKNOWN]
    kinds: Counter[str] = Counter()
    for drug in every:
        by_id = {source.id: source.kind.value for source in drug.sources}
        for _, cited in drug.citations():
            kinds.update(by_id[source_id] for source_id in cited)
    filled = coverage()
    rows = [
        ("drugs", str(len(every))),
        ("unknown frequencies outside corticosteroids", share(len(unknown), len(pairs))),
        ("effects with a label figure (percent)", share(*filled["effect with a label figure"])),
        ("drugs with onset", share(*filled["onset"])),
        ("drugs with an ATC code", share(*filled["identifiers.atc"])),
        ("drugs with monitoring", share(*filled["monitoring"])),
        ("drugs with vaccine advice", share(*filled["vaccines"])),
        ("drugs with a review", share(*filled["review"])),
        ("drugs with pregnancy guidance", share(*filled["pregnancy"])),
        ("reviewed label sources with a revision", share(*dated_review_labels())),
        ("labelled uses in children with a minimum age", share(*aged_child_uses())),
        ("fact citations by source kind", ", ".join(f"{k} {n}" for k, n in kinds.most_common())),
        ("review rows by verdict", ", ".join(f"{k} {n}" for k, n in review_verdicts().items())),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
