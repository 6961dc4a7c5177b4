"""Credentials: slow-hashed secrets, verified once, then served from a keyed in-memory cache.

The cache key is an HMAC of key and secret under a per-process random key, so
the cache never holds a secret, and a wrong secret can't hit a cached entry.
Revocations are seen by every worker within ``AUTH_REVOCATION_CHECK_SECONDS``
through one cheap query, not one per request.
"""

import base64
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from ..errors import Unauthorized
from ..xapi.timestamps import now_utc

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
ALL_SCOPES = ("all",)
# xAPI 1.0.3 Communication 4.2 (OAuth scopes), granted to key/secret credentials here.
SCOPES = ("all", "all/read", "statements/write", "statements/read", "statements/read/mine",
          "state", "profile", "define")
# Last-use times reach the database at most this often per credential and worker.
LAST_USED_SECONDS = 60


@dataclass(frozen=True)
class Caller:
    store_id: int
    key: str
    name: str
    scopes: tuple[str, ...]
    authority: dict
    max_body_bytes: int | None = None
    requests_per_minute: int | None = None

    def allows(self, scope: str) -> bool:
        return "all" in self.scopes or scope in self.scopes


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=64 * 1024 * 1024)
    encoded = [base64.b64encode(salt).decode(), base64.b64encode(digest).decode()]
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), *encoded])


def check_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                            p=int(p), maxmem=64 * 1024 * 1024)
    return hmac.compare_digest(actual, base64.b64decode(digest))


def new_key() -> str:
    return secrets.token_hex(10)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class Authenticator:
    def __init__(self, credentials, *, public_url, cache_seconds=300, revocation_seconds=2):
        self.credentials = credentials
        self.public_url = public_url
        self.cache_seconds = cache_seconds
        self.revocation_seconds = revocation_seconds
        self._hmac_key = secrets.token_bytes(32)
        self._cache: dict[bytes, tuple[float, Caller]] = {}
        self._lock = threading.Lock()
        self._verify_lock = threading.Lock()
        self._checked_at = time.monotonic()
        self._checked_db = now_utc()
        self._used: dict[str, float] = {}       # key -> monotonic time last recorded
        self._unrecorded: dict[str, object] = {}  # key -> naive UTC, waiting for the DB

    def _digest(self, key: str, secret: str) -> bytes:
        return hmac.new(self._hmac_key, f"{key}\x00{secret}".encode(), hashlib.sha256).digest()

    def authenticate(self, key: str | None, secret: str | None) -> Caller:
        if not key or secret is None:
            raise Unauthorized("authentication required (HTTP Basic with an LRS key and secret)")
        self._drop_changed()
        digest = self._digest(key, secret)
        entry = self._cache.get(digest)
        now = time.monotonic()
        if entry and entry[0] > now:
            self._note_use(key, now)
            return entry[1]
        with self._verify_lock:
            # One scrypt at a time (32 MB each): threads that miss the cache together wait
            # for the first verification instead of each running their own.
            entry = self._cache.get(digest)
            if entry and entry[0] > time.monotonic():
                return entry[1]
            record = self.credentials.find(key)
            if record is None or record.revoked is not None or not check_secret(
                    secret, record.secret_hash):
                raise Unauthorized("unknown key or wrong secret")
            caller = Caller(store_id=record.store_id, key=record.key, name=record.name,
                            scopes=record.scopes,
                            authority=self.authority(record.key, record.name),
                            max_body_bytes=record.max_body_bytes,
                            requests_per_minute=record.requests_per_minute)
            with self._lock:
                self._cache[digest] = (now + self.cache_seconds, caller)
        self._note_use(key, now)
        return caller

    def authority(self, key, name):
        return {"objectType": "Agent", "name": name,
                "account": {"homePage": self.public_url, "name": key}}

    def _note_use(self, key, now):
        # A write per credential per minute, not per request: batched by _drop_changed.
        if now - self._used.get(key, -LAST_USED_SECONDS) >= LAST_USED_SECONDS:
            with self._lock:
                self._used[key] = now
                self._unrecorded[key] = now_utc()

    def _drop_changed(self):
        """Every few seconds: forget revoked, rotated or re-limited keys; record last uses."""
        now = time.monotonic()
        if now - self._checked_at < self.revocation_seconds:
            return
        with self._lock:
            if now - self._checked_at < self.revocation_seconds:
                return
            since = self._checked_db - timedelta(seconds=5)
            self._checked_db = now_utc()
            self._checked_at = now
            unrecorded, self._unrecorded = self._unrecorded, {}
        self.credentials.record_use(unrecorded)
        changed = self.credentials.changed_since(since)
        if changed:
            with self._lock:
                self._cache = {d: e for d, e in self._cache.items() if e[1].key not in changed}
