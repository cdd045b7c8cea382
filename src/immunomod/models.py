"""Typed, immutable records of the dataset (Pydantic v2).

Every model is frozen and forbids unknown fields; collections are tuples, so a
record handed to a caller can never be changed under another caller's feet.
Cross-references between records (a drug's classes, effects, conditions) are ids
checked by the loader, not by these models.
"""

import datetime
import enum
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, NoReturn

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic._internal._model_construction import ModelMetaclass

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
    "AdverseEffect",
    "BoxedWarning",
    "CoTherapy",
    "Condition",
    "Deprecation",
    "Drug",
    "DrugAdverseEffect",
    "DrugClass",
    "Identifiers",
    "Indication",
    "Mechanism",
    "Monitoring",
    "MonitoringTest",
    "Onset",
    "Pregnancy",
    "RecordId",
    "Review",
    "Source",
    "SourceIds",
    "Vaccines",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_LENGTH = 80
"""Longest record id."""

RecordId = Annotated[
    str,
    Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH),
    Field(description="Stable kebab-case id: lowercase letters and digits joined by hyphens."),
]
"""A stable kebab-case id such as ``azathioprine`` or ``tnf-inhibitor``."""

MAX_NAME_LENGTH = 200
"""Longest name, synonym or brand; keys up to ``text.MAX_KEY_LENGTH`` are looked up."""

_INVISIBLE_CONTROLS = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Bidirectional marks, embeddings, overrides and isolates: they make text lie about itself."""


def _stripped(value: object) -> object:
    """Surrounding whitespace removed from a string; anything else left to type checking."""
    return value.strip() if isinstance(value, str) else value


def _no_control_characters(value: str) -> str:
    for char in value:
        if char in _INVISIBLE_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            raise ValueError(f"text contains the control character U+{ord(char):04X}")
    return value


Text = Annotated[
    str,
    BeforeValidator(_stripped),
    Field(min_length=1),
    AfterValidator(_no_control_characters),
]
"""A non-empty string, stripped of surrounding whitespace, without control characters."""

Name = Annotated[
    str,
    BeforeValidator(_stripped),
    Field(min_length=1, max_length=MAX_NAME_LENGTH),
    AfterValidator(_no_control_characters),
]
"""A look-up name: a :data:`Text` of at most :data:`MAX_NAME_LENGTH` characters."""

SourceIds = Annotated[
    tuple[RecordId, ...],
    Field(
        min_length=1,
        description="Ids of the drug's ``sources`` this fact rests on (at least one).",
    ),
]
"""Per-fact provenance: the local ids of the sources a fact rests on."""


class _ReadOnlyConfig(dict[str, Any]):
    """A model configuration that refuses every change (still a ``dict`` for pydantic)."""

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("the model configuration of immunomod records is read-only")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse


class _Abridged:
    """A value's short stand-in in a ``repr``: long text cut, long tuples counted."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _abridged(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 60:
        return _Abridged(repr(value[:57] + "..."))
    if isinstance(value, tuple) and (
        len(value) > 4 or any(isinstance(v, BaseModel) for v in value)
    ):
        return _Abridged(f"<{len(value)} items>")
    if isinstance(value, BaseModel):
        return _Abridged(f"{type(value).__name__}(...)")
    if isinstance(value, enum.Enum):
        return _Abridged(repr(value.value))
    if isinstance(value, tuple) and value and all(isinstance(v, enum.Enum) for v in value):
        return _Abridged(repr(tuple(v.value for v in value)))
    return value


class _SealedConfig(ModelMetaclass):
    """Metaclass whose classes' ``model_config`` cannot be changed or rebound once built."""

    def __setattr__(cls, name: str, value: Any) -> None:  # noqa: N805
        if name == "model_config" and isinstance(cls.__dict__.get(name), _ReadOnlyConfig):
            raise AttributeError(f"{cls.__name__}.model_config is read-only")
        super().__setattr__(name, value)


class _Record(BaseModel, metaclass=_SealedConfig):
    """Base of every model: frozen, no unknown fields, tuples for collections.

    Nothing public can make a record writable: ``model_config`` is a read-only mapping
    and ``model_fields_set`` a frozenset copy.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, defer_build=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        type.__setattr__(cls, "model_config", _ReadOnlyConfig(cls.model_config))

    repr_fields: ClassVar[tuple[str, ...]] = ()
    """Fields a short ``repr``/``str`` shows (all fields when empty), long values abridged."""

    @property
    def model_fields_set(self) -> frozenset[str]:  # type: ignore[override]
        """The fields set explicitly at validation, as a frozenset copy."""
        return frozenset(self.__pydantic_fields_set__)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name in self.repr_fields or tuple(type(self).model_fields):
            yield name, _abridged(getattr(self, name))

    def _repr_html_(self) -> str:
        from immunomod.display import html_card  # presentation loads only in notebooks

        return html_card(self)


def _no_duplicates(values: tuple[str, ...], what: str) -> tuple[str, ...]:
    """Reject a tuple that names the same value twice."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} lists {value!r} twice")
        seen.add(value)
    return values


class Source(_Record):
    """A document a drug's facts come from; facts name it by its local ``id``."""

    repr_fields = ("id", "kind", "title")

    id: RecordId = Field(description="Local id within the drug, e.g. 'us-label', 'eu-smpc'.")
    kind: SourceKind = Field(description="What kind of document it is.")
    title: Text = Field(description="Human-readable title, e.g. 'Imuran (azathioprine) US label'.")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] = Field(
        description="Web address of the source, e.g. an openFDA label query by set id."
    )
    revision: Text | None = Field(
        default=None,
        description="The label's revision date or version as the document states it, if any.",
    )
    accessed: datetime.date = Field(description="The date the source was read.")


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
    """A drug class; classes form a hierarchy (a DAG) through ``parents``."""

    repr_fields = ("id", "name", "parents")

    id: RecordId
    name: Name = Field(description="Display name, e.g. 'TNF inhibitor'.")
    synonyms: tuple[Name, ...] = Field(default=(), description="Other names and abbreviations.")
    description: Text = Field(description="What the members of the class have in common.")
    parents: tuple[RecordId, ...] = Field(
        default=(),
        description="Ids of the parent classes; several allowed (bdmard: biologic, dmard).",
    )

    @field_validator("parents")
    @classmethod
    def _unique_parents(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _no_duplicates(value, "parents")

    @model_validator(mode="after")
    def _not_own_parent(self) -> "DrugClass":
        if self.id in self.parents:
            raise ValueError(f"class {self.id!r} cannot be its own parent")
        return self


class AdverseEffect(_Record):
    """An adverse effect (side effect) that drugs in the dataset can cause."""

    repr_fields = ("id", "name", "organ_system")

    id: RecordId
    name: Name = Field(description="Preferred name, e.g. 'Nausea'.")
    synonyms: tuple[Name, ...] = Field(default=(), description="Other names, spellings.")
    organ_system: OrganSystem = Field(description="MedDRA-like system organ class.")
    description: Text = Field(description="Short plain description of the effect.")


class Condition(_Record):
    """A disease or clinical situation a drug is indicated for."""

    repr_fields = ("id", "name")

    id: RecordId
    name: Name = Field(description='Preferred name, e.g. "Crohn\'s disease".')
    synonyms: tuple[Name, ...] = Field(default=(), description="Other names and abbreviations.")
    mesh: Annotated[str, Field(pattern=r"^D\d{6}$")] | None = Field(
        default=None, description="MeSH descriptor id, e.g. 'D003424'."
    )


class Deprecation(_Record):
    """A released id kept resolvable after its record was renamed or merged into another."""

    kind: Literal["drugs", "drug_classes", "adverse_effects", "conditions", "monitoring_tests"] = (
        Field(description="Which collection the id belongs to.")
    )
    id: RecordId = Field(description="The deprecated id, e.g. a renamed drug's old id.")
    replaced_by: RecordId = Field(description="Id of the record that replaces it.")
    since: Text = Field(description="Version that deprecated it, e.g. '0.3.0'.")
    reason: Text = Field(description="Why, e.g. 'renamed to the INN'.")


class MonitoringTest(_Record):
    """A test or check from the controlled vocabulary of monitoring tests."""

    repr_fields = ("id", "name")

    id: RecordId
    name: Name = Field(description="Preferred name, e.g. 'Tuberculosis screening'.")
    synonyms: tuple[Name, ...] = Field(default=(), description="Other names and abbreviations.")
    description: Text = Field(description="What the test covers.")


class DrugAdverseEffect(_Record):
    """An adverse effect as it applies to one drug, with its label frequency."""

    repr_fields = ("effect", "frequency", "percent", "serious")

    effect: RecordId = Field(description="Id of an ``AdverseEffect``.")
    frequency: Frequency = Field(
        description="Label frequency band (EU SmPC band where one exists, else from ``percent``)."
    )
    percent: float | None = Field(
        default=None,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="The label's incidence figure in percent; the trial or population is in notes.",
    )
    serious: bool = Field(description="True when the label treats it as serious or warns of it.")
    notes: Text | None = Field(
        default=None,
        description="Context: the population behind the figure; for 'unknown', why no figure.",
    )
    sources: SourceIds

    @model_validator(mode="after")
    def _unknown_has_reason(self) -> "DrugAdverseEffect":
        if self.frequency is Frequency.UNKNOWN and self.notes is None:
            raise ValueError("an 'unknown' frequency needs notes saying why no figure is given")
        if self.frequency is Frequency.UNKNOWN and self.percent is not None:
            raise ValueError("a frequency with a percent figure cannot be 'unknown'")
        return self


class Indication(_Record):
    """A condition a drug is used for, with who may receive it and any restriction."""

    repr_fields = ("condition", "regulators", "children", "min_age_years")

    condition: RecordId = Field(description="Id of a ``Condition``.")
    regulators: tuple[Regulator, ...] = Field(
        default=(),
        description="Regulators whose labels list this use; empty when only a guideline does.",
    )
    adults: bool = Field(default=True, description="True when labelled for adults.")
    children: bool = Field(default=False, description="True when labelled for children.")
    min_age_years: float | None = Field(
        default=None,
        ge=0,
        allow_inf_nan=False,
        description="Youngest labelled age in years (lowest across regulators; notes say which).",
    )
    prior_therapy: Text | None = Field(
        default=None,
        description="Prior-therapy restriction, e.g. 'after inadequate response to a TNF blocker'.",
    )
    biomarker: Text | None = Field(
        default=None, description="Biomarker restriction, e.g. 'MSI-H or dMMR'."
    )
    notes: Text | None = Field(
        default=None,
        description="Severity, setting, combination and US/EU differences, each said by regulator.",
    )
    sources: SourceIds

    @property
    def labelled(self) -> bool:
        """True when at least one regulator's label lists this use."""
        return bool(self.regulators)

    @field_validator("regulators")
    @classmethod
    def _unique_regulators(cls, value: tuple[Regulator, ...]) -> tuple[Regulator, ...]:
        _no_duplicates(tuple(item.value for item in value), "regulators")
        return value

    @model_validator(mode="after")
    def _population_is_consistent(self) -> "Indication":
        if not (self.adults or self.children):
            raise ValueError("an indication is for adults, children or both")
        if self.min_age_years is not None and not self.children and self.min_age_years < 18:
            raise ValueError("min_age_years below 18 needs children=True")
        return self


class Onset(_Record):
    """How long a drug takes to show a clinical effect, in weeks."""

    min_weeks: float = Field(ge=0, allow_inf_nan=False, description="Earliest usual onset, weeks.")
    max_weeks: float = Field(ge=0, allow_inf_nan=False, description="Latest usual onset, weeks.")
    reassess_weeks: float | None = Field(
        default=None,
        ge=0,
        allow_inf_nan=False,
        description="Week by which the label says to reconsider treatment without a response.",
    )
    notes: Text | None = Field(default=None, description="Context of the figure.")
    sources: SourceIds

    @model_validator(mode="after")
    def _min_not_above_max(self) -> "Onset":
        if self.min_weeks > self.max_weeks:
            raise ValueError(
                f"min_weeks ({self.min_weeks}) must not exceed max_weeks ({self.max_weeks})"
            )
        return self


class Monitoring(_Record):
    """A test or check the label asks for before, during or after treatment."""

    repr_fields = ("test", "timing", "interval")

    test: RecordId = Field(description="Id of a ``MonitoringTest``.")
    timing: MonitoringTiming = Field(description="When: before, during, both, after, or ad hoc.")
    interval: Text | None = Field(
        default=None, description="How often, in words, e.g. 'every 4 weeks for 3 months'."
    )
    notes: Text | None = Field(default=None, description="Purpose, thresholds, US/EU differences.")
    sources: SourceIds


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
    sources: SourceIds


class Vaccines(_Record):
    """What the label says about vaccination during treatment."""

    live: LiveVaccineAdvice = Field(description="Advice on live vaccines.")
    window: Text | None = Field(
        default=None, description="Time window, e.g. 'not within 3 months after the last dose'."
    )
    non_live: Text | None = Field(
        default=None, description="Advice on non-live vaccines, if the label gives any."
    )
    notes: Text | None = Field(default=None, description="Other context, e.g. exposed infants.")
    sources: SourceIds


class BoxedWarning(_Record):
    """The US boxed warning, summarised."""

    summary: Text = Field(description="Summary of every element of the boxed warning.")
    sources: SourceIds


class Review(_Record):
    """When a drug's record was last reviewed against its labels, and against which revisions."""

    date: datetime.date = Field(description="Date the independent label review was completed.")
    labels: tuple[RecordId, ...] = Field(
        min_length=1, description="Ids of the label sources (with their revisions) reviewed."
    )


class CoTherapy(_Record):
    """A documented use of the drug together with another drug or drug class."""

    kind: CoTherapyKind = Field(description="How the two are used together.")
    drug: RecordId | None = Field(default=None, description="Id of the other ``Drug``.")
    drug_class: RecordId | None = Field(default=None, description="Id of the other ``DrugClass``.")
    notes: Text = Field(description="When and why they are combined.")
    sources: SourceIds

    @model_validator(mode="after")
    def _names_exactly_one_partner(self) -> "CoTherapy":
        if (self.drug is None) == (self.drug_class is None):
            raise ValueError("a co-therapy names exactly one of 'drug' or 'drug_class'")
        return self


CURIE_PREFIXES: dict[str, str] = {
    "atc": "atc",
    "unii": "unii",
    "drugbank": "drugbank",
    "rxcui": "rxnorm",
    "chembl": "chembl.compound",
    "pubchem_cid": "pubchem.compound",
    "mesh": "mesh",
}
"""The bioregistry prefix of each identifier field (https://bioregistry.io)."""


def curie_url(curie: str) -> str:
    """A resolvable URL for a CURIE, through the bioregistry resolver."""
    return f"https://bioregistry.io/{curie}"


class Identifiers(_Record):
    """Cross-references to external databases; each is optional and pattern-checked."""

    atc: tuple[Annotated[str, Field(pattern=r"^[A-Z]\d{2}[A-Z]{2}\d{2}$")], ...] = Field(
        default=(), description="WHO ATC codes, e.g. 'L04AX01'."
    )
    unii: Annotated[str, Field(pattern=r"^[0-9A-Z]{10}$")] | None = Field(
        default=None, description="FDA Unique Ingredient Identifier, e.g. 'MRK240IY2L'."
    )
    drugbank: Annotated[str, Field(pattern=r"^DB\d{5}$")] | None = Field(
        default=None, description="DrugBank accession, e.g. 'DB00993'."
    )
    rxcui: Annotated[str, Field(pattern=r"^[1-9]\d*$")] | None = Field(
        default=None, description="RxNorm ingredient concept id, e.g. '1256'."
    )
    chembl: Annotated[str, Field(pattern=r"^CHEMBL\d+$")] | None = Field(
        default=None, description="ChEMBL molecule id, e.g. 'CHEMBL1542'."
    )
    pubchem_cid: Annotated[int, Field(gt=0)] | None = Field(
        default=None, description="PubChem compound id (small molecules only)."
    )
    mesh: Annotated[str, Field(pattern=r"^[CD]\d{6,9}$")] | None = Field(
        default=None, description="MeSH descriptor or supplementary concept id."
    )

    @field_validator("atc")
    @classmethod
    def _unique_atc(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _no_duplicates(value, "atc")

    def codes(self) -> tuple[tuple[str, str], ...]:
        """Every identifier as ``(field, code)``, e.g. ``("drugbank", "DB00993")``."""
        found: list[tuple[str, str]] = []
        for field in CURIE_PREFIXES:
            value = getattr(self, field)
            for item in value if isinstance(value, tuple) else (value,):
                if item is not None:
                    found.append((field, str(item)))
        return tuple(found)

    def curies(self) -> tuple[str, ...]:
        """Every identifier as a compact URI with its bioregistry prefix (``drugbank:DB00993``)."""
        return tuple(f"{CURIE_PREFIXES[field]}:{code}" for field, code in self.codes())

    def urls(self) -> tuple[str, ...]:
        """A resolvable URL for every identifier, through the bioregistry resolver."""
        return tuple(curie_url(curie) for curie in self.curies())


SourcedFact = (
    Indication
    | DrugAdverseEffect
    | Monitoring
    | CoTherapy
    | BoxedWarning
    | Onset
    | Pregnancy
    | Vaccines
)
"""Any model with per-fact ``sources``."""


class Drug(_Record):
    """An immunomodulatory drug with its sourced facts."""

    repr_fields = ("id", "name", "classes", "direction", "routes")

    id: RecordId
    name: Name = Field(description="International non-proprietary name (INN) or USAN.")
    synonyms: tuple[Name, ...] = Field(
        default=(), description="Other names: USAN/BAN spellings, abbreviations, codes."
    )
    brand_names: tuple[Name, ...] = Field(default=(), description="Trade names.")
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
    boxed_warning: BoxedWarning | None = Field(
        default=None, description="The US boxed warning; None when there is none."
    )
    onset: Onset | None = Field(default=None, description="Time to clinical effect.")
    monitoring: tuple[Monitoring, ...] = Field(
        default=(), description="Checks before, during and after treatment."
    )
    monitoring_note: Text | None = Field(
        default=None,
        description="Required when ``monitoring`` is empty: e.g. that the label states none.",
    )
    pregnancy: Pregnancy | None = Field(default=None, description="Pregnancy guidance.")
    vaccines: Vaccines | None = Field(
        default=None, description="Live and non-live vaccine advice; None when not curated."
    )
    co_therapy: tuple[CoTherapy, ...] = Field(
        default=(), description="Documented use with other drugs or classes."
    )
    identifiers: Identifiers = Field(
        default_factory=Identifiers, description="External database ids."
    )
    sources: tuple[Source, ...] = Field(min_length=1, description="Where the facts come from.")
    review: Review | None = Field(
        default=None, description="The latest independent review against the current labels."
    )

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

    @field_validator("sources")
    @classmethod
    def _unique_source_ids(cls, value: tuple[Source, ...]) -> tuple[Source, ...]:
        _no_duplicates(tuple(source.id for source in value), "sources")
        return value

    @field_validator("monitoring")
    @classmethod
    def _unique_monitoring(cls, value: tuple[Monitoring, ...]) -> tuple[Monitoring, ...]:
        _no_duplicates(tuple(f"{m.test} ({m.timing.value})" for m in value), "monitoring")
        return value

    @model_validator(mode="after")
    def _facts_cite_listed_sources(self) -> "Drug":
        known = {source.id: source for source in self.sources}
        for location, cited in self.citations():
            for source_id in cited:
                if source_id not in known:
                    raise ValueError(f"{location} cites unknown source {source_id!r}")
        if self.review is not None:
            for source_id in self.review.labels:
                source = known.get(source_id)
                if source is None or not source.kind.is_label:
                    raise ValueError(f"review.labels: {source_id!r} is not a label source")
        return self

    def citations(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Every sourced fact as ``(location, source ids)``, e.g. ``("indications.0", ...)``."""
        found: list[tuple[str, tuple[str, ...]]] = []
        for field in ("indications", "adverse_effects", "monitoring", "co_therapy"):
            items: tuple[SourcedFact, ...] = getattr(self, field)
            found.extend((f"{field}.{i}", item.sources) for i, item in enumerate(items))
        for field in ("boxed_warning", "onset", "pregnancy", "vaccines"):
            item: SourcedFact | None = getattr(self, field)
            if item is not None:
                found.append((field, item.sources))
        return tuple(found)

    @model_validator(mode="after")
    def _monitoring_or_note(self) -> "Drug":
        if not self.monitoring and self.monitoring_note is None:
            raise ValueError("a drug without monitoring needs a monitoring_note saying why")
        return self

    @model_validator(mode="after")
    def _direction_matches_mechanisms(self) -> "Drug":
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


type.__setattr__(_Record, "model_config", _ReadOnlyConfig(_Record.model_config))
