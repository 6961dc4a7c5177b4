"""Issuing, revoking and remembering: the issuer's state directory.

``state/awards.json`` maps each award (rule, learner, earned date) to its credential, so issuing
the same award twice returns the first credential and posts nothing new; credentials live in
``state/credentials/``; the signed status list is ``state/status-list.json``, rebuilt from the
awards' revoked flags; ``state/decisions.ndjson`` logs every decision with its rule's hash."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from leadership_domain.vocabulary import PROFILE, ActivityType, Verb

from .credentials import data_integrity, openbadge, status_list
from .errors import CertificateError
from .i18n import _
from .statements import VALID_UNTIL_EXTENSION

_AWARD_NAMESPACE = uuid.UUID("5b0f4c62-8a11-4f0e-9a59-7e1f0c1f3d21")


def write_json(path, data):
    """Atomic write: readers see the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, ensure_ascii=False, sort_keys=True)
        out.write("\n")
    os.replace(temporary, path)


def read_json(path, default):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


@dataclass
class IssueResult:
    credential: dict
    created: bool  # False: this award had been issued before; nothing new was done


class IssuerState:
    def __init__(self, directory, *, key, issuer):
        """``issuer``: {"id", "name", "url"?, "status_list_url"}; ``key``: an IssuerKey."""
        self.directory = Path(directory)
        self.key, self.issuer = key, issuer
        self.awards_file = self.directory / "awards.json"
        self.status_file = self.directory / "status-list.json"
        self.log_file = self.directory / "decisions.ndjson"

    # --- awards -----------------------------------------------------------------------------
    def awards(self):
        return read_json(self.awards_file, {})

    def credential(self, credential_id):
        for award in self.awards().values():
            if award["credential_id"] == credential_id:
                return read_json(self.directory / award["file"], None)
        return None

    def _free_index(self, awards):
        used = {award["status_index"] for award in awards.values()}
        while True:  # random indexes: a list's neighbours say nothing about each other
            index = secrets.randbelow(status_list.MIN_ENTRIES)
            if index not in used:
                return index

    def issue(self, decision, rule, *, actor, now, name=None, lrs=None):
        """Issue (or return the already issued) credential for an earned decision."""
        if not decision.earned:
            raise CertificateError(_("{learner} has not earned {rule}: nothing to issue").format(
                learner=decision.learner, rule=rule.id))
        awards = self.awards()
        existing = awards.get(decision.award_key)
        if existing:
            if lrs and not existing.get("statement_posted"):
                self._post_earned(existing, decision, rule, actor, lrs, awards)
            return IssueResult(read_json(self.directory / existing["file"], None), False)
        award_id = uuid.uuid5(_AWARD_NAMESPACE, decision.award_key)
        index = self._free_index(awards)
        unsigned = openbadge.build(
            decision, rule, issuer=self.issuer, actor=actor, name=name,
            credential_id=f"urn:uuid:{award_id}", salt=award_id.hex[:16],
            status=status_list.entry(self.issuer["status_list_url"], index))
        credential = openbadge.sign(unsigned, self.key, openbadge.iso_seconds(now))
        award = {"credential_id": credential["id"], "file": f"credentials/{award_id}.json",
                 "status_index": index, "learner": decision.learner, "rule": rule.id,
                 "rule_hash": rule.hash, "earned_at": credential["validFrom"],
                 "statement_id": str(uuid.uuid5(_AWARD_NAMESPACE, "earned|" + str(award_id))),
                 "revoked": False, "statement_posted": False}
        write_json(self.directory / award["file"], credential)
        awards[decision.award_key] = award
        write_json(self.awards_file, awards)
        if not self.status_file.exists():
            self.publish_status_list(now)
        if lrs:
            self._post_earned(award, decision, rule, actor, lrs, awards)
        return IssueResult(credential, True)

    def _post_earned(self, award, decision, rule, actor, lrs, awards):
        lrs.put_statement(earned_statement(award, decision, rule, actor))
        award["statement_posted"] = True
        write_json(self.awards_file, awards)

    # --- revocation -------------------------------------------------------------------------
    def revoke(self, credential_id, *, now, lrs=None):
        awards = self.awards()
        for award in awards.values():
            if award["credential_id"] == credential_id:
                break
        else:
            raise CertificateError(_("no credential {id} was issued here").format(
                id=credential_id))
        already = award["revoked"]
        award["revoked"] = True
        write_json(self.awards_file, awards)
        self.publish_status_list(now)
        if lrs and award.get("statement_posted") and not award.get("statement_voided"):
            lrs.post_statement(voiding_statement(award, now))
            award["statement_voided"] = True
            write_json(self.awards_file, awards)
        return not already

    def publish_status_list(self, now):
        bits = status_list.new_bits()
        for award in self.awards().values():
            if award["revoked"]:
                status_list.set_bit(bits, award["status_index"])
        unsigned = status_list.list_credential(self.issuer["status_list_url"], self.issuer["id"],
                                               bits, openbadge.iso_seconds(now))
        signed = data_integrity.sign(unsigned, self.key.private_key,
                                     verification_method=self.key.verification_method,
                                     created=openbadge.iso_seconds(now))
        write_json(self.status_file, signed)
        return signed

    def status_list_credential(self, url=None):
        signed = read_json(self.status_file, None)
        if signed and (url is None or signed.get("id") == url):
            return signed
        return None

    # --- decision log -----------------------------------------------------------------------
    def log(self, decisions):
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.log_file, "a", encoding="utf-8") as out:
            for decision in decisions:
                entry = {key: value for key, value in decision.to_dict().items()
                         if key not in ("trace", "tiers", "renewal")}
                entry["statements"] = decision.statement_ids()
                out.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")


def earned_statement(award, decision, rule, actor):
    """The xAPI statement saying the learner earned the certificate (a fixed id per award)."""
    name = rule.achievement["name"]
    names = name if isinstance(name, dict) else {"en": name}
    result = {"completion": True}
    if decision.valid_until:
        result["extensions"] = {VALID_UNTIL_EXTENSION: openbadge.iso_seconds(
            decision.valid_until)}
    return {"id": award["statement_id"], "actor": actor,
            "verb": {"id": Verb.EARNED, "display": {"en": "earned"}},
            "object": {"objectType": "Activity", "id": rule.achievement["id"],
                       "definition": {"type": ActivityType.CERTIFICATE, "name": names}},
            "result": result,
            "context": {"contextActivities": {"category": [{"id": PROFILE}]},
                        "extensions": {"https://w3id.org/xapi/un-leadership/extensions/"
                                       "credential-id": award["credential_id"]}},
            "timestamp": openbadge.iso_seconds(decision.earned_at)}


def voiding_statement(award, now):
    return {"id": str(uuid.uuid5(_AWARD_NAMESPACE, "void|" + award["statement_id"])),
            "actor": {"objectType": "Agent", "name": "certificates",
                      "account": {"homePage": "https://w3id.org/xapi/un-leadership/",
                                  "name": "certificates"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en": "voided"}},
            "object": {"objectType": "StatementRef", "id": award["statement_id"]},
            "timestamp": openbadge.iso_seconds(now)}
