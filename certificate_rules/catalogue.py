"""What rules need from the module catalogue: a module's activity IRI and cmi5 moveOn, and a
learning path's required modules and "N of M" elective groups. ``domain_catalogue()`` adapts
the shared leadership_domain catalogue; tests may build a ``Catalogue`` from plain dicts."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import RuleError
from .i18n import _


@dataclass(frozen=True)
class PathSpec:
    id: str
    required: tuple[str, ...]  # module ids
    electives: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (n, module ids)
    iri: str | None = None


@dataclass
class Catalogue:
    modules: dict[str, dict] = field(default_factory=dict)  # id -> {"iri", "move_on"}
    paths: dict[str, PathSpec] = field(default_factory=dict)

    def module_iri(self, ref):
        if "://" in ref or ref.startswith("urn:"):
            return ref
        try:
            return self.modules[ref]["iri"]
        except KeyError:
            raise RuleError(_("unknown module {ref!r}: not in the catalogue").format(ref=ref)
                            ) from None

    def module_move_on(self, ref):
        module = self.modules.get(ref) or {}
        return module.get("move_on") or "CompletedOrPassed"

    def path(self, ref):
        try:
            return self.paths[ref]
        except KeyError:
            raise RuleError(_("unknown learning path {ref!r}: not in the catalogue").format(
                ref=ref)) from None


EMPTY = Catalogue()


def _slug(iri):
    return iri.rstrip("/").rsplit("/", 1)[-1]


def domain_catalogue(catalogue=None):
    """A Catalogue over a leadership_domain catalogue (the sample one by default). Modules and
    paths answer to their IRI and to their last path segment ("feedback-that-helps").
    The domain catalogue records no cmi5 moveOn, so modules default to CompletedOrPassed."""
    if catalogue is None:
        from leadership_domain.samples import sample_catalogue

        catalogue = sample_catalogue()
    modules, paths = {}, {}
    for iri in catalogue.modules:
        modules[iri] = modules[_slug(iri)] = {"iri": iri}
    for iri, path in catalogue.paths.items():
        required, electives = [], []
        for group in path.groups:
            module_iris = tuple(path.step(step_id).module for step_id in group.steps)
            if group.is_elective:
                electives.append((group.required, module_iris))
            else:
                required.extend(module_iris)
        spec = PathSpec(id=iri, required=tuple(required), electives=tuple(electives), iri=iri)
        paths[iri] = paths[_slug(iri)] = spec
    return Catalogue(modules=modules, paths=paths)


def load_domain_catalogue(directory):
    """A Catalogue from a catalogue directory; CatalogueError problems become a RuleError."""
    from leadership_domain.catalogue import CatalogueError, load_catalogue

    try:
        return domain_catalogue(load_catalogue(directory))
    except CatalogueError as exc:
        raise RuleError(_("the catalogue has problems: {first}").format(
            first=exc.problems[0] if exc.problems else exc), file=str(directory)) from None
