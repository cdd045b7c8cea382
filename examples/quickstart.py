"""The main job: a real query over the packaged dataset, printed as a short report."""

from __future__ import annotations

import immunomod
from immunomod import adverse_effects, drug_classes, drugs


def main() -> None:
    """Print the dataset summary, one drug in detail and a few queries."""
    info = immunomod.dataset_info()
    print(
        f"immunomod {info.version}: {info.drugs} drugs, {info.drug_classes} classes, "
        f"{info.adverse_effects} adverse effects, {info.conditions} conditions"
    )

    aza = drugs["Imuran"]
    print(f"\n{aza.name} ({', '.join(aza.brand_names)}): {aza.direction.value}")
    print("  classes:", ", ".join(c.name for c in drug_classes.of(aza)))
    if aza.onset is not None:
        print(f"  onset: {aza.onset.min_weeks:g} to {aza.onset.max_weeks:g} weeks")
    print("  monitoring:", "; ".join(m.test for m in aza.monitoring))
    for item, effect in zip(aza.adverse_effects, adverse_effects.of(aza), strict=True):
        print(f"  - {effect.name}: {item.frequency.value}{' (serious)' if item.serious else ''}")

    print("\nSubcutaneous biologics for Crohn's disease:")
    for drug in drugs.filter(
        drug_class="biologic", route="subcutaneous", condition="crohns-disease"
    ):
        print(f"  {drug.name} ({', '.join(drug.brand_names)})")

    print("\nImmunostimulants:", ", ".join(d.name for d in drugs.stimulants()))


if __name__ == "__main__":
    main()
