"""Credentials: slow-hashed secrets, verified once, then served from a keyed in-memory cache.

The cache key is an HMAC of key and secret under a per-process random key, so
the cache never holds a secret, and a wrong secret can't hit a cached entry.

A revoked, rotated or re-limited credential is refused (or limited anew) at once by
every worker, because a cached verification is used only while one of these holds:

- the worker's change listener is live (PostgreSQL under ``lrs serve``): the change
  reaches every worker at commit and drops the key's entries (no query per request);
- otherwise (SQLite, MariaDB, PostgreSQL while the listener is connecting or when it
  is off): the credential's version, looked up by key for this request, is the one
  that was verified.
"""

import base64
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from ..errors import Unauthorized
from ..xapi.timestamps import now_utc

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
ALL_SCOPES = ("all",)
# xAPI 1.0.3 Communication 4.2 (OAuth scopes), granted to key/secret credentials here.
SCOPES = ("all", "all/read", "statements/write", "statements/read", "statements/read/mine",
          "state", "profile", "define")
# Last-use times reach the database at most this often per credential and worker,
LAST_USED_SECONDS = 60
# in one write for all the credentials due, at most this often per worker.
RECORD_USE_SECONDS = 2


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


@dataclass(frozen=True)
class _Verified:
    expires: float     # time.monotonic()
    caller: Caller
    version: object    # the credential as verified (storage's version_of)


class Authenticator:
    def __init__(self, credentials, *, public_url, cache_seconds=300, listen=False):
        self.credentials = credentials
        self.public_url = public_url
        self.cache_seconds = cache_seconds
        self._hmac_key = secrets.token_bytes(32)
        self._cache: dict[bytes, _Verified] = {}
        self._lock = threading.Lock()
        self._verify_lock = threading.Lock()
        # Bumped by every change heard and by each (re)connection of the listener: a
        # verification that read the credential before is used once, not cached.
        self._generation = 0
        self._listener = None
        self._used: dict[str, float] = {}       # key -> monotonic time last noted
        self._unrecorded: dict[str, object] = {}  # key -> naive UTC, waiting for the DB
        # Not on the first request: a starting worker's requests pay for scrypt already.
        self._recorded_at = time.monotonic()
        if listen:
            self.listen_for_changes()

    def listen_for_changes(self):
        """Learn of changed credentials from the database where it can push them
        (PostgreSQL); the listener starts with the first authentication in this process."""
        if self._listener is None:
            self._listener = self.credentials.change_listener(
                on_change=self._forget, on_connect=self._catch_up)

    def close(self):
        if self._listener is not None:
            self._listener.close()

    def _digest(self, key: str, secret: str) -> bytes:
        return hmac.new(self._hmac_key, f"{key}\x00{secret}".encode(), hashlib.sha256).digest()

    def authenticate(self, key: str | None, secret: str | None) -> Caller:
        if not key or secret is None:
            raise Unauthorized("authentication required (HTTP Basic with an LRS key and secret)")
        digest = self._digest(key, secret)
        now = time.monotonic()
        caller = self._cached(digest, now) or self._verify(key, secret, digest, now)
        self._note_use(key, now)
        return caller

    def _cached(self, digest, now):
        entry = self._cache.get(digest)
        if entry is None or entry.expires <= now:
            return None
        if self._listening():
            return entry.caller
        if self.credentials.version(entry.caller.key) == entry.version:
            return entry.caller
        with self._lock:  # revoked, rotated or re-limited since it was verified
            if self._cache.get(digest) is entry:
                del self._cache[digest]
        return None

    def _listening(self):
        listener = self._listener
        if listener is None:
            return False
        if listener.live:
            return True
        listener.start()  # (re)started in this process if needed; until live, look up
        return False

    def _verify(self, key, secret, digest, now):
        with self._verify_lock:
            # One scrypt at a time (32 MB each): threads that miss the cache together wait
            # for the first verification instead of each running their own.
            caller = self._cached(digest, time.monotonic())
            if caller:
                return caller
            self._listening()  # the first authentication in a process starts its listener
            generation = self._generation
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
                if self._generation == generation:
                    self._cache[digest] = _Verified(now + self.cache_seconds, caller,
                                                    self.credentials.version_of(record))
        return caller

    def authority(self, key, name):
        return {"objectType": "Agent", "name": name,
                "account": {"homePage": self.public_url, "name": key}}

    def _forget(self, key):
        """From the listener: ``key`` was revoked, rotated or re-limited (just committed)."""
        with self._lock:
            self._generation += 1
            self._cache = {d: e for d, e in self._cache.items() if e.caller.key != key}

    def _catch_up(self):
        """From the listener, once listening again and before it is live: drop what
        changed while it was not (or before it started), comparing versions."""
        with self._lock:
            self._generation += 1
            held = {entry.caller.key for entry in self._cache.values()}
        current = self.credentials.versions(held)
        with self._lock:
            self._cache = {d: e for d, e in self._cache.items()
                           if e.caller.key not in held or current.get(e.caller.key) == e.version}

    def _note_use(self, key, now):
        # A write per credential per minute, not per request, batched across credentials.
        if now - self._used.get(key, -LAST_USED_SECONDS) >= LAST_USED_SECONDS:
            with self._lock:
                self._used[key] = now
                self._unrecorded[key] = now_utc()
        if self._unrecorded and now - self._recorded_at >= RECORD_USE_SECONDS:
            with self._lock:
                if now - self._recorded_at < RECORD_USE_SECONDS:
                    return
                self._recorded_at = now
                unrecorded, self._unrecorded = self._unrecorded, {}
            self.credentials.record_use(unrecorded)
