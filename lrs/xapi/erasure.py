"""Erasure of an agent: where it appears in a statement, and how it is replaced.

An agent is matched by every IFI that names the same person: its own, and for an
``mbox`` the ``mbox_sha1sum`` of that address too. It is matched wherever an
agent can stand — actor, object, group member, authority, instructor, team,
context agents and groups, and all of those inside a sub-statement — by walking
the whole statement rather than a list of places, so a place added by a later
version of the spec is not missed.
"""

import hashlib

import orjson

from . import filters
from .identity import agent_ifi


class ErasureError(ValueError):
    """The agent given can't be erased: it has no inverse functional identifier."""


def ifis_of(agent: dict) -> set[str]:
    """Every IFI string that names this agent."""
    ifi = agent_ifi(agent)
    if ifi is None:
        raise ErasureError("the agent needs an mbox, mbox_sha1sum, openid or account")
    ifis = {ifi}
    mbox = agent.get("mbox")
    if isinstance(mbox, str):
        ifis.add("mbox_sha1sum:" + hashlib.sha1(mbox.encode()).hexdigest())
    return ifis


def search_tokens(agent: dict) -> list[str]:
    """Substrings that any statement naming the agent contains in its JSON text: a cheap
    first sieve in the database; ``mentions`` decides."""
    tokens = []
    for ifi in ifis_of(agent):
        kind, _, value = ifi.partition(":")
        if kind == "account":
            value = value.split("|", 1)[1]  # the account name; the homePage is common
        tokens.append(orjson.dumps(value).decode()[1:-1])  # as it is written in the JSON
    return tokens


def _is_agent_like(node: dict) -> bool:
    return any(p in node for p in ("mbox", "mbox_sha1sum", "openid", "account"))


def mentions(node, ifis: set[str]) -> bool:
    if isinstance(node, dict):
        if _is_agent_like(node) and agent_ifi(node) in ifis:
            return True
        return any(mentions(value, ifis) for value in node.values())
    if isinstance(node, list):
        return any(mentions(value, ifis) for value in node)
    return False


def replaced(node, ifis: set[str], account: dict):
    """A copy of ``node`` where each mention of the agent is the opaque ``account``: its
    name and other identifiers dropped, a group keeping its (separately judged) members."""
    if isinstance(node, dict):
        if _is_agent_like(node) and agent_ifi(node) in ifis:
            out = {"objectType": node["objectType"]} if "objectType" in node else {}
            out["account"] = dict(account)
            if "member" in node:
                out["member"] = replaced(node["member"], ifis, account)
            return out
        return {key: replaced(value, ifis, account) for key, value in node.items()}
    if isinstance(node, list):
        return [replaced(value, ifis, account) for value in node]
    return node


def verbs_of(statement: dict) -> set[str]:
    verbs = set()
    for node in (statement, statement.get("object")):
        verb = node.get("verb") if isinstance(node, dict) else None
        if isinstance(verb, dict) and isinstance(verb.get("id"), str):
            verbs.add(verb["id"])
    return verbs


def agent_keys(ifis: set[str], verbs: set[str]) -> set[str]:
    """Every filter key through which a query could find the agent."""
    keys = set()
    for ifi in ifis:
        keys.add(filters.filter_key(filters.AGENT, ifi))
        keys.add(filters.filter_key(filters.RELATED_AGENT, ifi))
        for verb in verbs:
            keys.add(filters.filter_key(filters.AGENT_VERB, ifi + "\x00" + verb))
            keys.add(filters.filter_key(filters.RELATED_AGENT_VERB, ifi + "\x00" + verb))
    return keys
