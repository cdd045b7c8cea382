"""A summary of the installed dataset, for logs and version pinning."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from immunomod._version import __version__
from immunomod.models import Drug
from immunomod.packaged import default_catalog

__all__ = ["DatasetInfo", "dataset_info", "json_schema"]


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
