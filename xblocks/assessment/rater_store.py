"""Where 360 answers are kept so that raters answering at the same moment never lose each other's.

In Open edX a ``user_state_summary`` field is one database row per block and field: a handler
reads it when the request starts and writes the whole value back at the end, so two requests that
overlap both start from the same value and the later write drops the earlier one's addition.
Nothing written to such a row alone is safe. So every fact lives first in a row that only one
person writes (``user_state``: one row per learner and block), and the shared row is only a
meeting point, merged by union and never trusted as the sole copy:

- an invitation code: the owner's ``invitations`` (kept for ever);
- a rater's answers: the rater's ``pending_ratings`` until the owner's ``received_ratings`` holds
  them (the owner acknowledges their entry id in the shared row), then the owner's, for ever.

Every request of an owner or a rater runs ``reconcile``: it puts back into the shared row whatever
that person holds and the row lacks (undoing any overlap that dropped it), the owner takes in the
answers given for their codes, and a rater forgets answers the owner has acknowledged. The shared
row is written only when that adds something (every write is a chance to drop a concurrent one).
Results count the owner's received answers plus any shared answers for their codes, by entry id,
so nothing is counted twice. Entry ids are random and kept sorted, saying nothing of who or when.

What remains: one person's own two simultaneous requests overlap on their own row (as for any
XBlock state); a loss would need that together with a stale write of the shared row.
"""

import secrets

EMPTY = {"codes": {}, "entries": {}, "received": []}


def shared(registry):
    """The shared row in its current shape (any missing part empty)."""
    registry = registry if isinstance(registry, dict) else {}
    found = {"codes": dict(registry.get("codes") or {}),
             "entries": dict(registry.get("entries") or {}),
             "received": list(registry.get("received") or [])}
    for code, old in registry.items():  # the first shape: {code: {"role", "answers": [...]}}
        if isinstance(old, dict) and "role" in old:
            found["codes"].setdefault(code, old["role"])
            for index, answers in enumerate(old.get("answers") or []):
                found["entries"].setdefault(f"{code}-{index}", {"code": code, "answers": answers})
    return found


def merged(registry, codes=None, entries=None, received=()):
    """``registry`` with these additions. A union: nothing already there is ever dropped."""
    current = shared(registry)
    all_entries = {**(entries or {}), **current["entries"]}
    return {"codes": {**(codes or {}), **current["codes"]},
            "entries": {key: all_entries[key] for key in sorted(all_entries)},
            "received": sorted({*current["received"], *received})}


def new_entry(code, answers):
    """A rater's answers for ``code`` under a fresh random id: ``(id, entry)``."""
    return secrets.token_hex(8), {"code": code, "answers": dict(answers)}


def reconcile(registry, invitations, pending, received):
    """One person's step: returns ``(registry, pending, received)``, each the same object when
    nothing changed (so callers write only what changed).

    ``invitations`` (the owner's codes and roles), ``pending`` (answers this person gave and the
    owner has not acknowledged) and ``received`` (answers the owner holds) are this person's own.
    """
    current = shared(registry)
    codes = {i["code"]: i["role"] for i in invitations}
    arrived = {key: entry for key, entry in current["entries"].items()
               if entry.get("code") in codes and key not in received}
    new_received = {**received, **arrived} if arrived else received
    acknowledged = set(current["received"])
    new_pending = ({k: v for k, v in pending.items() if k not in acknowledged}
                   if acknowledged & set(pending) else pending)
    missing = (any(code not in current["codes"] for code in codes)
               or any(key not in current["entries"] for key in new_pending)
               or any(key not in acknowledged for key in new_received))
    new_registry = (merged(current, codes=codes, entries=new_pending,
                           received=new_received.keys()) if missing else registry)
    return new_registry, new_pending, new_received


def answers_by_role(registry, invitations, received):
    """Per role, the answer sets given for the owner's codes (held or shared, each once)."""
    roles = {i["code"]: i["role"] for i in invitations}
    entries = {**shared(registry)["entries"], **received}
    found = {}
    for key in sorted(entries):
        entry = entries[key]
        if entry.get("code") in roles:
            found.setdefault(roles[entry["code"]], []).append(entry["answers"])
    return found
