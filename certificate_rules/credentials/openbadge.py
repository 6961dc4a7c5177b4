"""Building and signing an Open Badges 3.0 OpenBadgeCredential from a Decision.

Before signing, the credential must pass two guards: every property and type is defined by the
shipped contexts (pyld would silently drop the rest, leaving it unsigned, and strict verifiers
reject it), and no value is one verifiers canonicalise differently (tiny numbers, C0 controls)."""

from __future__ import annotations

import hashlib

from ..errors import CredentialError
from ..i18n import _
from . import data_integrity
from .canonical import undefined_terms, unsafe_values
from .contexts import OB_V3P0, VC_V2

CONTEXT = [VC_V2, OB_V3P0]


def iso_seconds(moment):
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def text(value, language="en"):
    """One string from a rule text (a string or a language map)."""
    if isinstance(value, str):
        return value
    return value.get(language) or value.get("en") or next(iter(value.values()))


def identity(actor, salt):
    """A hashed IdentityObject for the learner: the credential never shows the raw address."""
    if "mbox" in actor:
        kind, plain = "emailAddress", actor["mbox"].removeprefix("mailto:").lower()
    elif "account" in actor:
        kind = "identifier"
        plain = f"{actor['account'].get('homePage')}|{actor['account'].get('name')}"
    elif "openid" in actor:
        kind, plain = "url", actor["openid"]
    else:
        kind, plain = "identifier", actor.get("mbox_sha1sum", "")
    digest = hashlib.sha256((plain + salt).encode("utf-8")).hexdigest()
    return {"type": "IdentityObject", "hashed": True, "identityHash": "sha256$" + digest,
            "identityType": kind, "salt": salt}


def achievement(rule):
    data = rule.achievement
    built = {"id": data["id"], "type": ["Achievement"], "name": text(data["name"]),
             "achievementType": data.get("achievement_type", "Certificate"),
             "criteria": {"narrative": text(data["criteria"])}}
    if data.get("description"):
        built["description"] = text(data["description"])
    if rule.tiers:
        built["resultDescription"] = [{
            "id": data["id"] + "#tier", "type": ["ResultDescription"], "name": "Tier",
            "resultType": "RubricCriterionLevel",
            "rubricCriterionLevel": [{"id": f"{data['id']}#tier-{tier['id']}",
                                      "type": ["RubricCriterionLevel"],
                                      "name": text(tier["name"])} for tier in rule.tiers]}]
    return built


def build(decision, rule, *, issuer, actor, credential_id, status=None, salt="", name=None):
    """The unsigned OpenBadgeCredential for an earned decision."""
    if decision.earned_at is None:
        raise CredentialError(_("only an earned decision becomes a credential"))
    subject = {"type": ["AchievementSubject"], "identifier": [identity(actor, salt)],
               "achievement": achievement(rule)}
    if name:
        subject["name"] = name
    if decision.tier:
        subject["result"] = [{"type": ["Result"],
                              "resultDescription": rule.achievement["id"] + "#tier",
                              "achievedLevel": f"{rule.achievement['id']}#tier-"
                                               f"{decision.tier['id']}"}]
    credential = {"@context": list(CONTEXT), "id": credential_id,
                  "type": ["VerifiableCredential", "OpenBadgeCredential"],
                  "issuer": {"id": issuer["id"], "type": ["Profile"], "name": issuer["name"]},
                  "validFrom": iso_seconds(decision.earned_at),
                  "name": text(rule.achievement["name"]), "credentialSubject": subject}
    if issuer.get("url"):
        credential["issuer"]["url"] = issuer["url"]
    if decision.valid_until:
        credential["validUntil"] = iso_seconds(decision.valid_until)
    if status:
        credential["credentialStatus"] = status
    return credential


def check_signable(credential):
    """Raise CredentialError naming the first property verifiers would read differently."""
    undefined = undefined_terms(credential)
    if undefined:
        where = "/".join(str(part) for part in undefined[0])
        raise CredentialError(_("refusing to sign: {where} is not defined by the credential's "
                                "contexts, so the signature would not cover it").format(
                                    where=where), reason="undefined_term", paths=undefined)
    unsafe = unsafe_values(credential)
    if unsafe:
        path, kind = unsafe[0]
        raise CredentialError(_("refusing to sign: {where} holds a {kind} that verifiers "
                                "canonicalise differently").format(
                                    where="/".join(str(part) for part in path), kind=kind),
                              reason="unsafe_value")


def sign(credential, key, created):
    check_signable(credential)
    return data_integrity.sign(credential, key.private_key,
                               verification_method=key.verification_method, created=created)
