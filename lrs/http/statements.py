"""The Statement Resource: /xapi/statements."""

from datetime import UTC

from flask import Blueprint, Response, current_app, g, request

from ..errors import BadRequest
from ..service import statements as service
from ..xapi import formats, multipart
from ..xapi.timestamps import format_utc, now_utc
from . import params
from .auth import caller, storage
from .responses import no_content, raw_json_response

blueprint = Blueprint("statements", __name__)

SINGLE_PARAMS = {"statementId", "voidedStatementId", "format", "attachments"}
QUERY_PARAMS = {"agent", "verb", "activity", "registration", "related_activities",
                "related_agents", "since", "until", "limit", "format", "attachments",
                "ascending", "more"}


def _read_statements():
    """(list of statements, attachment parts, single?) from a JSON or multipart body."""
    content_type = request.headers.get("Content-Type", "")
    mime = content_type.split(";")[0].strip().lower()
    body = request.get_data(cache=True)
    parts = {}
    if mime == "multipart/mixed":
        body, parts = multipart.parse(body, content_type)
    elif mime != "application/json":
        raise BadRequest(f"Content-Type must be application/json or multipart/mixed, "
                         f"not {content_type!r}")
    data = params.parse_json(body) if body else None
    if data is None:
        raise BadRequest("the request has no statement")
    single = isinstance(data, dict)
    statements = [data] if single else data
    if not isinstance(statements, list) or not all(isinstance(s, dict) for s in statements):
        raise BadRequest("the body must be a statement object or an array of statements")
    return statements, parts, single


@blueprint.route("/statements", methods=["PUT"])
def put_statement():
    params.check_allowed({"statementId"})
    statement_id = params.uuid_param("statementId", required=True)
    statements, parts, single = _read_statements()
    if not single:
        raise BadRequest("PUT takes a single statement object")
    who = caller()
    service.store(storage(), who, statements, version=g.xapi_version, parts=parts,
                  put_id=statement_id)
    return no_content()


@blueprint.route("/statements", methods=["POST"])
def post_statements():
    params.check_allowed(set())
    statements, parts, _ = _read_statements()
    who = caller()
    ids = service.store(storage(), who, statements, version=g.xapi_version, parts=parts)
    return raw_json_response("[" + ",".join(f'"{i}"' for i in ids) + "]")


@blueprint.route("/statements", methods=["GET"])
def get_statements():
    who = caller()
    args = request.args
    fmt = args.get("format", "exact")
    if fmt not in formats.FORMATS:
        raise BadRequest(f"format must be one of {', '.join(formats.FORMATS)}, not {fmt!r}")
    want_attachments = params.boolean("attachments")
    accept_language = request.headers.get("Accept-Language")
    if "statementId" in args or "voidedStatementId" in args:
        params.check_allowed(SINGLE_PARAMS)
        if "statementId" in args and "voidedStatementId" in args:
            raise BadRequest("give statementId or voidedStatementId, not both")
        voided = "voidedStatementId" in args
        statement_id = params.uuid_param("voidedStatementId" if voided else "statementId")
        result = service.get_one(storage(), who, statement_id, voided=voided, fmt=fmt,
                                 accept_language=accept_language)
        return _statements_response(result, want_attachments, single=True)
    params.check_allowed(QUERY_PARAMS)
    page_limit = current_app.config["STATEMENT_PAGE_LIMIT"]
    if "more" in args:
        if len(args) > 1:
            raise BadRequest("a more token stands alone")
        query, after = service.decode_cursor(args["more"])
    else:
        query, after = _query_params(fmt, want_attachments), None
    result = service.query(storage(), who, query, page_limit=page_limit, after_seq=after,
                           accept_language=accept_language)
    return _statements_response(result, query.attachments, single=False)


def _query_params(fmt, want_attachments):
    query = service.QueryParams(
        agent=params.agent("agent"),
        verb=params.iri("verb"),
        activity=params.iri("activity"),
        registration=params.uuid_param("registration"),
        related_activities=params.boolean("related_activities"),
        related_agents=params.boolean("related_agents"),
        since=params.timestamp("since"),
        until=params.timestamp("until"),
        limit=params.nonnegative_int("limit"),
        format=fmt,
        attachments=want_attachments,
        ascending=params.boolean("ascending"),
    )
    return query


def _statements_response(result, want_attachments, *, single):
    if single:
        text = result.bodies[0]
    else:
        more = ""
        if result.more:
            more = f"{request.script_root}/xapi/statements?more={result.more}"
        text = '{"statements":[' + ",".join(result.bodies) + '],"more":"' + more + '"}'
    headers = {
        "X-Experience-API-Consistent-Through": format_utc(now_utc()),
        "Last-Modified": _http_date(result.last_stored),
    }
    if want_attachments:
        found = storage().statements.attachments(caller().store_id, result.sha2s)
        body, content_type = multipart.build(text, found)
        return Response(body, headers=headers, content_type=content_type)
    return raw_json_response(text, headers=headers)


def _http_date(moment):
    from email.utils import format_datetime

    moment = moment or now_utc()
    return format_datetime(moment.replace(tzinfo=UTC), usegmt=True)
