"""Finding the citations inside any item of the model."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from generator.model import Citation


def citations_in(item: object) -> Iterator[Citation]:
    """Every citation in an item, nested ones included, in document order."""
    if isinstance(item, Citation):
        yield item
    elif isinstance(item, BaseModel):
        for name in type(item).model_fields:
            yield from citations_in(getattr(item, name))
    elif isinstance(item, (list, tuple)):
        for element in item:
            yield from citations_in(element)
