"""The caller of a request, from HTTP Basic credentials."""

import base64

from flask import current_app, g, request

from ..errors import Unauthorized


def caller():
    if "caller" in g:
        return g.caller
    header = request.headers.get("Authorization", "")
    key = secret = None
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic" and value:
        try:
            raw = base64.b64decode(value.strip(), validate=True)
        except ValueError:
            raise Unauthorized("malformed Basic credentials (not base64)") from None
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded = raw.decode("latin-1")  # RFC 7617 leaves the charset to the client
        key, sep, secret = decoded.partition(":")
        if not sep:
            secret = None
    g.caller = current_app.extensions["lrs.auth"].authenticate(key, secret)
    return g.caller


def storage():
    return current_app.extensions["lrs.storage"]
