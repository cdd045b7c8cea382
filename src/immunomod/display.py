"""Notebook display: a short HTML summary card for a record (``_repr_html_``)."""

from __future__ import annotations

import html
from typing import Any

from pydantic import BaseModel

__all__ = ["html_card", "html_list"]

MAX_ITEMS = 8
"""Most items a card lists for one field before it says how many more there are."""


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        shown = ", ".join(_text(item) for item in value[:MAX_ITEMS])
        more = f" (+{len(value) - MAX_ITEMS} more)" if len(value) > MAX_ITEMS else ""
        return shown + more
    if isinstance(value, BaseModel):
        for name in ("summary", "condition", "effect", "test", "title", "name", "live"):
            if name in type(value).model_fields:
                return _text(getattr(value, name))
        return type(value).__name__
    return str(value)


def html_card(record: BaseModel) -> str:
    """An HTML table of a record's fields, each value abridged and escaped."""
    title = getattr(record, "name", None) or type(record).__name__
    rows = []
    for name in type(record).model_fields:
        value = getattr(record, name)
        if value in (None, ()):
            continue
        rows.append(
            f"<tr><th style='text-align:left'>{html.escape(name)}</th>"
            f"<td style='text-align:left'>{html.escape(_text(value))}</td></tr>"
        )
    return (
        f"<div><strong>{html.escape(type(record).__name__)}: {html.escape(str(title))}</strong>"
        f"<table>{''.join(rows)}</table></div>"
    )


def html_list(title: str, kind: str, records: tuple[Any, ...]) -> str:
    """An HTML summary of a collection: its size and its first records' ids and names."""
    rows = "".join(
        f"<tr><td>{html.escape(r.id)}</td><td>{html.escape(r.name)}</td></tr>"
        for r in records[:MAX_ITEMS]
    )
    more = f"<p>... and {len(records) - MAX_ITEMS} more</p>" if len(records) > MAX_ITEMS else ""
    return (
        f"<div><strong>{html.escape(title)}</strong>: {len(records)} {html.escape(kind)} records"
        f"<table><tr><th>id</th><th>name</th></tr>{rows}</table>{more}</div>"
    )
