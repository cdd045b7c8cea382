"""Tidy tables of the dataset, for pandas, polars, Arrow/Parquet, CSV and JSON Lines.

One table per relation, each row a plain ``dict`` with display names beside the ids:

| table | one row per |
| --- | --- |
| ``drugs`` | drug (scalar columns) |
| ``drug_classes`` | drug and class |
| ``drug_mechanisms`` | drug and mechanism |
| ``drug_adverse_effects`` | drug and adverse effect (frequency, rank and label figure) |
| ``drug_indications`` | drug and indication |
| ``drug_monitoring`` | drug and monitoring item |
| ``drug_identifiers`` | drug and external code (with CURIE and URL) |

pandas, polars and pyarrow are optional extras (``immunomod[pandas]``, ``immunomod[polars]``,
``immunomod[parquet]``), imported only when asked for; a missing one raises
:class:`MissingDependencyError` naming the extra. Frequencies become ordered categoricals.
"""

from __future__ import annotations

import csv
import importlib
import json
import pathlib
from collections.abc import Callable
from typing import Any

from immunomod.collection import (
    AdverseEffectCollection,
    ConditionCollection,
    DrugClassCollection,
    DrugCollection,
    MonitoringTestCollection,
)
from immunomod.errors import ImmunomodError
from immunomod.models import CURIE_PREFIXES, Drug, curie_url
from immunomod.vocabularies import Frequency

__all__ = [
    "FORMATS",
    "FREQUENCY_ORDER",
    "TABLES",
    "MissingDependencyError",
    "export",
    "rows",
    "to_pandas",
    "to_polars",
]

FREQUENCY_ORDER = tuple(member.value for member in sorted(Frequency, key=lambda f: f.rank))
"""Frequency bands from ``unknown`` (lowest) to ``very_common``: the categorical order."""
FORMATS = ("csv", "jsonl", "parquet")
"""Formats :func:`export` writes."""
_SEP = ";"


class MissingDependencyError(ImmunomodError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def _require(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            f"{module} is not installed: pip install 'immunomod[{extra}]'"
        ) from None


def _joined(values: Any) -> str:
    return _SEP.join(str(value) for value in values)


def _drug_rows(drugs: DrugCollection) -> list[dict[str, Any]]:
    found = []
    for d in drugs.values():
        ids = d.identifiers
        found.append(
            {
                "drug_id": d.id,
                "drug_name": d.name,
                "direction": str(d.direction),
                "routes": _joined(d.routes),
                "brand_names": _joined(d.brand_names),
                "boxed_warning": d.boxed_warning is not None,
                "boxed_warning_summary": d.boxed_warning.summary if d.boxed_warning else None,
                "onset_min_weeks": d.onset.min_weeks if d.onset else None,
                "onset_max_weeks": d.onset.max_weeks if d.onset else None,
                "pregnancy_contraindicated": (d.pregnancy.contraindicated if d.pregnancy else None),
                "live_vaccines": str(d.vaccines.live) if d.vaccines else None,
                "atc": _joined(ids.atc),
                "unii": ids.unii,
                "drugbank": ids.drugbank,
                "review_date": d.review.date.isoformat() if d.review else None,
                "indications": len(d.indications),
                "adverse_effects": len(d.adverse_effects),
            }
        )
    return found


def _per_drug(
    drugs: DrugCollection, items: Callable[[Drug], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    return [
        {"drug_id": d.id, "drug_name": d.name, **item} for d in drugs.values() for item in items(d)
    ]


def rows(table: str, drugs: DrugCollection | None = None) -> list[dict[str, Any]]:
    """The rows of one table (see the module docs), from ``drugs`` or the packaged data."""
    drugs = drugs or _packaged_drugs()
    source = drugs._catalog
    classes = DrugClassCollection(source)
    effects = AdverseEffectCollection(source)
    conditions = ConditionCollection(source)
    tests = MonitoringTestCollection(source)
    makers: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "drugs": lambda: _drug_rows(drugs),
        "drug_classes": lambda: _per_drug(
            drugs,
            lambda d: [{"class_id": c, "class_name": classes[c].name} for c in d.classes],
        ),
        "drug_mechanisms": lambda: _per_drug(
            drugs,
            lambda d: [
                {
                    "target": m.target,
                    "action": str(m.action),
                    "direction": str(m.direction),
                    "description": m.description,
                }
                for m in d.mechanisms
            ],
        ),
        "drug_adverse_effects": lambda: _per_drug(
            drugs,
            lambda d: [
                {
                    "effect_id": e.effect,
                    "effect_name": effects[e.effect].name,
                    "organ_system": str(effects[e.effect].organ_system),
                    "frequency": str(e.frequency),
                    "frequency_rank": e.frequency.rank,
                    "percent": e.percent,
                    "serious": e.serious,
                    "notes": e.notes,
                    "sources": _joined(e.sources),
                }
                for e in d.adverse_effects
            ],
        ),
        "drug_indications": lambda: _per_drug(
            drugs,
            lambda d: [
                {
                    "condition_id": i.condition,
                    "condition_name": conditions[i.condition].name,
                    "regulators": _joined(i.regulators),
                    "labelled": i.labelled,
                    "adults": i.adults,
                    "children": i.children,
                    "min_age_years": i.min_age_years,
                    "prior_therapy": i.prior_therapy,
                    "biomarker": i.biomarker,
                    "notes": i.notes,
                }
                for i in d.indications
            ],
        ),
        "drug_monitoring": lambda: _per_drug(
            drugs,
            lambda d: [
                {
                    "test_id": m.test,
                    "test_name": tests[m.test].name,
                    "timing": str(m.timing),
                    "interval": m.interval,
                    "notes": m.notes,
                }
                for m in d.monitoring
            ],
        ),
        "drug_identifiers": lambda: _per_drug(
            drugs,
            lambda d: [
                {
                    "field": field,
                    "code": code,
                    "curie": f"{CURIE_PREFIXES[field]}:{code}",
                    "url": curie_url(f"{CURIE_PREFIXES[field]}:{code}"),
                }
                for field, code in d.identifiers.codes()
            ],
        ),
    }
    if table not in makers:
        from immunomod.errors import InvalidArgumentError

        raise InvalidArgumentError(f"table must be one of {', '.join(TABLES)}; got {table[:60]!r}")
    return makers[table]()


TABLES = (
    "drugs",
    "drug_classes",
    "drug_mechanisms",
    "drug_adverse_effects",
    "drug_indications",
    "drug_monitoring",
    "drug_identifiers",
)
"""The tables :func:`rows` and the exporters know."""


def _packaged_drugs() -> DrugCollection:
    import immunomod

    return immunomod.drugs


def to_pandas(table: str, drugs: DrugCollection | None = None) -> Any:
    """One table as a pandas DataFrame; ``frequency`` is an ordered categorical."""
    pandas = _require("pandas", "pandas")
    frame = pandas.DataFrame(rows(table, drugs))
    if "frequency" in frame:
        frame["frequency"] = pandas.Categorical(
            frame["frequency"], categories=list(FREQUENCY_ORDER), ordered=True
        )
    return frame


def to_polars(table: str, drugs: DrugCollection | None = None) -> Any:
    """One table as a polars DataFrame; ``frequency`` is an ordered enum."""
    polars = _require("polars", "polars")
    frame = polars.DataFrame(rows(table, drugs), infer_schema_length=None)
    if "frequency" in frame.columns:
        frame = frame.with_columns(polars.col("frequency").cast(polars.Enum(list(FREQUENCY_ORDER))))
    return frame


def export(
    out: str | pathlib.Path, fmt: str = "csv", drugs: DrugCollection | None = None
) -> list[pathlib.Path]:
    """Write every table to ``out`` as ``<table>.<fmt>`` (csv, jsonl or parquet); return paths."""
    if fmt not in FORMATS:
        from immunomod.errors import InvalidArgumentError

        raise InvalidArgumentError(f"format must be one of {', '.join(FORMATS)}; got {fmt[:60]!r}")
    if fmt == "parquet":
        pyarrow = _require("pyarrow", "parquet")
        parquet = _require("pyarrow.parquet", "parquet")
    folder = pathlib.Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        data = rows(table, drugs)
        path = folder / f"{table}.{fmt}"
        if fmt == "csv":
            with path.open("w", newline="", encoding="utf-8") as stream:
                writer = csv.DictWriter(stream, fieldnames=list(data[0]) if data else [])
                writer.writeheader()
                writer.writerows(data)
        elif fmt == "jsonl":
            with path.open("w", encoding="utf-8") as stream:
                for row in data:
                    stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            parquet.write_table(pyarrow.Table.from_pylist(data), path)
        written.append(path)
    return written
