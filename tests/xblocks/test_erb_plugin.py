"""The event-routing-backends plugin against event-routing-backends itself (required: these
tests fail, never skip, where it is not installed).

``erb_harness`` runs in its own interpreter (Django settings are once per process): an LMS in
miniature where our plugin is loaded through the ``lms.djangoapp`` entry point, the blocks'
handlers publish their events, and event-routing-backends' allow-lists and ``XApiProcessor``
turn them into statements. Those must be the statements our own sender sends.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from leadership_domain.vocabulary import ActivityType, ContextExtension, ResultExtension, Verb
from xblocks import events

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def erb():
    done = subprocess.run([sys.executable, "-m", "tests.xblocks.erb_harness"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (
        "event-routing-backends run failed (is edx-event-routing-backends installed? it is in "
        "the `test` extra):\n" + done.stderr[-3000:])
    result = json.loads(done.stdout)
    result["by_verb_object"] = {(s["verb"]["id"], s["object"]["id"]): s
                                for s in result["statements"]}
    return result


def erb_statement_for(erb, sent):
    return erb["by_verb_object"][sent["verb"]["id"], sent["object"]["id"]]


def test_the_plugin_lets_our_events_through_to_the_xapi_backend(erb):
    assert set(events.EVENTS) <= set(erb["allowed"])
    assert [name for name, _data in erb["published"]] == [
        events.ASSESSMENT_SUBMITTED, events.RATERS_INVITED, events.PATH_PROGRESSED,
        events.PATH_COMPLETED]
    assert len(erb["statements"]) == len(erb["sent"]) == 4


def test_actor_is_erb_account_and_the_same_as_our_sender(erb):
    account = {"homePage": erb["lms_root_url"], "name": erb["external_id"]}
    for sent in erb["sent"]:
        assert erb_statement_for(erb, sent)["actor"]["account"] == account
        assert sent["actor"]["account"] == account  # our statements and Open edX's join up


def test_submitted_assessment_statement(erb):
    sent = erb["sent"][0]
    made = erb_statement_for(erb, sent)
    assert made["verb"]["id"] == Verb.COMPLETED
    assert made["object"]["id"] == (f"{erb['lms_root_url']}/xblock/block-v1:UN+LEAD101+2026"
                                    "+type@leadership_assessment+block@a360")
    assert made["object"]["definition"] == {
        "type": ActivityType.MULTI_RATER_ASSESSMENT, "name": {"en": "Leadership 360"}}
    assert made["result"] == sent["result"]
    assert made["result"]["extensions"][ResultExtension.CHARACTERISTIC_SCORES]["principled"] == 4
    extensions = made["context"]["extensions"]
    assert extensions[ContextExtension.LEVEL] == "manager"
    assert extensions[ContextExtension.ASSESSMENT_MODE] == "multi-rater"
    assert extensions["https://w3id.org/xapi/openedx/extensions/session-id"] == "5f1e0c"


def test_every_statement_carries_our_facts_and_the_course(erb):
    course = f"{erb['lms_root_url']}/course/{erb['course_id']}"
    for sent in erb["sent"]:
        made = erb_statement_for(erb, sent)
        assert made["object"] == sent["object"]
        assert made.get("result") == sent.get("result")
        ours = sent["context"].get("extensions", {})
        assert {k: made["context"]["extensions"][k] for k in ours} == ours
        assert made["context"]["contextActivities"]["parent"][0]["id"] == course
        assert sent["context"]["contextActivities"]["parent"][0]["id"] == course


def test_path_statements(erb):
    progressed, completed = erb["statements"][2:]
    assert progressed["verb"]["id"] == Verb.PROGRESSED
    assert progressed["result"]["extensions"][ResultExtension.PROGRESS] == 100
    assert completed["verb"]["id"] == Verb.COMPLETED
    assert completed["object"]["definition"]["type"] == ActivityType.LEARNING_PATH


def test_block_event_without_the_handler_context_fails_loudly(erb):
    """No usage key, no right object id: ERB must not send a statement about ".../xblock/"."""
    assert erb["without_module"].get("error") == "ValueError"
    assert "context.module.usage_key" in erb["without_module"]["message"]


@pytest.mark.parametrize("ours_first", [True, False])
def test_allow_list_holds_in_either_plugin_order(ours_first):
    """edx-django-utils applies plugin settings in entry-point order, which we do not control."""
    from types import SimpleNamespace

    from event_routing_backends.settings.common import plugin_settings as erb_settings

    from xblocks.erb.settings import plugin_settings as our_settings

    settings = SimpleNamespace(LMS_ROOT_URL="https://lms.example.org")
    for apply in ((our_settings, erb_settings) if ours_first else (erb_settings, our_settings)):
        apply(settings)
    transformer = settings.EVENT_TRACKING_BACKENDS["event_transformer"]["OPTIONS"]
    xapi = transformer["backends"]["xapi"]["OPTIONS"]["processors"][0]["OPTIONS"]["whitelist"]
    assert set(events.EVENTS) <= set(transformer["processors"][0]["OPTIONS"]["whitelist"])
    assert set(events.EVENTS) <= set(xapi)
    assert "problem_check" in xapi  # ERB's own events stay allowed
