"""Forwarding, the outbox side: which statements are queued for which rule, written in the
statements' own transaction (all three databases: the `app` fixture's database)."""

import uuid

import pytest

from lrs.service import forwarding
from lrs.service.forwarding import RuleFilter, matches
from lrs.xapi.timestamps import now_utc
from tests.conftest import statement
from tests.lrs.forwarding_support import (
    ATTEMPTED,
    COMPLETED,
    add_rule,
    new_store,
    post,
    queued_ids,
    storage_of,
)

PREFIX = "https://learning.example.org/modules/first-reporting-officer/"


def _verb(iri):
    return {"id": iri, "display": {"en-US": iri.rsplit("/", 1)[-1]}}


def _activity(iri):
    return {"objectType": "Activity", "id": iri}


def test_every_statement_of_the_store_is_queued_in_stored_order(app, client_for):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id)
    ids = post(client, [statement() for _ in range(3)])          # one batch
    ids += post(client, statement())                              # singles
    ids += post(client, statement())
    assert queued_ids(app, rule) == ids


def test_other_stores_queue_nothing(app, client_for):
    client, store_id = new_store(app, client_for)
    other, _ = new_store(app, client_for)
    rule = add_rule(app, store_id)
    post(other, [statement(), statement()])
    assert queued_ids(app, rule) == []


def test_a_rejected_batch_leaves_no_outbox_rows(app, client_for):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id)
    kept = post(client, statement())
    bad = client.post("/xapi/statements", json=[statement(), {"verb": "nonsense"}])
    assert bad.status_code == 400
    conflicting = statement(id=kept[0], verb=_verb(ATTEMPTED))
    refused = client.post("/xapi/statements", json=[statement(), conflicting])
    assert refused.status_code == 409
    # The same statement again stores nothing, so queues nothing either.
    again = client.get("/xapi/statements", query_string={"statementId": kept[0]}).get_json()
    assert client.post("/xapi/statements", json=again).status_code in (200, 204)
    assert queued_ids(app, rule) == kept


def test_statement_refs_and_attachments_are_queued_too(app, client_for):
    """The general write path (StatementRefs; attachments) as well as PostgreSQL's fast one."""
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id)
    first = post(client, statement())
    ref = statement(object={"objectType": "StatementRef", "id": first[0]})
    voiding = statement(verb=_verb("http://adlnet.gov/expapi/verbs/voided"),
                        object={"objectType": "StatementRef", "id": first[0]})
    later = post(client, [ref, voiding])
    assert queued_ids(app, rule) == first + later


def test_filters_by_verb_and_by_object_activity_prefix(app, client_for):
    client, store_id = new_store(app, client_for)
    by_verb = add_rule(app, store_id, verbs=(COMPLETED,))
    by_activity = add_rule(app, store_id, activity_prefix=PREFIX)
    both = add_rule(app, store_id, verbs=(COMPLETED,), activity_prefix=PREFIX)
    inside, outside = _activity(PREFIX + "feedback"), _activity("https://other.example.org/x")
    in_context = statement(verb=_verb(ATTEMPTED), object=outside,
                           context={"contextActivities": {"parent": [inside]}})
    ids = post(client, [statement(verb=_verb(COMPLETED), object=inside),
                        statement(verb=_verb(COMPLETED), object=outside),
                        statement(verb=_verb(ATTEMPTED), object=inside),
                        in_context])
    assert queued_ids(app, by_verb) == ids[0:2]
    assert queued_ids(app, by_activity) == [ids[0], ids[2]]  # context activities don't count
    assert queued_ids(app, both) == ids[0:1]
    # A voiding statement follows wherever the voided statement may have gone.
    voiding = post(client, statement(verb=_verb("http://adlnet.gov/expapi/verbs/voided"),
                                     object={"objectType": "StatementRef", "id": ids[0]}))
    for rule in (by_verb, by_activity, both):
        assert queued_ids(app, rule)[-1] == voiding[0]


@pytest.mark.parametrize("rule, statement_, expected", [
    (RuleFilter(1, frozenset(), "", None), {"verb": {"id": ATTEMPTED}}, True),
    (RuleFilter(1, frozenset({COMPLETED}), "", None), {"verb": {"id": ATTEMPTED}}, False),
    (RuleFilter(1, frozenset(), PREFIX, None),
     {"verb": {"id": ATTEMPTED}, "object": {"id": PREFIX + "a"}}, True),
    (RuleFilter(1, frozenset(), PREFIX, None),
     {"verb": {"id": ATTEMPTED}, "object": {"objectType": "Agent", "mbox": "mailto:a@b.c"}},
     False),
    (RuleFilter(1, frozenset(), PREFIX, None),
     {"verb": {"id": ATTEMPTED}, "object": {"objectType": "SubStatement",
                                            "object": {"id": PREFIX + "a"}}}, False),
])
def test_matching_is_a_pure_function_of_rule_and_statement(rule, statement_, expected):
    assert matches(rule, statement_) is expected


def test_paused_rules_keep_queuing_but_are_not_due(app, client_for):
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id)
    storage = storage_of(app)
    storage.forwarding.set_enabled(rule.id, False)
    forwarding.rule_cache(storage).reload()
    ids = post(client, statement())
    assert queued_ids(app, rule) == ids
    assert rule.id not in [r.id for r in storage.forwarding.due("me", now_utc())]
    storage.forwarding.set_enabled(rule.id, True)
    assert rule.id in [r.id for r in storage.forwarding.due("me", now_utc())]


def test_add_rule_backfills_what_workers_stored_before_they_saw_the_rule(app, client_for):
    """Workers cache the rules: statements stored while a worker's cache predates the new
    rule get no outbox row; `add_rule` waits the cache out, then queues them, in order."""
    client, store_id = new_store(app, client_for)
    storage = storage_of(app)
    cache = forwarding.rule_cache(storage)
    before = post(client, statement())  # before the rule: never forwarded
    cache.reload()
    cache_seconds, cache.seconds = cache.seconds, 3600  # this worker won't look again
    stale = []
    try:
        rule, backfilled = forwarding.add_rule(
            storage, store_id=store_id, name=f"late-{uuid.uuid4().hex[:6]}",
            endpoint="http://127.0.0.1:9/xapi", username="k", password="s",
            sleep=lambda _seconds: stale.extend(post(client, [statement(), statement()])))
        cache.reload()
        fresh = post(client, statement())
    finally:
        cache.seconds = cache_seconds
    assert backfilled == 2
    assert before[0] not in queued_ids(app, rule)
    assert queued_ids(app, rule) == stale + fresh
    # Running the backfill again queues nothing twice.
    assert forwarding.backfill(storage, rule, since=rule.created) == 0


def test_removing_a_rule_drops_what_workers_queued_before_they_saw_it_go(app, client_for):
    client, store_id = new_store(app, client_for)
    storage = storage_of(app)
    cache = forwarding.rule_cache(storage)
    rule = add_rule(app, store_id)
    post(client, statement())
    cache_seconds, cache.seconds = cache.seconds, 3600  # this worker still sees the rule
    late = []
    try:
        forwarding.remove_rule(storage, rule,
                               sleep=lambda _seconds: late.extend(post(client, statement())))
    finally:
        cache.seconds = cache_seconds
        cache.reload()
    assert late and queued_ids(app, rule) == []
    assert storage.forwarding.rule(rule.id) is None
    # A new rule never takes a removed rule's id (so never adopts its queue).
    assert add_rule(app, store_id).id > rule.id


def test_a_rule_can_start_from_statements_stored_earlier(app, client_for, monkeypatch):
    monkeypatch.setattr(forwarding, "BACKFILL_CHUNK", 2)  # the backfill goes in chunks
    client, store_id = new_store(app, client_for)
    older = post(client, statement())
    since = now_utc()
    earlier = post(client, [statement() for _ in range(3)]) + post(client, statement())
    rule = add_rule(app, store_id, since=since)
    later = post(client, statement())
    assert older[0] not in queued_ids(app, rule)
    assert queued_ids(app, rule) == earlier + later


def test_outbox_rows_are_written_by_the_fast_path_too(app, client_for, monkeypatch):
    """On PostgreSQL the common case is one SQL statement (postgresql_writes.AT_ONCE): it
    must queue the outbox rows itself, without falling back to the general path."""
    storage = storage_of(app)
    if storage.backend == "postgresql":
        from lrs.storage.statements import SQLStatements

        def no_general_path(*args, **kwargs):
            raise AssertionError("the general path was taken")
        monkeypatch.setattr(SQLStatements, "_save", no_general_path)
    client, store_id = new_store(app, client_for)
    rule = add_rule(app, store_id, verbs=(COMPLETED,))
    ids = post(client, [statement(), statement(verb=_verb(ATTEMPTED)), statement()])
    assert queued_ids(app, rule) == [ids[0], ids[2]]
