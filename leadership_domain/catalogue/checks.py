"""Semantic checks of schema-valid catalogue documents, across files.

A dict from check name (the problem's `code`) to a small function yielding findings: the document,
the path inside it, the message and whether to point at the key. `run_checks` drives them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import framework
from ..errors import Problem
from .source import JsonPath, SourceDocument

Finding = tuple[SourceDocument, JsonPath, str]


@dataclass(frozen=True)
class Documents:
    modules: tuple[SourceDocument, ...]
    paths: tuple[SourceDocument, ...]
    root: Path
    # Ids of modules whose documents failed the schema: still known, so paths naming them do
    # not get a second, misleading "unknown module" problem.
    unchecked_module_ids: frozenset[str] = frozenset()
    # True when some file could not be read or parsed: its modules are unknown.
    unreadable_files: bool = False

    @property
    def all(self) -> tuple[SourceDocument, ...]:
        return self.modules + self.paths


def _where(document: SourceDocument, path: JsonPath) -> str:
    line, _ = document.locate(path)
    return f"{document.file}:{line}"


def _duplicates(document: SourceDocument, entries: list[tuple[JsonPath, str]]
                ) -> Iterator[Finding]:
    first: dict[str, JsonPath] = {}
    for path, identifier in entries:
        if identifier in first:
            yield document, path, (f"duplicate id {identifier!r} "
                                   f"(first used at {_where(document, first[identifier])})")
        else:
            first[identifier] = path


def duplicate_ids(documents: Documents) -> Iterator[Finding]:
    first: dict[str, SourceDocument] = {}
    for document in documents.all:
        iri = document.data["id"]
        if iri in first:
            yield document, ("id",), (f"{iri} is already defined at "
                                      f"{_where(first[iri], ('id',))}")
        else:
            first[iri] = document


def _local_ids(document: SourceDocument) -> Iterator[list[tuple[JsonPath, str]]]:
    data = document.data
    if data["kind"] == "module":
        yield [(("pages", i, "id"), page["id"]) for i, page in enumerate(data["pages"])]
        items = data.get("quiz", {}).get("items", [])
        yield [(("quiz", "items", i, "id"), item["id"]) for i, item in enumerate(items)]
        for i, item in enumerate(items):
            yield [(("quiz", "items", i, "choices", j, "id"), choice["id"])
                   for j, choice in enumerate(item["choices"])]
    else:  # steps, groups and milestones share one namespace: milestones name steps or groups
        entries = []
        for g, group in enumerate(data["groups"]):
            entries.append((("groups", g, "id"), group["id"]))
            entries += [(("groups", g, "steps", s, "id"), step["id"])
                        for s, step in enumerate(group["steps"])]
        entries += [(("milestones", m, "id"), milestone["id"])
                    for m, milestone in enumerate(data.get("milestones", []))]
        yield entries


def duplicate_local_ids(documents: Documents) -> Iterator[Finding]:
    for document in documents.all:
        for entries in _local_ids(document):
            yield from _duplicates(document, entries)


def _unknown(document: SourceDocument, key: str, known: tuple[str, ...], what: str
             ) -> Iterator[Finding]:
    for i, identifier in enumerate(document.data.get(key, [])):
        if identifier not in known:
            yield document, (key, i), (f"unknown {what} {identifier!r}; "
                                       f"expected one of {', '.join(known)}")


def unknown_characteristics(documents: Documents) -> Iterator[Finding]:
    for document in documents.modules:
        yield from _unknown(document, "characteristics", framework.CHARACTERISTIC_IDS,
                            "characteristic")


def unknown_practices(documents: Documents) -> Iterator[Finding]:
    for document in documents.modules:
        yield from _unknown(document, "practices", framework.PRACTICE_IDS, "practice")


def unknown_levels(documents: Documents) -> Iterator[Finding]:
    for document in documents.modules:
        yield from _unknown(document, "levels", framework.LEVEL_IDS, "level")
    for document in documents.paths:
        if document.data["target_level"] not in framework.LEVEL_IDS:
            yield document, ("target_level",), (
                f"unknown level {document.data['target_level']!r}; "
                f"expected one of {', '.join(framework.LEVEL_IDS)}")


def _steps(document: SourceDocument) -> Iterator[tuple[JsonPath, dict]]:
    for g, group in enumerate(document.data["groups"]):
        for s, step in enumerate(group["steps"]):
            yield ("groups", g, "steps", s), step


def unknown_modules(documents: Documents) -> Iterator[Finding]:
    known = {document.data["id"] for document in documents.modules}
    known |= documents.unchecked_module_ids
    for document in documents.paths:
        seen: set[str] = set()
        for path, step in _steps(document):
            if step["module"] not in known:
                hint = (" (or defined in a catalogue file that could not be read)"
                        if documents.unreadable_files else "")
                yield document, (*path, "module"), f"unknown module {step['module']}{hint}"
            elif step["module"] in seen:
                yield document, (*path, "module"), f"module {step['module']} is used twice"
            seen.add(step["module"])


def unknown_steps(documents: Documents) -> Iterator[Finding]:
    for document in documents.paths:
        steps = {step["id"] for _, step in _steps(document)}
        groups = {group["id"] for group in document.data["groups"]}
        for path, step in _steps(document):
            for p, prerequisite in enumerate(step.get("prerequisites", [])):
                if prerequisite not in steps:
                    yield document, (*path, "prerequisites", p), (
                        f"prerequisite {prerequisite!r} is not a step of this path")
        for m, milestone in enumerate(document.data.get("milestones", [])):
            for r, required in enumerate(milestone["requires"]):
                if required not in steps | groups:
                    yield document, ("milestones", m, "requires", r), (
                        f"milestone requires {required!r}, which is neither a step nor a group")


def _cycle_from(start: str, needs: dict[str, list[str]], done: set[str]) -> list[str] | None:
    """A prerequisite cycle reachable from `start` (depth first), as step ids, or None."""
    trail: list[str] = []

    def visit(step_id: str) -> list[str] | None:
        if step_id in trail:
            return trail[trail.index(step_id):] + [step_id]
        if step_id in done:
            return None
        trail.append(step_id)
        for prerequisite in needs[step_id]:
            cycle = visit(prerequisite)
            if cycle:
                return cycle
        trail.pop()
        done.add(step_id)
        return None

    return visit(start)


def prerequisite_cycles(documents: Documents) -> Iterator[Finding]:
    for document in documents.paths:
        where = {step["id"]: path for path, step in _steps(document)}
        needs = {step["id"]: [p for p in step.get("prerequisites", []) if p in where]
                 for _, step in _steps(document)}
        done: set[str] = set()
        for start in needs:
            cycle = _cycle_from(start, needs, done)
            if cycle:
                done.update(cycle)
                yield document, (*where[cycle[0]], "prerequisites"), (
                    "prerequisites form a cycle: " + " -> ".join(cycle))


def group_sizes(documents: Documents) -> Iterator[Finding]:
    for document in documents.paths:
        for g, group in enumerate(document.data["groups"]):
            required, total = group["required"], len(group["steps"])
            if required != "all" and required > total:
                yield document, ("groups", g, "required"), (
                    f"group requires {required} steps but has only {total}")


def _content_files(data: dict) -> Iterator[tuple[JsonPath, str]]:
    for p, page in enumerate(data["pages"]):
        yield ("pages", p, "file"), page["file"]
        for language, file in page.get("translations", {}).items():
            yield ("pages", p, "translations", language), file
        for i, image in enumerate(page.get("images", [])):
            yield ("pages", p, "images", i, "file"), image["file"]


def missing_files(documents: Documents) -> Iterator[Finding]:
    root = documents.root.resolve()
    for document in documents.modules:
        for path, relative in _content_files(document.data):
            target = (document.file.parent / relative).resolve()
            if not target.is_relative_to(root):
                yield document, path, f"{relative} is outside the catalogue directory"
            elif not target.is_file():
                yield document, path, f"content file {relative} not found"


def quiz_answers(documents: Documents) -> Iterator[Finding]:
    for document in documents.modules:
        for i, item in enumerate(document.data.get("quiz", {}).get("items", [])):
            choices = {choice["id"] for choice in item["choices"]}
            for c, answer in enumerate(item["correct"]):
                if answer not in choices:
                    yield document, ("quiz", "items", i, "correct", c), (
                        f"correct answer {answer!r} is not one of the choices")
            if item["type"] == "single-choice" and len(set(item["correct"])) != 1:
                yield document, ("quiz", "items", i, "correct"), (
                    "a single-choice item has exactly one correct answer")


def default_language(documents: Documents) -> Iterator[Finding]:
    for document in documents.all:
        language = document.data["default_language"]
        for key in ("title", "summary"):
            if language not in document.data[key]:
                yield document, (key,), f"{key} has no text in the default language {language!r}"


def invalid_dates(documents: Documents) -> Iterator[Finding]:
    for document in documents.paths:
        for m, milestone in enumerate(document.data.get("milestones", [])):
            if "due" in milestone:
                try:
                    date.fromisoformat(milestone["due"])
                except ValueError:
                    yield document, ("milestones", m, "due"), f"{milestone['due']} is not a date"


CHECKS: dict[str, Callable[[Documents], Iterator[Finding]]] = {
    "duplicate-id": duplicate_ids,
    "duplicate-local-id": duplicate_local_ids,
    "unknown-characteristic": unknown_characteristics,
    "unknown-practice": unknown_practices,
    "unknown-level": unknown_levels,
    "unknown-module": unknown_modules,
    "unknown-step": unknown_steps,
    "prerequisite-cycle": prerequisite_cycles,
    "group-size": group_sizes,
    "missing-file": missing_files,
    "quiz-answer": quiz_answers,
    "default-language": default_language,
    "invalid-date": invalid_dates,
}


def run_checks(documents: Documents) -> list[Problem]:
    return [document.problem(path, code, message)
            for code, check in CHECKS.items()
            for document, path, message in check(documents)]
