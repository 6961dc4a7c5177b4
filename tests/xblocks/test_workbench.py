"""Both blocks in the xblock-sdk workbench runtime (Django): scenarios render, handlers answer
over HTTP, and OLX exported by the runtime imports back to the same content."""

import io
import json
import os
import re
import tempfile

import pytest

_DATA = tempfile.mkdtemp(prefix="xblocks-workbench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xblocks.workbench_settings")
os.environ["XBLOCKS_WORKBENCH_DATA"] = _DATA
os.environ["EXCLUDE_SAMPLE_XBLOCKS"] = "yes"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from lxml import etree  # noqa: E402
from workbench.runtime import WorkbenchRuntime  # noqa: E402
from workbench.runtime_util import reset_global_state  # noqa: E402

from xblocks.assessment_block import LeadershipAssessmentBlock  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # Tables straight from the models (no migration history): seconds faster on a busy machine.
    apps = ("auth", "contenttypes", "sessions", "messages", "admin", "djpyfs", "workbench")
    with override_settings(MIGRATION_MODULES=dict.fromkeys(apps)):
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    reset_global_state()
    return Client()


def test_scenarios_of_both_blocks_are_listed(client):
    index = client.get("/").content.decode()
    assert "Leadership assessment (self)" in index
    assert "Leadership assessment (360)" in index
    assert "Learning path tracker" in index


def test_assessment_scenario_renders_and_its_handler_saves_answers(client):
    page = client.get("/scenario/leadership_assessment.0/?student=wb-amina").content.decode()
    assert 'data-handler="submit_self"' in page
    assert "/resource/leadership_assessment/public/js/assessment.js" in page
    usage = re.search(r"data-usage='([^']+)'[^>]*data-block-type='leadership_assessment'",
                      page).group(1)
    js = client.get("/resource/leadership_assessment/public/js/assessment.js")
    assert js.status_code == 200 and b"LeadershipAssessmentBlock" in js.content
    items = set(re.findall(r'type="radio" name="([^"]+)"', page))
    response = client.post(f"/handler/{usage}/submit_self/?student=wb-amina",
                           data=json.dumps({"answers": dict.fromkeys(items, "often")}),
                           content_type="application/json")
    assert response.status_code == 200
    assert "Your results" in response.json()["html"]
    again = client.get("/scenario/leadership_assessment.0/?student=wb-amina").content.decode()
    assert "Take the assessment again" in again
    other = client.get("/scenario/leadership_assessment.0/?student=wb-kofi").content.decode()
    assert "Take the assessment again" not in other  # state is per learner


def _post(client, usage, handler, student, data):
    response = client.post(f"/handler/{usage}/{handler}/?student={student}",
                           data=json.dumps(data), content_type="application/json")
    assert response.status_code == 200
    return response.json()


def test_360_across_learners_in_the_workbench(client):
    page = client.get("/scenario/leadership_assessment.1/?student=wb-owner").content.decode()
    usage = re.search(r"data-usage='([^']+)'[^>]*data-block-type='leadership_assessment'",
                      page).group(1)
    items = set(re.findall(r'type="radio" name="([^"]+)"', page))
    _post(client, usage, "submit_self", "wb-owner", {"answers": dict.fromkeys(items, "often")})
    reply = _post(client, usage, "invite", "wb-owner", {"role": "peer"})
    code = re.search(r"<code>([A-Z0-9-]+)</code>", reply["html"]).group(1)
    for rater in ("wb-peer-1", "wb-peer-2", "wb-peer-3"):
        opened = _post(client, usage, "open_code", rater, {"code": code})
        assert 'data-handler="submit_rating"' in opened["html"]
        _post(client, usage, "submit_rating", rater,
              {"code": code, "answers": dict.fromkeys(items, "always")})
    owner = client.get("/scenario/leadership_assessment.1/?student=wb-owner").content.decode()
    assert "3 answers, included in" in owner and '<th scope="col">Others</th>' in owner


def test_path_scenario_renders_the_sample_path(client):
    page = client.get("/scenario/learning_path.0/?student=wb-amina").content.decode()
    assert "% of the path done" in page and "Next recommended step" in page
    assert "Due on 2027-06-30." in page


def test_studio_view_renders_in_the_workbench(client):
    page = client.get("/scenario/leadership_assessment.0/studio_view/").content.decode()
    assert 'class="lx-studio-form"' in page and "studio.js" in page


@pytest.mark.parametrize("olx", [
    '<leadership_assessment display_name="Check-in" level="manager" item_set="full" '
    'mode="multi-rater" characteristics=\'["inclusive", "principled"]\' intro="Be honest."/>',
    '<learning_path display_name="FRO path" '
    'path_id="https://w3id.org/xapi/un-leadership/catalogue/paths/first-reporting-officer" '
    'due_date="2027-01-31"/>',
])
def test_olx_round_trip(client, olx):
    runtime = WorkbenchRuntime("author")
    runtime.id_generator.set_scenario("olx-round-trip")
    block = runtime.get_block(runtime.parse_xml_string(olx))
    exported = io.BytesIO()
    runtime.export_to_xml(block, exported)
    again = runtime.get_block(runtime.parse_xml_string(exported.getvalue()))
    for name in block.editable_fields:
        assert getattr(again, name) == getattr(block, name), name
    original = etree.fromstring(olx.encode())
    assert etree.fromstring(exported.getvalue()).tag == original.tag
    if isinstance(block, LeadershipAssessmentBlock):
        assert again.characteristics == ["inclusive", "principled"]
        assert again.mode == "multi-rater"
