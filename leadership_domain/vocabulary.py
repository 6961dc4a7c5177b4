"""The project's xAPI vocabulary in one place.

Existing IRIs first: ADL (http://adlnet.gov/expapi/...), cmi5 (https://w3id.org/xapi/adl/verbs/...
and https://w3id.org/xapi/cmi5/...), and the IRIs Open edX's event-routing-backends already emits
(so our statements and Open edX's join up). Only what has no existing IRI is minted under `BASE`.
"""

from __future__ import annotations

from types import MappingProxyType

from .i18n import N_

#: Base of every IRI this project mints. It must be registered as a w3id.org permanent identifier
#: (a pull request to github.com/perma-id/w3id.org) before statements using it leave a test LRS.
BASE = "https://w3id.org/xapi/un-leadership/"

#: This vocabulary as a whole (an xAPI profile IRI), for context.contextActivities.category.
PROFILE = BASE + "v1"

_ADL_VERB = "http://adlnet.gov/expapi/verbs/"
_ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
_CMI5_VERB = "https://w3id.org/xapi/adl/verbs/"
_CMI5 = "https://w3id.org/xapi/cmi5/"


class Verb:
    # ADL verbs (also cmi5-defined where noted, and emitted by event-routing-backends)
    LAUNCHED = _ADL_VERB + "launched"  # cmi5
    INITIALIZED = _ADL_VERB + "initialized"  # cmi5
    EXPERIENCED = _ADL_VERB + "experienced"  # page viewed
    ATTEMPTED = _ADL_VERB + "attempted"
    ANSWERED = _ADL_VERB + "answered"  # one quiz or assessment item
    RESPONDED = _ADL_VERB + "responded"
    COMPLETED = _ADL_VERB + "completed"  # cmi5
    PASSED = _ADL_VERB + "passed"  # cmi5
    FAILED = _ADL_VERB + "failed"  # cmi5
    PROGRESSED = _ADL_VERB + "progressed"  # path progress; also event-routing-backends
    SCORED = _ADL_VERB + "scored"
    REGISTERED = _ADL_VERB + "registered"  # enrolled in a path
    SUSPENDED = _ADL_VERB + "suspended"
    RESUMED = _ADL_VERB + "resumed"
    TERMINATED = _ADL_VERB + "terminated"  # cmi5
    # cmi5-only verbs
    ABANDONED = _CMI5_VERB + "abandoned"
    WAIVED = _CMI5_VERB + "waived"
    SATISFIED = _CMI5_VERB + "satisfied"
    # Tin Can registry, as event-routing-backends uses it for certificates
    EARNED = "http://id.tincanapi.com/verb/earned"
    # Minted here: no existing verb for asking a colleague to rate you in a 360 assessment
    INVITED = BASE + "verbs/invited"


class ActivityType:
    COURSE = _ADL_ACTIVITY + "course"
    MODULE = _ADL_ACTIVITY + "module"  # a catalogue module
    ASSESSMENT = _ADL_ACTIVITY + "assessment"  # a module's quiz
    QUESTION = _ADL_ACTIVITY + "question"
    INTERACTION = _ADL_ACTIVITY + "cmi.interaction"  # a quiz or assessment item
    LINK = _ADL_ACTIVITY + "link"
    PAGE = "http://activitystrea.ms/schema/1.0/page"  # a module page (Tin Can registry)
    VIDEO = "https://w3id.org/xapi/video/activity-type/video"
    CERTIFICATE = "http://id.tincanapi.com/activitytype/certificate"
    CMI5_COURSE = _CMI5 + "activitytype/course"
    CMI5_BLOCK = _CMI5 + "activitytype/block"
    # Minted here
    SELF_ASSESSMENT = BASE + "activity-types/self-assessment"
    MULTI_RATER_ASSESSMENT = BASE + "activity-types/multi-rater-assessment"
    LEARNING_PATH = BASE + "activity-types/learning-path"
    PATH_STEP = BASE + "activity-types/learning-path-step"
    MILESTONE = BASE + "activity-types/milestone"
    CHARACTERISTIC = BASE + "activity-types/leadership-characteristic"


class Category:
    """context.contextActivities.category activity ids."""

    PROFILE = PROFILE
    CMI5 = _CMI5 + "context/categories/cmi5"
    CMI5_MOVE_ON = _CMI5 + "context/categories/moveon"


class ContextExtension:
    # cmi5
    CMI5_SESSION_ID = _CMI5 + "context/extensions/sessionid"
    CMI5_MASTERY_SCORE = _CMI5 + "context/extensions/masteryscore"
    CMI5_LAUNCH_MODE = _CMI5 + "context/extensions/launchmode"
    CMI5_LAUNCH_URL = _CMI5 + "context/extensions/launchurl"
    CMI5_LAUNCH_PARAMETERS = _CMI5 + "context/extensions/launchparameters"
    CMI5_MOVE_ON = _CMI5 + "context/extensions/moveon"
    # event-routing-backends
    OPENEDX_SESSION_ID = "https://w3id.org/xapi/openedx/extensions/session-id"
    OPENEDX_TRANSFORMER_VERSION = "https://w3id.org/xapi/openedx/extension/transformer-version"
    # Minted here
    CHARACTERISTICS = BASE + "extensions/characteristics"  # list of characteristic ids
    LEVEL = BASE + "extensions/level"  # a Journey level id
    ASSESSMENT_MODE = BASE + "extensions/assessment-mode"  # "self" or "multi-rater"
    ITEM_SET = BASE + "extensions/item-set"  # "core" or "full"
    RATER_ROLE = BASE + "extensions/rater-role"  # see RATER_ROLES
    PATH = BASE + "extensions/learning-path"  # the path IRI a module was taken for
    PATH_STEP = BASE + "extensions/learning-path-step"  # the step id within that path


class ResultExtension:
    # cmi5, also what event-routing-backends uses for progress: integer percent 0..100
    PROGRESS = _CMI5 + "result/extensions/progress"
    REASON = _CMI5 + "result/extensions/reason"
    # Minted here
    CHARACTERISTIC_SCORES = BASE + "extensions/characteristic-scores"  # {id: mean 1..5}
    EXPECTED_SCORES = BASE + "extensions/expected-scores"  # {id: expected 1..5}
    FREQUENCY = BASE + "extensions/frequency"  # one item's frequency option id
    MILESTONES_REACHED = BASE + "extensions/milestones-reached"  # list of milestone ids


RATER_ROLES = ("self", "peer", "direct-report", "supervisor")
#: Results of a rater group are shown only once it has at least this many raters.
MINIMUM_RATERS = MappingProxyType({"peer": 3, "direct-report": 3, "supervisor": 1})

VERB_DISPLAY = MappingProxyType({
    Verb.LAUNCHED: N_("launched"), Verb.INITIALIZED: N_("initialized"),
    Verb.EXPERIENCED: N_("experienced"), Verb.ATTEMPTED: N_("attempted"),
    Verb.ANSWERED: N_("answered"), Verb.RESPONDED: N_("responded"),
    Verb.COMPLETED: N_("completed"), Verb.PASSED: N_("passed"), Verb.FAILED: N_("failed"),
    Verb.PROGRESSED: N_("progressed"), Verb.SCORED: N_("scored"),
    Verb.REGISTERED: N_("registered"), Verb.SUSPENDED: N_("suspended"),
    Verb.RESUMED: N_("resumed"), Verb.TERMINATED: N_("terminated"),
    Verb.ABANDONED: N_("abandoned"), Verb.WAIVED: N_("waived"), Verb.SATISFIED: N_("satisfied"),
    Verb.EARNED: N_("earned"), Verb.INVITED: N_("invited"),
})


def verb(iri: str, language: str = "en") -> dict:
    """The xAPI verb object for `iri` with its English display, e.g. for building statements."""
    return {"id": iri, "display": {language: VERB_DISPLAY[iri]}}


def characteristic_iri(characteristic_id: str) -> str:
    return f"{BASE}framework/characteristics/{characteristic_id}"


def level_iri(level_id: str) -> str:
    return f"{BASE}framework/levels/{level_id}"


def assessment_item_iri(item_id: str) -> str:
    return f"{BASE}framework/items/{item_id}"
