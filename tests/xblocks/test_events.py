"""Tracking events and the event-routing-backends plugin's settings (the plugin against
event-routing-backends itself: test_erb_plugin)."""

from types import SimpleNamespace

import pytest

from leadership_domain.vocabulary import ActivityType, ResultExtension, Verb
from xblocks import events
from xblocks.erb.settings import plugin_settings
from xblocks.path_block import LearningPathBlock

from .catalogue_factory import PATH_IRI, module_iri


def test_events_and_statements_carry_the_same_facts(course):
    block = course.block(LearningPathBlock, path_id=PATH_IRI)
    block.lrs_state = {"statuses": {module_iri("expectations"): "passed"}, "since": None,
                       "tracked": [], "checked_at": None}
    statement = block.emit(events.PATH_PROGRESSED, {"path_id": PATH_IRI, "path_title": "P",
                                                    "progress": 33, "milestones_reached": []})
    name, data = block.runtime.published[-1]
    assert name == events.PATH_PROGRESSED and data["progress"] == 33
    assert statement["verb"]["id"] == Verb.PROGRESSED
    assert statement["object"]["id"] == PATH_IRI
    assert statement["object"]["definition"]["type"] == ActivityType.LEARNING_PATH
    assert statement["result"]["extensions"][ResultExtension.PROGRESS] == 33
    assert statement["actor"]["account"] == {"homePage": "https://lms.test",
                                             "name": "anon-learner"}
    assert statement["context"]["contextActivities"]["parent"][0]["id"].startswith(
        "https://lms.test/course/")


def test_unknown_event_has_no_statement():
    with pytest.raises(KeyError):
        events.statement_parts("edx.something.else", {}, "https://lms.test/xblock/x")


def test_plugin_allows_our_events_once():
    settings = SimpleNamespace(EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS=["edx.course.x"])
    plugin_settings(settings)
    plugin_settings(settings)
    assert settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS == ["edx.course.x", *events.EVENTS]
