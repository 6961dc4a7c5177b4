"""The path tracker's behaviour apart from the XBlock class: reading statuses from the LRS,
reporting progress (xAPI "progressed", then "completed" for the path), the view model."""

import datetime
import logging

from xblock.core import XBlock

from leadership_domain.errors import LeadershipDomainError

from .. import catalogue, events
from ..rendering import language_of
from ..xapi.status import READER
from . import progress

log = logging.getLogger(__name__)
STATUS_LABELS = {"not_started": "Not started", "in_progress": "In progress",
                 "completed": "Completed", "passed": "Passed"}


class PathTrackerMixin:
    def path_model(self):
        directory = catalogue.catalogue_dir(self)
        return catalogue.path_view(directory, self.path_id, language_of(self.i18n))

    def read_statuses(self, path, force=False):
        """``(state, source)``: source "lrs", "cache", "offline" or "off" (no LRS configured)."""
        config = self.lrs
        if not config.enabled:
            return self.lrs_state, "off"
        iris = [step.module for step in path.steps()]
        state, source = READER.read(self.lrs_client(), self.actor_json(), iris, self.lrs_state,
                                    config.status_cache_seconds, force=force)
        if source == "lrs" and state != self.lrs_state:
            self.lrs_state = state
        return state, source

    def current_progress(self, force=False):
        path = self.path_model()
        if not self.started_on:
            self.started_on = datetime.date.today().isoformat()
        state, source = self.read_statuses(path, force)
        found = progress.compute(path, state.get("statuses") or {},
                                 started=datetime.date.fromisoformat(self.started_on))
        self.report(path, found)
        return path, found, state, source

    def report(self, path, found):
        """Tell the LRS and the completion API about progress made since last time."""
        if found.percent <= self.reported_percent:
            return
        self.reported_percent = found.percent
        basics = {"path_id": path.id, "path_title": path.title}
        self.emit(events.PATH_PROGRESSED, {
            **basics, "progress": found.percent,
            "milestones_reached": [m.milestone.id for m in found.milestones if m.reached]})
        if found.complete and not self.path_completed:
            self.path_completed = True
            self.emit(events.PATH_COMPLETED, basics)
        self.publish_completion(found.percent / 100)

    def render_body(self, force=False):
        if not self.path_id:
            return self.render_template("path_body.html", block=self, path=None, missing=False)
        try:
            path, found, state, source = self.current_progress(force)
        except LeadershipDomainError:  # path gone from the catalogue, or catalogue broken
            log.exception("learning path %s cannot be shown", self.path_id)
            return self.render_template("path_body.html", block=self, path=None, missing=True)
        self.save()
        checked = state.get("checked_at")
        return self.render_template(
            "path_body.html", block=self, path=path, progress=found, source=source,
            checked_at=(datetime.datetime.fromtimestamp(checked, datetime.UTC)
                        .strftime("%Y-%m-%d %H:%M UTC") if checked else None),
            due=self._due_date(), today=datetime.date.today(), uid=self.dom_id(),
            status_labels={k: self.gettext(v) for k, v in STATUS_LABELS.items()})

    def render_preview(self):
        """For Studio: the path as a new learner sees it, without reading or writing the LRS."""
        try:
            path = self.path_model() if self.path_id else None
        except LeadershipDomainError:
            path = None
        if path is None:
            return self.render_template("path_body.html", block=self, path=None,
                                        missing=bool(self.path_id))
        return self.render_template(
            "path_body.html", block=self, path=path, progress=progress.compute(path, {}),
            source="preview", checked_at=None, due=self._due_date(),
            today=datetime.date.today(), uid=self.dom_id(),
            status_labels={k: self.gettext(v) for k, v in STATUS_LABELS.items()})

    def _due_date(self):
        try:
            return datetime.date.fromisoformat(self.due_date) if self.due_date else None
        except ValueError:
            return None

    @XBlock.json_handler
    def refresh(self, data, suffix=""):
        """Read the LRS now (the learner finished a module elsewhere and wants to see it)."""
        return {"html": self.render_body(force=True),
                "message": self.gettext("Progress updated.")}
