"""The LRS over xAPI HTTP (any conformant LRS): post statements, read a learner's statements."""

import json
import threading

import requests

from ..errors import LRSUnavailable

XAPI_VERSION = "1.0.3"


class LRSClient:
    def __init__(self, config):
        self.config = config
        self.session = requests.Session()
        self.session.auth = (config.key, config.secret)
        self.session.headers["X-Experience-API-Version"] = XAPI_VERSION

    def post_statements(self, statements):
        """POST a batch; returns the HTTP status (raises ``LRSUnavailable`` when unreachable)."""
        try:
            response = self.session.post(self.config.endpoint + "statements", json=statements,
                                         timeout=self.config.timeout)
        except requests.RequestException as exc:
            raise LRSUnavailable(self.config.endpoint, type(exc).__name__) from exc
        return response.status_code, response.text[:300]

    def get_statements(self, agent, since=None, limit=500):
        """Statements whose actor is ``agent``, oldest first, stored after ``since``."""
        params = {"agent": json.dumps(agent, separators=(",", ":")), "ascending": "true",
                  "limit": str(limit), "format": "exact"}
        if since:
            params["since"] = since
        try:
            response = self.session.get(self.config.endpoint + "statements", params=params,
                                        timeout=self.config.status_timeout)
        except requests.RequestException as exc:
            raise LRSUnavailable(self.config.endpoint, type(exc).__name__) from exc
        if response.status_code != 200:
            raise LRSUnavailable(self.config.endpoint, f"HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as exc:
            raise LRSUnavailable(self.config.endpoint, "response is not JSON") from exc


_clients = {}
_clients_lock = threading.Lock()


def client_for(config):
    """One client (and its connection pool) per LRS configuration, per process."""
    key = (config.endpoint, config.key, config.secret, config.timeout, config.status_timeout)
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = LRSClient(config)
    return client
