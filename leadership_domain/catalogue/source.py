"""Reading catalogue YAML while keeping where every value came from (file, line, column).

PyYAML composes a node tree carrying marks; we construct plain data from it and, walking the same
tree, record the mark of every value and every mapping key by its path (a tuple of keys and list
indexes, the same path jsonschema reports). The loader resolves only YAML's JSON-like scalars:
dates stay strings (the schema checks their pattern) and "no"/"off" stay strings, so a language
map keyed by "no" (Norwegian) keeps its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

JsonPath = tuple[str | int, ...]


# libyaml's parser is many times faster than the pure-Python one and gives the same marks.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CatalogueLoader(_SafeLoader):
    """SafeLoader without timestamps and YAML 1.1 yes/no/on/off booleans."""


_CatalogueLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CatalogueLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


@dataclass
class SourceDocument:
    """One YAML document of a catalogue file: its data and where each part of it was written."""

    file: Path
    data: Any
    value_marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: JsonPath, key: bool = False) -> tuple[int, int]:
        """(line, column), 1-based, of the value (or its key) at `path`, or of the nearest
        enclosing value that has a mark."""
        marks = self.key_marks if key and path in self.key_marks else self.value_marks
        for end in range(len(path), -1, -1):
            if path[:end] in marks:
                return marks[path[:end]]
        return (1, 1)

    def problem(self, path: JsonPath, code: str, message: str, key: bool = False) -> Problem:
        line, column = self.locate(path, key)
        return Problem(self.file, line, column, code, message)


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _record(node: yaml.Node, path: JsonPath, document: SourceDocument,
            problems: list[Problem]) -> None:
    document.value_marks[path] = _position(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                line, column = _position(key_node.start_mark)
                problems.append(Problem(document.file, line, column, "duplicate-key",
                                        f"duplicate key {key!r}"))
            seen.add(key)
            document.key_marks[(*path, key)] = _position(key_node.start_mark)
            _record(value_node, (*path, key), document, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _record(child, (*path, index), document, problems)


def read_documents(file: Path) -> tuple[list[SourceDocument], list[Problem]]:
    """Every YAML document in `file`, with marks; YAML syntax errors become problems."""
    problems: list[Problem] = []
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(file, 0, 0, "yaml", f"cannot read file: {error}")]
    loader = _CatalogueLoader(text)
    documents: list[SourceDocument] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            document = SourceDocument(file, loader.construct_document(node))
            _record(node, (), document, problems)
            documents.append(document)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _position(mark) if mark else (0, 0)
        reason = " ".join(part for part in (error.context, error.problem) if part)
        problems.append(Problem(file, line, column, "yaml", f"invalid YAML: {reason}"))
    except yaml.YAMLError as error:
        problems.append(Problem(file, 0, 0, "yaml", f"invalid YAML: {error}"))
    finally:
        loader.dispose()
    return documents, problems
