"""The sender: delivers each forwarding rule's outbox to its remote LRS.

At least once, in stored order per rule: a batch is POSTed with the statements'
exact stored JSON (multipart with the stored attachment contents when they have
any), and its outbox rows are deleted only after a 2xx. Failures back off
exponentially with jitter (the rule's ``attempts``, ``next_attempt``,
``last_error``). A batch the remote refuses as bad (400, 413, 422) or as
conflicting (409) is retried one statement at a time: a statement refused for
good is dead-lettered (kept with its error, out of the queue), a 409 for one
statement means the remote holds that id already, so it counts as delivered and
is logged.

One sender per rule at a time, across processes and hosts: a sender works on a
rule only while it holds the rule's lease, renewed before every batch. A sender
that dies stops renewing; another takes over when the lease runs out.
"""

import logging
import os
import random
import secrets
import socket
import threading
from dataclasses import dataclass, fields
from datetime import timedelta

import orjson
import requests

from ..xapi import multipart
from ..xapi.timestamps import now_utc

log = logging.getLogger("lrs.forwarding")

# Refused for what the statements are, not for the remote's state: isolate and dead-letter.
REFUSED = frozenset({400, 413, 422})
CONFLICT = 409
# Batches per rule before the sender looks at the other rules again.
BATCHES_PER_TURN = 20


@dataclass
class SenderSettings:
    poll_seconds: float = 1.0
    batch_size: int = 100
    lease_seconds: float = 30.0
    timeout_seconds: float = 10.0
    backoff_seconds: float = 1.0
    backoff_max_seconds: float = 300.0

    @classmethod
    def from_config(cls, config):
        """From the app's ``FORWARD_*`` configuration keys."""
        values = {}
        for field in fields(cls):
            key = "FORWARD_" + field.name.upper()
            if key in config:
                values[field.name] = field.type(config[key])
        return cls(**values)


@dataclass
class Outcome:
    status: int | None      # HTTP status; None when no answer came
    error: str | None = None

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300


def backoff_delay(attempts, settings, rand=random.random):
    """Seconds before attempt ``attempts + 1``: doubling from ``backoff_seconds`` up to
    ``backoff_max_seconds``, then between half and all of that (jitter, so that
    senders don't come back in step)."""
    ceiling = min(settings.backoff_max_seconds,
                  settings.backoff_seconds * 2 ** max(attempts - 1, 0))
    return ceiling * (0.5 + rand() / 2)


def _sha2s(bodies):
    found = []
    for body in bodies:
        if '"attachments"' in body:
            attachments = orjson.loads(body).get("attachments")
            for attachment in attachments if isinstance(attachments, list) else []:
                if isinstance(attachment, dict) and isinstance(attachment.get("sha2"), str):
                    found.append(attachment["sha2"])
    return found


class Sender:
    def __init__(self, storage, settings=None, *, owner=None):
        self.storage = storage
        self.settings = settings or SenderSettings()
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.stopping = threading.Event()
        self.http = requests.Session()

    # -- the loop ----------------------------------------------------------

    def run(self):
        """Send until ``stop()``; then hand the leases back at once."""
        errors = 0
        try:
            while not self.stopping.is_set():
                try:
                    busy = self.run_once()
                    errors = 0
                except Exception:  # the database or the network: log, wait, go on
                    log.exception("forwarding sender %s: unexpected error", self.owner)
                    busy, errors = False, errors + 1
                if not busy:  # idle, or failing: wait longer after each error, up to 30 s
                    self.stopping.wait(min(self.settings.poll_seconds * 2 ** errors,
                                           max(30.0, self.settings.poll_seconds)))
        finally:
            try:
                self.storage.forwarding.release(self.owner)
            except Exception:
                log.exception("forwarding sender %s: could not release its leases", self.owner)
            self.http.close()

    def stop(self):
        self.stopping.set()

    def start_thread(self):
        thread = threading.Thread(target=self.run, name="lrs-forwarding", daemon=True)
        thread.start()
        return thread

    def run_once(self):
        """One turn over the rules with something due; True when anything was sent."""
        busy = False
        for rule in self.storage.forwarding.due(self.owner, now_utc()):
            if self.stopping.is_set():
                break
            busy |= self.drain(rule)
        return busy

    def _claim(self, rule):
        now = now_utc()
        return self.storage.forwarding.claim(
            rule.id, self.owner, now, now + timedelta(seconds=self.settings.lease_seconds))

    def drain(self, rule):
        """Send the rule's batches while the lease holds and the remote accepts them."""
        sent = False
        for _ in range(BATCHES_PER_TURN):
            if self.stopping.is_set() or not self._claim(rule):
                break
            pending = self.storage.forwarding.pending(rule.id, self.settings.batch_size)
            if not pending:
                break
            if not self.send_batch(rule, pending):
                self.storage.forwarding.release(self.owner, rule.id)
                break
            sent = True
        return sent

    # -- one batch -----------------------------------------------------------

    def send_batch(self, rule, pending):
        """Deliver (or dead-letter) these, in order; False when the rule must back off."""
        gone = [p.outbox_seq for p in pending if p.body is None]
        if gone:  # erased since they were queued: nothing to send any more
            self.storage.forwarding.unqueue(gone)
        pending = [p for p in pending if p.body is not None]
        if not pending:
            return True
        outcome = self.post(rule, pending)
        if outcome.ok:
            self._delivered(rule, pending)
            return True
        if len(pending) > 1 and outcome.status in REFUSED | {CONFLICT}:
            log.info("rule %s: batch of %d refused (%s); sending one by one",
                     rule.name, len(pending), outcome.error)
            for one in pending:
                if not self._send_one(rule, one):
                    return False
            return True
        if len(pending) == 1:
            return self._settle_one(rule, pending[0], outcome)
        return self._failed(rule, outcome)

    def _send_one(self, rule, one):
        outcome = self.post(rule, [one])
        return self._delivered(rule, [one]) if outcome.ok else self._settle_one(rule, one, outcome)

    def _settle_one(self, rule, one, outcome):
        if outcome.status == CONFLICT:
            log.warning("rule %s: the remote holds statement %s with other content already "
                        "(409); counted as delivered", rule.name, one.statement_id)
            return self._delivered(rule, [one])
        if outcome.status in REFUSED:
            log.warning("rule %s: statement %s refused for good: %s", rule.name,
                        one.statement_id, outcome.error)
            self.storage.forwarding.dead_letter(rule.id, one.outbox_seq,
                                                f"statement {one.statement_id}: "
                                                f"{outcome.error}", now_utc())
            return True
        return self._failed(rule, outcome)

    def _delivered(self, rule, pending):
        self.storage.forwarding.delivered(rule.id, [p.outbox_seq for p in pending], now_utc())
        rule.attempts = 0
        return True

    def _failed(self, rule, outcome):
        rule.attempts += 1
        now = now_utc()
        delay = backoff_delay(rule.attempts, self.settings)
        log.warning("rule %s: delivery failed (attempt %d, next in %.1fs): %s", rule.name,
                    rule.attempts, delay, outcome.error)
        self.storage.forwarding.failed(rule.id, attempts=rule.attempts,
                                       next_attempt=now + timedelta(seconds=delay),
                                       error=outcome.error, now=now)
        return False

    # -- HTTP ----------------------------------------------------------------

    def post(self, rule, pending):
        bodies = [p.body for p in pending]
        data = ("[" + ",".join(bodies) + "]").encode()
        content_type = "application/json"
        sha2s = _sha2s(bodies)
        if sha2s:
            contents = self.storage.statements.attachments(rule.store_id, set(sha2s))
            if contents:
                data, content_type = multipart.build(
                    data.decode(), {sha2: contents[sha2] for sha2 in dict.fromkeys(sha2s)
                                    if sha2 in contents})
        try:
            response = self.http.post(
                rule.endpoint + "statements", data=data, auth=(rule.username, rule.password),
                headers={"Content-Type": content_type,
                         "X-Experience-API-Version": rule.xapi_version},
                timeout=self.settings.timeout_seconds)
        except requests.RequestException as exc:
            return Outcome(None, f"{type(exc).__name__}: {exc}"[:500])
        if 200 <= response.status_code < 300:
            return Outcome(response.status_code)
        return Outcome(response.status_code,
                       f"HTTP {response.status_code}: {response.text[:400]}")
