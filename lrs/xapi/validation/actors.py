"""Agents, Groups and Accounts: actor, instructor, team, authority, group members."""

from ..identity import IFI_PROPERTIES
from .core import ValidationError, at, check_object, item, kind, show
from .syntax import is_mailto, is_sha1_hex
from .values import constant, iri, irl, string


def mbox(value, path, ctx):
    if not is_mailto(value):
        yield ValidationError(path, f"must be a 'mailto:' IRI with an email address, "
                                    f"not {show(value)}")


def mbox_sha1sum(value, path, ctx):
    if not is_sha1_hex(value):
        yield ValidationError(path, f"must be the 40 hex digits of a SHA-1 hash, "
                                    f"not {show(value)}")


ACCOUNT = {"homePage": irl, "name": string}


def account(value, path, ctx):
    yield from check_object(value, path, ctx, ACCOUNT, required=("homePage", "name"),
                            what="an Account object")


_IDENTIFIERS = {"mbox": mbox, "mbox_sha1sum": mbox_sha1sum, "openid": iri, "account": account}
AGENT = {"objectType": constant("Agent"), "name": string, **_IDENTIFIERS}


def _identifiers(value):
    return [p for p in IFI_PROPERTIES if p in value]


def agent(value, path, ctx):
    """An Agent: exactly one inverse functional identifier (IFI)."""
    yield from check_object(value, path, ctx, AGENT, what="an Agent object")
    if isinstance(value, dict):
        found = _identifiers(value)
        if len(found) != 1:
            yield _ifi_count_error(path, found, "an Agent")


def _ifi_count_error(path, found, what):
    if not found:
        return ValidationError(path, f"{what} needs one of mbox, mbox_sha1sum, openid or account")
    return ValidationError(path, f"{what} must use exactly one of mbox, mbox_sha1sum, openid "
                                 f"or account, not {' and '.join(found)}")


def member(value, path, ctx):
    """Group members are Agents, never Groups."""
    if isinstance(value, dict) and value.get("objectType") == "Group":
        yield ValidationError(at(path, "objectType"), "a Group's members must be Agents")
        return
    yield from agent(value, path, ctx)


def _members(value, path, ctx):
    if not isinstance(value, list):
        yield ValidationError(path, f"must be an array of Agents, not {kind(value)}")
        return
    for index, entry in enumerate(value):
        yield from member(entry, item(path, index), ctx)


GROUP = {"objectType": constant("Group"), "name": string, "member": _members, **_IDENTIFIERS}


def group(value, path, ctx):
    """An identified Group (one IFI, members optional) or an anonymous one (members)."""
    yield from check_object(value, path, ctx, GROUP, required=("objectType",),
                            what="a Group object")
    if not isinstance(value, dict):
        return
    found = _identifiers(value)
    if len(found) > 1:
        yield _ifi_count_error(path, found, "an identified Group")
    elif not found and not value.get("member"):
        yield ValidationError(at(path, "member"), "an anonymous Group (one without mbox, "
                              "mbox_sha1sum, openid or account) needs at least one member")


def actor(value, path, ctx):
    """An Agent (objectType "Agent" or none) or a Group (objectType "Group")."""
    if not isinstance(value, dict):
        yield ValidationError(path, f"must be an Agent or Group object, not {kind(value)}")
        return
    object_type = value.get("objectType", "Agent")
    if object_type == "Group":
        yield from group(value, path, ctx)
    elif object_type == "Agent":
        yield from agent(value, path, ctx)
    else:
        yield ValidationError(at(path, "objectType"), f"must be 'Agent' or 'Group' "
                                                      f"(case-sensitive), not {show(object_type)}")


def team(value, path, ctx):
    if isinstance(value, dict) and value.get("objectType") != "Group":
        yield ValidationError(path, "must be a Group (with objectType 'Group')")
        return
    yield from group(value, path, ctx)


def authority(value, path, ctx):
    """An Agent, or an anonymous Group of exactly two Agents (an OAuth consumer and user)."""
    yield from actor(value, path, ctx)
    if not isinstance(value, dict) or value.get("objectType") != "Group":
        return
    if _identifiers(value):
        yield ValidationError(path, "an authority Group must be anonymous (no mbox, "
                                    "mbox_sha1sum, openid or account)")
    members = value.get("member")
    if isinstance(members, list) and len(members) != 2:
        yield ValidationError(at(path, "member"), f"an authority Group must have exactly two "
                                                  f"members, not {len(members)}")


def identified_actor(value, path, ctx):
    """An Agent or identified Group, as the agent query parameter names one."""
    yield from actor(value, path, ctx)
    if isinstance(value, dict) and value.get("objectType") == "Group" and not _identifiers(value):
        yield ValidationError(path, "must identify the Group with one of mbox, mbox_sha1sum, "
                                    "openid or account")
