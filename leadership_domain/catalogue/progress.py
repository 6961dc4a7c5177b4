"""Where a learner stands on a learning path, given which of its steps they have satisfied.

Pure: the caller decides what satisfies a step (for the XBlock: a "passed" or "completed"
statement for the step's module IRI in the LRS, from wherever it came). A satisfied step counts
even if it was locked: progress made elsewhere is never thrown away.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .model import LearningPath


@dataclass(frozen=True)
class PathProgress:
    satisfied: frozenset[str]  # step ids
    groups_satisfied: frozenset[str]  # group ids whose "N of M" is met
    locked: Mapping[str, tuple[str, ...]]  # unsatisfied step id -> unmet prerequisite step ids
    milestones_reached: tuple[str, ...]  # milestone ids, path order
    next_step: str | None  # first open step in a group not yet satisfied; None when complete
    percent: int  # 0..100: required steps satisfied / required steps, capped per group
    complete: bool  # every group satisfied


def path_progress(path: LearningPath, satisfied_steps: Iterable[str]) -> PathProgress:
    known = {step.id for step in path.steps}
    satisfied = frozenset(step_id for step_id in satisfied_steps if step_id in known)
    groups_satisfied = frozenset(
        group.id for group in path.groups
        if sum(step_id in satisfied for step_id in group.steps) >= group.required)
    locked = {
        step.id: unmet
        for step in path.steps
        if step.id not in satisfied
        and (unmet := tuple(p for p in step.prerequisites if p not in satisfied))
    }
    needed = sum(group.required for group in path.groups)
    done = sum(min(group.required, sum(step_id in satisfied for step_id in group.steps))
               for group in path.groups)
    next_step = next(
        (step.id for step in path.steps
         if step.id not in satisfied and step.id not in locked
         and step.group not in groups_satisfied),
        None,
    )
    reached = satisfied | groups_satisfied
    return PathProgress(
        satisfied=satisfied,
        groups_satisfied=groups_satisfied,
        locked=MappingProxyType(locked),
        milestones_reached=tuple(milestone.id for milestone in path.milestones
                                 if all(required in reached for required in milestone.requires)),
        next_step=next_step,
        percent=100 if needed == 0 else (done * 100) // needed,
        complete=len(groups_satisfied) == len(path.groups),
    )
