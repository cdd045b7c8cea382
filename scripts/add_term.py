"""Add one record to a shared vocabulary file, safely while other curators do the same.

    python scripts/add_term.py conditions '{"id": "multiple-myeloma", "name": "Multiple myeloma"}'

FILE is one of drug_classes, adverse_effects, conditions, monitoring_tests. The record is
validated against its model, refused if its id exists, and the file is rewritten in
canonical form, sorted by id, under an exclusive lock.
"""

from __future__ import annotations

import fcntl
import json
import pathlib
import sys

from pydantic import BaseModel

from immunomod.loading import canonical_json
from immunomod.models import AdverseEffect, Condition, DrugClass, MonitoringTest

DATA = pathlib.Path(__file__).resolve().parent.parent / "src" / "immunomod" / "data"
MODELS: dict[str, type[BaseModel]] = {
    "drug_classes": DrugClass,
    "adverse_effects": AdverseEffect,
    "conditions": Condition,
    "monitoring_tests": MonitoringTest,
}


def main(name: str, record_json: str) -> int:
    """Validate and add one record to the named vocabulary file."""
    model = MODELS[name]
    record = json.loads(record_json)
    model.model_validate(record)
    path = DATA / f"{name}.json"
    with open(f"/tmp/immunomod-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        records = json.loads(path.read_text(encoding="utf-8"))
        if any(existing["id"] == record["id"] for existing in records):
            print(f"{record['id']} already exists in {name}; nothing added")
            return 0
        records.append(record)
        records.sort(key=lambda item: item["id"])
        path.write_text(canonical_json(records), encoding="utf-8")
    print(f"added {record['id']} to {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
