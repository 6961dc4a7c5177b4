"""Erasure of an agent from a store (data-protection requests): delete, or pseudonymise."""

import uuid

import orjson

from ..storage.erasure import ErasurePlan
from ..xapi import erasure, filters
from ..xapi.identity import key_hash
from ..xapi.timestamps import now_utc
from .audit import operator_name

PSEUDONYM_PATH = "/pseudonyms"


def forget_agent(storage, store_id, agent: dict, *, pseudonymise=False, operator=None,
                 public_url="http://127.0.0.1:8080", dry_run=False) -> dict:
    """Remove (or pseudonymise) every statement and document of ``agent`` in the store.

    Returns the summary also written as the audit record: counts only, no personal data.
    A pseudonym is a random account, the same for every statement of this erasure, so
    aggregate reports still count one learner; nothing links it back to the agent.
    """
    ifis = erasure.ifis_of(agent)
    found = [(seq, orjson.loads(body)) for seq, body in
             storage.erasure.candidates(store_id, erasure.search_tokens(agent))]
    found = [(seq, statement) for seq, statement in found if erasure.mentions(statement, ifis)]
    account = {"homePage": public_url.rstrip("/") + PSEUDONYM_PATH, "name": uuid.uuid4().hex}
    verbs = set()
    for _, statement in found:
        verbs |= erasure.verbs_of(statement)
    referrers = storage.erasure.bodies_referring_to(store_id, [seq for seq, _ in found])
    for body in referrers:
        verbs |= erasure.verbs_of(orjson.loads(body))
    plan = ErasurePlan(agent_keys=erasure.agent_keys(ifis, verbs),
                       agent_hashes={key_hash(ifi) for ifi in ifis})
    if pseudonymise:
        plan.pseudonym_hash = key_hash(f"account:{account['homePage']}|{account['name']}")
        plan.pseudonym_agent = orjson.dumps({"objectType": "Agent", "account": account}).decode()
        for seq, statement in found:
            new = erasure.replaced(statement, ifis, account)
            plan.rewrites[seq] = (orjson.dumps(new).decode(), filters.statement_keys(new))
    else:
        plan.delete_seqs = [seq for seq, _ in found]
        plan.attachment_sha2s = {a["sha2"] for _, s in found for a in s.get("attachments", [])
                                 if isinstance(a, dict) and isinstance(a.get("sha2"), str)}
    details = {"at": now_utc(), "erasure": uuid.uuid4().hex,
               "mode": "pseudonymise" if pseudonymise else "delete",
               "statements": len(found),
               "documents": storage.erasure.documents_count(store_id, plan.agent_hashes),
               "referring_statements_rekeyed": len(referrers)}
    if not dry_run:
        storage.erasure.erase(store_id, plan, operator=operator_name(operator), details=details)
    return details
