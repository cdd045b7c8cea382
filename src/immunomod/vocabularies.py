"""Controlled vocabularies: every closed set of values in the dataset is an enum here.

Each enum is a ``str`` enum, so its members compare equal to their values
(``Route.ORAL == "oral"``) and serialise to plain strings in JSON.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "Action",
    "CoTherapyKind",
    "Direction",
    "Frequency",
    "LiveVaccineAdvice",
    "MonitoringTiming",
    "OrganSystem",
    "Regulator",
    "Route",
    "SourceKind",
    "Vocabulary",
]


class Vocabulary(str, Enum):
    """Base of every vocabulary: a ``str`` enum whose ``str()`` and format are its value.

    ``str(Route.ORAL) == "oral"`` and ``f"{Route.ORAL}" == "oral"`` on every supported
    Python (3.11 changed the default of mixed-in enums).
    """

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Direction(Vocabulary):
    """Which way a drug or mechanism moves the immune response."""

    SUPPRESS = "suppress"
    """Dampens the immune response (immunosuppressant)."""
    STIMULATE = "stimulate"
    """Strengthens or releases the immune response (immunostimulant)."""
    MIXED = "mixed"
    """Drug level only: the drug has both suppressing and stimulating mechanisms."""


class Action(Vocabulary):
    """How a mechanism acts on its target, in the spirit of ChEMBL's action types."""

    INHIBITOR = "inhibitor"
    """Blocks an enzyme or a pathway (e.g. calcineurin, JAK, DHFR)."""
    ANTAGONIST = "antagonist"
    """Blocks a receptor or neutralises its ligand (e.g. anti-TNF, IL-6 receptor)."""
    AGONIST = "agonist"
    """Activates a receptor (e.g. glucocorticoid receptor, TLR7)."""
    BLOCKER = "blocker"
    """Blocks an immune checkpoint or adhesion interaction (e.g. PD-1, integrin)."""
    MODULATOR = "modulator"
    """Changes a target's activity without simple inhibition or activation."""
    BINDING_AGENT = "binding_agent"
    """Binds a target to change its function (e.g. CTLA-4-Ig binding CD80/CD86)."""
    ACTIVATOR = "activator"
    """Provokes a broad immune activation (e.g. intravesical BCG)."""
    CYTOTOXIC = "cytotoxic"
    """Kills proliferating immune cells (e.g. purine antimetabolites)."""
    DEPLETING = "depleting"
    """Removes a cell population bearing the target (e.g. anti-CD20 antibodies)."""
    CYTOKINE_REPLACEMENT = "cytokine_replacement"
    """Supplies a recombinant cytokine or growth factor (e.g. IL-2, G-CSF)."""
    CELL_THERAPY = "cell_therapy"
    """Engineered immune cells that attack cells bearing the target (e.g. CAR T cells)."""


class Route(Vocabulary):
    """Route of administration, as stated on the label."""

    ORAL = "oral"
    INTRAVENOUS = "intravenous"
    SUBCUTANEOUS = "subcutaneous"
    INTRAMUSCULAR = "intramuscular"
    TOPICAL = "topical"
    INHALED = "inhaled"
    INTRANASAL = "intranasal"
    INTRAVESICAL = "intravesical"
    OPHTHALMIC = "ophthalmic"
    RECTAL = "rectal"
    INTRA_ARTICULAR = "intra_articular"
    INTRALESIONAL = "intralesional"


class Frequency(Vocabulary):
    """Label frequency band of an adverse effect (CIOMS / EU SmPC convention).

    Members are ordered from rarest to most frequent, with ``UNKNOWN`` lowest, so
    ``frequency >= Frequency.COMMON`` (or ``>= "common"``) asks "at least common" and
    is false for ``UNKNOWN``. Comparing with anything else raises ``TypeError``.
    """

    VERY_COMMON = "very_common"
    """At least 1 in 10 patients."""
    COMMON = "common"
    """At least 1 in 100 and fewer than 1 in 10."""
    UNCOMMON = "uncommon"
    """At least 1 in 1,000 and fewer than 1 in 100."""
    RARE = "rare"
    """At least 1 in 10,000 and fewer than 1 in 1,000."""
    VERY_RARE = "very_rare"
    """Fewer than 1 in 10,000."""
    UNKNOWN = "unknown"
    """Not estimable from the source (e.g. post-marketing reports)."""

    @property
    def rank(self) -> int:
        """Position in the frequency order: 0 for ``UNKNOWN`` up to 5 for ``VERY_COMMON``."""
        return _FREQUENCY_RANK[self]

    @classmethod
    def from_percent(cls, percent: float) -> Frequency:
        """Return the band containing an incidence given in percent (0 to 100)."""
        if not 0 <= percent <= 100:
            raise ValueError(f"percent must be between 0 and 100, got {percent!r}")
        if percent >= 10:
            return cls.VERY_COMMON
        if percent >= 1:
            return cls.COMMON
        if percent >= 0.1:
            return cls.UNCOMMON
        if percent >= 0.01:
            return cls.RARE
        return cls.VERY_RARE

    def _rank_of(self, other: object) -> int:
        """Rank of a member or member value; anything else cannot be compared."""
        if isinstance(other, Frequency):
            return other.rank
        if isinstance(other, str):
            try:
                return Frequency(other).rank
            except ValueError:
                pass
        raise TypeError(f"cannot compare a Frequency with {other!r}")

    def __lt__(self, other: object) -> bool:
        return self.rank < self._rank_of(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= self._rank_of(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > self._rank_of(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._rank_of(other)


_FREQUENCY_RANK: dict[Frequency, int] = {
    Frequency.UNKNOWN: 0,
    Frequency.VERY_RARE: 1,
    Frequency.RARE: 2,
    Frequency.UNCOMMON: 3,
    Frequency.COMMON: 4,
    Frequency.VERY_COMMON: 5,
}


class OrganSystem(Vocabulary):
    """Organ system of an adverse effect, modelled on MedDRA's system organ classes."""

    BLOOD_AND_LYMPHATIC = "blood_and_lymphatic"
    CARDIAC = "cardiac"
    ENDOCRINE = "endocrine"
    EYE = "eye"
    GASTROINTESTINAL = "gastrointestinal"
    GENERAL = "general"
    HEPATOBILIARY = "hepatobiliary"
    IMMUNE_SYSTEM = "immune_system"
    INFECTIONS = "infections"
    INJURY_AND_PROCEDURAL = "injury_and_procedural"
    INVESTIGATIONS = "investigations"
    METABOLISM_AND_NUTRITION = "metabolism_and_nutrition"
    MUSCULOSKELETAL = "musculoskeletal"
    NEOPLASMS = "neoplasms"
    NERVOUS_SYSTEM = "nervous_system"
    PREGNANCY = "pregnancy"
    PSYCHIATRIC = "psychiatric"
    RENAL_AND_URINARY = "renal_and_urinary"
    REPRODUCTIVE = "reproductive"
    RESPIRATORY = "respiratory"
    SKIN = "skin"
    VASCULAR = "vascular"


class MonitoringTiming(Vocabulary):
    """When a monitoring test is done relative to the course of treatment."""

    BEFORE = "before"
    """Before the first dose only (e.g. TPMT genotype, TB screening)."""
    DURING = "during"
    """During treatment only (e.g. trough drug levels)."""
    BEFORE_AND_DURING = "before_and_during"
    """At baseline and then periodically (e.g. blood counts, liver tests)."""
    AFTER = "after"
    """After the last dose (e.g. hepatitis B reactivation for months after stopping)."""
    AS_INDICATED = "as_indicated"
    """When clinically indicated, with no fixed schedule (e.g. thyroid tests on symptoms)."""


class SourceKind(Vocabulary):
    """What kind of document a source is; labels come first in trust."""

    US_LABEL = "us_label"
    """US prescribing information (FDA label, DailyMed, openFDA)."""
    EU_SMPC = "eu_smpc"
    """EU summary of product characteristics (EMA / European Commission)."""
    OTHER_LABEL = "other_label"
    """Another regulator's approved label (e.g. UK SmPC, Swiss, Canadian, Australian)."""
    GUIDELINE = "guideline"
    """A clinical practice guideline from a professional or public-health body."""
    PAPER = "paper"
    """A peer-reviewed paper."""
    COMPENDIUM = "compendium"
    """A drug compendium or label digest (e.g. drugs.com professional pages, RxList)."""
    DATABASE = "database"
    """A reference database (e.g. WHO ATC index, UNII list, DrugBank, RxNorm)."""

    @property
    def is_label(self) -> bool:
        """True for a regulator's label (US, EU or other)."""
        return self in (SourceKind.US_LABEL, SourceKind.EU_SMPC, SourceKind.OTHER_LABEL)


class Regulator(Vocabulary):
    """A regulator whose label can list an indication."""

    US = "us"
    """US Food and Drug Administration."""
    EU = "eu"
    """European Medicines Agency / European Commission."""
    UK = "uk"
    """UK Medicines and Healthcare products Regulatory Agency."""
    OTHER = "other"
    """Another national regulator (named in the indication's notes)."""


class LiveVaccineAdvice(Vocabulary):
    """What a label says about live vaccines, from strictest to none stated."""

    CONTRAINDICATED = "contraindicated"
    """Live vaccines are contraindicated (label section 4 / 4.3)."""
    AVOID = "avoid"
    """The label says not to give or to avoid live vaccines (a warning, not a contraindication)."""
    CAUTION = "caution"
    """The label asks for caution or weighing risk and benefit."""
    NOT_STATED = "not_stated"
    """The label says nothing about live vaccines."""


class CoTherapyKind(Vocabulary):
    """How a drug is documented to be used together with another drug or class."""

    BRIDGING = "bridging"
    """Given for a short time while a slow-acting drug starts to work."""
    COMBINATION = "combination"
    """Given together for the whole course (e.g. infliximab with methotrexate)."""
    PREMEDICATION = "premedication"
    """Given before each dose to prevent infusion or cytokine reactions."""
    AVOID = "avoid"
    """The label advises against combining them."""
