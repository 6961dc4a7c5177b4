"""Per-request plumbing: version negotiation, authentication, errors, CORS, HEAD."""

import logging

from flask import current_app, g, request
from werkzeug.exceptions import HTTPException

from ..errors import BadRequest, LRSError
from ..xapi import versions
from . import alternate
from .responses import json_response

log = logging.getLogger(__name__)

CORS_ALLOW_HEADERS = (
    "Content-Type, Content-Length, Authorization, If-Match, If-None-Match, "
    "X-Experience-API-Version, X-Experience-API-Consistent-Through, Accept-Language"
)
CORS_EXPOSE_HEADERS = (
    "ETag, Last-Modified, Cache-Control, Content-Type, Content-Length, WWW-Authenticate, "
    "X-Experience-API-Version, X-Experience-API-Consistent-Through"
)
NO_VERSION_NEEDED = {"about.about"}


def register(app):
    app.before_request(_negotiate_version)
    app.after_request(_common_headers)
    app.register_error_handler(LRSError, _lrs_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _negotiate_version():
    g.xapi_version = "1.0.3"
    if request.method == "OPTIONS":
        return current_app.make_default_options_response()
    header = request.headers.get(versions.HEADER)
    if request.endpoint in NO_VERSION_NEEDED and header is None:
        return None
    try:
        g.xapi_version = versions.negotiate(header)
    except versions.VersionError as exc:
        raise BadRequest(str(exc)) from None
    if request.environ.get(alternate.FLAG):
        if versions.is_v2(g.xapi_version):
            raise BadRequest("xAPI 2.0 has no alternate request syntax; send the request "
                             "with its own method, headers and body")
        if request.environ.get(alternate.ERROR):
            raise BadRequest(request.environ[alternate.ERROR])
    return None


def _common_headers(response):
    response.headers[versions.HEADER] = versions.response_version(
        g.get("xapi_version", "1.0.3"))
    origin = request.headers.get("Origin")
    allowed = current_app.config["CORS_ORIGINS"]
    if origin and (allowed == "*" or origin in allowed.split()):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, PUT, POST, DELETE, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
        response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
        response.headers["Access-Control-Max-Age"] = "86400"
        response.headers.add("Vary", "Origin")
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _lrs_error(error):
    response = json_response(error.to_dict(), status=error.status)
    for name, value in error.headers.items():
        response.headers[name] = value
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="xAPI LRS"'
    return response


def _http_error(error):
    message = error.description or error.name
    if error.code == 413:
        message = f"request body over the limit of {current_app.config['MAX_BODY_BYTES']} bytes"
    response = json_response({"error": {"code": error.code, "message": message}},
                             status=error.code)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _unexpected_error(error):
    log.exception("unexpected error on %s %s", request.method, request.path)
    return json_response({"error": {"code": 500, "message": "internal error"}}, status=500)
