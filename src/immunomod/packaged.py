"""The packaged catalog: opened from the shipped bundle on first use, once per process.

The first query opens the bundle's small index under a lock; records are built as they are
asked for. A failure is remembered and re-raised without reading the files again, and a
child forked while another thread held the lock gets a fresh lock.
"""

from __future__ import annotations

import copy
import os
import threading

from immunomod.bundle import open_bundle, packaged_bundle
from immunomod.catalog import Catalog
from immunomod.errors import DataError

__all__ = ["default_catalog"]

_default: Catalog | None = None
_failure: DataError | None = None
_default_lock = threading.Lock()


def _open() -> Catalog:
    return open_bundle(packaged_bundle())


def default_catalog() -> Catalog:
    """Return the packaged catalog, opening it on first call (thread-safe).

    A failed open is remembered: later calls raise a copy of the same ``DataError``
    without reading the files again.
    """
    global _default, _failure
    catalog = _default
    if catalog is not None:
        return catalog
    with _default_lock:
        if _default is None and _failure is None:
            try:
                _default = _open()
            except DataError as error:
                _failure = error
        if _failure is not None:
            raise copy.copy(_failure)
        assert _default is not None
        return _default


def _after_fork_in_child() -> None:
    # A fork while another thread held the lock would leave it locked for ever in the child.
    global _default_lock
    _default_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
