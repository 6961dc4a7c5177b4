"""Building responses: JSON via orjson, and raw JSON text assembled without re-parsing."""

import orjson
from flask import Response


def json_response(data, status=200, headers=None):
    return Response(orjson.dumps(data), status=status, headers=headers,
                    mimetype="application/json")


def raw_json_response(text: str, status=200, headers=None):
    return Response(text, status=status, headers=headers, mimetype="application/json")


def no_content(headers=None):
    response = Response(status=204, headers=headers)
    # A 204 has no body, so no media type (Flask would otherwise claim text/html).
    response.headers.pop("Content-Type", None)
    return response
