"""Multi-rater (360) assessment: invitation codes, rater answers, and group results that never
identify a rater.

The shared registry (a ``user_state_summary`` field of the block, so codes work only within this
block of this course) holds codes with their roles and the raters' answers under random ids, and
nothing else: no user id, no hash of one, no time. How answers survive concurrent raters:
``rater_store``. A rater's own state remembers which codes they answered (to stop double
rating); the owner's own state lists their codes (to stop self-rating). A group's results
appear only once it has enough raters (peers and direct reports: 3, supervisor: 1); "others"
pools only the groups that are shown, so no hidden answer can be worked out by subtraction.
"""

import secrets

from leadership_domain.vocabulary import MINIMUM_RATERS

from . import rater_store
from .results import pooled_means

ROLES = tuple(MINIMUM_RATERS)  # peer, direct-report, supervisor
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud


def new_code(registry):
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if code not in registry:
            return code


def normalise_code(text):
    raw = "".join(ch for ch in str(text or "").upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def invite(registry, role):
    """A new code for ``role``; returns ``(code, new registry)``."""
    code = new_code(rater_store.shared(registry)["codes"])
    return code, rater_store.merged(registry, codes={code: role})


def code_role(registry, code):
    return rater_store.shared(registry)["codes"].get(code)


def group_results(level_id, registry, invitations, received):
    """Per role: rater count, the minimum, whether shown, and means when shown; plus "others"."""
    by_role = rater_store.answers_by_role(registry, invitations, received)
    groups, shown_answers = [], []
    for role in ROLES:
        answer_sets = by_role.get(role, [])
        visible = len(answer_sets) >= MINIMUM_RATERS[role]
        groups.append({"role": role, "count": len(answer_sets), "minimum": MINIMUM_RATERS[role],
                       "missing": max(0, MINIMUM_RATERS[role] - len(answer_sets)),
                       "visible": visible,
                       "means": pooled_means(level_id, answer_sets) if visible else None})
        if visible:
            shown_answers.extend(answer_sets)
    others = pooled_means(level_id, shown_answers) if shown_answers else None
    return {"groups": groups, "others": others}
