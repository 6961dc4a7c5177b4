"""Progress through a learning path as the tracker shows it.

The rules (a step is satisfied once completed or passed; "N of M" groups; locks by unmet
prerequisites; percent; next step) are the shared domain's ``path_progress``, so the tracker and
the certificate rules agree. Here they are joined with each step's status from the LRS, the
titles in the learner's language, and milestone due dates.
"""

import datetime
from dataclasses import dataclass, field

from leadership_domain.catalogue import path_progress

from ..xapi.status import COMPLETED, NOT_STARTED, PASSED

DONE = {COMPLETED, PASSED}


@dataclass(frozen=True)
class Step:
    id: str
    module: str  # the module's activity IRI
    title: str
    prerequisites: tuple = ()
    summary: str = ""
    duration_minutes: int = 0


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    needed: int  # N of "N of M" (M for a group where every step is required)
    steps: tuple


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    requires: tuple  # step ids and/or group ids
    due: datetime.date | None = None
    due_within_days: int = 0


@dataclass(frozen=True)
class Path:
    """A catalogue path with titles in one language; ``model`` is the domain's LearningPath."""

    id: str
    title: str
    summary: str
    groups: tuple
    milestones: tuple
    model: object = field(compare=False, repr=False)

    def steps(self):
        return [step for group in self.groups for step in group.steps]


@dataclass
class StepProgress:
    step: Step
    group: Group
    status: str
    locked_by: list = field(default_factory=list)  # titles of unmet prerequisites

    @property
    def done(self):
        return self.status in DONE


@dataclass
class MilestoneProgress:
    milestone: Milestone
    reached: bool
    due: datetime.date | None
    overdue: bool


@dataclass
class PathProgress:
    steps: list
    groups: list  # [(group, steps done, capped at needed)]
    percent: int
    complete: bool
    next_step: StepProgress | None
    milestones: list


def _due(milestone, started):
    if milestone.due:
        return milestone.due
    if milestone.due_within_days and started:
        return started + datetime.timedelta(days=milestone.due_within_days)
    return None


def compute(path, statuses, today=None, started=None):
    """``PathProgress`` for ``statuses`` ({module IRI: status}); ``started`` dates relative dues."""
    today = today or datetime.date.today()
    status_of = {step.id: statuses.get(step.module, NOT_STARTED) for step in path.steps()}
    core = path_progress(path.model, [s for s, status in status_of.items() if status in DONE])
    titles = {step.id: step.title for step in path.steps()}
    steps, groups = [], []
    for group in path.groups:
        for step in group.steps:
            locked_by = [titles[p] for p in core.locked.get(step.id, ())]
            steps.append(StepProgress(step, group, status_of[step.id], locked_by))
        done = sum(1 for step in group.steps if step.id in core.satisfied)
        groups.append((group, min(done, group.needed)))
    next_step = next((p for p in steps if p.step.id == core.next_step), None)
    milestones = []
    for milestone in path.milestones:
        reached = milestone.id in core.milestones_reached
        due = _due(milestone, started)
        milestones.append(MilestoneProgress(milestone, reached, due,
                                            bool(due and not reached and today > due)))
    return PathProgress(steps, groups, core.percent, core.complete, next_step, milestones)
