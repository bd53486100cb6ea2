"""Finding the citations inside any item of the model, however deeply nested."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from generator.model.schema import Citation

# The path to a value inside a file or item: keys as the data file spells them, and list indexes.
ItemPath = tuple[str | int, ...]


def citations_with_paths(content: object, path: ItemPath = ()) -> Iterator[tuple[ItemPath, Citation]]:
    """Every citation in `content` with its path below `path`, in document order."""
    if isinstance(content, Citation):
        yield path, content
    elif isinstance(content, BaseModel):
        for name, field in type(content).model_fields.items():
            yield from citations_with_paths(getattr(content, name), (*path, field.alias or name))
    elif isinstance(content, (list, tuple)):
        for index, item in enumerate(content):
            yield from citations_with_paths(item, (*path, index))


def citations_in(item: object) -> Iterator[Citation]:
    """Every citation in an item, nested ones included, in document order."""
    for _, citation in citations_with_paths(item):
        yield citation
