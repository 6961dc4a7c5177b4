"""`load_catalogue(directory)`: every *.yaml / *.yml file below a directory, checked, as a model.

Each YAML document declares `kind: module` or `kind: path`. Files may sit in any layout; content
files (pages, images) are named relative to the module's YAML file and must stay inside the
catalogue directory. Every problem found is reported at once, in one `CatalogueError`.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from ..errors import CatalogueError, Problem
from .build import build_module, build_path
from .checks import Documents, run_checks
from .model import Catalogue
from .source import SourceDocument, read_documents
from .validation import validate_document


def catalogue_files(directory: Path) -> list[Path]:
    """The catalogue's YAML files, sorted, skipping hidden files and directories."""
    found = [*directory.rglob("*.yaml"), *directory.rglob("*.yml")]
    return sorted(file for file in found
                  if file.is_file()
                  and not any(part.startswith(".") for part in file.relative_to(directory).parts))


def read_catalogue(directory: str | Path) -> tuple[Documents, list[Problem]]:
    """The schema-valid documents of a catalogue and every problem found (without building)."""
    root = Path(directory)
    if not root.is_dir():
        return Documents((), (), root), [Problem(root, 0, 0, "not-found",
                                                 "catalogue directory not found")]
    files = catalogue_files(root)
    if not files:
        return Documents((), (), root), [Problem(root, 0, 0, "not-found",
                                                 "no *.yaml catalogue files in the directory")]
    problems: list[Problem] = []
    valid: list[SourceDocument] = []
    unchecked_module_ids: set[str] = set()
    unreadable = False
    for file in files:
        documents, read_problems = read_documents(file)
        problems += read_problems
        unreadable = unreadable or any(p.code == "yaml" for p in read_problems)
        for document in documents:
            schema_problems = validate_document(document)
            problems += schema_problems
            if not schema_problems:
                valid.append(document)
            elif isinstance(document.data, dict) and document.data.get("kind") == "module":
                unchecked_module_ids.add(str(document.data.get("id")))
    documents = Documents(
        modules=tuple(d for d in valid if d.data["kind"] == "module"),
        paths=tuple(d for d in valid if d.data["kind"] == "path"),
        root=root,
        unchecked_module_ids=frozenset(unchecked_module_ids),
        unreadable_files=unreadable,
    )
    return documents, problems + run_checks(documents)


def load_catalogue(directory: str | Path) -> Catalogue:
    """Load, validate and check the catalogue in `directory`; raises `CatalogueError`."""
    documents, problems = read_catalogue(directory)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(
        modules=MappingProxyType({d.data["id"]: build_module(d) for d in documents.modules}),
        paths=MappingProxyType({d.data["id"]: build_path(d) for d in documents.paths}),
        root=Path(directory).resolve(),
    )
