"""Read-only collections of records and the queries over them.

Each collection is a :class:`collections.abc.Mapping` from id to record: iteration
yields ids in sorted order, ``values()`` the records. Look-ups also accept any name,
synonym or brand, ignoring case, accents, spaces and punctuation. Every query
returns a tuple of frozen records, so no caller can change what another sees.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar, overload

from immunomod.catalog import Catalog
from immunomod.errors import InvalidArgumentError, InvalidKeyError, NotFoundError, shown
from immunomod.index import RecordIndex
from immunomod.models import AdverseEffect, Condition, Drug, DrugClass, MonitoringTest
from immunomod.packaged import default_catalog
from immunomod.readonly import ReadOnly
from immunomod.text import fold
from immunomod.vocabularies import Direction, Frequency, LiveVaccineAdvice, OrganSystem, Route

__all__ = [
    "AdverseEffectCollection",
    "Collection",
    "ConditionCollection",
    "DrugClassCollection",
    "DrugCollection",
    "MonitoringTestCollection",
]

R = TypeVar("R", Drug, DrugClass, AdverseEffect, Condition, MonitoringTest)
T = TypeVar("T")

SUGGESTIONS = 3
"""How many close matches a :class:`NotFoundError` suggests."""


def _require_str(key: object, what: str = "key") -> str:
    if not isinstance(key, str):
        raise InvalidKeyError(f"{what} must be a string, got {type(key).__name__}")
    return key


def _require_bool(value: object, argument: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgumentError(f"{argument} must be True or False; got {shown(value)}")
    return value


class Collection(ReadOnly, Mapping[str, R], Generic[R]):
    """A read-only, lazily loaded mapping of id to record of one kind."""

    __slots__ = ("_catalog",)
    kind = "record"
    """Singular noun used in messages, e.g. ``"drug"``."""
    model: type[R]
    """The model of the records, e.g. :class:`~immunomod.Drug`."""

    def __init__(self, catalog: Callable[[], Catalog] = default_catalog) -> None:
        self._catalog = catalog
        self._seal()

    def _index(self) -> RecordIndex[R]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> R:
        """Return the record with this id, name, synonym or brand.

        Raises :class:`~immunomod.NotFoundError` (a ``KeyError``) naming the closest
        matches when nothing matches, and :class:`~immunomod.InvalidKeyError`
        (a ``TypeError``) when ``key`` is not a string.
        """
        if type(key) is str:
            found = self._index().exact(key)
            if found is not None:
                return found
        folded = fold(_require_str(key))
        record = self._lookup(key, folded)
        if record is None:
            suggestions = tuple(r.id for r in self._index().search(key, SUGGESTIONS, folded))
            raise NotFoundError(self.kind, key, suggestions)
        return record

    def _lookup(self, key: str, folded: str) -> R | None:
        """The record ``key`` names; a deprecated id gives its replacement with a warning."""
        index = self._index()
        if type(key) is str:
            record = index.named(folded)
            if record is not None:
                index.remember(key, record)
        else:
            record = index.lookup(key, folded)
        if record is None:
            record = index.replacement(folded)
            if record is not None:
                warnings.warn(
                    f"{self.kind} id {shown(key)} is deprecated; use {record.id!r}",
                    DeprecationWarning,
                    stacklevel=3,
                )
        return record

    @overload
    def get(self, key: str, /) -> R | None: ...
    @overload
    def get(self, key: str, /, default: R | T) -> R | T: ...
    def get(self, key: str, /, default: object = None) -> object:
        """Return the record for ``key``, or ``default`` (None) when nothing matches."""
        if type(key) is str:
            found = self._index().exact(key)
            if found is not None:
                return found
        record = self._lookup(key, fold(_require_str(key)))
        return default if record is None else record

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is an id, name, synonym or brand; non-strings raise TypeError."""
        text = _require_str(key)
        return self._lookup(text, fold(text)) is not None

    def __iter__(self) -> Iterator[str]:
        """Iterate over ids in sorted order."""
        return iter(self._index().by_id)

    def __len__(self) -> int:
        return len(self._index().ids)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)} {self.kind} records>"

    def _repr_html_(self) -> str:
        from immunomod.display import html_list  # presentation loads only in notebooks

        return html_list(type(self).__name__, self.kind, self.all())

    def all(self) -> tuple[R, ...]:
        """Return every record, sorted by id."""
        return self._index().records

    def search(self, query: str, limit: int = 10) -> tuple[R, ...]:
        """Return up to ``limit`` records whose names best match ``query``, best first.

        Matching ignores case, accents and punctuation and tolerates typos; an empty
        query returns ``()``. ``limit`` must be a positive integer.
        """
        _require_str(query, "query")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidArgumentError(f"limit must be a positive integer; got {limit!r}")
        return self._index().search(query, limit)

    def _record(self, value: object) -> R:
        """The stored record ``value`` is or names.

        A string is looked up as by ``[]``; a record must be one of this dataset's,
        unchanged. Anything else raises :class:`~immunomod.InvalidKeyError`; an unknown
        name or a foreign or altered record, :class:`~immunomod.NotFoundError`.
        """
        if isinstance(value, str):
            return self[value]
        if isinstance(value, self.model):
            stored = self._index().by_id.get(value.id)
            if stored is not None and (stored is value or stored == value):
                return stored
            raise NotFoundError(self.kind, value.id)
        raise InvalidKeyError(
            f"a {self.kind} must be given as a {self.model.__name__} or a string,"
            f" got {type(value).__name__}"
        )

    def _criterion(self, value: object, argument: str) -> R:
        """:meth:`_record` for a filter argument: any failure is an InvalidArgumentError."""
        from immunomod.arguments import suggestion  # argument helpers load on first use

        try:
            return self._record(value)
        except NotFoundError as error:
            hint = suggestion(error.suggestions)
        except InvalidKeyError:
            hint = ""
        raise InvalidArgumentError(
            f"{argument} must name a known {self.kind}; got {shown(value)}{hint}"
        )

    def _by_ids(self, ids: Iterable[str]) -> tuple[R, ...]:
        """Records for ids the loader has already checked, in the given order."""
        return self._index().records_for(ids)

    def _drug(self, drug: Drug | str) -> Drug:
        return DrugCollection(self._catalog)._record(drug)


class DrugCollection(Collection[Drug]):
    """All drugs: look-up by id, name, synonym or brand, search, and filters."""

    kind = "drug"
    model = Drug

    def _index(self) -> RecordIndex[Drug]:
        return self._catalog().drugs

    def filter(
        self,
        *,
        direction: Direction | str | None = None,
        drug_class: DrugClass | str | None = None,
        route: Route | str | None = None,
        condition: Condition | str | None = None,
        adverse_effect: AdverseEffect | str | None = None,
        min_frequency: Frequency | str | None = None,
        boxed_warning: bool | None = None,
        monitoring: MonitoringTest | str | None = None,
        pregnancy_contraindicated: bool | None = None,
        live_vaccines: LiveVaccineAdvice | str | None = None,
        labelled_only: bool = False,
        children: bool | None = None,
    ) -> tuple[Drug, ...]:
        """Return the drugs meeting every criterion given, sorted by id.

        - ``direction``: the drug-level direction, exactly (``"mixed"`` drugs match only
          ``"mixed"``).
        - ``drug_class``: a class id or name; members of its subclasses match too,
          through every parent (``"dmard"`` finds cs-, ts- and bDMARDs).
        - ``route``: a labelled route (``"SC"``, ``"IV"`` and ``"PO"`` work).
        - ``condition``: an indicated condition; with ``labelled_only=True`` only uses on
          a regulator's label count. ``labelled_only`` alone keeps drugs with any
          labelled use.
        - ``children``: True for drugs with a labelled use in children (for
          ``condition`` when given), False for drugs without one.
        - ``adverse_effect``: drugs listing that effect; with ``min_frequency``, only
          where its frequency is at least that band. ``min_frequency`` alone keeps
          drugs with any effect at least that frequent. ``UNKNOWN`` ranks lowest.
        - ``boxed_warning``: True for drugs with a boxed warning, False for those without.
        - ``monitoring``: drugs whose label asks for that test (any timing).
        - ``pregnancy_contraindicated``: True or False; drugs without curated pregnancy
          guidance match neither.
        - ``live_vaccines``: the drug's live-vaccine advice, exactly
          (e.g. ``"contraindicated"``); drugs without curated vaccine advice never match.

        Vocabulary and record criteria take members, records, ids or any name, ignoring
        case, spaces and punctuation. An unknown value raises
        :class:`~immunomod.InvalidArgumentError` (a ``ValueError``) with a short
        "did you mean" list.
        """
        from immunomod.arguments import enum_member  # filter helpers load on first use
        from immunomod.filters import ANY, matching

        catalog = self._catalog()
        index = catalog.filters
        required: list[frozenset[str]] = []
        excluded: list[frozenset[str]] = []
        if direction is not None:
            required.append(
                index.ids("direction", enum_member(Direction, direction, "direction").value)
            )
        if drug_class is not None:
            class_id = DrugClassCollection(self._catalog)._criterion(drug_class, "drug_class").id
            required.append(catalog.members(class_id))
        if route is not None:
            required.append(index.ids("route", enum_member(Route, route, "route").value))
        labelled_only = _require_bool(labelled_only, "labelled_only")
        condition_id = ANY
        if condition is not None:
            condition_id = ConditionCollection(self._catalog)._criterion(condition, "condition").id
        if condition is not None or labelled_only:
            required.append(index.ids("use", condition_id, labelled_only))
        if children is not None:
            (required if _require_bool(children, "children") else excluded).append(
                index.ids("children", condition_id)
            )
        if boxed_warning is not None:
            has_box = index.ids("boxed")
            (required if _require_bool(boxed_warning, "boxed_warning") else excluded).append(
                has_box
            )
        if monitoring is not None:
            tests = MonitoringTestCollection(self._catalog)
            required.append(index.ids("monitoring", tests._criterion(monitoring, "monitoring").id))
        if pregnancy_contraindicated is not None:
            flag = _require_bool(pregnancy_contraindicated, "pregnancy_contraindicated")
            required.append(index.ids("pregnancy", flag))
        if live_vaccines is not None:
            advice = enum_member(LiveVaccineAdvice, live_vaccines, "live_vaccines")
            required.append(index.ids("live", advice.value))
        effect_id = None
        if adverse_effect is not None:
            effects = AdverseEffectCollection(self._catalog)
            effect_id = effects._criterion(adverse_effect, "adverse_effect").id
        floor = None
        if min_frequency is not None:
            floor = enum_member(Frequency, min_frequency, "min_frequency")
        if effect_id is not None or floor is not None:
            required.append(index.with_effect(effect_id, floor))
        return catalog.drugs.records_for(matching(required, excluded, index.all_ids))

    def lookup(self, code: str) -> tuple[Drug, ...]:
        """Return the drugs an external code names, sorted by id.

        ``code`` is an ATC, UNII, DrugBank, RxCUI, ChEMBL, PubChem or MeSH code, bare or as a
        CURIE (``drugbank:DB00993``, ``atc:L04AB``). A code carried by one drug gives that
        drug; an ATC code shared by several drugs, or an ATC group code (its first 1, 3, 4 or
        5 characters), gives every drug carrying it. Raises
        :class:`~immunomod.NotFoundError` when no drug carries the code and
        :class:`~immunomod.InvalidKeyError` when it is not a string.
        """
        text = _require_str(code, "code")
        ids = self._catalog().external.ids(text) if len(text) <= 64 else frozenset()
        if not ids:
            raise NotFoundError("drug", text)
        return self._index().records_for(sorted(ids))

    def suppressants(self) -> tuple[Drug, ...]:
        """Return drugs with at least one suppressing mechanism (``suppress`` or ``mixed``)."""
        return tuple(d for d in self.all() if d.direction is not Direction.STIMULATE)

    def stimulants(self) -> tuple[Drug, ...]:
        """Return drugs with at least one stimulating mechanism (``stimulate`` or ``mixed``)."""
        return tuple(d for d in self.all() if d.direction is not Direction.SUPPRESS)


class DrugClassCollection(Collection[DrugClass]):
    """All drug classes and their hierarchy."""

    kind = "drug class"
    model = DrugClass

    def _index(self) -> RecordIndex[DrugClass]:
        return self._catalog().drug_classes

    def parents(self, drug_class: DrugClass | str) -> tuple[DrugClass, ...]:
        """Return the direct parents of a class, in its own order (empty at the top)."""
        return self._by_ids(self._record(drug_class).parents)

    def children(self, drug_class: DrugClass | str) -> tuple[DrugClass, ...]:
        """Return the classes directly below a class, sorted by id."""
        class_id = self._record(drug_class).id
        return tuple(c for c in self.all() if class_id in c.parents)

    def descendants(self, drug_class: DrugClass | str) -> tuple[DrugClass, ...]:
        """Return every class below a class (not the class itself), sorted by id."""
        class_id = self._record(drug_class).id
        below = self._catalog().descendants(class_id) - {class_id}
        return tuple(c for c in self.all() if c.id in below)

    def ancestors(self, drug_class: DrugClass | str) -> tuple[DrugClass, ...]:
        """Return every class above a class, nearest first (breadth first, each once)."""
        start = self._record(drug_class)
        by_id = self._index().by_id
        found: dict[str, DrugClass] = {}
        queue = [start]
        for record in queue:
            for parent_id in record.parents:
                if parent_id not in found:
                    found[parent_id] = by_id[parent_id]
                    queue.append(by_id[parent_id])
        return tuple(found.values())

    def roots(self) -> tuple[DrugClass, ...]:
        """Return the top-level classes (those without parents), sorted by id."""
        return tuple(c for c in self.all() if not c.parents)

    def of(self, drug: Drug | str) -> tuple[DrugClass, ...]:
        """Return the classes a drug (record or key) belongs to, in its own order."""
        return self._by_ids(self._drug(drug).classes)


class AdverseEffectCollection(Collection[AdverseEffect]):
    """All adverse effects."""

    kind = "adverse effect"
    model = AdverseEffect

    def _index(self) -> RecordIndex[AdverseEffect]:
        return self._catalog().adverse_effects

    def of(self, drug: Drug | str) -> tuple[AdverseEffect, ...]:
        """Return the adverse effects a drug (record or key) lists, in its own order."""
        return self._by_ids(item.effect for item in self._drug(drug).adverse_effects)

    def by_organ_system(self, organ_system: OrganSystem | str) -> tuple[AdverseEffect, ...]:
        """Return the effects of one organ system, sorted by id."""
        from immunomod.arguments import enum_member

        wanted = enum_member(OrganSystem, organ_system, "organ_system")
        return tuple(e for e in self.all() if e.organ_system is wanted)


class ConditionCollection(Collection[Condition]):
    """All conditions drugs are indicated for."""

    kind = "condition"
    model = Condition

    def _index(self) -> RecordIndex[Condition]:
        return self._catalog().conditions

    def of(self, drug: Drug | str) -> tuple[Condition, ...]:
        """Return the conditions a drug (record or key) is indicated for, in its own order."""
        return self._by_ids(item.condition for item in self._drug(drug).indications)


class MonitoringTestCollection(Collection[MonitoringTest]):
    """The controlled vocabulary of monitoring tests."""

    kind = "monitoring test"
    model = MonitoringTest

    def _index(self) -> RecordIndex[MonitoringTest]:
        return self._catalog().monitoring_tests

    def of(self, drug: Drug | str) -> tuple[MonitoringTest, ...]:
        """Return the tests a drug (record or key) needs, in its own order, each once."""
        return self._by_ids(dict.fromkeys(item.test for item in self._drug(drug).monitoring))
