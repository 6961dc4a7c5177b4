"""The one error base class of the shared domain, and the catalogue error carrying its problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class LeadershipDomainError(Exception):
    """Base class of every error raised by `leadership_domain`."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a catalogue, located in a file (line, column 1-based; 0 = unknown).

    `code` names the check that found it (e.g. "schema", "yaml", "unknown-module"), so callers and
    tests can tell problems apart without parsing messages.
    """

    file: Path
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.code}]"


class CatalogueError(LeadershipDomainError):
    """A catalogue could not be loaded. `problems`: every problem found, by file and line."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))


class UnknownIdError(LeadershipDomainError, KeyError):
    """A lookup named an id (characteristic, level, item, module, path...) that does not exist."""

    def __init__(self, kind: str, identifier: str):
        self.kind = kind
        self.identifier = identifier
        super().__init__(f"unknown {kind}: {identifier!r}")

    def __str__(self) -> str:
        return self.args[0]
