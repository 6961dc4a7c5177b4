"""Statements built with ``tincan``, shaped like Open edX event-routing-backends' own.

Actor: ``{"account": {"homePage": LMS root URL, "name": anonymous user id}}`` (what
event-routing-backends sends), so our statements and Open edX's join up in the LRS. Object of a
block: ``{LMS root}/xblock/{usage id}``, also as event-routing-backends names XBlocks. Context:
platform "Open edX", the course as parent activity.
"""

import datetime
import uuid

from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    ContextActivities,
    Extensions,
    LanguageMap,
    Result,
    Score,
    Statement,
    Verb,
)

XAPI_VERSION = "1.0.3"
PLATFORM = "Open edX"


def actor(lms_root_url, anonymous_id):
    return Agent(account=AgentAccount(home_page=lms_root_url, name=anonymous_id))


def actor_json(lms_root_url, anonymous_id):
    """The actor as the xAPI ``agent`` query parameter wants it."""
    return {"objectType": "Agent", "account": {"homePage": lms_root_url, "name": anonymous_id}}


def block_activity_id(lms_root_url, usage_id):
    return f"{lms_root_url}/xblock/{usage_id}"


def course_activity_id(lms_root_url, course_id):
    return f"{lms_root_url}/course/{course_id}"


def activity(activity_id, name, activity_type, language="en"):
    return Activity(id=activity_id, definition=ActivityDefinition(
        name=LanguageMap({language: name}), type=activity_type))


def build(*, agent, verb_id, verb_display, obj, course=None, result=None, extensions=None,
          language="en"):
    """One statement as a JSON-ready dict with a fresh id and timestamp.

    ``result`` is a dict with optional ``completion``, ``success``, ``scaled``, ``extensions``.
    """
    context = Context(platform=PLATFORM, language=language,
                      extensions=Extensions(extensions) if extensions else None)
    if course is not None:
        context.context_activities = ContextActivities(parent=[course])
    statement = Statement(
        id=uuid.uuid4(), actor=agent,
        verb=Verb(id=verb_id, display=LanguageMap({"en-US": verb_display})),
        object=obj, context=context,
        timestamp=datetime.datetime.now(datetime.UTC))
    if result:
        statement.result = Result(
            completion=result.get("completion"), success=result.get("success"),
            score=Score(scaled=result["scaled"]) if "scaled" in result else None,
            extensions=Extensions(result["extensions"]) if result.get("extensions") else None)
    return statement.as_version(XAPI_VERSION)
