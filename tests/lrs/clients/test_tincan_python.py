"""TinCanPython (the `tincan` package), as content and tools in the field use it."""

import uuid

from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    LanguageMap,
    RemoteLRS,
    StateDocument,
    Statement,
    Verb,
)


def _lrs(live_lrs, credentials, version="1.0.3"):
    key, secret = credentials
    return RemoteLRS(endpoint=live_lrs, username=key, password=secret, version=version)


def _statement(agent):
    return Statement(
        actor=agent,
        verb=Verb(id="http://adlnet.gov/expapi/verbs/experienced",
                  display=LanguageMap({"en-US": "experienced"})),
        object=Activity(
            id="https://learning.example.org/modules/leading-change",
            definition=ActivityDefinition(name=LanguageMap({"en-US": "Leading change"}))),
    )


def _agent():
    return Agent(name="Lena Okafor", mbox=f"mailto:lena.{uuid.uuid4().hex[:8]}@example.org")


def test_save_and_retrieve_statement(live_lrs, credentials):
    lrs = _lrs(live_lrs, credentials)
    agent = _agent()
    saved = lrs.save_statement(_statement(agent))
    assert saved.success, saved.data
    statement_id = saved.content.id
    assert uuid.UUID(str(statement_id)).version == 4
    got = lrs.retrieve_statement(statement_id)
    assert got.success, got.data
    assert got.content.actor.mbox == agent.mbox
    assert got.content.stored is not None


def test_query_with_capitalised_booleans_and_paging(live_lrs, credentials):
    lrs = _lrs(live_lrs, credentials, version="1.0.2")
    agent = _agent()
    assert lrs.save_statements([_statement(agent) for _ in range(5)]).success
    first = lrs.query_statements({"agent": agent, "limit": 2, "related_agents": True,
                                  "ascending": True})
    assert first.success, first.data
    seen = [s.id for s in first.content.statements]
    more = first.content.more
    while more:
        page = lrs.more_statements(more)
        assert page.success, page.data
        seen += [s.id for s in page.content.statements]
        more = page.content.more
    assert len(seen) == 5 and len(set(seen)) == 5


def test_save_state_twice_and_read_it_back(live_lrs, credentials):
    lrs = _lrs(live_lrs, credentials)
    agent = _agent()
    activity = Activity(id="https://learning.example.org/modules/leading-change")
    state = StateDocument(id="bookmark", activity=activity, agent=agent,
                          content='{"page": 3}', content_type="application/json")
    # save_state() sends the same PUT twice; both must succeed.
    assert lrs.save_state(state).success
    got = lrs.retrieve_state(activity, agent, "bookmark")
    assert got.success, got.data
    assert bytes(got.content.content) == b'{"page": 3}'
