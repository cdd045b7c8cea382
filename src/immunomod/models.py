"""Typed, immutable records of the dataset (Pydantic v2).

Every model is frozen and forbids unknown fields; collections are tuples, so a
record handed to a caller can never be changed under another caller's feet.
Cross-references between records (a drug's classes, effects, conditions) are ids
checked by the loader, not by these models.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
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
    "AdverseEffect",
    "CoTherapy",
    "Condition",
    "Drug",
    "DrugAdverseEffect",
    "DrugClass",
    "Identifiers",
    "Indication",
    "Mechanism",
    "Monitoring",
    "Onset",
    "Pregnancy",
    "RecordId",
    "Source",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

RecordId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Stable kebab-case id: lowercase letters and digits joined by hyphens."),
]
"""A stable kebab-case id such as ``azathioprine`` or ``tnf-inhibitor``."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty string, stripped of surrounding whitespace."""


class _Record(BaseModel):
    """Base of every model: frozen, no unknown fields, tuples for collections."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


def _no_duplicates(values: tuple[str, ...], what: str) -> tuple[str, ...]:
    """Reject a tuple that names the same value twice."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} lists {value!r} twice")
        seen.add(value)
    return values


class Source(_Record):
    """A document a record's facts come from."""

    title: Text = Field(description="Human-readable title, e.g. 'Imuran (azathioprine) US label'.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] = Field(
        description="Web address of the source, e.g. an openFDA label query by set id."
    )


class Mechanism(_Record):
    """One way a drug acts on the immune system, at a named target."""

    target: Text = Field(description="Molecular or cellular target, e.g. 'TNF-alpha', 'PD-1'.")
    action: Action = Field(description="What the drug does to the target.")
    direction: Direction = Field(description="Whether this action suppresses or stimulates.")
    description: Text = Field(description="One or two sentences on the mechanism.")

    @field_validator("direction")
    @classmethod
    def _direction_is_not_mixed(cls, value: Direction) -> Direction:
        if value is Direction.MIXED:
            raise ValueError("a single mechanism is either 'suppress' or 'stimulate', not 'mixed'")
        return value


class DrugClass(_Record):
    """A drug class; classes form a hierarchy through ``parent``."""

    id: RecordId
    name: Text = Field(description="Display name, e.g. 'TNF inhibitor'.")
    synonyms: tuple[Text, ...] = Field(default=(), description="Other names and abbreviations.")
    description: Text = Field(description="What the members of the class have in common.")
    parent: RecordId | None = Field(default=None, description="Id of the parent class, if any.")

    @model_validator(mode="after")
    def _not_own_parent(self) -> DrugClass:
        if self.parent == self.id:
            raise ValueError(f"class {self.id!r} cannot be its own parent")
        return self


class AdverseEffect(_Record):
    """An adverse effect (side effect) that drugs in the dataset can cause."""

    id: RecordId
    name: Text = Field(description="Preferred name, e.g. 'Nausea'.")
    synonyms: tuple[Text, ...] = Field(default=(), description="Other names, spellings.")
    organ_system: OrganSystem = Field(description="MedDRA-like system organ class.")
    description: Text = Field(description="Short plain description of the effect.")


class Condition(_Record):
    """A disease or clinical situation a drug is indicated for."""

    id: RecordId
    name: Text = Field(description='Preferred name, e.g. "Crohn\'s disease".')
    synonyms: tuple[Text, ...] = Field(default=(), description="Other names and abbreviations.")
    mesh: Annotated[str, StringConstraints(pattern=r"^D\d{6}$")] | None = Field(
        default=None, description="MeSH descriptor id, e.g. 'D003424'."
    )


class DrugAdverseEffect(_Record):
    """An adverse effect as it applies to one drug, with its label frequency."""

    effect: RecordId = Field(description="Id of an ``AdverseEffect``.")
    frequency: Frequency = Field(description="Label frequency band.")
    serious: bool = Field(description="True when the label treats it as serious or warns of it.")
    notes: Text | None = Field(default=None, description="Context, e.g. incidence in a trial.")


class Indication(_Record):
    """A condition a drug is used for, with the context of that use."""

    condition: RecordId = Field(description="Id of a ``Condition``.")
    notes: Text | None = Field(
        default=None, description="Line of therapy, severity, setting, or whether off-label."
    )
    labelled: bool = Field(
        default=True,
        description=(
            "True when on a regulatory label (FDA, EMA or a national agency); False when only"
            " a guideline or compendium supports it."
        ),
    )


class Onset(_Record):
    """How long a drug takes to show a clinical effect, in weeks."""

    min_weeks: float = Field(ge=0, description="Earliest usual onset, in weeks.")
    max_weeks: float = Field(ge=0, description="Latest usual onset, in weeks.")
    notes: Text | None = Field(default=None, description="Context of the figure.")

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Onset:
        if self.min_weeks > self.max_weeks:
            raise ValueError(
                f"min_weeks ({self.min_weeks}) must not exceed max_weeks ({self.max_weeks})"
            )
        return self


class Monitoring(_Record):
    """A test or check required before or during treatment."""

    test: Text = Field(description="What is checked, e.g. 'TPMT activity', 'Complete blood count'.")
    timing: MonitoringTiming = Field(description="Before treatment, during it, or both.")
    notes: Text | None = Field(default=None, description="Frequency or purpose of the check.")


class Pregnancy(_Record):
    """Guidance for use in pregnancy."""

    contraindicated: bool = Field(
        description=(
            "True when a cited label contraindicates the drug in pregnancy for its immunological"
            " uses; a contraindication limited to one indication is stated in the summary."
        )
    )
    summary: Text = Field(description="Summary of the label's pregnancy guidance.")
    contraception: Text | None = Field(
        default=None, description="Contraception advice, e.g. for how long after the last dose."
    )


class CoTherapy(_Record):
    """A documented use of the drug together with another drug or drug class."""

    kind: CoTherapyKind = Field(description="How the two are used together.")
    drug: RecordId | None = Field(default=None, description="Id of the other ``Drug``.")
    drug_class: RecordId | None = Field(default=None, description="Id of the other ``DrugClass``.")
    notes: Text = Field(description="When and why they are combined.")

    @model_validator(mode="after")
    def _names_exactly_one_partner(self) -> CoTherapy:
        if (self.drug is None) == (self.drug_class is None):
            raise ValueError("a co-therapy names exactly one of 'drug' or 'drug_class'")
        return self


class Identifiers(_Record):
    """Cross-references to external databases; each is optional and pattern-checked."""

    atc: tuple[Annotated[str, StringConstraints(pattern=r"^[A-Z]\d{2}[A-Z]{2}\d{2}$")], ...] = (
        Field(default=(), description="WHO ATC codes, e.g. 'L04AX01'.")
    )
    unii: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{10}$")] | None = Field(
        default=None, description="FDA Unique Ingredient Identifier, e.g. 'MRK240IY2L'."
    )
    drugbank: Annotated[str, StringConstraints(pattern=r"^DB\d{5}$")] | None = Field(
        default=None, description="DrugBank accession, e.g. 'DB00993'."
    )
    rxcui: Annotated[str, StringConstraints(pattern=r"^[1-9]\d*$")] | None = Field(
        default=None, description="RxNorm ingredient concept id, e.g. '1256'."
    )
    chembl: Annotated[str, StringConstraints(pattern=r"^CHEMBL\d+$")] | None = Field(
        default=None, description="ChEMBL molecule id, e.g. 'CHEMBL1542'."
    )
    pubchem_cid: Annotated[int, Field(gt=0)] | None = Field(
        default=None, description="PubChem compound id (small molecules only)."
    )
    mesh: Annotated[str, StringConstraints(pattern=r"^[CD]\d{6,9}$")] | None = Field(
        default=None, description="MeSH descriptor or supplementary concept id."
    )

    @field_validator("atc")
    @classmethod
    def _unique_atc(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _no_duplicates(value, "atc")


class Drug(_Record):
    """An immunomodulatory drug with its sourced facts."""

    id: RecordId
    name: Text = Field(description="International non-proprietary name (INN) or USAN.")
    synonyms: tuple[Text, ...] = Field(
        default=(), description="Other names: USAN/BAN spellings, abbreviations, codes."
    )
    brand_names: tuple[Text, ...] = Field(default=(), description="Trade names.")
    classes: tuple[RecordId, ...] = Field(min_length=1, description="Ids of ``DrugClass`` records.")
    mechanisms: tuple[Mechanism, ...] = Field(min_length=1, description="How the drug acts.")
    direction: Direction = Field(
        description="Drug-level direction: 'mixed' when its mechanisms disagree."
    )
    routes: tuple[Route, ...] = Field(min_length=1, description="Labelled routes.")
    indications: tuple[Indication, ...] = Field(default=(), description="What it is used for.")
    adverse_effects: tuple[DrugAdverseEffect, ...] = Field(
        default=(), description="Adverse effects with label frequencies."
    )
    boxed_warning: Text | None = Field(
        default=None, description="Summary of the US boxed warning; None when there is none."
    )
    onset: Onset | None = Field(default=None, description="Time to clinical effect.")
    monitoring: tuple[Monitoring, ...] = Field(
        default=(), description="Checks before and during treatment."
    )
    pregnancy: Pregnancy | None = Field(default=None, description="Pregnancy guidance.")
    co_therapy: tuple[CoTherapy, ...] = Field(
        default=(), description="Documented use with other drugs or classes."
    )
    identifiers: Identifiers = Field(
        default_factory=Identifiers, description="External database ids."
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="Where the facts come from.")

    @field_validator("classes", "synonyms", "brand_names")
    @classmethod
    def _unique_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _no_duplicates(value, "the field")

    @field_validator("routes")
    @classmethod
    def _unique_routes(cls, value: tuple[Route, ...]) -> tuple[Route, ...]:
        _no_duplicates(tuple(route.value for route in value), "routes")
        return value

    @field_validator("adverse_effects")
    @classmethod
    def _unique_effects(cls, value: tuple[DrugAdverseEffect, ...]) -> tuple[DrugAdverseEffect, ...]:
        _no_duplicates(tuple(item.effect for item in value), "adverse_effects")
        return value

    @field_validator("indications")
    @classmethod
    def _unique_indications(cls, value: tuple[Indication, ...]) -> tuple[Indication, ...]:
        _no_duplicates(tuple(item.condition for item in value), "indications")
        return value

    @model_validator(mode="after")
    def _direction_matches_mechanisms(self) -> Drug:
        expected = direction_of(self.mechanisms)
        if self.direction is not expected:
            raise ValueError(
                f"direction is {self.direction.value!r} but the mechanisms give {expected.value!r}"
            )
        return self


def direction_of(mechanisms: tuple[Mechanism, ...]) -> Direction:
    """Return the drug-level direction implied by a drug's mechanisms."""
    directions = {mechanism.direction for mechanism in mechanisms}
    if len(directions) == 1:
        return directions.pop()
    return Direction.MIXED
