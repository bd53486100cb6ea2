"""Finding the references (ids of other items) inside any item, from the `RefersTo` marks in the schema."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator

from pydantic import BaseModel

from generator.model.citations import ItemPath
from generator.model.schema import RefersTo


def references_in(content: object, path: ItemPath = ()) -> Iterator[tuple[ItemPath, str, RefersTo]]:
    """(path, id, what it must refer to) for every reference in `content`, in document order."""
    if isinstance(content, BaseModel):
        marks = _reference_fields(type(content))
        for name, field in type(content).model_fields.items():
            value, here = getattr(content, name), (*path, field.alias or name)
            if name in marks:
                if isinstance(value, str):
                    yield here, value, marks[name]
                elif isinstance(value, (list, tuple)):
                    yield from ((( *here, index), item, marks[name]) for index, item in enumerate(value))
            else:
                yield from references_in(value, here)
    elif isinstance(content, (list, tuple)):
        for index, item in enumerate(content):
            yield from references_in(item, (*path, index))


@functools.cache
def _reference_fields(model: type[BaseModel]) -> dict[str, RefersTo]:
    """Field name -> its mark, for the fields of `model` that hold ids of other items."""
    found = {}
    for name, field in model.model_fields.items():
        mark = next((item for item in field.metadata if isinstance(item, RefersTo)), None) or _mark_in(field.annotation)
        if mark is not None:
            found[name] = mark
    return found


def _mark_in(annotation: object) -> RefersTo | None:
    """The RefersTo mark inside a type such as `list[TermRef]` or `OrganisationRef | None`."""
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, RefersTo):
            return item
    for argument in typing.get_args(annotation):
        mark = _mark_in(argument)
        if mark is not None:
            return mark
    return None
