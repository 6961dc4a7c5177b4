"""xAPI 1.0.x alternate request syntax (cross-origin clients without CORS).

``POST /xapi/...?method=PUT`` with a form body carrying the headers, the
parameters and ``content`` becomes the request it stands for before Flask sees
it. xAPI 2.0 dropped the syntax: such a request is marked and answered 400 by
the version hook.
"""

import io
from urllib.parse import parse_qsl, urlencode

HEADER_FIELDS = {
    "authorization": "HTTP_AUTHORIZATION",
    "x-experience-api-version": "HTTP_X_EXPERIENCE_API_VERSION",
    "content-type": "CONTENT_TYPE",
    "if-match": "HTTP_IF_MATCH",
    "if-none-match": "HTTP_IF_NONE_MATCH",
    "accept-language": "HTTP_ACCEPT_LANGUAGE",
}
METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD"}
FLAG = "lrs.alternate_syntax"
ERROR = "lrs.alternate_syntax_error"
TOO_LARGE = "lrs.alternate_syntax_too_large"
# Headers a request can carry itself: when it does, that value wins over the form's.
REAL_HEADER_WINS = {"HTTP_AUTHORIZATION", "HTTP_X_EXPERIENCE_API_VERSION"}


class AlternateRequestSyntax:
    def __init__(self, app, *, max_body):
        self.app = app
        self.max_body = max_body

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST" and "method=" in environ.get(
                "QUERY_STRING", ""):
            self._rewrite(environ)
        return self.app(environ, start_response)

    def _rewrite(self, environ):
        query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        names = [name for name, _ in query]
        if "method" not in names:
            return
        environ[FLAG] = True
        method = dict(query)["method"].upper()
        if len(names) != 1:
            environ[ERROR] = "alternate request syntax takes only the method parameter " \
                             "in the query string"
        if method not in METHODS:
            environ[ERROR] = f"unsupported method {method!r} in alternate request syntax"
            return
        content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # No body at all is an empty form (a GET with its headers sent as real headers).
        if content_type != "application/x-www-form-urlencoded" and (content_type or length):
            environ[ERROR] = "alternate request syntax needs an " \
                             "application/x-www-form-urlencoded body"
            return
        if length > self.max_body:
            environ[TOO_LARGE] = f"request body over the limit of {self.max_body} bytes"
            return
        raw = environ["wsgi.input"].read(length) if length else b""
        try:
            form = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            environ[ERROR] = "the form body is not UTF-8"
            return
        content = b""
        params = []
        for name, value in form:
            lowered = name.lower()
            if lowered in HEADER_FIELDS:
                key = HEADER_FIELDS[lowered]
                if key in REAL_HEADER_WINS and environ.get(key):
                    continue
                environ[key] = value
            elif lowered == "content":
                content = value.encode("utf-8")
            elif lowered == "content-length":
                continue
            else:
                params.append((name, value))
        if "CONTENT_TYPE" not in environ or environ["CONTENT_TYPE"].startswith(
                "application/x-www-form-urlencoded"):
            environ["CONTENT_TYPE"] = "application/json" if content else ""
        environ["REQUEST_METHOD"] = method
        environ["QUERY_STRING"] = urlencode(params)
        environ["CONTENT_LENGTH"] = str(len(content))
        environ["wsgi.input"] = io.BytesIO(content)
