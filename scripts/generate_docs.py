"""Regenerate the generated docs: schema.json, the field tables of data-model.md, and the
catalogue and coverage pages made from the data.

Run after changing src/immunomod/models.py, vocabularies.py or the data:
    python scripts/generate_docs.py
tests/test_docs.py fails while any of them is out of date.
"""

from __future__ import annotations

import enum
import json
import pathlib
import re
import typing

from pydantic import BaseModel

from immunomod import json_schema, models, vocabularies

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "docs" / "schema.json"
CATALOGUE = ROOT / "docs" / "catalogue.md"
COVERAGE = ROOT / "docs" / "coverage.md"
DATA_MODEL = ROOT / "docs" / "data-model.md"
BEGIN, END = "<!-- fields:begin -->", "<!-- fields:end -->"

MODELS: list[type[BaseModel]] = [
    models.Drug,
    models.Mechanism,
    models.Indication,
    models.DrugAdverseEffect,
    models.BoxedWarning,
    models.Onset,
    models.Monitoring,
    models.Pregnancy,
    models.Vaccines,
    models.CoTherapy,
    models.Identifiers,
    models.Source,
    models.Review,
    models.DrugClass,
    models.AdverseEffect,
    models.Condition,
    models.MonitoringTest,
    models.Deprecation,
]
ENUMS: list[type[enum.Enum]] = [
    vocabularies.Direction,
    vocabularies.Action,
    vocabularies.Route,
    vocabularies.Frequency,
    vocabularies.OrganSystem,
    vocabularies.MonitoringTiming,
    vocabularies.CoTherapyKind,
    vocabularies.SourceKind,
    vocabularies.Regulator,
    vocabularies.LiveVaccineAdvice,
]


def schema_text() -> str:
    """The JSON Schema of one drug file (with every nested model) as canonical JSON."""
    schema = json_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def type_name(annotation: object) -> str:
    """A short, readable rendering of a field's type annotation."""
    text = repr(annotation)
    text = re.sub(r"typing\.Annotated\[(\w+), [^\]]*\]", r"\1", text)
    text = re.sub(r"<(?:class|enum) '(?:[\w.]+\.)?(\w+)'>", r"\1", text)
    text = re.sub(r"\b(?:immunomod\.\w+|typing)\.", "", text)
    text = re.sub(r"Annotated\[(\w+), .*?\]\]?", r"\1", text)
    text = re.sub(r"Optional\[(.+)\]$", r"\1 | None", text)
    return text.replace("NoneType", "None")


def fields_markdown() -> str:
    """Markdown tables of every model's fields and every enum's members."""
    parts: list[str] = []
    for model in MODELS:
        parts.append(f"### `{model.__name__}`\n\n{(model.__doc__ or '').strip().splitlines()[0]}\n")
        parts.append("| field | type | required | description |\n| --- | --- | --- | --- |")
        hints = typing.get_type_hints(model, include_extras=False)
        for name, info in model.model_fields.items():
            described = info.description or ("Stable kebab-case id." if name == "id" else "")
            parts.append(
                f"| `{name}` | `{type_name(hints[name])}` | "
                f"{'yes' if info.is_required() else 'no'} | {described} |"
            )
        parts.append("")
    for vocabulary in ENUMS:
        doc = (vocabulary.__doc__ or "").strip().splitlines()[0]
        values = ", ".join(f"`{member.value}`" for member in vocabulary)
        parts.append(f"### `{vocabulary.__name__}`\n\n{doc} Values: {values}.\n")
    return "\n".join(parts).rstrip() + "\n"


def data_model_text(current: str) -> str:
    """``current`` with the generated block between the markers replaced."""
    before, rest = current.split(BEGIN, 1)
    _, after = rest.split(END, 1)
    return f"{before}{BEGIN}\n\n{fields_markdown()}\n{END}{after}"


def catalogue_text() -> str:
    """The catalogue page: every drug by class, with its direction and routes."""
    from immunomod import drug_classes, drugs

    lines = [
        "# Catalogue",
        "",
        "Generated from the data by `scripts/generate_docs.py`: every class, top-level classes",
        "first, with the drugs in it or below it.",
        "",
    ]
    for drug_class in sorted(drug_classes.values(), key=lambda c: (bool(c.parents), c.id)):
        members = drugs.filter(drug_class=drug_class)
        if not members:
            continue
        parents = ", ".join(drug_class.parents) or "top level"
        lines += [f"## {drug_class.name} (`{drug_class.id}`, under {parents})", ""]
        lines += ["| drug | direction | routes |", "| --- | --- | --- |"]
        lines += [
            f"| {d.name} (`{d.id}`) | {d.direction} | {', '.join(map(str, d.routes))} |"
            for d in members
        ]
        lines.append("")
    by_direction = {
        direction: [d.name for d in drugs.filter(direction=direction)]
        for direction in ("suppress", "stimulate", "mixed")
    }
    lines += ["## By direction", ""]
    lines += [f"- **{k}** ({len(v)}): {', '.join(v)}" for k, v in by_direction.items()]
    return "\n".join(lines) + "\n"


def coverage_text() -> str:
    """The coverage page: the fill rate of every field and identifier."""
    from immunomod import coverage

    lines = [
        "# Coverage",
        "",
        "Generated from the packaged data by `scripts/generate_docs.py` (the same figures as",
        "`immunomod.coverage()`). An empty field means not curated or not stated on a label;",
        "the review tables in `curation/reviews/` say which.",
        "",
        "| field | filled | of | share |",
        "| --- | --- | --- | --- |",
    ]
    for field, (filled, total) in coverage().items():
        lines.append(f"| {field} | {filled} | {total} | {filled / total:.0%} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Rewrite every generated file."""
    CATALOGUE.write_text(catalogue_text(), encoding="utf-8")
    COVERAGE.write_text(coverage_text(), encoding="utf-8")
    SCHEMA.write_text(schema_text(), encoding="utf-8")
    DATA_MODEL.write_text(data_model_text(DATA_MODEL.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
