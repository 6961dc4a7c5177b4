"""A learner's status per activity, from their statements in the LRS, whatever emitted them.

On the activity itself: passed/mastered (or a successful result) means passed; completed, waived
or satisfied (or a complete result) means completed; anything else means in progress. A
statement about a part of the activity (naming it as parent or grouping) means in progress.
Statuses only go up: reading the same statements twice changes nothing, so overlapping reads
are harmless.
"""

import threading
import time

from leadership_domain.vocabulary import Verb

from ..errors import LRSUnavailable

NOT_STARTED, IN_PROGRESS, COMPLETED, PASSED = "not_started", "in_progress", "completed", "passed"
RANK = {NOT_STARTED: 0, IN_PROGRESS: 1, COMPLETED: 2, PASSED: 3}
PASSED_VERBS = {Verb.PASSED, "http://adlnet.gov/expapi/verbs/mastered"}
# cmi5: "waived" and "satisfied" mean the learner need not (or no longer) do the activity.
COMPLETED_VERBS = {Verb.COMPLETED, Verb.WAIVED, Verb.SATISFIED}
PAGE_SIZE = 500


def _context_ids(statement):
    activities = (statement.get("context") or {}).get("contextActivities") or {}
    ids = set()
    for kind in ("parent", "grouping"):
        value = activities.get(kind) or []
        for entry in value if isinstance(value, list) else [value]:
            ids.add(entry.get("id"))
    return ids


def statuses_in(statement, tracked):
    """``{iri: status}`` that ``statement`` shows for the tracked activity IRIs."""
    found = {}
    object_id = (statement.get("object") or {}).get("id")
    result = statement.get("result") or {}
    verb = (statement.get("verb") or {}).get("id")
    if object_id in tracked:
        if verb in PASSED_VERBS or result.get("success") is True:
            found[object_id] = PASSED
        elif verb in COMPLETED_VERBS or result.get("completion") is True:
            found[object_id] = COMPLETED
        else:
            found[object_id] = IN_PROGRESS
    for parent in _context_ids(statement) & tracked:
        if parent != object_id:
            found[parent] = IN_PROGRESS
    return found


def merge(statuses, statements, tracked):
    """Raise each status to the best one any statement shows (pure; returns a new dict)."""
    merged = dict(statuses)
    for statement in statements:
        for iri, status in statuses_in(statement, tracked).items():
            if RANK[status] > RANK.get(merged.get(iri, NOT_STARTED), 0):
                merged[iri] = status
    return merged


def _next_since(statements, more, since):
    """Where the next read starts. With a page cut short (``more``), step back before the last
    ``stored`` instant so statements sharing it are not skipped (re-reading is harmless)."""
    if not statements:
        return since
    last = statements[-1]["stored"]
    if more:
        earlier = [s["stored"] for s in statements if s["stored"] != last]
        return earlier[-1] if earlier else last
    return last


def empty_state():
    return {"statuses": {}, "since": None, "tracked": [], "checked_at": None}


class StatusReader:
    """Reads statuses with at most one LRS request per call, cached per learner for ``ttl``.

    The caller keeps the returned state (an XBlock user-state field), so when the LRS is down the
    last known statuses are still there, in any process.
    """

    def __init__(self):
        self._cache = {}
        self._lock = threading.Lock()

    def read(self, client, agent, iris, stored, ttl, force=False):
        """``(state, source)``; source is "lrs" (just read), "cache" or "offline"."""
        tracked = set(iris)
        state = dict(stored or empty_state())
        if not tracked <= set(state.get("tracked") or []):
            # New activities to follow: read the learner's statements again from the start
            # (statuses known so far stay: they only go up).
            state = {**state, "since": None,
                     "tracked": sorted(tracked | set(state.get("tracked") or []))}
        key = (client.config.endpoint, agent["account"]["homePage"], agent["account"]["name"])
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(key)
        if cached and not force and now - cached[0] < ttl and tracked <= set(cached[1]["tracked"]):
            return cached[1], cached[2]
        try:
            answer = client.get_statements(agent, since=state.get("since"), limit=PAGE_SIZE)
        except LRSUnavailable:
            with self._lock:
                self._cache[key] = (now, state, "offline")
            return state, "offline"
        statements = answer.get("statements") or []
        tracked_all = set(state["tracked"])
        state = {
            "statuses": merge(state.get("statuses") or {}, statements, tracked_all),
            "since": _next_since(statements, bool(answer.get("more")), state.get("since")),
            "tracked": sorted(tracked_all),
            "checked_at": time.time(),
        }
        with self._lock:
            self._cache[key] = (now, state, "cache")
        return state, "lrs"

    def forget(self):
        with self._lock:
            self._cache.clear()


READER = StatusReader()
