"""Building responses: JSON via orjson, and raw JSON text assembled without re-parsing."""

import orjson
from flask import Response


def json_response(data, status=200, headers=None):
    return Response(orjson.dumps(data), status=status, headers=headers,
                    mimetype="application/json")


def raw_json_response(text: str, status=200, headers=None):
    return Response(text, status=status, headers=headers, mimetype="application/json")


def no_content(headers=None):
    return Response(status=204, headers=headers)
