"""The module catalogue and learning paths: model, YAML loading with JSON Schema and semantic
checks (errors name file and line), and path progress."""

from ..errors import CatalogueError, Problem
from .loader import catalogue_files, load_catalogue, read_catalogue
from .model import (
    MULTIPLE_CHOICE,
    SINGLE_CHOICE,
    Catalogue,
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
from .progress import PathProgress, path_progress
from .validation import schema

__all__ = [
    "MULTIPLE_CHOICE", "SINGLE_CHOICE", "Catalogue", "CatalogueError", "Choice", "Image",
    "LearningPath", "Milestone", "Module", "ModuleContent", "Page", "PathProgress", "PathStep",
    "Problem", "Quiz", "QuizItem", "StepGroup", "VideoLink", "catalogue_files", "load_catalogue",
    "path_progress", "read_catalogue", "schema",
]
