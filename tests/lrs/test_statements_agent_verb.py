"""agent + verb queries (one index key of their own) keep the spec's filter semantics."""

import json
import uuid

from tests.conftest import statement

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted"
COMMENTED = "http://adlnet.gov/expapi/verbs/commented"


def agent(name):
    return {"objectType": "Agent", "mbox": f"mailto:{name}.{uuid.uuid4().hex[:8]}@example.org"}


def ids(xapi, **params):
    for key in ("agent",):
        if key in params:
            params[key] = json.dumps(params[key])
    response = xapi.get("/xapi/statements", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {s["id"] for s in response.get_json()["statements"]}


def post(xapi, s):
    response = xapi.post("/xapi/statements", json=s)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()[0]


def test_agent_and_verb_must_both_match(xapi):
    amina, omar = agent("amina"), agent("omar")
    wanted = post(xapi, statement(actor=amina, verb={"id": COMPLETED}))
    post(xapi, statement(actor=amina, verb={"id": ATTEMPTED}))
    post(xapi, statement(actor=omar, verb={"id": COMPLETED}))
    assert ids(xapi, agent=amina, verb=COMPLETED) == {wanted}


def test_related_agents_with_verb(xapi):
    learner, coach = agent("learner"), agent("coach")
    coached = post(xapi, statement(actor=learner, verb={"id": COMPLETED},
                                   context={"instructor": coach}))
    assert ids(xapi, agent=coach, verb=COMPLETED) == set()
    assert ids(xapi, agent=coach, verb=COMPLETED, related_agents="true") == {coached}


def _ref(actor, target_id):
    return statement(actor=actor, verb={"id": COMMENTED},
                     object={"objectType": "StatementRef", "id": target_id})


def test_statement_ref_meets_each_condition_through_itself_or_its_target(xapi):
    author, reviewer = agent("author"), agent("reviewer")
    target = post(xapi, statement(actor=author, verb={"id": COMPLETED}))
    comment = post(xapi, _ref(reviewer, target))
    # Reviewer (the comment's actor) with the target's verb; author with the comment's verb.
    assert ids(xapi, agent=reviewer, verb=COMPLETED) == {comment}
    assert ids(xapi, agent=author, verb=COMMENTED) == {comment}
    assert ids(xapi, agent=author, verb=COMPLETED) == {target, comment}


def test_statement_ref_stored_before_its_target(xapi):
    author, reviewer = agent("author"), agent("reviewer")
    target_id = str(uuid.uuid4())
    comment = post(xapi, _ref(reviewer, target_id))
    assert ids(xapi, agent=reviewer, verb=COMPLETED) == set()
    xapi.put(f"/xapi/statements?statementId={target_id}",
             json=statement(actor=author, verb={"id": COMPLETED}))
    assert ids(xapi, agent=reviewer, verb=COMPLETED) == {comment}
    assert ids(xapi, agent=author, verb=COMMENTED) == {comment}


def test_statement_ref_and_target_in_one_batch(xapi):
    author, reviewer = agent("author"), agent("reviewer")
    target_id = str(uuid.uuid4())
    batch = [statement(id=target_id, actor=author, verb={"id": COMPLETED}),
             _ref(reviewer, target_id)]
    response = xapi.post("/xapi/statements", json=batch)
    assert response.status_code == 200
    comment = response.get_json()[1]
    assert ids(xapi, agent=reviewer, verb=COMPLETED) == {comment}
