"""The Statement Resource: /xapi/statements (PUT one, POST a batch, GET one or a page).

Credentials and the version header are checked before these views run (hooks).
"""

from datetime import UTC
from email.utils import format_datetime

from flask import Blueprint, Response, current_app, g, request

from ..errors import BadRequest
from ..service import statements as service
from ..xapi import formats, multipart
from ..xapi.timestamps import format_utc, now_utc
from ..xapi.versions import is_v2
from . import params
from .auth import caller, storage
from .body import read_body
from .responses import no_content, raw_json_response

blueprint = Blueprint("statements", __name__)

PUT_PARAMS = {"statementId"}
SINGLE_PARAMS = {"statementId", "voidedStatementId", "format", "attachments"}
QUERY_PARAMS = {"agent", "verb", "activity", "registration", "related_activities",
                "related_agents", "since", "until", "limit", "format", "attachments",
                "ascending"}
JSON_TYPES = {"application/json", ""}


def _read_statements():
    """(list of statements, attachment parts, single?) from a JSON or multipart body."""
    content_type = request.headers.get("Content-Type", "")
    mime = content_type.split(";")[0].strip().lower()
    body = read_body()
    parts = {}
    if mime == "multipart/mixed":
        body, parts = multipart.parse(body, content_type)
    elif mime not in JSON_TYPES:
        raise BadRequest(f"Content-Type must be application/json or multipart/mixed, "
                         f"not {content_type!r}")
    if not body or not body.strip():
        raise BadRequest("the request has no statement")
    data = params.parse_json(body)
    single = isinstance(data, dict)
    statements = [data] if single else data
    if not isinstance(statements, list) or not all(isinstance(s, dict) for s in statements):
        raise BadRequest("the body must be a statement object or an array of statement "
                         "objects")
    return statements, parts, single


@blueprint.route("/statements", methods=["PUT"])
def put_statement():
    params.check_allowed(PUT_PARAMS)
    statement_id = params.uuid_param("statementId", required=True)
    statements, parts, single = _read_statements()
    if not single:
        raise BadRequest("PUT takes a single statement object, not an array")
    service.store(storage(), caller(), statements, version=g.xapi_version, parts=parts,
                  put_id=statement_id)
    return no_content()


@blueprint.route("/statements", methods=["POST"])
def post_statements():
    params.check_allowed(set())
    statements, parts, _ = _read_statements()
    ids = service.store(storage(), caller(), statements, version=g.xapi_version, parts=parts)
    if not ids.any_new and not is_v2(g.xapi_version):
        # xAPI 1.0.3 (Communication 2.1.1/2.1.2): statements the LRS already has change
        # nothing, and the answer is 409 or 204 No Content (the 1.0.3 suite accepts those).
        return no_content()
    return raw_json_response("[" + ",".join(f'"{i}"' for i in ids) + "]")


@blueprint.route("/statements", methods=["GET"])
def get_statements():
    who = caller()
    args = request.args
    accept_language = request.headers.get("Accept-Language")
    if "statementId" in args or "voidedStatementId" in args:
        params.check_allowed(SINGLE_PARAMS)
        if "statementId" in args and "voidedStatementId" in args:
            raise BadRequest("give statementId or voidedStatementId, not both")
        voided = "voidedStatementId" in args
        statement_id = params.uuid_param("voidedStatementId" if voided else "statementId")
        want_attachments = params.boolean("attachments")
        result = service.get_one(storage(), who, statement_id, voided=voided,
                                 fmt=_format(), accept_language=accept_language,
                                 attachments=want_attachments)
        return _statements_response(result, want_attachments, single=True)
    page_limit = current_app.config["STATEMENT_PAGE_LIMIT"]
    if "more" in args:
        if len(args) > 1:
            raise BadRequest("a more IRL is used as given, without other parameters")
        params.check_allowed({"more"})
        query, after = service.decode_cursor(args["more"])
    else:
        params.check_allowed(QUERY_PARAMS)
        query, after = _query_params(), None
    result = service.query(storage(), who, query, page_limit=page_limit, after_seq=after,
                           accept_language=accept_language)
    return _statements_response(result, query.attachments, single=False)


def _format():
    fmt = request.args.get("format", "exact")
    if fmt not in formats.FORMATS:
        raise BadRequest(f"format must be one of {', '.join(formats.FORMATS)}, not {fmt!r}")
    return fmt


def _query_params():
    return service.QueryParams(
        agent=params.agent("agent"),
        verb=params.iri("verb"),
        activity=params.iri("activity"),
        registration=params.uuid_param("registration"),
        related_activities=params.boolean("related_activities"),
        related_agents=params.boolean("related_agents"),
        since=params.timestamp("since"),
        until=params.timestamp("until"),
        limit=params.nonnegative_int("limit"),
        format=_format(),
        attachments=params.boolean("attachments"),
        ascending=params.boolean("ascending"),
    )


def _statements_response(result, want_attachments, *, single):
    if single:
        text = result.bodies[0]
    else:
        more = ""
        if result.more:
            # A relative IRL (absolute path): it resolves against whatever host and
            # prefix the client reached us by.
            more = f"{request.script_root}{request.path}?more={result.more}"
        text = '{"statements":[' + ",".join(result.bodies) + '],"more":"' + more + '"}'
    headers = {
        "X-Experience-API-Consistent-Through": format_utc(
            result.consistent_through or now_utc()),
        "Last-Modified": _http_date(result.last_stored or result.consistent_through),
    }
    if want_attachments:
        found = storage().statements.attachments(caller().store_id, result.sha2s)
        body, content_type = multipart.build(text, found)
        return Response(body, headers=headers, content_type=content_type)
    return raw_json_response(text, headers=headers)


def _http_date(moment):
    moment = moment or now_utc()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment, usegmt=True)
