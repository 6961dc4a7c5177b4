"""Who and what a statement mentions, as index keys.

An agent or identified group is known by its Inverse Functional Identifier
(IFI); an activity by its IRI. Both become fixed-width keys (``key_hash``) so
every database indexes them whole, however long the IRI.
"""

import hashlib

IFI_PROPERTIES = ("mbox", "mbox_sha1sum", "openid", "account")


def _dict(value) -> dict:
    """The value if it is an object, else an empty one (validation refuses the rest)."""
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def key_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def agent_ifi(agent: dict) -> str | None:
    """The canonical IFI string of an agent or identified group, or None (anonymous group)."""
    if not isinstance(agent, dict):
        return None
    if "mbox" in agent:
        return "mbox:" + str(agent["mbox"])
    if "mbox_sha1sum" in agent:
        return "mbox_sha1sum:" + str(agent["mbox_sha1sum"]).lower()
    if "openid" in agent:
        return "openid:" + str(agent["openid"])
    account = agent.get("account")
    if isinstance(account, dict):
        return "account:" + str(account.get("homePage")) + "|" + str(account.get("name"))
    return None


def _actor_keys(actor, direct, out):
    """Add the actor's own key and, for groups, its members' keys."""
    if not isinstance(actor, dict):
        return
    key = agent_ifi(actor)
    if key:
        out[key] = out.get(key, False) or direct
    if actor.get("objectType") == "Group":
        for member in _list(actor.get("member")):
            _actor_keys(member, direct, out)


def _context_agents(context, out):
    if not isinstance(context, dict):
        return
    _actor_keys(context.get("instructor"), False, out)
    _actor_keys(context.get("team"), False, out)
    for item in _list(context.get("contextAgents")):
        if isinstance(item, dict):
            _actor_keys(item.get("agent"), False, out)
    for item in _list(context.get("contextGroups")):
        if isinstance(item, dict):
            _actor_keys(item.get("group"), False, out)


def statement_agents(statement: dict) -> dict[str, bool]:
    """IFIs of every agent the statement mentions -> True if it is actor or object.

    "Direct" matches serve the plain ``agent`` filter (actor or object, a group
    matching its members too); every key serves ``related_agents=true``
    (authority, instructor, team, context agents, and inside a sub-statement).
    """
    out: dict[str, bool] = {}
    _actor_keys(statement.get("actor"), True, out)
    obj = _dict(statement.get("object"))
    if obj.get("objectType") in ("Agent", "Group"):
        _actor_keys(obj, True, out)
    _actor_keys(statement.get("authority"), False, out)
    _context_agents(statement.get("context"), out)
    if obj.get("objectType") == "SubStatement":
        _actor_keys(obj.get("actor"), False, out)
        sub_obj = _dict(obj.get("object"))
        if sub_obj.get("objectType") in ("Agent", "Group"):
            _actor_keys(sub_obj, False, out)
        _context_agents(obj.get("context"), out)
    return out


def _context_activities(context, out):
    if not isinstance(context, dict):
        return
    for kind in ("parent", "grouping", "category", "other"):
        for activity in _activity_list(_dict(context.get("contextActivities")).get(kind)):
            if isinstance(activity.get("id"), str):
                out.setdefault(activity["id"], False)


def _activity_list(value) -> list[dict]:
    """Context activities: an array of activities, or (xAPI 1.0) a single one."""
    if isinstance(value, dict):
        return [value]
    return [a for a in _list(value) if isinstance(a, dict)]


def _is_activity(obj):
    return isinstance(obj, dict) and obj.get("objectType", "Activity") == "Activity" \
        and isinstance(obj.get("id"), str)


def statement_activity_ids(statement: dict) -> dict[str, bool]:
    """IRIs of every activity the statement mentions -> True if it is the object."""
    out: dict[str, bool] = {}
    obj = _dict(statement.get("object"))
    if _is_activity(obj):
        out[obj["id"]] = True
    _context_activities(statement.get("context"), out)
    if obj.get("objectType") == "SubStatement":
        if _is_activity(obj.get("object")):
            out.setdefault(obj["object"]["id"], False)
        _context_activities(obj.get("context"), out)
    return out


def statement_activities(statement: dict):
    """Every activity object (with its definition) the statement carries."""
    found = []
    obj = _dict(statement.get("object"))
    containers = [statement]
    if obj.get("objectType") == "SubStatement":
        containers.append(obj)
    for container in containers:
        target = container.get("object")
        if _is_activity(target):
            found.append(target)
        context = container.get("context")
        if isinstance(context, dict):
            for kind in ("parent", "grouping", "category", "other"):
                items = _activity_list(_dict(context.get("contextActivities")).get(kind))
                found.extend(a for a in items if isinstance(a.get("id"), str))
    return found


def names_for(statement: dict, ifi: str) -> list[str]:
    """The names a statement gives the agent or group known by ``ifi``, wherever it appears."""
    found = []

    def visit(node):
        if isinstance(node, dict):
            if agent_ifi(node) == ifi and isinstance(node.get("name"), str) \
                    and node["name"] not in found:
                found.append(node["name"])
            for value in node.values():
                if isinstance(value, dict | list):
                    visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit({key: statement.get(key) for key in ("actor", "object", "context", "authority")})
    return found


def person_object(agent: dict, names: list[str]) -> dict:
    """A Person object (Communication 2.4): every property an array; the agent's own
    identifier plus the names the LRS has seen it under."""
    person = {"objectType": "Person"}
    if names:
        person["name"] = list(names)
    for prop in IFI_PROPERTIES:
        if prop in agent:
            person[prop] = [agent[prop]]
    return person
