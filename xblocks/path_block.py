"""The learning-path tracker XBlock: a catalogue path with each step's status read from the LRS
(whatever emitted the statements), progress, the next step, locks, milestones and due date."""

from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Integer, Scope, String

from . import catalogue
from .base import LeadershipBlockMixin
from .path.tracker import PathTrackerMixin
from .rendering import language_of
from .studio import StudioEditingMixin
from .xapi.status import empty_state


def _(text):
    return text


@XBlock.needs("i18n")
@XBlock.wants("user", "settings")
class LearningPathBlock(PathTrackerMixin, StudioEditingMixin, LeadershipBlockMixin, XBlock):
    display_name = String(display_name=_("Display name"), scope=Scope.settings,
                          default=_("Your learning path"))
    path_id = String(display_name=_("Learning path"), scope=Scope.settings, default="",
                     help=_("The IRI of a path in the catalogue."))
    due_date = String(display_name=_("Due date"), scope=Scope.settings, default="",
                      help=_("YYYY-MM-DD, or empty for none."))

    lrs_state = Dict(scope=Scope.user_state, default=empty_state(),
                     help="Last known statuses read from the LRS, and where reading resumes.")
    reported_percent = Integer(scope=Scope.user_state, default=0)
    path_completed = Boolean(scope=Scope.user_state, default=False)
    started_on = String(scope=Scope.user_state, default="")

    editable_fields = ("display_name", "path_id", "due_date")

    def student_view(self, context=None):
        return self.fragment("path.html", "LearningPathBlock", body=self.render_body(),
                             block=self)

    def author_view(self, context=None):
        """Studio's preview: no LRS read, no statement, no state for the author."""
        return self.fragment("path.html", "LearningPathBlock", body=self.render_preview(),
                             block=self)

    def student_view_data(self, context=None):
        """For the mobile apps: the path, each step's status, progress and what comes next."""
        if not self.path_id:
            return {"display_name": self.display_name, "path": None}
        path, found, state, source = self.current_progress()
        self.save()
        return {
            "display_name": self.display_name, "due_date": self.due_date or None,
            "path": {"id": path.id, "title": path.title, "summary": path.summary},
            "progress_percent": found.percent, "complete": found.complete,
            "next_step": found.next_step.step.id if found.next_step else None,
            "steps": [{"id": p.step.id, "module": p.step.module, "title": p.step.title,
                       "group": p.group.id, "status": p.status, "locked_by": p.locked_by}
                      for p in found.steps],
            "groups": [{"id": g.id, "title": g.title, "needed": g.needed, "done": done}
                       for g, done in found.groups],
            "milestones": [{"id": m.milestone.id, "title": m.milestone.title,
                            "reached": m.reached, "due": m.due.isoformat() if m.due else None,
                            "overdue": m.overdue} for m in found.milestones],
            "lrs": {"source": source, "checked_at": state.get("checked_at")},
        }

    # -- Studio ----------------------------------------------------------------------------------
    def _catalogue(self):
        return catalogue.load(catalogue.catalogue_dir(self))

    def studio_fields(self):
        t = self.gettext
        return [
            {"name": "display_name", "label": t("Display name"), "kind": "text"},
            {"name": "path_id", "label": t("Learning path"), "kind": "select",
             "choices": catalogue.path_choices(self._catalogue(), language_of(self.i18n))},
            {"name": "due_date", "label": t("Due date"), "kind": "date",
             "help": t("Optional. YYYY-MM-DD.")},
        ]

    def studio_schema(self):
        return {
            "display_name": {"required": True, "max_length": 200},
            "path_id": {"required": True, "one_of": tuple(self._catalogue().paths)},
            "due_date": {"iso_date": True},
        }

    @staticmethod
    def workbench_scenarios():
        from .workbench import scenario_path_id
        path_id = scenario_path_id()
        return [("Learning path tracker",
                 f'<learning_path path_id="{path_id}" due_date="2027-06-30"/>')]
