"""The module catalogue the blocks show: the shared domain's, loaded once per process.

Operators may point ``CATALOGUE_DIR`` (settings bucket or ``LEADERSHIP_XBLOCKS_CATALOGUE_DIR``)
at their own catalogue; by default the sample catalogue shipped with ``leadership_domain``.
Titles are language maps: ``text()`` picks the best one for the learner's language.
"""

import functools
import os

from leadership_domain import samples
from leadership_domain.catalogue import load_catalogue
from leadership_domain.language_maps import best_text

from .path import progress


def catalogue_dir(block=None):
    configured = os.environ.get("LEADERSHIP_XBLOCKS_CATALOGUE_DIR", "")
    service = block.runtime.service(block, "settings") if block is not None else None
    if service is not None:
        configured = (service.get_settings_bucket(block) or {}).get("CATALOGUE_DIR") or configured
    return configured or _sample_dir()


def _sample_dir():
    return str(samples.sample_catalogue_path())


@functools.cache
def load(directory):
    return load_catalogue(directory)


def text(language_map, language):
    return best_text(language_map, language)


def path_choices(catalogue, language):
    return [(iri, text(path.title, language)) for iri, path in catalogue.paths.items()]


def recommended(catalogue, characteristic, level, language, limit=2):
    """A few modules developing ``characteristic`` at ``level`` (any level if none fits)."""
    modules = (catalogue.recommended_modules(characteristic, level)
               or catalogue.recommended_modules(characteristic))
    return [{"id": m.id, "title": text(m.title, language), "summary": text(m.summary, language),
             "minutes": m.duration_minutes} for m in modules[:limit]]


@functools.cache
def path_view(directory, path_iri, language):
    """The path as ``progress.Path`` (titles in ``language``), cached per process."""
    catalogue = load(directory)
    path = catalogue.path(path_iri)
    steps = {}
    for step in path.steps:
        module = catalogue.module(step.module)
        steps[step.id] = progress.Step(
            id=step.id, module=step.module, title=text(module.title, language),
            prerequisites=tuple(step.prerequisites), summary=text(module.summary, language),
            duration_minutes=module.duration_minutes)
    groups = tuple(
        progress.Group(id=group.id, title=text(group.title, language),
                       needed=group.required, steps=tuple(steps[s] for s in group.steps))
        for group in path.groups)
    milestones = tuple(
        progress.Milestone(id=m.id, title=text(m.title, language), requires=tuple(m.requires),
                           due=m.due, due_within_days=m.due_within_days or 0)
        for m in path.milestones)
    return progress.Path(id=path.id, title=text(path.title, language),
                         summary=text(path.summary, language), groups=groups,
                         milestones=milestones, model=path)
