"""Statements and Sub-Statements, for xAPI 1.0.x and 2.0 requests.

``iter_errors`` yields every problem it finds, each with its JSON path;
``validate_statement`` raises the first as a 400 (``InvalidStatement``).
"""

from ...errors import BadRequest
from .activities import activity
from .actors import actor, agent, authority, group, identified_actor
from .attachment import attachment
from .context import activity_only_properties, context
from .core import Context, ValidationError, at, check_object, kind, show
from .refs import statement_ref
from .result import result
from .syntax import is_statement_version
from .values import array_of, constant, iri, language_map, timestamp, uuid

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


class InvalidStatement(BadRequest):
    pass


VERB = {"id": iri, "display": language_map}


def verb(value, path, ctx):
    yield from check_object(value, path, ctx, VERB, required=("id",), what="a Verb object")


def version(value, path, ctx):
    if not is_statement_version(value, v2=ctx.v2):
        allowed = "1.0.x or 2.0.x" if ctx.v2 else "1.0 or 1.0.x"
        yield ValidationError(path, f"must be {allowed}, not {show(value)}")


def _object_of(kinds):
    """The statement's object, dispatched on its objectType (Activity when absent)."""
    def rule(value, path, ctx):
        if not isinstance(value, dict):
            yield ValidationError(path, f"must be an object, not {kind(value)}")
            return
        object_type = value.get("objectType", "Activity")
        check = kinds.get(object_type) if isinstance(object_type, str) else None
        if check is None:
            yield ValidationError(at(path, "objectType"), f"must be one of {', '.join(kinds)} "
                                  f"(case-sensitive), not {show(object_type)}")
            return
        yield from check(value, path, ctx)
    return rule


SUB_STATEMENT = {
    "objectType": constant("SubStatement"),
    "actor": actor,
    "verb": verb,
    # A Sub-Statement's object may be anything but another Sub-Statement.
    "object": _object_of({"Activity": activity, "Agent": agent, "Group": group,
                          "StatementRef": statement_ref}),
    "result": result,
    "context": context,
    "timestamp": timestamp,
    "attachments": array_of(attachment),
}


def sub_statement(value, path, ctx):
    """No id, stored, version or authority: those belong to stored statements only."""
    yield from check_object(value, path, ctx, SUB_STATEMENT,
                            required=("objectType", "actor", "verb", "object"))
    if isinstance(value, dict):
        yield from activity_only_properties(value.get("context"), value.get("object"),
                                            at(path, "context"))


STATEMENT = {
    "id": uuid,
    "actor": actor,
    "verb": verb,
    "object": _object_of({"Activity": activity, "Agent": agent, "Group": group,
                          "SubStatement": sub_statement, "StatementRef": statement_ref}),
    "result": result,
    "context": context,
    "timestamp": timestamp,
    # The LRS overwrites stored and authority, but a client that sends them sends them
    # well formed.
    "stored": timestamp,
    "authority": authority,
    "version": version,
    "attachments": array_of(attachment),
}


def statement(value, path, ctx):
    yield from check_object(value, path, ctx, STATEMENT, required=("actor", "verb", "object"),
                            what="a Statement object")
    if not isinstance(value, dict):
        return
    obj = value.get("object")
    yield from activity_only_properties(value.get("context"), obj, "context")
    verb_value = value.get("verb")
    if (isinstance(verb_value, dict) and verb_value.get("id") == VOIDED
            and isinstance(obj, dict) and obj.get("objectType") != "StatementRef"):
        yield ValidationError("object", "a voiding statement (verb "
                              f"{VOIDED}) must have a StatementRef as its object")


def iter_errors(statement_value, version_string):
    """Every problem with a statement sent in a request of the given xAPI version."""
    return statement(statement_value, "", Context(version_string))


def validate_statement(statement_value, version_string):
    for error in iter_errors(statement_value, version_string):
        raise InvalidStatement(f"invalid statement: {error}", path=error.path or None)


def validate_agent(agent_value, path="agent"):
    """An Agent or identified Group given as a query parameter: exactly one IFI."""
    for error in identified_actor(agent_value, path, Context("1.0.3")):
        raise InvalidStatement(f"invalid {path} parameter: {error}", path=error.path)
