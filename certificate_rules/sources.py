"""Where statements come from: any LRS over xAPI HTTP (GET /statements paged through ``more``,
incremental with ``since``), or an NDJSON export (one statement per line). Also the two writes
certificates make: the "earned" statement and the voiding of it when a credential is revoked."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import requests

from .errors import StatementSourceError
from .i18n import _

XAPI_VERSION = "1.0.3"

try:  # orjson parses exports about twice as fast; json is the fallback
    from orjson import JSONDecodeError as _DecodeError
    from orjson import loads as json_loads
except ImportError:  # pragma: no cover
    from json import JSONDecodeError as _DecodeError
    from json import loads as json_loads


def read_ndjson(path):
    """Statements from an NDJSON file; a bad line is a StatementSourceError naming it."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise StatementSourceError(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror), file=str(path)) from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                statement = json_loads(line)
            except _DecodeError as exc:
                raise StatementSourceError(_("{path}:{line}: not JSON: {problem}").format(
                    path=path, line=number, problem=str(exc).split(":")[0]), file=str(path),
                    line=number) from None
            if not isinstance(statement, dict):
                raise StatementSourceError(_("{path}:{line}: not a statement object").format(
                    path=path, line=number), file=str(path), line=number)
            yield statement


class LRSClient:
    """A small xAPI client: Basic auth, the version header, JSON in and out."""

    def __init__(self, endpoint, key, secret, *, timeout=30, session=None, page_size=500):
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        self.session = session or requests.Session()
        self.session.auth = (key, secret)
        self.session.headers["X-Experience-API-Version"] = XAPI_VERSION
        self.timeout = timeout
        self.page_size = page_size

    def _request(self, method, url, **kwargs):
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise StatementSourceError(_("cannot reach the LRS at {url}: {reason}").format(
                url=self.endpoint, reason=type(exc).__name__)) from None
        if response.status_code >= 400:
            raise StatementSourceError(_("the LRS answered {status} to {method} {url}").format(
                status=response.status_code, method=method, url=url.split("?")[0]),
                status=response.status_code)
        return response

    def statements(self, *, since=None, agent=None, on_page=None):
        """Every statement (oldest first), following ``more`` links until there are none."""
        params = {"ascending": "true", "limit": str(self.page_size)}
        if since:
            params["since"] = since
        if agent:
            params["agent"] = json.dumps(agent)
        url, query = self.endpoint + "statements", params
        while url:
            result = self._request("GET", url, params=query).json()
            page = result.get("statements", [])
            if on_page:
                on_page(len(page))
            yield from page
            more = result.get("more")
            url = urljoin(self.endpoint, more) if more else None
            query = None

    def put_statement(self, statement):
        """PUT with the statement's own id: sending the same statement twice is harmless."""
        self._request("PUT", self.endpoint + "statements",
                      params={"statementId": statement["id"]}, json=statement)

    def post_statement(self, statement):
        self._request("POST", self.endpoint + "statements", json=statement)

    def statement_exists(self, statement_id):
        try:
            self._request("GET", self.endpoint + "statements",
                          params={"statementId": statement_id})
        except StatementSourceError as exc:
            if exc.data.get("status") == 404:
                return False
            raise
        return True
