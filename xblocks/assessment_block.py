"""The leadership assessment XBlock: a self-assessment (optionally multi-rater) against the UN
System Leadership Framework, with results per characteristic, development areas and history."""

from xblock.core import XBlock
from xblock.fields import Dict, List, Scope, String

from leadership_domain import framework

from . import catalogue
from .assessment import multirater
from .assessment.handlers import AssessmentHandlersMixin
from .assessment.report import ReportMixin
from .assessment.results import chart, rows
from .base import LeadershipBlockMixin
from .rendering import language_of
from .studio import StudioEditingMixin

MODES = ("self", "multi-rater")


def _(text):
    """Marks field labels for extraction; the runtime translates them where they are shown."""
    return text


@XBlock.needs("i18n")
@XBlock.wants("user", "settings")
class LeadershipAssessmentBlock(AssessmentHandlersMixin, ReportMixin, StudioEditingMixin,
                                LeadershipBlockMixin, XBlock):
    display_name = String(display_name=_("Display name"), scope=Scope.settings,
                          default=_("Leadership self-assessment"))
    intro = String(display_name=_("Introduction"), scope=Scope.settings, default="",
                   help=_("Shown above the statements. Plain text."))
    level = String(display_name=_("Level"), scope=Scope.settings,
                   default="first-reporting-officer", values=list(framework.LEVEL_IDS))
    item_set = String(display_name=_("Item set"), scope=Scope.settings, default="core",
                      values=list(framework.ITEM_SETS))
    characteristics = List(display_name=_("Characteristics"), scope=Scope.settings, default=[],
                           help=_("Leave empty for all eight."))
    mode = String(display_name=_("Mode"), scope=Scope.settings, default="self",
                  values=list(MODES))

    history = List(scope=Scope.user_state, default=[],
                   help="Every submitted self-assessment, oldest first (retakes are kept).")
    invitations = List(scope=Scope.user_state, default=[], help="This learner's rater codes.")
    rated_codes = List(scope=Scope.user_state, default=[],
                       help="Codes this learner answered as a rater (stops double rating).")
    pending_ratings = Dict(scope=Scope.user_state, default={},
                           help="This rater's answers until the owner holds them (rater_store).")
    received_ratings = Dict(scope=Scope.user_state, default={},
                            help="Anonymous answers given for this learner's codes.")
    rater_registry = Dict(scope=Scope.user_state_summary, default={},
                          help="Codes, roles and anonymous answers; a meeting point, never the "
                               "only copy (see assessment/rater_store).")

    editable_fields = ("display_name", "intro", "level", "item_set", "characteristics", "mode")

    # -- content ---------------------------------------------------------------------------------
    def assessment_items(self):
        return framework.items(self.level, self.item_set,
                               tuple(self.characteristics) if self.characteristics else None)

    def _item_groups(self):
        """Items grouped by characteristic, in framework order, for the form."""
        groups = {}
        for item in self.assessment_items():
            groups.setdefault(item.characteristic, []).append(item)
        return [(framework.characteristic(c), found) for c, found in groups.items()]

    def _results_view(self, entry, others=None):
        language = language_of(self.i18n)
        series = [(self.gettext("You"), entry["means"])]
        if others:
            series.append((self.gettext("Others"), others))
        table = rows(entry["level"], series, self.characteristics or None)
        directory = catalogue.catalogue_dir(self)
        cat = catalogue.load(directory)
        areas = [{"characteristic": framework.characteristic(c),
                  "modules": catalogue.recommended(cat, c, entry["level"], language)}
                 for c in entry["areas"]]
        return {"rows": table, "chart": chart(table, len(series)),
                "series": [label for label, _means in series], "areas": areas,
                "level": framework.level(entry["level"])}

    def render_body(self, draft=None, show_form=False, rating=None):
        latest = self.history[-1] if self.history else None
        group_view = None
        if self.mode == "multi-rater":
            if self.reconcile_ratings():
                self.save()
            group_view = multirater.group_results(self.level, self.rater_registry,
                                                  self.invitations, self.received_ratings)
        results = None
        if latest:
            results = self._results_view(latest, group_view and group_view["others"])
        return self.render_template(
            "assessment_body.html", block=self, latest=latest, results=results,
            history=self._history_rows(), item_groups=self._item_groups(),
            scale=framework.FREQUENCY_SCALE, draft=draft if isinstance(draft, dict) else {},
            show_form=show_form or not latest, rating=rating, groups=group_view,
            roles=multirater.ROLES, invitations=self.invitations,
            prompt=framework.RATER_PROMPT if rating else framework.SELF_PROMPT,
            level=framework.level(self.level), uid=self.dom_id(),
            role_labels={"peer": self.gettext("Peers"),
                         "direct-report": self.gettext("Direct reports"),
                         "supervisor": self.gettext("Supervisor")})

    def _history_rows(self):
        ids = [c for c in framework.CHARACTERISTIC_IDS
               if not self.characteristics or c in self.characteristics]
        return {"characteristics": [framework.characteristic(c) for c in ids],
                "entries": [{"at": e["at"], "level": framework.level(e["level"]),
                             "means": [e["means"].get(c) for c in ids]}
                            for e in reversed(self.history)]}

    # -- views -----------------------------------------------------------------------------------
    def student_view(self, context=None):
        return self.fragment("assessment.html", "LeadershipAssessmentBlock",
                             body=self.render_body(), block=self)

    def student_view_data(self, context=None):
        """For the mobile apps: the items, the scale and this learner's history."""
        return {
            "display_name": self.display_name, "intro": self.intro, "level": self.level,
            "item_set": self.item_set, "mode": self.mode,
            "prompt": self.gettext(framework.SELF_PROMPT),
            "scale": [{"id": o.id, "value": o.value, "label": self.gettext(o.label)}
                      for o in framework.FREQUENCY_SCALE],
            "items": [{"id": i.id, "characteristic": i.characteristic,
                       "text": self.gettext(i.text)} for i in self.assessment_items()],
            "expected": {c: framework.expected_score(c, self.level)
                         for c in framework.CHARACTERISTIC_IDS},
            "history": [{k: e[k] for k in ("at", "level", "means", "areas")}
                        for e in self.history],
        }

    # -- Studio ----------------------------------------------------------------------------------
    def studio_fields(self):
        t = self.gettext
        return [
            {"name": "display_name", "label": t("Display name"), "kind": "text"},
            {"name": "intro", "label": t("Introduction"), "kind": "textarea",
             "help": t("Shown above the statements. Plain text.")},
            {"name": "level", "label": t("Level"), "kind": "select",
             "choices": [(lv.id, t(lv.name)) for lv in framework.LEVELS]},
            {"name": "item_set", "label": t("Item set"), "kind": "select",
             "choices": [("core", t("Core: one statement per characteristic")),
                         ("full", t("Full: every statement for the level"))]},
            {"name": "characteristics", "label": t("Characteristics"), "kind": "checkboxes",
             "choices": [(c.id, t(c.name)) for c in framework.CHARACTERISTICS],
             "help": t("Leave all unticked for all eight.")},
            {"name": "mode", "label": t("Mode"), "kind": "select",
             "choices": [("self", t("Self-assessment")),
                         ("multi-rater", t("Multi-rater (360): invite peers, direct reports "
                                           "and a supervisor"))]},
        ]

    def studio_schema(self):
        return {
            "display_name": {"required": True, "max_length": 200},
            "intro": {"max_length": 2000},
            "level": {"required": True, "one_of": framework.LEVEL_IDS},
            "item_set": {"required": True, "one_of": framework.ITEM_SETS},
            "characteristics": {"each_one_of": framework.CHARACTERISTIC_IDS},
            "mode": {"required": True, "one_of": MODES},
        }

    @staticmethod
    def workbench_scenarios():
        return [
            ("Leadership assessment (self)",
             '<leadership_assessment level="first-reporting-officer" item_set="core"/>'),
            ("Leadership assessment (360)",
             '<leadership_assessment display_name="Leadership 360 assessment" level="manager" '
             'item_set="core" mode="multi-rater"/>'),
        ]
