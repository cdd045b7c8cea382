"""A mixin for objects that must not change once built (indexes, collections)."""

from __future__ import annotations

__all__ = ["ReadOnly"]


class ReadOnly:
    """Instances refuse to rebind or delete attributes once :meth:`_seal` has run.

    Shared objects (the packaged indexes and collections) are seen by every caller in a
    process; sealing them means no caller can change what another sees.
    """

    __slots__ = ("_sealed",)

    def _seal(self) -> None:
        object.__setattr__(self, "_sealed", True)

    def __setattr__(self, name: str, value: object) -> None:
        if getattr(self, "_sealed", False):
            raise AttributeError(f"{type(self).__name__} objects are read-only")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} objects are read-only")
