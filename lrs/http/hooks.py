"""Per-request plumbing: version negotiation, authentication, errors, CORS, common headers.

Order of checks for every request (what a client sees first):
  OPTIONS (CORS preflight) -> answered at once, no version or credentials needed;
  X-Experience-API-Version -> 400 when missing (except /about) or unsupported;
  alternate request syntax -> 400 under xAPI 2.0 or when malformed, 413 when oversize;
  unknown path or method   -> 404 / 405 (before credentials: a DELETE on /statements is
                              405 whoever asks);
  credentials              -> 401 with WWW-Authenticate (not for /about), then 403 when the
                              credential's scopes don't cover the request;
  then the resource's own parameter and body checks.
"""

import logging

from flask import current_app, g, request
from werkzeug.exceptions import HTTPException

from ..errors import BadRequest, Forbidden, LRSError, PayloadTooLarge
from ..xapi import versions
from ..xapi.timestamps import format_utc, now_utc
from . import alternate
from .auth import caller
from .responses import json_response

log = logging.getLogger(__name__)

CORS_ALLOW_HEADERS = (
    "Content-Type, Content-Length, Authorization, If-Match, If-None-Match, "
    "X-Experience-API-Version, X-Experience-API-Consistent-Through, Accept-Language, "
    "Accept, Cache-Control, X-Requested-With"
)
CORS_EXPOSE_HEADERS = (
    "ETag, Last-Modified, Cache-Control, Content-Type, Content-Length, WWW-Authenticate, "
    "X-Experience-API-Version, X-Experience-API-Consistent-Through"
)
CORS_METHODS = "GET, HEAD, PUT, POST, DELETE, OPTIONS"
CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through"
NO_VERSION_NEEDED = {"about.about"}
NO_CREDENTIALS_NEEDED = {"about.about"}
READS = {"GET", "HEAD"}
# xAPI scopes (Communication 4.2) that allow a request, besides "all" (anything) and
# "all/read" (any read): resource -> (scopes for reads, scopes for writes), the first of
# each named in a 403. Reading /agents and /activities is part of reading statements
# (and of "define", which (re)defines them).
STATEMENT_READS = ("statements/read", "statements/read/mine")
SCOPES_FOR = {
    "/statements": (STATEMENT_READS, ("statements/write",)),
    "/activities/state": (("state",), ("state",)),
    "/activities/profile": (("profile",), ("profile",)),
    "/agents/profile": (("profile",), ("profile",)),
    "/agents": ((*STATEMENT_READS, "define"), ()),
    "/activities": ((*STATEMENT_READS, "define"), ()),
}


def register(app):
    app.before_request(_negotiate_version)
    app.after_request(_common_headers)
    app.register_error_handler(LRSError, _lrs_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _negotiate_version():
    g.xapi_version = None
    if request.method == "OPTIONS":
        return current_app.make_default_options_response()
    header = request.headers.get(versions.HEADER)
    if request.endpoint in NO_VERSION_NEEDED:
        # /about is how a client of any version learns which versions we speak.
        try:
            g.xapi_version = versions.negotiate(header)
        except versions.VersionError:
            pass
        return None
    try:
        g.xapi_version = versions.negotiate(header)
    except versions.VersionError as exc:
        raise BadRequest(str(exc)) from None
    if request.environ.get(alternate.FLAG):
        if versions.is_v2(g.xapi_version):
            raise BadRequest("xAPI 2.0 has no alternate request syntax; send the request "
                             "with its own method, headers and body")
        if request.environ.get(alternate.TOO_LARGE):
            raise PayloadTooLarge(request.environ[alternate.TOO_LARGE])
        if request.environ.get(alternate.ERROR):
            raise BadRequest(request.environ[alternate.ERROR])
    if request.routing_exception is None and request.endpoint not in NO_CREDENTIALS_NEEDED:
        who = caller()
        _check_scopes(who.scopes)
        _check_limits(who)
    return None


def _check_scopes(scopes):
    if "all" in scopes or (request.method in READS and "all/read" in scopes):
        return
    resource = request.path.rstrip("/").rsplit("/xapi", 1)[-1]
    reads, writes = SCOPES_FOR.get(resource, ((), ()))
    granting = reads if request.method in READS else writes
    if not set(granting) & set(scopes):
        missing = granting[0] if granting else ("all/read" if request.method in READS
                                                else "all")
        raise Forbidden(f"{request.method} {resource} needs the scope {missing}; this "
                        f"credential has {' '.join(scopes) or 'no scopes'}")


def _check_limits(who):
    limits = current_app.extensions["lrs.limits"]
    limits.check_rate(who)
    if who.max_body_bytes:
        limits.check_body(who, request.content_length)
        # Also for bodies sent without a length (chunked): werkzeug stops reading past it.
        if who.max_body_bytes < (request.max_content_length or who.max_body_bytes + 1):
            request.max_content_length = who.max_body_bytes


def _common_headers(response):
    response.headers[versions.HEADER] = versions.response_version(g.get("xapi_version"))
    if _is_statements_read() and CONSISTENT_THROUGH not in response.headers:
        # Every GET of /statements carries it, whatever the status (Communication 2.1.3).
        response.headers[CONSISTENT_THROUGH] = format_utc(now_utc())
    _cors(response)
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _is_statements_read():
    # Also a mistyped path that starts like it: the 1.0.3 suite waits for consistency by
    # polling "/statementslimit=1" (a "?" missing) and reads the header off the 404.
    return request.method in ("GET", "HEAD") and request.path.rstrip("/").rsplit(
        "/xapi", 1)[-1].startswith("/statements")


def _cors(response):
    origin = request.headers.get("Origin")
    allowed = current_app.config["CORS_ORIGINS"]
    if not origin or not (allowed == "*" or origin in allowed.split()):
        return
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Allow-Credentials"] = "true"
    response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
    asked = request.headers.get("Access-Control-Request-Headers")
    # Echo what the browser asks for: it refuses the request if any one is missing.
    response.headers["Access-Control-Allow-Headers"] = (
        f"{CORS_ALLOW_HEADERS}, {asked}" if asked else CORS_ALLOW_HEADERS)
    response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
    response.headers["Access-Control-Max-Age"] = "86400"
    response.headers.add("Vary", "Origin")


def _lrs_error(error):
    response = json_response(error.to_dict(), status=error.status)
    for name, value in error.headers.items():
        response.headers[name] = value
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="xAPI LRS", charset="UTF-8"'
    return response


def _http_error(error):
    message = error.description or error.name
    if error.code == 413:
        limit = request.max_content_length or current_app.config["MAX_BODY_BYTES"]
        message = f"request body over the limit of {limit} bytes"
    elif error.code == 405:
        message = f"{request.method} is not allowed on {request.path}"
    elif error.code == 404:
        message = f"no xAPI resource at {request.path}"
    response = json_response({"error": {"code": error.code, "message": message}},
                             status=error.code)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _unexpected_error(error):
    log.exception("unexpected error on %s %s", request.method, request.path)
    return json_response({"error": {"code": 500, "message": "internal error"}}, status=500)
