"""Statement query filters as index keys.

Each filter of ``GET /statements`` (agent, verb, activity, registration, with
or without ``related_*``) becomes one key; a statement is indexed under every
key it satisfies, so a query with several filters is one equality lookup per
filter, whatever the database.

``agent`` with ``verb`` (the commonest pair: "what has this learner completed")
is one key of its own, so that query walks exactly the statements it returns,
however busy the learner and however rare the verb. A statement that targets
another (StatementRef) meets each filter through itself or its target
(Data 2.5), so it also carries the pairs across the two (``cross_keys``).
"""

import functools

from .identity import agent_ifi, key_hash, statement_activity_ids, statement_agents

AGENT = "agent"
RELATED_AGENT = "agent+"
VERB = "verb"
ACTIVITY = "activity"
RELATED_ACTIVITY = "activity+"
REGISTRATION = "registration"
AGENT_VERB = "agent&verb"
RELATED_AGENT_VERB = "agent+&verb"


@functools.lru_cache(maxsize=65536)  # the same agents, verbs, activities recur: skip the hash
def filter_key(kind: str, value: str) -> str:
    return key_hash(kind + "\x00" + value)


def _verb_id(statement):
    verb = statement.get("verb")
    return verb["id"] if isinstance(verb, dict) and isinstance(verb.get("id"), str) else None


def _agent_verb_keys(agents: dict[str, bool], verbs) -> set[str]:
    keys = set()
    for verb in verbs:
        for ifi, direct in agents.items():
            keys.add(filter_key(RELATED_AGENT_VERB, ifi + "\x00" + verb))
            if direct:
                keys.add(filter_key(AGENT_VERB, ifi + "\x00" + verb))
    return keys


def cross_keys(statement: dict, target: dict) -> set[str]:
    """Agent-and-verb keys of a statement that targets ``target``: each of the two
    conditions may be met by either statement."""
    agents = statement_agents(statement)
    for ifi, direct in statement_agents(target).items():
        agents[ifi] = agents.get(ifi, False) or direct
    verbs = {v for v in (_verb_id(statement), _verb_id(target)) if v is not None}
    return _agent_verb_keys(agents, verbs)


def agent_keys(agents: dict[str, bool]) -> set[str]:
    """Keys of the agents a statement mentions (``statement_agents``)."""
    keys = set()
    for ifi, direct in agents.items():
        keys.add(filter_key(RELATED_AGENT, ifi))
        if direct:
            keys.add(filter_key(AGENT, ifi))
    return keys


def activity_keys(activities: dict[str, bool]) -> set[str]:
    """Keys of the activities a statement mentions (``statement_activity_ids``)."""
    keys = set()
    for iri, direct in activities.items():
        if not isinstance(iri, str):
            continue  # validation refuses these; never index them
        keys.add(filter_key(RELATED_ACTIVITY, iri))
        if direct:
            keys.add(filter_key(ACTIVITY, iri))
    return keys


def verb_keys(agents: dict[str, bool], statement: dict) -> set[str]:
    """The verb's key and the agent-and-verb pairs."""
    verb = _verb_id(statement)
    if verb is None:
        return set()
    return {filter_key(VERB, verb)} | _agent_verb_keys(agents, [verb])


def registration_keys(statement: dict) -> set[str]:
    context = statement.get("context")
    registration = context.get("registration") if isinstance(context, dict) else None
    if isinstance(registration, str):
        return {filter_key(REGISTRATION, registration.lower())}
    return set()


def statement_keys(statement: dict) -> set[str]:
    agents = statement_agents(statement)
    return (agent_keys(agents) | activity_keys(statement_activity_ids(statement))
            | verb_keys(agents, statement) | registration_keys(statement))


def query_keys(*, agent=None, verb=None, activity=None, registration=None,
               related_agents=False, related_activities=False) -> list[str]:
    """The keys a statement must all carry to match these query parameters."""
    keys = []
    if agent is not None and verb is not None:
        kind = RELATED_AGENT_VERB if related_agents else AGENT_VERB
        keys.append(filter_key(kind, agent_ifi(agent) + "\x00" + verb))
    elif agent is not None:
        keys.append(filter_key(RELATED_AGENT if related_agents else AGENT, agent_ifi(agent)))
    elif verb is not None:
        keys.append(filter_key(VERB, verb))
    if activity is not None:
        keys.append(filter_key(RELATED_ACTIVITY if related_activities else ACTIVITY, activity))
    if registration is not None:
        keys.append(filter_key(REGISTRATION, registration.lower()))
    return keys
