"""Read YAML data files into plain Python values, remembering where each value came from.

Why not yaml.safe_load: we need line and column for every value, dates must stay strings
(`2019-03` is ours to parse), and anchors/aliases are refused so an alias bomb cannot
expand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.characters import invisible_message
from generator.errors import DataError, Problem

MAX_FILE_BYTES = 2_000_000  # the real data is ~0.2 MB; a 10 MB paste is a mistake
# The data nests about six levels deep. libyaml composes nodes recursively in C, so a file of
# 100,000 opening brackets would crash the interpreter; the nesting is measured first.
MAX_DEPTH = 20
# The only YAML types the data uses; any other tag (`!!python/name:...`, `!custom`) is refused.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}

_HIDDEN_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")

Location = tuple[int, int]
PathKey = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it: same marks, several times faster.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader where dates stay strings, only true/false are booleans, and `=` is text.

    Why: `2019-03-21` is ours to parse, and YAML 1.1 would turn `no`, `yes`, `on` and `off`
    into booleans (the "Norway problem").
    """


_PlainLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:value")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class LoadedFile:
    """A data file's values and the line:column of every value and mapping key."""

    name: str
    data: Any
    locations: dict[PathKey, Location] = field(default_factory=dict)
    key_locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """The nearest known position for `path`, walking up to its parents."""
        table = self.key_locations if key else self.locations
        for cut in range(len(path), -1, -1):
            prefix = path[:cut]
            if prefix in table:
                return table[prefix]
            if prefix in self.locations:
                return self.locations[prefix]
        return (1, 1)


def _problem(name: str, mark: yaml.Mark | None, message: str, hint: str) -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, column, message, hint)


def _decode(name: str, raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(
            [
                Problem(
                    name,
                    1,
                    1,
                    f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,} limit",
                    "split the content or remove the oversized value",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8 (most editors: 'Save with encoding')",
                )
            ]
        ) from None


def _compose(name: str, text: str) -> yaml.Node | None:
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        column = text.index("\t") - (text.rfind("\n", 0, text.index("\t")) + 1) + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "tab character in YAML",
                    "indent with spaces only (two per level), and write tabs inside text as spaces",
                )
            ]
        )
    try:
        _check_depth(name, text)
        return yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as error:
        # YAML reads U+0085, U+2028 and U+2029 as line breaks that no editor shows: name them, not the
        # syntax error they cause. (Where the file still parses, the schema refuses them in the value.)
        breaks = [
            Problem(name, *_position(text, found.start()), invisible_message(found.group()), "delete it, retyping the text around it")
            for found in _HIDDEN_LINE_BREAKS.finditer(text)
        ]
        raise DataError(breaks or [_syntax_problem(name, error)]) from None
    except yaml.reader.ReaderError as error:
        raise DataError([_reader_problem(name, text, error)]) from None
    except yaml.YAMLError as error:
        said = " ".join(str(error).split())
        raise DataError([Problem(name, 1, 1, f"YAML error: {said}", "fix the YAML syntax")]) from None


def _position(text: str, index: int) -> Location:
    """Line and column (from 1) of a character, counting only newlines as line breaks."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _check_depth(name: str, text: str) -> None:
    """Refuse deeply nested values before composing them (libyaml would overflow the C stack)."""
    depth = 0
    for event in yaml.parse(text, Loader=_PlainLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                raise DataError(
                    [
                        Problem(
                            name,
                            line,
                            column,
                            f"values are nested more than {MAX_DEPTH} levels deep",
                            "the data needs only a few levels; look for unclosed or repeated brackets or dashes",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _reader_problem(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow in a file, e.g. an invisible control character."""
    # libyaml reports a byte offset and PyYAML a character offset, so find the character itself.
    index = text.find(chr(error.character))
    line, column = (1, 1) if index < 0 else (text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))
    return Problem(
        name,
        line,
        column,
        f"character U+{error.character:04X} is not allowed in a YAML file",
        "delete it (it is usually invisible: retype the text around this place)",
    )


# PyYAML's words for common mistakes, and what they mean to someone editing a data file.
_SYNTAX_MEANINGS = {
    "did not find expected '-' indicator": ("this line's indentation does not line up with the lines above it",
                                            "indent each key of an item by the same number of spaces"),
    "expected <block end>": (
        "this line's indentation does not line up with the lines above it",
        "indent each key of an item by the same number of spaces",
    ),
    "found unexpected end of stream": (
        "the file ends inside an unclosed quote or bracket",
        "close the quote or bracket that starts here",
    ),
    # PyYAML says "here", libyaml "in this context".
    "mapping values are not allowed": (
        "a colon inside an unquoted value",
        'put the whole value in quotes, e.g. title: "2013: the new system"',
    ),
    "could not find expected ':'": (
        "a line without 'key: value', or an unclosed quote",
        "add the colon after the key, or close the quote",
    ),
    "did not find expected key": (
        "a line that is not 'key: value' at this indentation",
        "check the indentation and the colon after each key",
    ),
}


def _syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    said = error.problem or error.context or "invalid YAML"
    for phrase, (meaning, hint) in _SYNTAX_MEANINGS.items():
        if phrase in said:
            # An unclosed quote is reported at the end of the file; point at where it opened.
            opened = phrase == "found unexpected end of stream" and error.context_mark is not None
            mark = error.context_mark if opened else (error.problem_mark or error.context_mark)
            return _problem(name, mark, f"YAML syntax error: {meaning} (parser: {said})", hint)
    return _problem(
        name,
        error.problem_mark or error.context_mark,
        f"YAML syntax error: {said}",
        "check indentation, the colon after each key, and that quotes are closed",
    )


class _Builder:
    """Turns composed YAML nodes into Python values, recording every position."""

    def __init__(self, loaded: LoadedFile):
        self.loaded = loaded
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        if id(node) in self.seen:
            raise DataError(
                [
                    _problem(
                        self.loaded.name,
                        node.start_mark,
                        "YAML anchors and aliases (&name, *name) are not allowed",
                        "write the value out in full where it is used",
                    )
                ]
            )
        self.seen.add(id(node))
        self.loaded.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise DataError([self._tag_problem(node)])
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _tag_problem(self, node: yaml.Node) -> Problem:
        return _problem(
            self.loaded.name,
            node.start_mark,
            f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
            "remove the tag (the word starting with '!') and write the value plainly; quote text if needed",
        )

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise DataError([self._tag_problem(node)])
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, OverflowError):
            raise DataError(
                [
                    _problem(
                        self.loaded.name,
                        node.start_mark,
                        f"'{' '.join(str(node.value).split())[:60]}' is not a valid {node.tag.rsplit(':', 1)[-1]}",
                        "remove the '!!' tag, or correct the value",
                    )
                ]
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise DataError(
                    [
                        _problem(
                            self.loaded.name,
                            key_node.start_mark,
                            "YAML merge keys (<<) are not allowed",
                            "write the keys out in full",
                        )
                    ]
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataError(
                    [
                        _problem(
                            self.loaded.name,
                            key_node.start_mark,
                            "a key must be a plain word, not a list or mapping",
                            "write 'key: value', with the key as one word such as 'name'",
                        )
                    ]
                )
            key = self._scalar(key_node)
            if not isinstance(key, str):
                raise DataError(
                    [
                        _problem(
                            self.loaded.name,
                            key_node.start_mark,
                            f"key '{key_node.value}' is read as {_VALUE_KINDS.get(type(key), 'a value')}, not a word",
                            "keys are lower-case words such as 'title'; check the spelling and indentation",
                        )
                    ]
                )
            if key in result:
                raise DataError(
                    [
                        _problem(
                            self.loaded.name,
                            key_node.start_mark,
                            f"key '{key}' appears twice in this item",
                            "keep one of them",
                        )
                    ]
                )
            self.loaded.key_locations[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*path, key))
        return result


_VALUE_KINDS = {type(None): "null (empty)", bool: "true or false", int: "a number", float: "a number"}
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Unusual(Exception):
    """The file uses something the fast path leaves to the careful one (an alias, a tag, an error...)."""


def _fast_load(name: str, text: str) -> LoadedFile | None:
    """One pass over libyaml's events for a file of plain mappings, lists and scalars; None otherwise.

    Why: composing nodes, walking them and checking their depth in a separate parse cost three
    passes over every file. Anything unusual (an anchor, alias, tag, duplicate or complex key,
    invalid value, deep nesting, several documents or any YAML error) returns None, and the
    careful path (`_compose` and `_Builder`) reads the file again and reports it exactly.
    """
    loaded = LoadedFile(name=name, data=None)
    locations, key_locations = loaded.locations, loaded.key_locations
    loader = _PlainLoader(text)
    constructor: yaml.SafeLoader | None = None

    def scalar(event: yaml.ScalarEvent) -> Any:
        """A plain scalar's value, as the careful path constructs it; _Unusual for a tag or a merge key."""
        nonlocal constructor
        if event.tag not in (None, "!"):
            raise _Unusual
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value
        if tag not in _PLAIN_TAGS or tag == _MERGE_TAG:
            raise _Unusual
        if constructor is None:
            constructor = yaml.SafeLoader("")
        return constructor.construct_object(yaml.ScalarNode(tag, event.value))

    try:
        get_event = loader.get_event
        get_event()  # StreamStartEvent
        if not isinstance(get_event(), yaml.DocumentStartEvent):
            return None  # an empty file
        # One frame per open collection: (container, its path, the key awaiting a value or None).
        stack: list[tuple[Any, PathKey, list[Any]]] = []
        root: list[Any] = []
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                if not stack:
                    break
                continue
            if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
                raise _Unusual
            # Where this value goes: under the pending key of a mapping, or at the end of a list.
            if stack:
                container, path, pending = stack[-1]
                if type(container) is dict:
                    if not pending:
                        # A key: a plain scalar, not seen before in this mapping.
                        if kind is not yaml.ScalarEvent:
                            raise _Unusual
                        name = scalar(event)
                        if type(name) is not str or name in container:
                            raise _Unusual
                        mark = event.start_mark
                        key_locations[(*path, name)] = (mark.line + 1, mark.column + 1)
                        pending.append(name)
                        continue
                    key = pending.pop()
                    here: PathKey = (*path, key)
                else:
                    key = len(container)
                    here = (*path, key)
            else:
                if root:
                    raise _Unusual
                here = ()
            mark = event.start_mark
            locations[here] = (mark.line + 1, mark.column + 1)
            value: Any
            if kind is yaml.ScalarEvent:
                value = scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.tag not in (None, "!") or len(stack) >= MAX_DEPTH:
                    raise _Unusual
                value = {} if kind is yaml.MappingStartEvent else []
            else:
                raise _Unusual
            if stack:
                if type(container) is dict:
                    container[key] = value
                else:
                    container.append(value)
            else:
                root.append(value)
            if kind is not yaml.ScalarEvent:
                stack.append((value, here, []))
            elif not stack:
                break
        # The document must end here, and be the only one.
        if not isinstance(get_event(), yaml.DocumentEndEvent) or not isinstance(get_event(), yaml.StreamEndEvent):
            raise _Unusual
    except (_Unusual, yaml.YAMLError, ValueError, KeyError, OverflowError):
        return None
    finally:
        loader.dispose()
    loaded.data = root[0]
    return loaded


def load_text(name: str, raw: bytes) -> LoadedFile:
    """Parse one data file's bytes; raise DataError naming `name` and the line."""
    text = _decode(name, raw)
    if "\t" not in text:  # the careful path refuses a tab anywhere; the fast path would accept some
        fast = _fast_load(name, text)
        if fast is not None:
            return fast
    return _careful_load(name, text)


def _careful_load(name: str, text: str) -> LoadedFile:
    """Compose, then build: slower than `_fast_load`, but reports every problem with its line."""
    node = _compose(name, text)
    loaded = LoadedFile(name=name, data=None)
    if node is None:
        raise DataError(
            [Problem(name, 1, 1, "file is empty", "start it with the list key, e.g. 'terms:', then the items")]
        )
    loaded.data = _Builder(loaded).build(node, ())
    return loaded


def load_file(path: Path, name: str) -> LoadedFile:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(
            [Problem(name, 1, 1, f"cannot read file: {error.strerror}", "check that the file exists and is readable")]
        ) from None
    return load_text(name, raw)
