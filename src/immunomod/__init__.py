"""immunomod: typed, sourced, offline facts about immunomodulatory drugs.

>>> from immunomod import drugs
>>> drugs["Imuran"].name
'azathioprine'

The four collections below load the packaged data on first use; everything they
return is an immutable Pydantic model or a tuple of them.
"""

from __future__ import annotations

from immunomod._version import __version__
from immunomod.collection import (
    AdverseEffectCollection,
    ConditionCollection,
    DrugClassCollection,
    DrugCollection,
)
from immunomod.errors import (
    DataError,
    ImmunomodError,
    InvalidArgumentError,
    InvalidKeyError,
    NotFoundError,
)
from immunomod.info import DatasetInfo, dataset_info
from immunomod.models import (
    AdverseEffect,
    Condition,
    CoTherapy,
    Drug,
    DrugAdverseEffect,
    DrugClass,
    Identifiers,
    Indication,
    Mechanism,
    Monitoring,
    Onset,
    Pregnancy,
    Source,
)
from immunomod.vocabularies import (
    Action,
    CoTherapyKind,
    Direction,
    Frequency,
    MonitoringTiming,
    OrganSystem,
    Route,
)

__all__ = [
    "Action",
    "AdverseEffect",
    "AdverseEffectCollection",
    "CoTherapy",
    "CoTherapyKind",
    "Condition",
    "ConditionCollection",
    "DataError",
    "DatasetInfo",
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
    "Mechanism",
    "Monitoring",
    "MonitoringTiming",
    "NotFoundError",
    "Onset",
    "OrganSystem",
    "Pregnancy",
    "Route",
    "Source",
    "__version__",
    "adverse_effects",
    "conditions",
    "dataset_info",
    "drug_classes",
    "drugs",
]

drugs = DrugCollection()
"""Every drug, by id, name, synonym or brand."""
drug_classes = DrugClassCollection()
"""Every drug class, with the class hierarchy."""
adverse_effects = AdverseEffectCollection()
"""Every adverse effect the drugs list."""
conditions = ConditionCollection()
"""Every condition the drugs are indicated for."""
