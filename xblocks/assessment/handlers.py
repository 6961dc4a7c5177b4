"""The assessment's JSON handlers: self-assessment, invitations, rating a colleague.

Each handler answers ``{"html": <the block's body, re-rendered>, "message": <status text>}`` so the
script only swaps markup and announces the message; all logic and all escaping stay here.
"""

import datetime

from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError

from leadership_domain import framework

from .. import events
from . import multirater, rater_store
from .results import summarize

OPTION_IDS = {option.id for option in framework.FREQUENCY_SCALE}


class AssessmentHandlersMixin:
    def _answers_from(self, data):
        """The answers for this block's items, or a 400 naming how many are missing/invalid."""
        answers = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(answers, dict):
            raise JsonHandlerError(400, self.gettext("Send the answers as a JSON object."))
        items = self.assessment_items()
        clean = {item.id: answers.get(item.id) for item in items}
        missing = [i for i, option in clean.items() if option not in OPTION_IDS]
        if missing:
            message = self.i18n.ngettext(
                "Answer %(count)s more statement (choose \"Not observed\" if it does not apply).",
                "Answer %(count)s more statements (choose \"Not observed\" if they do not apply).",
                len(missing)) % {"count": len(missing)}
            return None, message
        return clean, None

    def reconcile_ratings(self):
        """This person's step of ``rater_store.reconcile``; True when a field changed."""
        registry, pending, received = rater_store.reconcile(
            self.rater_registry, self.invitations, self.pending_ratings, self.received_ratings)
        changed = False
        for name, old, new in (("rater_registry", self.rater_registry, registry),
                               ("pending_ratings", self.pending_ratings, pending),
                               ("received_ratings", self.received_ratings, received)):
            if new is not old:
                setattr(self, name, new)
                changed = True
        return changed

    def _reply(self, message, **view):
        return {"html": self.render_body(**view), "message": message}

    def _event_basics(self):
        return {"display_name": self.display_name, "level": self.level,
                "item_set": self.item_set, "mode": self.mode}

    @XBlock.json_handler
    def submit_self(self, data, suffix=""):
        answers, problem = self._answers_from(data)
        if problem:
            return self._reply(problem, draft=data.get("answers"), show_form=True)
        entry = {"at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                 "level": self.level, "item_set": self.item_set, "answers": answers,
                 **summarize(self.level, answers)}
        self.history = [*self.history, entry]
        means = {c: m for c, m in entry["means"].items() if m is not None}
        overall = sum(means.values()) / len(means) if means else None
        self.emit(events.ASSESSMENT_SUBMITTED, {
            **self._event_basics(), "means": means,
            "expected": {c: framework.expected_score(c, self.level) for c in means},
            "scaled": None if overall is None else round((overall - 1) / 4, 4)})
        self.publish_completion(1.0)
        return self._reply(self.gettext("Your answers are saved. Your results are below."))

    @XBlock.json_handler
    def invite(self, data, suffix=""):
        role = data.get("role") if isinstance(data, dict) else None
        if self.mode != "multi-rater" or role not in multirater.ROLES:
            raise JsonHandlerError(400, self.gettext("Choose who you are inviting."))
        code, self.rater_registry = multirater.invite(self.rater_registry, role)
        self.invitations = [*self.invitations, {"code": code, "role": role}]
        self.emit(events.RATERS_INVITED, {**self._event_basics(), "role": role})
        return self._reply(self.gettext("Invitation code %(code)s created. Share it with the "
                                        "people you invite.") % {"code": code})

    def _code_problem(self, code):
        if multirater.code_role(self.rater_registry, code) is None:
            return self.gettext("This code is not valid for this assessment.")
        if code in {i["code"] for i in self.invitations}:
            return self.gettext("This is your own invitation code: share it with your raters.")
        if code in self.rated_codes:
            return self.gettext("You have already answered for this code. Thank you.")
        return None

    @XBlock.json_handler
    def open_code(self, data, suffix=""):
        code = multirater.normalise_code((data or {}).get("code"))
        problem = self._code_problem(code)
        if problem:
            return self._reply(problem)
        return self._reply(self.gettext("Answer the statements about the colleague who "
                                        "invited you. Your answers are anonymous."), rating=code)

    @XBlock.json_handler
    def submit_rating(self, data, suffix=""):
        code = multirater.normalise_code((data or {}).get("code"))
        problem = self._code_problem(code)
        if problem:
            return self._reply(problem)
        answers, problem = self._answers_from(data)
        if problem:
            return self._reply(problem, rating=code, draft=data.get("answers"))
        # No statement for raters: one naming rater and colleague would identify the rater.
        # Kept as this rater's own until the owner holds it: the shared row alone may lose it.
        key, entry = rater_store.new_entry(code, answers)
        self.pending_ratings = {**self.pending_ratings, key: entry}
        self.rater_registry = rater_store.merged(self.rater_registry, entries={key: entry})
        self.rated_codes = [*self.rated_codes, code]
        reply = self._reply(self.gettext("Thank you: your anonymous answers are saved."))
        return {**reply, "recheck": True}  # the script calls sync_ratings a moment later

    @XBlock.json_handler
    def sync_ratings(self, data, suffix=""):
        """A fresh request after a rating: puts back whatever an overlapping write dropped."""
        self.reconcile_ratings()
        return {"pending": len(self.pending_ratings)}
