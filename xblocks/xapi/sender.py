"""The background sender: drains the outbox into the LRS, never in a page request's way.

A page request only appends to the outbox (a local SQLite write) and wakes the sender. The
sender posts batches with timeouts; unreachable LRS or 5xx/429 answers mean "retry later" with
backoff; a batch the LRS refuses as invalid is split so one bad statement cannot hold back the
others, and a single refused statement is set aside as rejected.
"""

import logging
import os
import threading

from ..errors import LRSUnavailable
from .client import LRSClient
from .outbox import Outbox

log = logging.getLogger(__name__)
RETRYABLE = {401, 403, 408, 425, 429}  # credentials may be fixed; rate limits pass
BATCH = 50
IDLE_WAIT = 30.0


class StatementSender:
    def __init__(self, config):
        self.config = config
        self.outbox = Outbox(config.outbox_path, config.retry_max_seconds)
        self.client = LRSClient(config)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = None
        self._pid = None

    def enqueue(self, statements):
        """Durably queue statements and return at once; delivery happens in the background."""
        self.outbox.add(statements)
        self.start()
        self._wake.set()

    def start(self):
        # After a fork (gunicorn preload) the thread is gone in the child: start a new one.
        if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
            return
        self._pid = os.getpid()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="xapi-outbox-sender", daemon=True)
        self._thread.start()

    def stop(self, timeout=5):
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self):
        while not self._stop.is_set():
            try:
                sent_any = self.send_due()
            except Exception:  # never let the thread die: the outbox is still there
                log.exception("xAPI sender loop failed; retrying")
                sent_any = False
            if sent_any:
                continue
            due = self.outbox.next_due_in()
            self._wake.wait(IDLE_WAIT if due is None else min(due + 0.01, IDLE_WAIT))
            self._wake.clear()

    def send_due(self):
        """Send one batch of due statements; True when a batch was attempted."""
        rows = self.outbox.claim(BATCH)
        if not rows:
            return False
        self._deliver(rows)
        return True

    def _deliver(self, rows):
        ids = [row[0] for row in rows]
        try:
            status, detail = self.client.post_statements([row[1] for row in rows])
        except LRSUnavailable as exc:
            self.outbox.retry_later(ids, exc)
            return
        if status == 200:
            self.outbox.delivered(ids)
        elif status == 409 and len(rows) == 1:
            # Same id already stored: the LRS kept an earlier copy of this statement.
            self.outbox.delivered(ids)
        elif status in (400, 409, 413) and len(rows) > 1:
            for row in rows:
                self._deliver([row])
        elif status >= 500 or status in RETRYABLE:
            self.outbox.retry_later(ids, f"HTTP {status}: {detail}")
        else:
            log.error("LRS refused statement %s: HTTP %s %s", ids, status, detail)
            self.outbox.reject(ids, f"HTTP {status}: {detail}")

    def flush(self, timeout=10.0):
        """Wait until nothing is pending (for tests and shutdown); True when drained."""
        import time
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.outbox.counts()["pending"] == 0:
                return True
            self._wake.set()
            time.sleep(0.05)
        return False


_senders = {}
_lock = threading.Lock()


def sender_for(config):
    """The process's sender for this LRS configuration (one thread per outbox file)."""
    key = (config.outbox_path, config.endpoint, config.key)
    with _lock:
        sender = _senders.get(key)
        if sender is None:
            sender = _senders[key] = StatementSender(config)
    return sender
