"""Summarise which facts changed between two versions of the drug data, for CHANGELOG.md.

    python scripts/diff_data.py OLD_REV            # e.g. v0.1.0 or a commit id
    python scripts/diff_data.py OLD_REV NEW_REV    # default NEW: the working tree

Prints one Markdown bullet per drug that was added, removed or changed: indications added or
removed, adverse effects added or removed, frequency bands and figures that changed, boxed
warning, pregnancy flag, live-vaccine advice, onset, monitoring tests and ATC codes.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
DRUGS = "src/immunomod/data/drugs"


def drugs_at(revision: str | None) -> dict[str, dict[str, Any]]:
    """Every drug record at a git revision (None: the working tree), by id."""
    if revision is None:
        return {
            path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / DRUGS).glob("*.json"))
        }
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{revision}:{DRUGS}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    records = {}
    for name in names:
        text = subprocess.run(
            ["git", "show", f"{revision}:{DRUGS}/{name}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        records[name.removesuffix(".json")] = json.loads(text)
    return records


def _band(item: dict[str, Any]) -> str:
    figure = f" {item['percent']:g}%" if item.get("percent") is not None else ""
    return f"{item['frequency']}{figure}"


def _onset(record: dict[str, Any]) -> str:
    onset = record.get("onset")
    if not onset:
        return "none"
    return f"{onset['min_weeks']:g}-{onset['max_weeks']:g} weeks"


def _live(record: dict[str, Any]) -> str:
    return str((record.get("vaccines") or {}).get("live", "not curated"))


def _boxed(record: dict[str, Any]) -> str:
    box = record.get("boxed_warning")
    return "none" if not box else "present"


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fact changes of one drug, each a short phrase."""
    found: list[str] = []
    old_uses = {i["condition"] for i in old.get("indications", [])}
    new_uses = {i["condition"] for i in new.get("indications", [])}
    if new_uses - old_uses:
        found.append("indications added: " + ", ".join(sorted(new_uses - old_uses)))
    if old_uses - new_uses:
        found.append("indications removed: " + ", ".join(sorted(old_uses - new_uses)))
    old_effects = {e["effect"]: e for e in old.get("adverse_effects", [])}
    new_effects = {e["effect"]: e for e in new.get("adverse_effects", [])}
    if set(new_effects) - set(old_effects):
        found.append("effects added: " + ", ".join(sorted(set(new_effects) - set(old_effects))))
    if set(old_effects) - set(new_effects):
        found.append("effects removed: " + ", ".join(sorted(set(old_effects) - set(new_effects))))
    moved = [
        f"{effect} {_band(old_effects[effect])} -> {_band(item)}"
        for effect, item in sorted(new_effects.items())
        if effect in old_effects and _band(old_effects[effect]) != _band(item)
    ]
    if moved:
        found.append("frequencies: " + "; ".join(moved))
    for label, read in (
        ("boxed warning", _boxed),
        ("onset", _onset),
        ("live vaccines", _live),
    ):
        if read(old) != read(new):
            found.append(f"{label} {read(old)} -> {read(new)}")
    old_box = (old.get("boxed_warning") or {}) if isinstance(old.get("boxed_warning"), dict) else {}
    new_box = new.get("boxed_warning") or {}
    old_summary = old_box.get("summary") if old_box else old.get("boxed_warning")
    if new_box and old_summary and new_box.get("summary") != old_summary:
        found.append("boxed warning summary rewritten")
    old_flag = (old.get("pregnancy") or {}).get("contraindicated")
    new_flag = (new.get("pregnancy") or {}).get("contraindicated")
    if old_flag != new_flag:
        found.append(f"pregnancy contraindicated {old_flag} -> {new_flag}")
    old_tests = {m["test"] for m in old.get("monitoring", [])}
    new_tests = {m["test"] for m in new.get("monitoring", [])}
    if new_tests != old_tests and new_tests:
        found.append("monitoring: " + ", ".join(sorted(new_tests)))
    old_atc = old.get("identifiers", {}).get("atc", [])
    new_atc = new.get("identifiers", {}).get("atc", [])
    if old_atc != new_atc:
        found.append(f"ATC {', '.join(old_atc) or 'none'} -> {', '.join(new_atc) or 'none'}")
    if sorted(old.get("routes", [])) != sorted(new.get("routes", [])):
        found.append(f"routes {', '.join(new.get('routes', []))}")
    return found


def main(arguments: list[str]) -> int:
    """Print the Markdown summary."""
    old = drugs_at(arguments[0])
    new = drugs_at(arguments[1] if len(arguments) > 1 else None)
    for drug_id in sorted(set(old) | set(new)):
        if drug_id not in old:
            print(f"- **{drug_id}**: new record.")
        elif drug_id not in new:
            print(f"- **{drug_id}**: removed.")
        else:
            found = changes(old[drug_id], new[drug_id])
            if found:
                print(f"- **{drug_id}**: " + "; ".join(found) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
