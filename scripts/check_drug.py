"""Check drug files one by one while curating: model, references, canonical form.

    python scripts/check_drug.py azathioprine mercaptopurine   # or --all

Prints OK or the first problem of each file, and rewrites a valid file in canonical form
with --fix. The full loader (and the test suite) checks the whole folder at once.
"""

from __future__ import annotations

import json
import pathlib
import sys

from pydantic import ValidationError

from immunomod.loading import canonical_json
from immunomod.models import Drug

DATA = pathlib.Path(__file__).resolve().parent.parent / "src" / "immunomod" / "data"


def _ids(name: str) -> set[str]:
    return {r["id"] for r in json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))}


def check(drug_id: str, fix: bool) -> str:
    """Return "OK" or the problems of one drug file; canonicalise it with ``fix``."""
    path = DATA / "drugs" / f"{drug_id}.json"
    text = path.read_text(encoding="utf-8")
    raw = json.loads(text)
    try:
        drug = Drug.model_validate(raw)
    except ValidationError as exc:
        return f"INVALID {exc}"
    problems = []
    classes, effects = _ids("drug_classes"), _ids("adverse_effects")
    conditions, tests = _ids("conditions"), _ids("monitoring_tests")
    drug_ids = {p.stem for p in (DATA / "drugs").glob("*.json")}
    problems += [f"unknown class {c}" for c in drug.classes if c not in classes]
    problems += [
        f"unknown effect {e.effect}" for e in drug.adverse_effects if e.effect not in effects
    ]
    problems += [
        f"unknown condition {i.condition}"
        for i in drug.indications
        if i.condition not in conditions
    ]
    problems += [f"unknown test {m.test}" for m in drug.monitoring if m.test not in tests]
    for t in drug.co_therapy:
        if t.drug and t.drug not in drug_ids:
            problems.append(f"unknown co-therapy drug {t.drug}")
        if t.drug_class and t.drug_class not in classes:
            problems.append(f"unknown co-therapy class {t.drug_class}")
    if drug.id != drug_id:
        problems.append("id does not match file name")
    if text != canonical_json(raw):
        if fix and not problems:
            path.write_text(canonical_json(raw), encoding="utf-8")
        else:
            problems.append("not canonical (run with --fix)")
    return "; ".join(problems) or "OK"


def main(args: list[str]) -> int:
    """Check the drug ids given (or every drug with --all); exit 1 if any has a problem."""
    fix = "--fix" in args
    ids = [a for a in args if not a.startswith("--")]
    if "--all" in args:
        ids = sorted(p.stem for p in (DATA / "drugs").glob("*.json"))
    bad = 0
    for drug_id in ids:
        result = check(drug_id, fix)
        bad += result != "OK"
        print(f"{drug_id}: {result}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
