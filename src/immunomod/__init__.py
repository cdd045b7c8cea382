"""immunomod: typed, sourced, offline facts about immunomodulatory drugs.

>>> from immunomod import drugs
>>> drugs["Imuran"].name
'azathioprine'

The five collections below load the packaged data on first use; everything they
return is an immutable Pydantic model or a tuple of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from immunomod._version import __version__
from immunomod.collection import (
    AdverseEffectCollection,
    ConditionCollection,
    DrugClassCollection,
    DrugCollection,
    MonitoringTestCollection,
)
from immunomod.errors import (
    DataError,
    ImmunomodError,
    InvalidArgumentError,
    InvalidKeyError,
    NotFoundError,
)
from immunomod.models import (
    AdverseEffect,
    BoxedWarning,
    Condition,
    CoTherapy,
    Deprecation,
    Drug,
    DrugAdverseEffect,
    DrugClass,
    Identifiers,
    Indication,
    Mechanism,
    Monitoring,
    MonitoringTest,
    Onset,
    Pregnancy,
    Review,
    Source,
    Vaccines,
)
from immunomod.vocabularies import (
    Action,
    CoTherapyKind,
    Direction,
    Frequency,
    LiveVaccineAdvice,
    MonitoringTiming,
    OrganSystem,
    Regulator,
    Route,
    SourceKind,
)

__all__ = [
    "Action",
    "AdverseEffect",
    "AdverseEffectCollection",
    "BoxedWarning",
    "CoTherapy",
    "CoTherapyKind",
    "Condition",
    "ConditionCollection",
    "DataError",
    "Dataset",
    "DatasetInfo",
    "Deprecation",
    "Direction",
    "Drug",
    "DrugAdverseEffect",
    "DrugClass",
    "DrugClassCollection",
    "DrugCollection",
    "Frequency",
    "Identifiers",
    "ImmunomodError",
    "Indication",
    "InvalidArgumentError",
    "InvalidKeyError",
    "LiveVaccineAdvice",
    "Mechanism",
    "Monitoring",
    "MonitoringTest",
    "MonitoringTestCollection",
    "MonitoringTiming",
    "NotFoundError",
    "Onset",
    "OrganSystem",
    "Pregnancy",
    "Regulator",
    "Review",
    "Route",
    "Source",
    "SourceKind",
    "Vaccines",
    "__version__",
    "adverse_effects",
    "conditions",
    "coverage",
    "dataset_info",
    "drug_classes",
    "drugs",
    "json_schema",
    "load",
    "monitoring_tests",
]

if TYPE_CHECKING:
    from immunomod.dataset import Dataset, load
    from immunomod.info import DatasetInfo, coverage, dataset_info, json_schema

_LAZY = {
    "Dataset": "dataset",
    "load": "dataset",
    "DatasetInfo": "info",
    "coverage": "info",
    "dataset_info": "info",
    "json_schema": "info",
}
"""Public names whose modules load on first use: the validating loader and dataset facts."""


def __getattr__(name: str) -> object:
    # ``load`` and ``Dataset`` pull in the validating loader, which the packaged data
    # (pre-validated at build time) never needs; the dataset facts build a model of their
    # own. Neither is on the path of a first query, so both load on first use.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'immunomod' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"immunomod.{module}"), name)


drugs = DrugCollection()
"""Every drug, by id, name, synonym or brand."""
drug_classes = DrugClassCollection()
"""Every drug class, with the class hierarchy."""
adverse_effects = AdverseEffectCollection()
"""Every adverse effect the drugs list."""
conditions = ConditionCollection()
"""Every condition the drugs are indicated for."""
monitoring_tests = MonitoringTestCollection()
"""Every monitoring test drugs' labels ask for."""
