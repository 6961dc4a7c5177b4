"""Storage behaviour the fast paths must keep: exact bodies, (stored, id) order, since/paging."""

import json
import uuid

import pytest
from sqlalchemy import text

from tests.conftest import statement


def _post(xapi, statements):
    response = xapi.post("/xapi/statements", json=statements)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_a_batch_comes_back_exactly_as_stored_whatever_its_characters(xapi):
    tricky = ['comma, "quotes" and \\ backslash', "brackets ] [ } {", "nul \u0000 and é ✓ 😀",
              "line\nbreak\ttab"]
    batch = [statement(result={"response": text}) for text in tricky]
    ids = _post(xapi, batch)
    for sent, statement_id in zip(batch, ids, strict=True):
        got = xapi.get("/xapi/statements", query_string={"statementId": statement_id})
        assert got.status_code == 200
        assert got.get_json()["result"]["response"] == sent["result"]["response"]


def test_filtered_query_pages_through_every_match_newest_first_then_since(xapi):
    agent = {"mbox": f"mailto:pager.{uuid.uuid4().hex[:8]}@example.org"}
    first = _post(xapi, [statement(actor=agent) for _ in range(3)])
    second = _post(xapi, [statement(actor=agent) for _ in range(4)])
    other = _post(xapi, [statement()])  # another agent: never in the results
    seen = []
    response = xapi.get("/xapi/statements", query_string={
        "agent": json.dumps(agent), "verb": "http://adlnet.gov/expapi/verbs/completed",
        "limit": "2"})
    for _ in range(10):
        body = response.get_json()
        seen += [s["id"] for s in body["statements"]]
        if not body["more"]:
            break
        response = xapi.get(body["more"])
    assert sorted(seen) == sorted(first + second) and len(seen) == 7
    assert other[0] not in seen
    # Newest stored first: the later batch before the earlier one.
    assert set(seen[:4]) == set(second) and set(seen[4:]) == set(first)
    stored = [xapi.get("/xapi/statements", query_string={"statementId": i}).get_json()["stored"]
              for i in seen]
    assert stored == sorted(stored, reverse=True)
    since = xapi.get("/xapi/statements", query_string={
        "agent": json.dumps(agent), "since": stored[-1]}).get_json()["statements"]
    assert {s["id"] for s in since} == set(second)


def test_postgresql_plans_writes_once_and_statement_queries_for_their_values(app):
    """The prepared one-statement write was planned anew on every execution under the
    default plan_cache_mode (half of PostgreSQL's CPU per single POST); statement queries
    need plans for their values (a generic plan can't see which key is rare)."""
    storage = app.extensions["lrs.storage"]
    if storage.backend != "postgresql":
        pytest.skip("plan_cache_mode is PostgreSQL's")
    for engine, mode in ((storage.engine, "force_generic_plan"),
                         (storage.statements.reader, "force_custom_plan")):
        with engine.connect() as conn:
            assert conn.execute(text("SHOW plan_cache_mode")).scalar() == mode
