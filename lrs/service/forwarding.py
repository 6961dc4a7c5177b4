"""Forwarding rules: which statements of a store go on to another LRS.

A rule forwards every statement of its store stored since its creation, or only
those whose verb is one of its verb IRIs and/or whose object is an Activity whose
id starts with its activity prefix. Context activities don't count: a rule for
`https://example.org/courses/a/` forwards statements *about* that course's
activities, not every statement made in their context. Voiding statements pass
every rule's filters, so a voiding reaches wherever the voided statement may have
gone (an LRS accepts a voiding of a statement it never had).

When statements are stored, ``forward_map`` says which rules each goes to, and the
storage writes the outbox rows in the statements' own transaction. The rules come
from a per-process cache refreshed every few seconds, so a store without rules
costs a dictionary lookup per request and no query. ``add_rule`` closes the window
in which some worker hasn't seen a new rule yet: it waits out the cache, then
queues (backfills) what was stored meanwhile, then lets senders start.
"""

import threading
import time
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import orjson

from ..errors import BadRequest
from ..xapi.timestamps import now_utc

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
XAPI_VERSIONS = ("1.0.3", "2.0.0")
DEFAULT_CACHE_SECONDS = 2.0
BACKFILL_CHUNK = 500


@dataclass(frozen=True)
class RuleFilter:
    rule_id: int
    verbs: frozenset
    activity_prefix: str
    created: datetime

    @classmethod
    def of(cls, rule):
        return cls(rule.id, frozenset(rule.verbs), rule.activity_prefix, rule.created)


def matches(rule: RuleFilter, statement: dict) -> bool:
    """Whether the rule forwards this (valid, completed) statement."""
    verb = statement.get("verb")
    verb_id = verb.get("id") if isinstance(verb, dict) else None
    if verb_id == VOIDED:
        return True
    if rule.verbs and verb_id not in rule.verbs:
        return False
    if rule.activity_prefix:
        obj = statement.get("object")
        return (isinstance(obj, dict) and obj.get("objectType", "Activity") == "Activity"
                and isinstance(obj.get("id"), str) and obj["id"].startswith(rule.activity_prefix))
    return True


class RuleCache:
    """Every rule's filter, by store, reloaded at most every ``seconds``."""

    def __init__(self, forwarding, seconds=DEFAULT_CACHE_SECONDS):
        self.forwarding = forwarding
        self.seconds = seconds
        self._by_store = {}
        self._loaded = None
        self._lock = threading.Lock()

    def rules_for(self, store_id):
        if self._loaded is None or time.monotonic() - self._loaded >= self.seconds:
            with self._lock:
                if self._loaded is None or time.monotonic() - self._loaded >= self.seconds:
                    self.reload()
        return self._by_store.get(store_id, ())

    def reload(self):
        by_store = {}
        # Paused rules keep queuing (pause stops the sending only).
        for rule in self.forwarding.rules():
            by_store.setdefault(rule.store_id, []).append(RuleFilter.of(rule))
        self._by_store = by_store
        self._loaded = time.monotonic()


_caches = weakref.WeakKeyDictionary()


def rule_cache(storage) -> RuleCache:
    cache = _caches.get(storage)
    if cache is None:
        cache = _caches[storage] = RuleCache(storage.forwarding)
    return cache


def configure(storage, *, cache_seconds):
    rule_cache(storage).seconds = cache_seconds


def _completed(record):
    return record.statement


def forward_map(storage, store_id, records, statement_of=_completed):
    """{statement id: [rule ids]} for the records some rule forwards; None when none does.
    ``statement_of(record)``: the completed statement (records of `lrs import` carry only
    its JSON text)."""
    rules = rule_cache(storage).rules_for(store_id)
    if not rules:
        return None
    forward = {}
    for record in records:
        statement = statement_of(record)
        chosen = [rule.rule_id for rule in rules if matches(rule, statement)]
        if chosen:
            forward[record.statement_id] = chosen
    return forward or None


def queue_for_new_rules(storage, store_id, seen, records, statement_of=_completed) -> int:
    """Queue records just stored for the store's rules not in ``seen`` (the rule ids their
    transaction knew of): rules created meanwhile. A rule's backfill finds statements
    by ``stored``, and `lrs import` keeps the old ``stored`` of the statements it brings,
    so it checks with this after each batch. Returns how many rows were queued."""
    added = 0
    for rule in storage.forwarding.rules(store_id):
        if rule.id in seen:
            continue
        rule_filter = RuleFilter.of(rule)
        ids = [record.statement_id for record in records
               if matches(rule_filter, statement_of(record))]
        added += storage.forwarding.enqueue_statements(rule.id, store_id, ids)
    return added


# -- operators -------------------------------------------------------------


def _check_iri(value, what):
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.path) or any(c.isspace() for c in value):
        raise BadRequest(f"{what} must be an absolute IRI: {value!r}")


def check_rule(*, name, endpoint, username, xapi_version, verbs, activity_prefix):
    """The endpoint as it will be used (ending in '/'); BadRequest naming what is wrong."""
    if not name or len(name) > 100:
        raise BadRequest("a rule's name is 1 to 100 characters")
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequest(f"the endpoint must be an http(s) URL, like "
                         f"https://lrs.example.org/xapi/: {endpoint!r}")
    if not username:
        raise BadRequest("the remote LRS's username is needed")
    if xapi_version not in XAPI_VERSIONS:
        raise BadRequest(f"xAPI version must be one of {', '.join(XAPI_VERSIONS)}")
    for verb in verbs:
        _check_iri(verb, "a verb")
    if activity_prefix:
        _check_iri(activity_prefix, "the activity prefix")
    return endpoint if endpoint.endswith("/") else endpoint + "/"


def add_rule(storage, *, store_id, name, endpoint, username, password, xapi_version="1.0.3",
             verbs=(), activity_prefix="", since=None, settle_seconds=None, sleep=time.sleep):
    """Create a rule, backfill, open it to senders; returns (rule, statements backfilled).

    Workers learn of the rule within the cache's lifetime; statements they store
    before that get no outbox row. So: create it closed to senders, wait that
    long (``settle_seconds``), queue whatever matching statements stored since
    ``since`` (default: the rule's creation) are not queued, then open it; senders
    then see them all, in stored order.
    """
    endpoint = check_rule(name=name, endpoint=endpoint, username=username,
                          xapi_version=xapi_version, verbs=verbs,
                          activity_prefix=activity_prefix)
    if settle_seconds is None:
        settle_seconds = rule_cache(storage).seconds + 1
    created = now_utc()
    # Should this command die before opening the rule, senders start anyway, a minute on.
    rule = storage.forwarding.create_rule(
        store_id=store_id, name=name, endpoint=endpoint, username=username,
        password=password, xapi_version=xapi_version, verbs=tuple(verbs),
        activity_prefix=activity_prefix, created=created,
        next_attempt=created + timedelta(seconds=settle_seconds + 60))
    if rule is None:
        raise BadRequest(f"the store has a forwarding rule named {name!r} already")
    sleep(settle_seconds)
    count = backfill(storage, rule, since=since or created)
    storage.forwarding.open_rule(rule.id)
    return storage.forwarding.rule(rule.id), count


def backfill(storage, rule, *, since):
    """Queue the store's matching statements stored since ``since`` that aren't queued."""
    rule_filter = RuleFilter.of(rule)
    added, after = 0, None
    while True:
        rows = storage.forwarding.statements_since(rule.store_id, since, after=after,
                                                   limit=BACKFILL_CHUNK)
        if not rows:
            return added
        after = (rows[-1].stored, rows[-1].seq)
        seqs = [row.seq for row in rows if matches(rule_filter, orjson.loads(row.body))]
        added += storage.forwarding.enqueue_missing(rule.id, seqs)

def remove_rule(storage, rule, *, settle_seconds=None, sleep=time.sleep):
    """Delete the rule and its queue; then, once every worker has seen it go, what
    workers queued for it meanwhile."""
    storage.forwarding.remove(rule.id)
    sleep(rule_cache(storage).seconds + 1 if settle_seconds is None else settle_seconds)
    storage.forwarding.drop_queued(rule.id)
