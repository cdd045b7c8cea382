"""A summary of the installed dataset, for logs and version pinning."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from immunomod._version import __version__
from immunomod.models import Drug
from immunomod.packaged import default_catalog

__all__ = ["DatasetInfo", "coverage", "dataset_info", "json_schema"]


class DatasetInfo(BaseModel):
    """What an installation ships: version, record counts and a data checksum."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    version: str = Field(description="Package version; it versions the data too.")
    drugs: int = Field(description="Number of drugs.")
    drug_classes: int = Field(description="Number of drug classes.")
    adverse_effects: int = Field(description="Number of adverse effects.")
    conditions: int = Field(description="Number of conditions.")
    monitoring_tests: int = Field(description="Number of monitoring tests.")
    checksum: str = Field(description="SHA-256 of the packaged data files.")


def dataset_info() -> DatasetInfo:
    """Return the version, record counts and data checksum of the installed dataset."""
    catalog = default_catalog()
    return DatasetInfo(
        version=__version__,
        drugs=len(catalog.drugs.ids),
        drug_classes=len(catalog.drug_classes.ids),
        adverse_effects=len(catalog.adverse_effects.ids),
        conditions=len(catalog.conditions.ids),
        monitoring_tests=len(catalog.monitoring_tests.ids),
        checksum=catalog.checksum,
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a drug record, with every nested model (as in ``docs/schema.json``)."""
    return Drug.model_json_schema(mode="validation")


def coverage() -> dict[str, tuple[int, int]]:
    """How complete the packaged data are: ``field -> (filled, total)``.

    An empty field is then visibly "not curated" or "does not exist": e.g.
    ``coverage()["onset"]`` counts the drugs with an onset, ``["unknown frequency"]`` the
    drug-effect pairs without a label frequency.
    """
    from immunomod.collection import DrugCollection  # the collections build on this module

    every = DrugCollection(default_catalog).all()
    effects = [e for d in every for e in d.adverse_effects]
    total = len(every)
    found: dict[str, tuple[int, int]] = {
        field: (sum(bool(getattr(d, field)) for d in every), total)
        for field in (
            "synonyms",
            "brand_names",
            "indications",
            "adverse_effects",
            "boxed_warning",
            "onset",
            "monitoring",
            "pregnancy",
            "vaccines",
            "co_therapy",
            "review",
        )
    }
    for field in ("atc", "unii", "drugbank", "rxcui", "chembl", "pubchem_cid", "mesh"):
        found[f"identifiers.{field}"] = (
            sum(bool(getattr(d.identifiers, field)) for d in every),
            total,
        )
    found["unknown frequency"] = (
        sum(e.frequency.value == "unknown" for e in effects),
        len(effects),
    )
    found["effect with a label figure"] = (
        sum(e.percent is not None for e in effects),
        len(effects),
    )
    return found
