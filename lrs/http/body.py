"""The request body, read once, with the size limit enforced for every kind of body."""

from flask import request

from ..errors import PayloadTooLarge


def read_body() -> bytes:
    data = request.get_data(cache=True)
    limit = request.max_content_length
    # A body sent without a length (chunked) is cut at the limit by werkzeug, silently:
    # if anything is left past it, the body was too large.
    if (limit is not None and request.content_length is None and len(data) >= limit
            and request.environ["wsgi.input"].read(1)):
        raise PayloadTooLarge(f"request body over the limit of {limit} bytes")
    return data
