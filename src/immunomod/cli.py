"""The ``immunomod`` command line: a thin argparse layer over the public API.

    immunomod show azathioprine            immunomod search "azathiprine"
    immunomod list --class dmard --route SC immunomod lookup drugbank:DB00993
    immunomod export --format csv --out tables/
    immunomod schema | info | validate PATH | --version

Readable text on a terminal, JSON with ``--json``. Exit codes: 0 success; 1 nothing found,
an invalid value or invalid data; 2 a usage error (argparse).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import immunomod
from immunomod import DataError, Drug, ImmunomodError, drugs
from immunomod.errors import InvalidArgumentError, NotFoundError

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _emit(data: Any, as_json: bool, text: str) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str) if as_json else text)


def _line(drug: Drug) -> str:
    brands = f" ({', '.join(drug.brand_names[:3])})" if drug.brand_names else ""
    return f"{drug.id:<28} {drug.name}{brands}  [{drug.direction}]"


def _details(drug: Drug) -> str:
    lines = [
        f"{drug.name}  [{drug.id}]",
        f"  brands:      {', '.join(drug.brand_names) or '-'}",
        f"  classes:     {', '.join(drug.classes)}",
        f"  direction:   {drug.direction}; routes: {', '.join(map(str, drug.routes))}",
        f"  boxed:       {drug.boxed_warning.summary if drug.boxed_warning else 'none'}",
        f"  indications: {', '.join(i.condition for i in drug.indications) or '-'}",
        f"  monitoring:  {', '.join(dict.fromkeys(m.test for m in drug.monitoring)) or '-'}",
    ]
    if drug.pregnancy is not None:
        flag = "contraindicated" if drug.pregnancy.contraindicated else "not contraindicated"
        lines.append(f"  pregnancy:   {flag}")
    if drug.vaccines is not None:
        lines.append(f"  live vaccines: {drug.vaccines.live}")
    top = sorted(drug.adverse_effects, key=lambda e: -e.frequency.rank)[:8]
    lines.append(
        "  most frequent effects: " + ", ".join(f"{e.effect} ({e.frequency})" for e in top)
    )
    lines.append(
        f"  sources: {len(drug.sources)}; reviewed: {drug.review.date if drug.review else '-'}"
    )
    return "\n".join(lines)


def _records(found: Sequence[Drug], as_json: bool) -> int:
    if as_json:
        _emit([d.model_dump(mode="json") for d in found], True, "")
    else:
        print("\n".join(_line(d) for d in found) if found else "(no drugs)")
    return EXIT_OK if found else EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="immunomod", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"immunomod {immunomod.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        made = sub.add_parser(name, help=help_text)
        made.add_argument("--json", action="store_true", help="print JSON")
        return made

    command("show", "show one drug").add_argument("name")
    found = command("search", "fuzzy search by name, synonym or brand")
    found.add_argument("text")
    found.add_argument("--limit", type=int, default=10)
    command("lookup", "drugs by external code (ATC, UNII, DrugBank, ...)").add_argument("code")
    listing = command("list", "drugs meeting every filter given")
    for option in (
        "direction",
        "route",
        "condition",
        "adverse-effect",
        "min-frequency",
        "monitoring",
        "live-vaccines",
    ):
        listing.add_argument(f"--{option}")
    listing.add_argument("--class", dest="drug_class")
    for flag in ("boxed-warning", "pregnancy-contraindicated", "children"):
        listing.add_argument(f"--{flag}", action=argparse.BooleanOptionalAction, default=None)
    listing.add_argument("--labelled-only", action="store_true")
    export = command("export", "write every table as CSV, Parquet or JSON Lines")
    export.add_argument("--format", choices=("csv", "parquet", "jsonl"), default="csv")
    export.add_argument("--out", required=True)
    command("schema", "print the JSON Schema of a drug record")
    command("info", "print the version, counts and checksum of the data")
    command("validate", "validate a data folder or JSON file").add_argument("path")
    return parser


def _run(args: argparse.Namespace) -> int:
    as_json: bool = args.json
    if args.command == "show":
        drug = drugs[args.name]
        _emit(drug.model_dump(mode="json"), as_json, _details(drug))
        return EXIT_OK
    if args.command == "search":
        return _records(drugs.search(args.text, limit=args.limit), as_json)
    if args.command == "lookup":
        return _records(drugs.lookup(args.code), as_json)
    if args.command == "list":
        criteria = {
            key: value
            for key, value in vars(args).items()
            if key not in ("command", "json", "labelled_only") and value is not None
        }
        return _records(drugs.filter(labelled_only=args.labelled_only, **criteria), as_json)
    if args.command == "export":
        from immunomod.frames import export

        paths = export(args.out, args.format)
        _emit([str(p) for p in paths], as_json, "\n".join(str(p) for p in paths))
        return EXIT_OK
    if args.command == "schema":
        _emit(immunomod.json_schema(), True, "")
        return EXIT_OK
    if args.command == "info":
        info = immunomod.dataset_info()
        text = "\n".join(f"{key}: {value}" for key, value in info.model_dump().items())
        _emit(info.model_dump(), as_json, text)
        return EXIT_OK
    dataset = immunomod.load(args.path)
    counts = {"drugs": len(dataset.drugs), "drug_classes": len(dataset.drug_classes)}
    _emit({"valid": True, **counts}, as_json, f"valid: {counts['drugs']} drugs")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except DataError as error:
        print(f"invalid data: {error}", file=sys.stderr)
        for problem in error.problems[1:]:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_FAILED
    except (NotFoundError, InvalidArgumentError, ImmunomodError) as error:
        print(f"immunomod: {error}", file=sys.stderr)
        return EXIT_FAILED
