"""The main job: real queries over the packaged dataset, printed as a short report."""

from __future__ import annotations

import immunomod
from immunomod import adverse_effects, drug_classes, drugs, monitoring_tests


def names(found: tuple[immunomod.Drug, ...]) -> str:
    """Comma-separated drug names."""
    return ", ".join(drug.name for drug in found) or "(none)"


def main() -> None:
    """Print the dataset summary, one drug in detail and the everyday label questions."""
    info = immunomod.dataset_info()
    print(
        f"immunomod {info.version}: {info.drugs} drugs, {info.drug_classes} classes, "
        f"{info.adverse_effects} adverse effects, {info.conditions} conditions, "
        f"{info.monitoring_tests} monitoring tests"
    )

    aza = drugs["Imuran"]
    print(f"\n{aza.name} ({', '.join(aza.brand_names)}): {aza.direction.value}")
    print("  classes:", ", ".join(c.name for c in drug_classes.of(aza)))
    if aza.onset is not None:
        print(f"  onset: {aza.onset.min_weeks:g} to {aza.onset.max_weeks:g} weeks")
    for check in aza.monitoring:
        interval = f", {check.interval}" if check.interval else ""
        print(f"  monitor {monitoring_tests[check.test].name} ({check.timing.value}{interval})")
    for item, effect in zip(aza.adverse_effects, adverse_effects.of(aza), strict=True):
        figure = f" {item.percent:g}%" if item.percent is not None else ""
        cited = ", ".join(item.sources)
        print(
            f"  - {effect.name}: {item.frequency.value}{figure}"
            f"{' (serious)' if item.serious else ''} [{cited}]"
        )

    print("\nNeed TB screening before starting:", names(drugs.filter(monitoring="TB screening")))
    print(
        "Need hepatitis B screening:",
        names(drugs.filter(monitoring="hepatitis-b-screening")),
    )
    print(
        "Contraindicated in pregnancy:",
        names(drugs.filter(pregnancy_contraindicated=True)),
    )
    print("Live vaccines contraindicated:", names(drugs.filter(live_vaccines="contraindicated")))
    print(
        "Labelled for children with Crohn's disease:",
        names(drugs.filter(condition="Crohn's disease", labelled_only=True, children=True)),
    )
    print("DMARDs with a subcutaneous form:", names(drugs.filter(drug_class="DMARD", route="SC")))
    print("\nImmunostimulants:", names(drugs.stimulants()))


if __name__ == "__main__":
    main()
