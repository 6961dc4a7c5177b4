"""Building the frozen model from checked catalogue documents (plain data with known shape)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MappingProxyType

from .model import (
    Choice,
    Image,
    LearningPath,
    Milestone,
    Module,
    ModuleContent,
    Page,
    PathStep,
    Quiz,
    QuizItem,
    StepGroup,
    VideoLink,
)
from .source import SourceDocument

_PAGE_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def _text(language_map: dict | None) -> MappingProxyType | None:
    return None if language_map is None else MappingProxyType(dict(language_map))


def _page(data: dict, directory: Path, default_language: str) -> Page:
    sources = {default_language: (directory / data["file"]).resolve()}
    for language, file in data.get("translations", {}).items():
        sources[language] = (directory / file).resolve()
    return Page(
        id=data["id"],
        title=_text(data["title"]),
        format=_PAGE_FORMATS.get(Path(data["file"]).suffix.lower(), "markdown"),
        sources=MappingProxyType(sources),
        images=tuple(Image(image["file"], (directory / image["file"]).resolve(),
                           _text(image["alt"])) for image in data.get("images", [])),
        videos=tuple(VideoLink(video["url"], _text(video["title"]))
                     for video in data.get("videos", [])),
    )


def _quiz(data: dict | None) -> Quiz | None:
    if data is None:
        return None
    return Quiz(
        pass_mark=float(data["pass_mark"]),
        items=tuple(
            QuizItem(
                id=item["id"],
                kind=item["type"],
                prompt=_text(item["prompt"]),
                choices=tuple(Choice(choice["id"], _text(choice["text"]),
                                     _text(choice.get("feedback")))
                              for choice in item["choices"]),
                correct=frozenset(item["correct"]),
                feedback_correct=_text(item["feedback"]["correct"]),
                feedback_incorrect=_text(item["feedback"]["incorrect"]),
            )
            for item in data["items"]
        ),
    )


def build_module(document: SourceDocument) -> Module:
    data, directory = document.data, document.file.parent
    return Module(
        id=data["id"],
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        default_language=data["default_language"],
        characteristics=tuple(data["characteristics"]),
        levels=tuple(data["levels"]),
        duration_minutes=data["duration_minutes"],
        content=ModuleContent(
            pages=tuple(_page(page, directory, data["default_language"])
                        for page in data["pages"]),
            quiz=_quiz(data.get("quiz")),
        ),
        source=document.file.resolve(),
        practices=tuple(data.get("practices", ())),
        version=str(data.get("version", "1.0")),
        license=data.get("license"),
    )


def build_path(document: SourceDocument) -> LearningPath:
    data = document.data
    groups, steps = [], []
    for group in data["groups"]:
        step_ids = tuple(step["id"] for step in group["steps"])
        required = len(step_ids) if group["required"] == "all" else group["required"]
        groups.append(StepGroup(group["id"], _text(group["title"]), step_ids, required,
                                _text(group.get("description"))))
        steps += [PathStep(step["id"], step["module"], group["id"],
                           tuple(step.get("prerequisites", ()))) for step in group["steps"]]
    milestones = tuple(
        Milestone(
            id=milestone["id"],
            title=_text(milestone["title"]),
            requires=tuple(milestone["requires"]),
            description=_text(milestone.get("description")),
            due=date.fromisoformat(milestone["due"]) if "due" in milestone else None,
            due_within_days=milestone.get("due_within_days"),
        )
        for milestone in data.get("milestones", [])
    )
    return LearningPath(
        id=data["id"],
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        default_language=data["default_language"],
        target_level=data["target_level"],
        groups=tuple(groups),
        steps=tuple(steps),
        milestones=milestones,
        source=document.file.resolve(),
        version=str(data.get("version", "1.0")),
    )
