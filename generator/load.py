"""Read YAML data files into plain Python values, remembering where each value came from.

Why not yaml.safe_load: we need line and column for every value, dates must stay strings
(`2019-03` is ours to parse), and anchors/aliases are refused so an alias bomb cannot
expand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

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

# YAML reads these as line breaks, though an editor shows none.
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


class _Mark(Protocol):
    """Where PyYAML or libyaml saw something: 0-based line and column."""

    line: int
    column: int


# A place in a file: a parser's mark, (line, column) counted from 1, or None for the top of the file.
_Where = _Mark | tuple[int, int] | None


def _problem(name: str, mark: _Where, message: str, hint: str) -> Problem:
    """A problem at a YAML mark, or at (line, column), or at the top of the file."""
    if isinstance(mark, tuple):
        line, column = mark
    else:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem(name, line, column, message, hint)


def _refusal(name: str, mark: _Where, message: str, hint: str) -> DataError:
    """The error that stops reading a file: one problem, at `mark`."""
    return DataError([_problem(name, mark, message, hint)])


def _decode(name: str, raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _refusal(
            name,
            None,
            f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,} limit",
            "split the content or remove the oversized value",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise _refusal(
            name,
            (line, column),
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (most editors: 'Save with encoding')",
        ) from None


def _compose(name: str, text: str) -> yaml.Node | None:
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        column = text.index("\t") - (text.rfind("\n", 0, text.index("\t")) + 1) + 1
        raise _refusal(
            name,
            (line, column),
            "tab character in YAML",
            "indent with spaces only (two per level), and write tabs inside text as spaces",
        )
    try:
        _check_depth(name, text)
        return yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as error:
        # YAML reads U+0085, U+2028 and U+2029 as line breaks that no editor shows: name them, not the
        # syntax error they cause. (Where the file still parses, the schema refuses them in the value.)
        breaks = [
            _problem(name, _position(text, found.start()), invisible_message(found.group()), "delete it, retyping the text around it")
            for found in _HIDDEN_LINE_BREAKS.finditer(text)
        ]
        raise DataError(breaks or [_syntax_problem(name, error)]) from None
    except yaml.reader.ReaderError as error:
        raise DataError([_reader_problem(name, text, error)]) from None
    except yaml.YAMLError as error:
        said = " ".join(str(error).split())
        raise _refusal(name, None, f"YAML error: {said}", "fix the YAML syntax") from None


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
                raise _refusal(
                    name,
                    event.start_mark,
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "the data needs only a few levels; look for unclosed or repeated brackets or dashes",
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


_VALUE_KINDS = {type(None): "null (empty)", bool: "true or false", int: "a number", float: "a number"}


class _Builder:
    """Turns composed YAML nodes into Python values, recording every position."""

    def __init__(self, loaded: LoadedFile):
        self.loaded = loaded
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        if id(node) in self.seen:
            raise _refusal(
                self.loaded.name,
                node.start_mark,
                "YAML anchors and aliases (&name, *name) are not allowed",
                "write the value out in full where it is used",
            )
        self.seen.add(id(node))
        self.loaded.locations[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise self._tag_refusal(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _tag_refusal(self, node: yaml.Node) -> DataError:
        return _refusal(
            self.loaded.name,
            node.start_mark,
            f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
            "remove the tag (the word starting with '!') and write the value plainly; quote text if needed",
        )

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise self._tag_refusal(node)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, OverflowError):
            raise _refusal(
                self.loaded.name,
                node.start_mark,
                f"'{' '.join(str(node.value).split())[:60]}' is not a valid {node.tag.rsplit(':', 1)[-1]}",
                "remove the '!!' tag, or correct the value",
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _refusal(
                    self.loaded.name,
                    key_node.start_mark,
                    "YAML merge keys (<<) are not allowed",
                    "write the keys out in full",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _refusal(
                    self.loaded.name,
                    key_node.start_mark,
                    "a key must be a plain word, not a list or mapping",
                    "write 'key: value', with the key as one word such as 'name'",
                )
            key = self._scalar(key_node)
            if not isinstance(key, str):
                raise _refusal(
                    self.loaded.name,
                    key_node.start_mark,
                    f"key '{key_node.value}' is read as {_VALUE_KINDS.get(type(key), 'a value')}, not a word",
                    "keys are lower-case words such as 'title'; check the spelling and indentation",
                )
            if key in result:
                raise _refusal(
                    self.loaded.name,
                    key_node.start_mark,
                    f"key '{key}' appears twice in this item",
                    "keep one of them",
                )
            self.loaded.key_locations[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*path, key))
        return result


def load_text(name: str, raw: bytes) -> LoadedFile:
    """Parse one data file's bytes; raise DataError naming `name` and the line."""
    text = _decode(name, raw)
    node = _compose(name, text)
    if node is None:
        raise _refusal(name, None, "file is empty", "start it with the list key, e.g. 'terms:', then the items")
    loaded = LoadedFile(name=name, data=None)
    loaded.data = _Builder(loaded).build(node, ())
    return loaded


def display_name(path: Path) -> str:
    """The path as a contributor would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_file(path: Path, name: str) -> LoadedFile:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _refusal(
            name, None, f"cannot read file: {error.strerror}", "check that the file exists and is readable"
        ) from None
    return load_text(name, raw)
