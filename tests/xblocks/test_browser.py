"""A learner in headless Chromium: takes the assessment in the workbench, then sees the path
update after a module is completed elsewhere (a statement posted straight to the LRS)."""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from leadership_domain import samples
from tests.processes import die_with_parent, free_port, stop_session, wait_until_serving
from xblocks.base import ANONYMOUS_NAMESPACE

from .lrs_process import KEY, SECRET

DRIVER = Path(__file__).parent / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _browser_installed():
    # `make test` installs both (Debian's chromium; npm ci in tests/xblocks/browser).
    assert Path(CHROMIUM).exists() and shutil.which("node"), "chromium and node are needed"
    assert (DRIVER / "node_modules" / "playwright-core").is_dir(), \
        "run `make test` (it installs playwright-core with npm ci)"


@pytest.fixture
def workbench(lrs_server, tmp_path):
    """`python -m xblocks.workbench` (what `make run` starts) wired to the live LRS."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "xblocks.workbench", "--lrs", lrs_server.endpoint, "--key", KEY,
         "--secret", SECRET, "--port", str(port), "--data-dir", str(tmp_path / "wb"),
         "--lms-root-url", "https://lms.test", "--status-cache-seconds", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=die_with_parent)
    base = f"http://127.0.0.1:{port}"
    wait_until_serving(process, base + "/", "workbench", timeout=60, interval=0.3)
    yield base
    stop_session(process)


def drive(steps):
    done = subprocess.run(["node", str(DRIVER / "drive.mjs")], input=json.dumps({"steps": steps}),
                          capture_output=True, text=True, timeout=120, cwd=DRIVER,
                          env={"PATH": "/usr/bin:/bin", "CHROMIUM": CHROMIUM, "HOME": "/tmp"})
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    return output["results"], output["errors"]


def test_learner_takes_the_assessment_and_sees_the_path_update(workbench, lrs_server):
    student = "browser-" + uuid.uuid4().hex[:6]
    path = samples.sample_catalogue().path(samples.FIRST_REPORTING_OFFICER_PATH)
    first = path.steps[0]
    actor = {"objectType": "Agent", "account": {
        "homePage": "https://lms.test", "name": str(uuid.uuid5(ANONYMOUS_NAMESPACE, student))}}
    step_badge = f'li[data-step="{first.id}"] .lx-badge'
    results, errors = drive([
        {"open": f"{workbench}/scenario/leadership_assessment.0/?student={student}"},
        {"wait": "form[data-handler=submit_self]"},
        {"eval": "document.querySelectorAll('input[type=radio][value=often]')"
                 ".forEach(r => r.click()); true", "as": "_"},
        {"focus": "input[name^='inclusive.'][value=rarely]"},
        {"press": "Space"},  # keyboard: choose an answer with the space bar
        {"click": "form[data-handler=submit_self] button[type=submit]"},
        {"wait": ".lx-results svg[role=img]"},
        {"eval": "document.querySelector('.lx-status').textContent", "as": "status"},
        {"eval": "document.querySelector('.lx-areas strong').textContent", "as": "first_area"},
        {"eval": "document.activeElement.className", "as": "focused"},
        {"eval": "document.querySelectorAll('.lx-table tbody tr').length", "as": "rows"},
        {"open": f"{workbench}/scenario/learning_path.0/?student={student}"},
        {"wait": step_badge},
        {"eval": f"document.querySelector('{step_badge}').textContent", "as": "before"},
        {"post": lrs_server.endpoint + "statements", "auth": f"{KEY}:{SECRET}", "json": {
            "actor": actor, "verb": {"id": "http://adlnet.gov/expapi/verbs/passed",
                                     "display": {"en": "passed"}},
            "object": {"id": first.module}, "result": {"success": True}}},
        {"click": "form[data-handler=refresh] button"},
        {"wait": f'li[data-step="{first.id}"] .lx-badge-passed'},
        {"eval": f"document.querySelector('{step_badge}').textContent", "as": "after"},
        {"eval": "document.querySelector('.lx-progress label').textContent", "as": "progress"},
        {"eval": "document.querySelector('.lx-status').textContent", "as": "path_status"},
    ])
    assert errors == []
    assert results["status"] == "Your answers are saved. Your results are below."
    assert results["first_area"] == "Inclusive"
    assert "lx-title" in results["focused"]
    assert results["rows"] == 8
    assert (results["before"], results["after"]) == ("Not started", "Passed")
    assert results["progress"] != "0% of the path done" and "% of the path done" in \
        results["progress"]
    assert results["path_status"] == "Progress updated."
    # the assessment's own statement reached the LRS, with the learner's Open edX-style actor
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = lrs_server.statements(agent=json.dumps(actor),
                                      verb="http://adlnet.gov/expapi/verbs/completed")
        if found:
            break
        time.sleep(0.3)
    assert found and found[0]["object"]["id"].startswith("https://lms.test/xblock/")
