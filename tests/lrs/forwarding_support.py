"""Shared by the forwarding tests: a store with a client, rules, and a small remote LRS
stand-in (a real HTTP server on loopback that records what it receives and answers
as the test says)."""

import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import orjson

from lrs.service import forwarding
from lrs.xapi import multipart

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ATTEMPTED = "http://adlnet.gov/expapi/verbs/attempted"


def storage_of(app):
    return app.extensions["lrs.storage"]


def new_store(app, client_for):
    """A fresh store, a client writing to it, and its id."""
    name = f"fwd-{uuid.uuid4().hex[:8]}"
    client = client_for(store=name)
    return client, storage_of(app).credentials.store_id(name)


def add_rule(app, store_id, endpoint="http://127.0.0.1:9/xapi/", **options):
    """A rule, open to senders at once, that every worker (this process) knows of."""
    storage = storage_of(app)
    rule, _ = forwarding.add_rule(
        storage, store_id=store_id, name=options.pop("name", f"r-{uuid.uuid4().hex[:6]}"),
        endpoint=endpoint, username="remote-key", password="remote-secret",
        settle_seconds=0, **options)
    forwarding.rule_cache(storage).reload()
    return rule


def queued_ids(app, rule):
    return [p.statement_id for p in storage_of(app).forwarding.pending(rule.id, 10_000)]


def post(client, statements):
    response = client.post("/xapi/statements", json=statements)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def stored_body(app, store_id, statement_id):
    return storage_of(app).statements.get(store_id, statement_id).body


class Remote:
    """Records each POSTed batch (statement list, headers, attachments); ``answer(batch)``
    returns the HTTP status to send back (200 by default)."""

    def __init__(self, answer=None):
        self.answer = answer or (lambda batch: 200)
        self.batches = []
        self.lock = threading.Lock()
        remote = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                ctype = self.headers["Content-Type"]
                parts = {}
                if ctype.startswith("multipart/"):
                    body, parts = multipart.parse(body, ctype)
                batch = orjson.loads(body)
                with remote.lock:
                    remote.batches.append({"statements": batch, "raw": body,
                                           "headers": dict(self.headers), "parts": parts,
                                           "path": self.path})
                status = remote.answer(batch)
                payload = orjson.dumps([s["id"] for s in batch] if status == 200 else
                                       {"error": {"code": status, "message": "refused"}})
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def received_ids(self):
        return [s["id"] for batch in self.batches for s in batch["statements"]]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
