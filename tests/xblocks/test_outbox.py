"""The durable outbox and the background sender, against a real LRS that goes away and comes
back: nothing is lost, and no page waits for the LRS."""

import time
import uuid

import pytest

from leadership_domain.vocabulary import Verb
from xblocks.assessment_block import LeadershipAssessmentBlock
from xblocks.path_block import LearningPathBlock
from xblocks.settings import config_from
from xblocks.xapi.outbox import Outbox
from xblocks.xapi.sender import StatementSender, sender_for
from xblocks.xapi.status import READER

from .catalogue_factory import PATH_IRI, module_iri
from .conftest import Course, call


def test_outbox_keeps_statements_until_delivered_and_sets_refused_ones_aside(tmp_path):
    outbox = Outbox(str(tmp_path / "o.sqlite3"), retry_max_seconds=0.01)
    outbox.add([{"id": "a"}, {"id": "b"}, {"id": "a"}])
    assert outbox.counts() == {"pending": 2, "rejected": 0}
    claimed = outbox.claim(10)
    assert [i for i, _ in claimed] == ["a", "b"] and outbox.claim(10) == []  # leased
    outbox.retry_later(["a"], "HTTP 503")
    outbox.reject(["b"], "HTTP 400")
    time.sleep(0.02)
    assert [i for i, _ in Outbox(outbox.path).claim(10)] == ["a"]  # survives a new process
    outbox.delivered(["a"])
    assert outbox.counts() == {"pending": 0, "rejected": 1}


def test_one_invalid_statement_does_not_hold_back_the_others(tmp_path, lrs_server):
    config = config_from(lrs_server.settings(tmp_path))
    sender = StatementSender(config)
    good = {"id": str(uuid.uuid4()), "actor": {"mbox": "mailto:a@example.org"},
            "verb": {"id": Verb.EXPERIENCED}, "object": {"id": module_iri("feedback")}}
    bad = {"id": str(uuid.uuid4()), "actor": {"mbox": "not-an-email"},
           "verb": {"id": "no verb iri"}, "object": {"id": "x"}}
    sender.outbox.add([good, bad])
    while sender.send_due():
        pass
    assert sender.outbox.counts() == {"pending": 0, "rejected": 1}
    found = lrs_server.statements(activity=module_iri("feedback"))
    assert good["id"] in {s["id"] for s in found}


@pytest.fixture
def own_lrs(lrs_server):
    """The session's LRS, which this test stops and starts again (and always leaves running)."""
    yield lrs_server
    if lrs_server.process is None:
        lrs_server.start()


def test_lrs_outage_loses_nothing_and_blocks_no_page(tmp_path, catalogue_dir, own_lrs):
    READER.forget()
    course = Course(own_lrs.settings(tmp_path / "outbox", CATALOGUE_DIR=catalogue_dir,
                                     CONNECT_TIMEOUT=1, READ_TIMEOUT=2))
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 5))
    own_lrs.stop()
    # While the LRS is down: two learners submit assessments, one invites, one opens a path.
    emitted = []
    started = time.monotonic()
    for user in ("amina", "kofi"):
        block = course.block(LeadershipAssessmentBlock, user_id=user, mode="multi-rater")
        answers = {item.id: "often" for item in block.assessment_items()}
        assert call(block, "submit_self", {"answers": answers})[0] == 200
        assert call(block, "invite", {"role": "peer"})[0] == 200
    path = course.block(LearningPathBlock, user_id="amina", path_id=PATH_IRI)
    path.lrs_state = {"statuses": {module_iri("expectations"): "completed"}, "since": None,
                      "tracked": [], "checked_at": None}
    html = path.runtime.render(path, "student_view").content
    assert "cannot be reached" in html
    elapsed = time.monotonic() - started
    assert elapsed < 3, f"pages waited {elapsed:.1f}s for a dead LRS"
    sender = sender_for(path.lrs)
    time.sleep(0.5)  # the sender tries, fails, backs off
    pending = sender.outbox.counts()["pending"]
    assert pending == 5  # 2 completed + 2 invited + 1 progressed
    with sender.outbox._connect() as conn:
        emitted = [row[0] for row in conn.execute("SELECT id FROM outbox")]
    # The LMS process dies too: a new sender (a new process) finds the same outbox file.
    sender.stop()
    own_lrs.start()
    restarted = StatementSender(path.lrs)
    restarted.start()
    assert restarted.flush(20), restarted.outbox.counts()
    restarted.stop()
    stored = {s["id"] for s in own_lrs.statements(since=since)}
    assert set(emitted) <= stored and len(emitted) == 5
