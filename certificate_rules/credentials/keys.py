"""Ed25519 issuer keys in a JSON file readable only by its owner (0600). The secret never leaves
this module in a printable form: ``IssuerKey`` has no secret in its repr, and ``describe()``
gives what may be shown (the public key and the verification method)."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..errors import KeyFileError
from ..i18n import _
from . import multibase


@dataclass(frozen=True)
class IssuerKey:
    controller: str  # the issuer's id (a URL)
    public_key_multibase: str
    _private: Ed25519PrivateKey = field(repr=False, compare=False)

    @property
    def verification_method(self):
        return f"{self.controller}#{self.public_key_multibase}"

    @property
    def private_key(self):
        return self._private

    def describe(self):
        return {"controller": self.controller, "verificationMethod": self.verification_method,
                "publicKeyMultibase": self.public_key_multibase}

    def controller_document(self):
        """The issuer's controller document (publish it at the controller URL)."""
        return {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
                "id": self.controller,
                "verificationMethod": [{"id": self.verification_method, "type": "Multikey",
                                        "controller": self.controller,
                                        "publicKeyMultibase": self.public_key_multibase}],
                "assertionMethod": [self.verification_method]}


def _raw_secret(private):
    return private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                 serialization.NoEncryption())


def _raw_public(private):
    return private.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)


def from_private(controller, private):
    return IssuerKey(controller, multibase.public_multikey(_raw_public(private)), private)


def create_key_file(path, controller):
    """Write a new key to ``path`` (which must not exist) with mode 0600; return the IssuerKey."""
    private = Ed25519PrivateKey.generate()
    key = from_private(controller, private)
    data = {"type": "Ed25519", "controller": controller,
            "publicKeyMultibase": key.public_key_multibase,
            "secretKeyMultibase": multibase.secret_multikey(_raw_secret(private))}
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(_("{path} already exists: keys are never overwritten").format(
            path=path)) from None
    except OSError as exc:
        raise KeyFileError(_("cannot create {path}: {reason}").format(
            path=path, reason=exc.strerror)) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
        handle.write("\n")
    os.chmod(path, 0o600)  # whatever the umask did
    return key


def load_key_file(path):
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise KeyFileError(_("cannot read the key file {path}: {reason}").format(
            path=path, reason=exc.strerror)) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(_("the key file {path} is readable by others: chmod 600 it").format(
            path=path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        private = Ed25519PrivateKey.from_private_bytes(
            multibase.raw_secret_key(data["secretKeyMultibase"]))
        key = from_private(data["controller"], private)
    except Exception:  # never echo what was in the file: it holds the secret
        raise KeyFileError(_("the key file {path} is not a certificates key file").format(
            path=path)) from None
    if key.public_key_multibase != data.get("publicKeyMultibase"):
        raise KeyFileError(_("the key file {path} is inconsistent").format(path=path))
    return key
