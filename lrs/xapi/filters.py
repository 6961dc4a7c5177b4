"""Statement query filters as index keys.

Each filter of ``GET /statements`` (agent, verb, activity, registration, with
or without ``related_*``) becomes one key; a statement is indexed under every
key it satisfies, so a query with several filters is one equality lookup per
filter, whatever the database.
"""

import functools

from .identity import agent_ifi, key_hash, statement_activity_ids, statement_agents

AGENT = "agent"
RELATED_AGENT = "agent+"
VERB = "verb"
ACTIVITY = "activity"
RELATED_ACTIVITY = "activity+"
REGISTRATION = "registration"


@functools.lru_cache(maxsize=65536)  # the same agents, verbs, activities recur: skip the hash
def filter_key(kind: str, value: str) -> str:
    return key_hash(kind + "\x00" + value)


def statement_keys(statement: dict) -> set[str]:
    keys = set()
    for ifi, direct in statement_agents(statement).items():
        keys.add(filter_key(RELATED_AGENT, ifi))
        if direct:
            keys.add(filter_key(AGENT, ifi))
    for iri, direct in statement_activity_ids(statement).items():
        if not isinstance(iri, str):
            continue  # validation refuses these; never index them
        keys.add(filter_key(RELATED_ACTIVITY, iri))
        if direct:
            keys.add(filter_key(ACTIVITY, iri))
    verb = statement.get("verb")
    if isinstance(verb, dict) and isinstance(verb.get("id"), str):
        keys.add(filter_key(VERB, verb["id"]))
    context = statement.get("context")
    registration = context.get("registration") if isinstance(context, dict) else None
    if isinstance(registration, str):
        keys.add(filter_key(REGISTRATION, registration.lower()))
    return keys


def query_keys(*, agent=None, verb=None, activity=None, registration=None,
               related_agents=False, related_activities=False) -> list[str]:
    """The keys a statement must all carry to match these query parameters."""
    keys = []
    if agent is not None:
        keys.append(filter_key(RELATED_AGENT if related_agents else AGENT, agent_ifi(agent)))
    if verb is not None:
        keys.append(filter_key(VERB, verb))
    if activity is not None:
        keys.append(filter_key(RELATED_ACTIVITY if related_activities else ACTIVITY, activity))
    if registration is not None:
        keys.append(filter_key(REGISTRATION, registration.lower()))
    return keys
