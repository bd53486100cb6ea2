"""What a kind of data is: one data file, the `Model` field that holds its items, and what the site does with them.

Each kind is declared once, as a field of `Model` (generator/model/__init__.py) whose metadata is `kind(...)`.
The checker, `assemble`, "Recent changes", the sources page, the downloads, the schema export, the
benchmark and the contributor guide read the declarations through `KINDS` in generator/model.
tests/test_kinds.py fails if a kind is missing anywhere.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from generator.model import Model

# The key under which `kind(...)` stores a declaration in a dataclass field's metadata.
_DECLARATION = "data_kind"


@dataclass(frozen=True)
class DataKind:
    """One data file and what the generator does with it."""

    # The file is data/<name>.yaml; its one key, `<name>:`, holds the list of items; the Model field has the same name.
    name: str
    file_model: type[BaseModel]
    # The page that lists these facts (a path in paths.SITE): "Recent changes" links to it.
    shown_on: str
    # For the sources page: (label, page target) of an item quoting a source; None if the kind
    # carries no citations of its own.
    cited_by: Callable[[Model, Any], tuple[str, str]] | None
    # The Model holds the items by this field of each (a dict), or, when None, as a tuple.
    keyed_by: str | None
    # For a tuple: the sort key that puts the items in the order the pages show them (None: data order).
    order: Callable[[Any], Any] | None

    @property
    def path(self) -> str:
        return f"data/{self.name}.yaml"

    @property
    def item_model(self) -> type[BaseModel]:
        """The model of one item: the type inside the file model's list."""
        (item,) = typing.get_args(self.file_model.model_fields[self.name].annotation)
        return typing.cast(type[BaseModel], item)

    def collect(self, items: Sequence[Any]) -> Any:
        """The checked items of the file as the Model holds them."""
        if self.keyed_by is not None:
            return {getattr(item, self.keyed_by): item for item in items}
        return tuple(sorted(items, key=self.order) if self.order is not None else items)

    def items(self, model: Model) -> Iterable[Any]:
        """The items as the model holds them, in the order the pages show them."""
        held = getattr(model, self.name)
        return typing.cast(Iterable[Any], held.values() if isinstance(held, dict) else held)


def kind(
    file_model: type[BaseModel],
    shown_on: str,
    *,
    keyed_by: str | None,
    cited_by: Callable[[Model, Any], tuple[str, str]] | None = None,
    order: Callable[[Any], Any] | None = None,
) -> dict[str, Any]:
    """The metadata of a `Model` field that declares a kind of data (DataKind says what each argument means)."""
    declaration = {"file_model": file_model, "shown_on": shown_on, "cited_by": cited_by, "keyed_by": keyed_by, "order": order}
    return {_DECLARATION: declaration}


def labelled(prefix: str, field: str, target: Callable[[str], str]) -> Callable[[Model, Any], tuple[str, str]]:
    """A `cited_by` for items the sources page lists as "<prefix>: <the item's field>", linked to `target(item.id)`."""

    def cited_by(model: Model, item: Any) -> tuple[str, str]:
        return f"{prefix}: {getattr(item, field)}", target(item.id)

    return cited_by


def kinds_of(model_class: type) -> tuple[DataKind, ...]:
    """The kinds declared by a dataclass's fields, in field order (the order files are loaded and downloaded)."""
    return tuple(
        DataKind(field.name, **field.metadata[_DECLARATION])
        for field in dataclasses.fields(model_class)
        if _DECLARATION in field.metadata
    )
