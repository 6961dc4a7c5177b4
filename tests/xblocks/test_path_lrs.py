"""The path tracker against a real LRS: statuses from statements any system posted, one request
per render at most, last known status when the LRS is unreachable, progress reported back."""

import json
import uuid

import pytest

from leadership_domain.vocabulary import ResultExtension, Verb
from xblocks.path_block import LearningPathBlock
from xblocks.xapi.sender import sender_for
from xblocks.xapi.status import READER

from .catalogue_factory import PATH_IRI, module_iri
from .conftest import Course, call


def learner_agent(user):
    return {"objectType": "Agent", "account": {"homePage": "https://lms.test",
                                               "name": f"anon-{user}"}}


def elsewhere(lrs_server, user, verb, module, **extra):
    """A statement about a module as another platform (a SCORM player, another LMS) sends it."""
    lrs_server.post({"id": str(uuid.uuid4()), "actor": learner_agent(user),
                     "verb": {"id": verb, "display": {"en": verb.rsplit("/", 1)[-1]}},
                     "object": {"id": module_iri(module), "objectType": "Activity"}, **extra})


def render(block):
    return " ".join(block.runtime.render(block, "student_view").content.split())


@pytest.fixture
def user():
    return "learner-" + uuid.uuid4().hex[:8]


def count_requests(block, monkeypatch):
    client = block.lrs_client()
    calls = []
    real_get = client.session.get

    def counting_get(*args, **kwargs):
        calls.append(kwargs.get("params"))
        return real_get(*args, **kwargs)

    monkeypatch.setattr(client.session, "get", counting_get)
    return calls


def test_statuses_come_from_statements_posted_elsewhere(lrs_course, lrs_server, user):
    elsewhere(lrs_server, user, Verb.PASSED, "expectations", result={"success": True})
    elsewhere(lrs_server, user, Verb.LAUNCHED, "feedback")
    inclusion = module_iri("inclusion")
    lrs_server.post({"actor": learner_agent(user), "verb": {"id": Verb.COMPLETED},
                     "object": {"id": inclusion + "/pages/one"},
                     "context": {"contextActivities": {"parent": [{"id": inclusion}]}}})
    block = lrs_course.block(LearningPathBlock, user_id=user, path_id=PATH_IRI)
    html = render(block)
    assert 'data-step="expectations"> <span class="lx-step-title">Setting expectations</span> ' \
           '<span class="lx-badge lx-badge-passed">Passed</span>' in html
    assert "lx-badge-in_progress" in html.split('data-step="feedback"')[1].split("</li>")[0]
    assert "lx-badge-in_progress" in html.split('data-step="inclusion"')[1].split("</li>")[0]
    assert "33% of the path done" in html
    assert "cannot be reached" not in html


def test_one_request_per_render_and_cached_renders_make_none(lrs_course, lrs_server, user,
                                                             monkeypatch):
    elsewhere(lrs_server, user, Verb.LAUNCHED, "feedback")
    block = lrs_course.block(LearningPathBlock, user_id=user, path_id=PATH_IRI)
    calls = count_requests(block, monkeypatch)
    render(block)
    assert len(calls) == 1
    render(block)
    render(block)
    assert len(calls) == 1  # warm cache
    elsewhere(lrs_server, user, Verb.COMPLETED, "expectations")
    status, reply = call(block, "refresh", {})  # the learner's "check again" button
    html = " ".join(reply["html"].split())
    assert len(calls) == 2 and "lx-badge-completed" in html
    assert calls[1]["since"]  # reads only what is new since the last read


def test_unreachable_lrs_shows_last_known_status(tmp_path, catalogue_dir, lrs_server, user):
    READER.forget()
    up = Course(lrs_server.settings(tmp_path / "out", CATALOGUE_DIR=catalogue_dir))
    elsewhere(lrs_server, user, Verb.COMPLETED, "expectations")
    assert "lx-badge-completed" in render(up.block(LearningPathBlock, user_id=user,
                                                   path_id=PATH_IRI))
    down_settings = lrs_server.settings(tmp_path / "out2", CATALOGUE_DIR=catalogue_dir)
    down_settings["LRS_ENDPOINT"] = "http://127.0.0.1:9/xapi/"  # nothing listens on port 9
    down = Course(down_settings)
    down.kvs = up.kvs  # same learner state (the LMS database), LRS now unreachable
    html = render(down.block(LearningPathBlock, user_id=user, path_id=PATH_IRI))
    assert "cannot be reached right now, so this shows your progress as last known" in html
    assert "lx-badge-completed" in html and "33% of the path done" in html


def test_progress_and_path_completion_are_reported_to_the_lrs(lrs_course, lrs_server, user):
    block = lrs_course.block(LearningPathBlock, user_id=user, path_id=PATH_IRI)
    elsewhere(lrs_server, user, Verb.COMPLETED, "expectations")
    render(block)
    for module in ("feedback", "change"):
        elsewhere(lrs_server, user, Verb.PASSED, module)
    block.render_body(force=True)
    assert sender_for(block.lrs).flush(10)
    found = lrs_server.statements(agent=json.dumps(learner_agent(user)),
                                  activity=PATH_IRI, ascending="true")
    verbs = [(s["verb"]["id"], s["result"]["extensions"][ResultExtension.PROGRESS]) for s in found]
    assert verbs == [(Verb.PROGRESSED, 33), (Verb.PROGRESSED, 100), (Verb.COMPLETED, 100)]
    actor = found[0]["actor"]
    assert actor["account"] == {"homePage": "https://lms.test", "name": f"anon-{user}"}
    assert found[0]["context"]["platform"] == "Open edX"
    render(block)  # nothing new: nothing sent again
    assert sender_for(block.lrs).flush(10)
    assert len(lrs_server.statements(activity=PATH_IRI,
                                     agent=json.dumps(learner_agent(user)))) == 3
