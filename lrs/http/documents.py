"""State, Activity Profile and Agent Profile resources.

    /xapi/activities/state     activityId, agent, registration?, stateId
    /xapi/activities/profile   activityId, profileId
    /xapi/agents/profile       agent, profileId

GET without the document id lists ids (optionally ``since``); DELETE without
``stateId`` clears the State scope. HEAD is Flask's GET without the body.
"""

from dataclasses import dataclass
from datetime import UTC
from email.utils import format_datetime

from flask import Blueprint, Response, g, request

from ..errors import BadRequest
from ..service import documents as service
from . import params
from .auth import caller, storage
from .body import read_body
from .responses import json_response, no_content

blueprint = Blueprint("documents", __name__)

MAX_ID_BYTES = service.MAX_ID_BYTES


@dataclass(frozen=True)
class Resource:
    kind: str
    id_param: str
    scope_params: tuple[str, ...]
    # Whether DELETE without the id clears every document in scope (State only).
    delete_all: bool = False


def _resource(kind, scope_params, **options):
    path, id_param = service.RESOURCES[kind]
    return "/" + path, Resource(kind, id_param, scope_params, **options)


RESOURCES = dict([
    _resource(service.STATE, ("activityId", "agent", "registration"), delete_all=True),
    _resource(service.ACTIVITY_PROFILE, ("activityId",)),
    _resource(service.AGENT_PROFILE, ("agent",)),
])


def _address(resource):
    wanted = resource.scope_params
    return service.Address(
        kind=resource.kind,
        activity_id=params.iri("activityId", required=True) if "activityId" in wanted else None,
        agent=params.agent("agent", required=True) if "agent" in wanted else None,
        registration=params.uuid_param("registration") if "registration" in wanted else None)


def _document_id(resource, *, required):
    value = request.args.get(resource.id_param)
    if value is None:
        if required:
            raise BadRequest(f"missing required parameter {resource.id_param}")
        return None
    if not value:
        raise BadRequest(f"{resource.id_param} must not be empty")
    if len(value.encode("utf-8")) > MAX_ID_BYTES:
        raise BadRequest(f"{resource.id_param} is longer than {MAX_ID_BYTES} bytes")
    return value


def _preconditions():
    return service.Preconditions(
        if_match=service.parse_etags(request.headers.get("If-Match")),
        if_none_match=service.parse_etags(request.headers.get("If-None-Match")))


def _body():
    content_type = request.headers.get("Content-Type") or service.DEFAULT_CONTENT_TYPE
    return service.Body(content_type.strip(), read_body())


def _http_date(moment):
    return format_datetime(moment.replace(tzinfo=UTC), usegmt=True)


def _etag(document):
    return f'"{document.etag}"'


def _get(address, document_id):
    if document_id is None:
        since = params.timestamp("since")
        found, latest = service.ids(storage(), caller(), address, since=since)
        headers = {"Last-Modified": _http_date(latest)} if latest else None
        return json_response(found, headers=headers)
    params.timestamp("since")  # accepted with a document id, but still checked
    document = service.get(storage(), caller(), address, document_id)
    headers = {"ETag": _etag(document), "Last-Modified": _http_date(document.updated)}
    if service.not_modified(_preconditions(), document):
        return Response(status=304, headers=headers)
    return Response(document.content, status=200, headers=headers,
                    content_type=document.content_type)


def _view(resource):
    def view():
        caller()
        method = request.method
        allowed = {resource.id_param, *resource.scope_params}
        if method in ("GET", "HEAD"):
            allowed.add("since")
        params.check_allowed(allowed)
        address = _address(resource)
        needs_id = method in ("PUT", "POST") or (method == "DELETE" and not resource.delete_all)
        document_id = _document_id(resource, required=needs_id)
        if method in ("GET", "HEAD"):
            return _get(address, document_id)
        if method == "DELETE":
            if document_id is None:
                service.delete_all(storage(), caller(), address)
            else:
                service.delete(storage(), caller(), address, document_id, _preconditions())
            return no_content()
        if method == "PUT":
            stored = service.put(storage(), caller(), address, document_id, _body(),
                                 _preconditions(), version=g.xapi_version)
        else:
            stored = service.post(storage(), caller(), address, document_id, _body(),
                                  _preconditions())
        return no_content({"ETag": _etag(stored), "Last-Modified": _http_date(stored.updated)})

    view.__name__ = resource.kind
    return view


for _path, _resource in RESOURCES.items():
    blueprint.add_url_rule(_path, endpoint=_resource.kind, view_func=_view(_resource),
                           methods=["GET", "PUT", "POST", "DELETE"])
