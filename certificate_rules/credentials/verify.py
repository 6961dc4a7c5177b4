"""Verifying a credential: proof, contexts and terms, validity dates, revocation status. The
result says, check by check, why the credential is or is not valid."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..errors import CredentialError
from ..i18n import translation
from ..statements import parse_time
from . import data_integrity, status_list
from .canonical import undefined_terms
from .contexts import OB_V3P0, VC_V2


@dataclass
class Check:
    name: str
    ok: bool
    message: str


@dataclass
class Verification:
    credential_id: str | None
    checks: list[Check] = field(default_factory=list)

    @property
    def valid(self):
        return bool(self.checks) and all(check.ok for check in self.checks)

    def add(self, name, ok, message):
        self.checks.append(Check(name, ok, message))

    def to_dict(self):
        return {"id": self.credential_id, "valid": self.valid,
                "checks": [check.__dict__ for check in self.checks]}


def trusted_keys_from(documents):
    """{verification method: public key multibase} from key files' public parts and from
    controller documents (``verificationMethod`` entries)."""
    trusted = {}
    for data in documents:
        if "publicKeyMultibase" in data and "controller" in data:  # a key file
            trusted[f"{data['controller']}#{data['publicKeyMultibase']}"] = \
                data["publicKeyMultibase"]
        for method in data.get("verificationMethod", []):  # a controller document
            trusted[method["id"]] = method["publicKeyMultibase"]
    return trusted


def resolve_key(verification_method, trusted_keys):
    """The public key multibase for a verification method: did:key carries its key; any other
    method must be one the verifier trusts (from a key or controller document file)."""
    if verification_method in trusted_keys:
        return trusted_keys[verification_method]
    if verification_method.startswith("did:key:"):
        fragment = verification_method.split("#", 1)[-1]
        if verification_method.split("#", 1)[0] == "did:key:" + fragment:
            return fragment
    raise CredentialError(translation().gettext(
        "the key {method} is not one this verifier trusts").format(method=verification_method),
        reason="unknown_key", method=verification_method)


def _proof_problem(exc, _):
    messages = {
        "no_proof": _("the credential has no single proof"),
        "unsupported_proof": _("the proof is not a DataIntegrityProof with eddsa-rdfc-2022"),
        "bad_signature": _("the signature does not match the credential: it was changed "
                           "after signing, or signed by another key"),
        "unknown_key": _("the key {method} is not one this verifier trusts").format(
            method=exc.data.get("method")),
        "json_ld": exc.message,
    }
    return messages.get(exc.data.get("reason"), exc.message)


def _check_proof(credential, trusted_keys, result, _):
    proof = credential.get("proof") or {}
    try:
        key = resolve_key(str(proof.get("verificationMethod")), trusted_keys)
        data_integrity.verify(credential, key)
    except CredentialError as exc:
        result.add("proof", False, _proof_problem(exc, _))
        return False
    result.add("proof", True, _("signed by {method}").format(
        method=proof["verificationMethod"]))
    return True


def _check_terms(credential, result, _):
    context = credential.get("@context")
    if not isinstance(context, list) or context[:2] != [VC_V2, OB_V3P0]:
        result.add("context", False, _("the contexts must be VC 2.0 then Open Badges 3.0.3"))
        return
    types = credential.get("type") or []
    if "OpenBadgeCredential" not in types and "AchievementCredential" not in types:
        result.add("context", False, _("not an OpenBadgeCredential"))
        return
    try:
        undefined = undefined_terms({k: v for k, v in credential.items() if k != "proof"})
    except CredentialError as exc:
        result.add("context", False, exc.message)
        return
    if undefined:
        result.add("context", False, _("{where} is not defined by the contexts").format(
            where="/".join(str(part) for part in undefined[0])))
        return
    result.add("context", True, _("every term is defined by the shipped contexts"))


def _check_dates(credential, now, result, _):
    try:
        start = parse_time(credential["validFrom"]) if "validFrom" in credential else None
        end = parse_time(credential["validUntil"]) if "validUntil" in credential else None
    except (TypeError, ValueError):
        result.add("dates", False, _("validFrom or validUntil is not a date-time"))
        return
    if start and now < start:
        result.add("dates", False, _("not valid before {start}").format(
            start=credential["validFrom"]))
    elif end and now >= end:
        result.add("dates", False, _("expired on {end}").format(end=credential["validUntil"]))
    else:
        result.add("dates", True, _("within its validity period"))


def _check_status(credential, status_lists, trusted_keys, result, _):
    status = credential.get("credentialStatus")
    if status is None:
        result.add("status", True, _("no status list: cannot be revoked"))
        return
    url = status.get("statusListCredential")
    list_credential = status_lists(url) if status_lists else None
    if list_credential is None:
        result.add("status", False, _("the status list {url} is not available").format(url=url))
        return
    try:
        resolve = resolve_key(str((list_credential.get("proof") or {}).get(
            "verificationMethod")), trusted_keys)
        data_integrity.verify(list_credential, resolve)
        revoked = status_list.is_revoked(list_credential, int(status["statusListIndex"]))
    except (CredentialError, ValueError, KeyError) as exc:
        reason = _proof_problem(exc, _) if isinstance(exc, CredentialError) else str(exc)
        result.add("status", False, _("the status list cannot be trusted: {reason}").format(
            reason=reason))
        return
    if revoked:
        result.add("status", False, _("revoked by its issuer"))
    else:
        result.add("status", True, _("not revoked"))


def verify_credential(credential, *, now: datetime, trusted_keys=None, status_lists=None,
                      language=None):
    """A Verification of ``credential`` as of ``now``. ``trusted_keys`` maps verification
    method ids to public key multibase; ``status_lists(url)`` returns a status list credential
    (or None) — fetched however the caller likes; contexts never come from the network.
    Messages are in ``language`` (default: the process language)."""
    _ = translation(language).gettext
    trusted_keys = trusted_keys or {}
    if not isinstance(credential, dict):
        result = Verification(None)
        result.add("format", False, _("a credential is a JSON object"))
        return result
    result = Verification(credential.get("id"))
    _check_terms(credential, result, _)
    _check_proof(credential, trusted_keys, result, _)
    _check_dates(credential, now, result, _)
    _check_status(credential, status_lists, trusted_keys, result, _)
    return result
