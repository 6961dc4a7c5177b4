"""The catalogue as frozen dataclasses: modules (pages and a quiz), learning paths, the catalogue.

Language maps are read-only mappings from language tag to text. Ids of modules and paths are IRIs
(they are the xAPI activity ids); ids inside them (pages, quiz items, choices, groups, steps,
milestones) are short local ids, stable across versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import framework
from ..errors import UnknownIdError
from ..language_maps import LanguageMap, best_language

SINGLE_CHOICE = "single-choice"
MULTIPLE_CHOICE = "multiple-choice"


@dataclass(frozen=True)
class Image:
    href: str  # as written in the YAML, relative to the module's YAML file (and to its pages)
    path: Path  # absolute path of the file
    alt: LanguageMap


@dataclass(frozen=True)
class VideoLink:
    """A link to a video hosted elsewhere; shown as a link, never embedded or fetched."""

    url: str
    title: LanguageMap


@dataclass(frozen=True)
class Page:
    id: str
    title: LanguageMap
    format: str  # "markdown" or "html"
    sources: Mapping[str, Path]  # language tag -> absolute path of the page body
    images: tuple[Image, ...] = ()
    videos: tuple[VideoLink, ...] = ()

    def body(self, language: str | Iterable[str] | None = None) -> str:
        """The page text (Markdown or HTML, see `format`) in the best available language."""
        return self.sources[best_language(self.sources, language)].read_text(encoding="utf-8")


@dataclass(frozen=True)
class Choice:
    id: str
    text: LanguageMap
    feedback: LanguageMap | None = None


@dataclass(frozen=True)
class QuizItem:
    id: str
    kind: str  # SINGLE_CHOICE or MULTIPLE_CHOICE
    prompt: LanguageMap
    choices: tuple[Choice, ...]
    correct: frozenset[str]
    feedback_correct: LanguageMap
    feedback_incorrect: LanguageMap

    def is_correct(self, selected: str | Iterable[str]) -> bool:
        chosen = {selected} if isinstance(selected, str) else set(selected)
        return chosen == self.correct


@dataclass(frozen=True)
class Quiz:
    pass_mark: float  # scaled 0..1
    items: tuple[QuizItem, ...]

    def score(self, answers: Mapping[str, str | Iterable[str]]) -> float:
        """Scaled score 0..1: the share of items answered correctly (unanswered = wrong)."""
        right = sum(1 for item in self.items
                    if item.id in answers and item.is_correct(answers[item.id]))
        return right / len(self.items)

    def passed(self, scaled_score: float) -> bool:
        return scaled_score >= self.pass_mark


@dataclass(frozen=True)
class ModuleContent:
    pages: tuple[Page, ...]
    quiz: Quiz | None = None


@dataclass(frozen=True)
class Module:
    id: str
    title: LanguageMap
    summary: LanguageMap
    default_language: str
    characteristics: tuple[str, ...]
    levels: tuple[str, ...]
    duration_minutes: int
    content: ModuleContent
    source: Path  # the module's YAML file; content paths are relative to its directory
    practices: tuple[str, ...] = ()
    version: str = "1.0"
    license: str | None = None

    @property
    def directory(self) -> Path:
        return self.source.parent

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the title is available in, default language first."""
        return (self.default_language,
                *sorted(tag for tag in self.title if tag != self.default_language))

    def page_iri(self, page_id: str) -> str:
        return f"{self.id}/pages/{page_id}"

    @property
    def quiz_iri(self) -> str:
        return f"{self.id}/quiz"

    def quiz_item_iri(self, item_id: str) -> str:
        return f"{self.id}/quiz/{item_id}"


@dataclass(frozen=True)
class PathStep:
    id: str
    module: str  # module IRI
    group: str  # id of the group holding the step
    prerequisites: tuple[str, ...] = ()  # step ids that must be satisfied first


@dataclass(frozen=True)
class StepGroup:
    """Steps of which `required` must be satisfied ("N of M"; N == M for a required group)."""

    id: str
    title: LanguageMap
    steps: tuple[str, ...]
    required: int
    description: LanguageMap | None = None

    @property
    def is_elective(self) -> bool:
        return self.required < len(self.steps)


@dataclass(frozen=True)
class Milestone:
    """Reached when every step or group it `requires` is satisfied."""

    id: str
    title: LanguageMap
    requires: tuple[str, ...]  # step ids and/or group ids
    description: LanguageMap | None = None
    due: date | None = None
    due_within_days: int | None = None  # relative to the learner's start on the path


@dataclass(frozen=True)
class LearningPath:
    id: str
    title: LanguageMap
    summary: LanguageMap
    default_language: str
    target_level: str
    groups: tuple[StepGroup, ...]
    steps: tuple[PathStep, ...]  # every step, in path order
    milestones: tuple[Milestone, ...]
    source: Path
    version: str = "1.0"

    def step(self, step_id: str) -> PathStep:
        for candidate in self.steps:
            if candidate.id == step_id:
                return candidate
        raise UnknownIdError("path step", step_id)

    def group(self, group_id: str) -> StepGroup:
        for candidate in self.groups:
            if candidate.id == group_id:
                return candidate
        raise UnknownIdError("step group", group_id)

    @property
    def module_iris(self) -> tuple[str, ...]:
        return tuple(step.module for step in self.steps)

    def steps_for_modules(self, module_iris: Iterable[str]) -> frozenset[str]:
        """Ids of the steps whose module is among `module_iris` (e.g. modules passed in the LRS)."""
        wanted = set(module_iris)
        return frozenset(step.id for step in self.steps if step.module in wanted)

    def step_iri(self, step_id: str) -> str:
        return f"{self.id}/steps/{step_id}"

    def milestone_iri(self, milestone_id: str) -> str:
        return f"{self.id}/milestones/{milestone_id}"


@dataclass(frozen=True)
class Catalogue:
    """Modules and paths by IRI, in load order (files sorted by path)."""

    modules: Mapping[str, Module]
    paths: Mapping[str, LearningPath]
    root: Path | None = None

    def module(self, iri: str) -> Module:
        try:
            return self.modules[iri]
        except KeyError:
            raise UnknownIdError("module", iri) from None

    def path(self, iri: str) -> LearningPath:
        try:
            return self.paths[iri]
        except KeyError:
            raise UnknownIdError("learning path", iri) from None

    def recommended_modules(self, characteristic: str, level: str | None = None
                            ) -> tuple[Module, ...]:
        """Modules developing `characteristic` (for `level`, if given): the most focused first
        (fewest characteristics), then the shortest, then by IRI."""
        framework.characteristic(characteristic)
        if level is not None:
            framework.level(level)
        chosen = [module for module in self.modules.values()
                  if characteristic in module.characteristics
                  and (level is None or level in module.levels)]
        chosen.sort(key=lambda m: (len(m.characteristics), m.duration_minutes, m.id))
        return tuple(chosen)

    def modules_for_level(self, level: str) -> tuple[Module, ...]:
        framework.level(level)
        return tuple(module for module in self.modules.values() if level in module.levels)

    def paths_for_level(self, level: str) -> tuple[LearningPath, ...]:
        framework.level(level)
        return tuple(path for path in self.paths.values() if path.target_level == level)

    def path_modules(self, path_iri: str) -> tuple[Module, ...]:
        """The modules of a path, in step order."""
        return tuple(self.module(iri) for iri in self.path(path_iri).module_iris)

    def paths_containing(self, module_iri: str) -> tuple[LearningPath, ...]:
        return tuple(path for path in self.paths.values() if module_iri in path.module_iris)
