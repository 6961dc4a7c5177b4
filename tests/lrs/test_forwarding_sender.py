"""Forwarding, the sending side: order, batches, leases, backoff, dead letters, conflicts,
attachments; against a real HTTP server on loopback standing in for the remote LRS."""

import base64
import hashlib
import threading
from datetime import timedelta

import orjson
import pytest

from lrs.service.forward_sender import Sender, SenderSettings, backoff_delay
from lrs.xapi import multipart
from lrs.xapi.timestamps import now_utc
from tests.conftest import statement
from tests.lrs.forwarding_support import Remote, add_rule, new_store, post, queued_ids, storage_of

FAST = SenderSettings(poll_seconds=0.05, batch_size=100, lease_seconds=5, timeout_seconds=2,
                      backoff_seconds=0.5, backoff_max_seconds=4)


@pytest.fixture
def remote():
    server = Remote()
    yield server
    server.close()


def _sender(app, owner=None, **settings):
    return Sender(storage_of(app), SenderSettings(**{**FAST.__dict__, **settings}), owner=owner)


def _rule(app, rule):
    return storage_of(app).forwarding.rule(rule.id)


def _status(app, rule):
    return next(s for s in storage_of(app).forwarding.status(rule.store_id) if s.rule.id == rule.id)


def test_batches_arrive_in_stored_order_with_the_exact_stored_json(app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint, xapi_version="2.0.0")
    ids = []
    for _ in range(5):
        ids += post(client, [statement() for _ in range(50)])
    ids += post(client, statement())
    assert _sender(app).drain(_rule(app, rule))
    assert [len(b["statements"]) for b in remote.batches] == [100, 100, 51]
    assert remote.received_ids() == ids
    storage = storage_of(app)
    first = remote.batches[0]
    assert first["raw"] == ("[" + ",".join(storage.statements.get(store_id, i).body
                                           for i in ids[:100]) + "]").encode()
    assert first["path"] == "/xapi/statements"
    assert first["headers"]["X-Experience-API-Version"] == "2.0.0"
    assert first["headers"]["Authorization"] == "Basic " + base64.b64encode(
        b"remote-key:remote-secret").decode()
    status = _status(app, rule)
    assert (status.backlog, status.rule.delivered, status.rule.attempts) == (0, 251, 0)
    assert status.rule.last_success is not None


def test_failures_back_off_exponentially_then_delivery_resumes(app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint)
    ids = post(client, [statement(), statement()])
    remote.answer = lambda batch: 503
    sender = _sender(app)
    delays = []
    for attempt in (1, 2, 3):
        before = now_utc()
        assert not sender.drain(_rule(app, rule))
        current = _rule(app, rule)
        assert current.attempts == attempt
        assert "HTTP 503" in current.last_error
        delays.append((current.next_attempt - before).total_seconds())
        # Backing off: not due until next_attempt.
        assert rule.id not in [r.id for r in storage_of(app).forwarding.due("x", now_utc())]
        assert rule.id in [r.id for r in storage_of(app).forwarding.due(
            "x", current.next_attempt + timedelta(milliseconds=1))]
    for attempt, delay in enumerate(delays, 1):
        ceiling = 0.5 * 2 ** (attempt - 1)
        assert ceiling / 2 - 0.01 <= delay <= ceiling + 0.05
    assert queued_ids(app, rule) == ids  # nothing lost
    remote.answer = lambda batch: 200
    assert sender.drain(_rule(app, rule))
    current = _rule(app, rule)
    assert (current.attempts, current.next_attempt, current.delivered) == (0, None, 2)
    assert "HTTP 503" in current.last_error  # kept, with its time, for the operator
    assert remote.received_ids()[-2:] == ids


def test_an_unreachable_remote_is_an_error_too(app, client_for):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint="http://127.0.0.1:9/xapi/")
    post(client, statement())
    assert not _sender(app).drain(_rule(app, rule))
    current = _rule(app, rule)
    assert current.attempts == 1 and "ConnectionError" in current.last_error


def test_backoff_is_capped_and_jittered():
    settings = SenderSettings(backoff_seconds=1, backoff_max_seconds=60)
    assert backoff_delay(1, settings, rand=lambda: 1.0) == 1
    assert backoff_delay(4, settings, rand=lambda: 1.0) == 8
    assert backoff_delay(30, settings, rand=lambda: 1.0) == 60
    assert backoff_delay(30, settings, rand=lambda: 0.0) == 30


def test_a_statement_refused_for_good_is_dead_lettered_and_the_queue_goes_on(
        app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint)
    ids = post(client, [statement() for _ in range(5)])
    bad = ids[2]
    remote.answer = lambda batch: 400 if any(s["id"] == bad for s in batch) else 200
    sender = _sender(app)
    assert sender.drain(_rule(app, rule))
    # The batch, refused, then each statement on its own, in order.
    assert remote.received_ids() == ids + ids
    assert queued_ids(app, rule) == []
    status = _status(app, rule)
    assert (status.backlog, status.dead, status.rule.delivered) == (0, 1, 4)
    [(dead_id, error, _)] = storage_of(app).forwarding.dead_letters(rule.id)
    assert dead_id == bad and "HTTP 400" in error and bad in status.rule.last_error
    later = post(client, statement())
    assert sender.drain(_rule(app, rule))
    assert remote.received_ids()[-1] == later[0]
    # Once the remote is fixed, the operator can send it again.
    remote.answer = lambda batch: 200
    assert storage_of(app).forwarding.requeue_dead(rule.id) == 1
    assert sender.drain(_rule(app, rule))
    assert remote.received_ids()[-1] == bad and _status(app, rule).dead == 0


def test_a_conflict_counts_as_delivered(app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint)
    ids = post(client, [statement() for _ in range(3)])
    remote.answer = lambda batch: 409 if any(s["id"] == ids[1] for s in batch) else 200
    assert _sender(app).drain(_rule(app, rule))
    status = _status(app, rule)
    assert (status.backlog, status.dead, status.rule.delivered) == (0, 0, 3)


def test_one_sender_per_rule_holds_the_lease(app, client_for):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id)
    forwarding = storage_of(app).forwarding
    now = now_utc()
    assert forwarding.claim(rule.id, "a", now, now + timedelta(seconds=30))
    assert not forwarding.claim(rule.id, "b", now, now + timedelta(seconds=30))
    assert forwarding.claim(rule.id, "a", now, now + timedelta(seconds=30))  # renewal
    # A sender that stopped renewing loses the rule once its lease runs out.
    later = now + timedelta(seconds=31)
    assert forwarding.claim(rule.id, "b", later, later + timedelta(seconds=30))
    assert not forwarding.claim(rule.id, "a", later, later + timedelta(seconds=30))
    forwarding.release("b")
    assert forwarding.claim(rule.id, "a", later, later + timedelta(seconds=30))
    forwarding.release("a")


def test_two_senders_at_once_send_each_statement_once(app, client_for):
    slow = threading.Event()
    server = Remote(answer=lambda batch: slow.wait(0.05) or 200)
    try:
        client, store_id = new_store(app, client_for)
        rule = add_rule(app, store_id, endpoint=server.endpoint)
        ids = post(client, [statement() for _ in range(60)])
        senders = [_sender(app, owner=name, batch_size=10) for name in ("one", "two")]
        start = threading.Barrier(2)

        def work(sender):
            start.wait()
            sender.drain(_rule(app, rule))

        threads = [threading.Thread(target=work, args=(s,)) for s in senders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert server.received_ids() == ids
        assert _status(app, rule).rule.lease_owner in ("one", "two")
    finally:
        server.close()
        storage_of(app).forwarding.release("one")
        storage_of(app).forwarding.release("two")


def test_attachments_go_as_multipart_with_the_stored_content(app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint)
    content = b"Feedback notes, week 3"
    sha2 = hashlib.sha256(content).hexdigest()
    with_attachment = statement(attachments=[{
        "usageType": "http://id.tincanapi.com/attachmentusage/supporting_media",
        "display": {"en-US": "notes"}, "contentType": "text/plain",
        "length": len(content), "sha2": sha2}])
    body, ctype = multipart.build(orjson.dumps([with_attachment]).decode(),
                                  {sha2: ("text/plain", content)})
    response = client.post("/xapi/statements", data=body, headers={"Content-Type": ctype})
    assert response.status_code == 200, response.get_data(as_text=True)
    plain = post(client, statement())
    assert _sender(app).drain(_rule(app, rule))
    [batch] = remote.batches
    assert batch["headers"]["Content-Type"].startswith("multipart/mixed")
    assert batch["parts"][sha2] == ("text/plain", content)
    assert [s["id"] for s in batch["statements"]] == response.get_json() + plain


def test_statements_erased_after_queuing_are_skipped(app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint)
    ids = post(client, [statement(), statement()])
    from sqlalchemy import delete

    from lrs.storage.models import Statement
    storage = storage_of(app)
    with storage.engine.begin() as conn:
        conn.execute(delete(Statement.__table__).where(Statement.__table__.c.statement_id
                                                       == ids[0]))
    assert _sender(app).drain(_rule(app, rule))
    assert remote.received_ids() == ids[1:]
    assert queued_ids(app, rule) == []
    assert _rule(app, rule).delivered == 1


def test_run_sends_until_stopped_and_hands_back_its_leases(app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint)
    sender = _sender(app, owner="runner")
    thread = sender.start_thread()
    try:
        ids = post(client, [statement(), statement()])
        for _ in range(100):
            if remote.received_ids()[-2:] == ids:
                break
            threading.Event().wait(0.05)
        assert remote.received_ids()[-2:] == ids
    finally:
        sender.stop()
        thread.join(10)
    assert _rule(app, rule).lease_owner is None


def test_pausing_stops_a_sender_at_its_next_batch(app, client_for, remote):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, endpoint=remote.endpoint)
    ids = post(client, [statement() for _ in range(30)])
    storage_of(app).forwarding.set_enabled(rule.id, False)
    remote.answer = lambda batch: 200
    sender = _sender(app, batch_size=10)
    assert not sender.drain(_rule(app, rule))  # a sender that read the rule before the pause
    assert remote.received_ids() == [] and queued_ids(app, rule) == ids
