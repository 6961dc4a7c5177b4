"""SQL storage of stores and credentials."""

from sqlalchemy import bindparam, func, insert, select, update

from ..xapi.timestamps import now_utc
from . import credential_events
from .models import Credential, Statement, Store
from .records import CredentialRecord, StoreRecord

C = Credential.__table__
ST = Store.__table__
S = Statement.__table__

DEFAULT_STORE = "default"


def _record(row):
    return CredentialRecord(id=row.id, store_id=row.store_id, key=row.key, name=row.name,
                            secret_hash=row.secret_hash, scopes=tuple(row.scopes.split()),
                            revoked=row.revoked, last_used=row.last_used,
                            max_body_bytes=row.max_body_bytes,
                            requests_per_minute=row.requests_per_minute)


# What a worker's cache of verified secrets depends on: when any of these change (or the
# credential is revoked), a cached verification no longer holds.
_VERSION = (C.c.secret_hash, C.c.scopes, C.c.max_body_bytes, C.c.requests_per_minute)


def _version(secret_hash, scopes, max_body_bytes, requests_per_minute):
    return secret_hash, tuple(scopes.split()), max_body_bytes, requests_per_minute


class SQLCredentials:
    def __init__(self, engine):
        self.engine = engine
        self._version_lookup = credential_events.Lookup(engine, select(*_VERSION).where(
            C.c.key == bindparam("key"), C.c.revoked.is_(None)))

    def store_id(self, name=DEFAULT_STORE, *, create=False):
        with self.engine.begin() as conn:
            found = conn.execute(select(ST.c.id).where(ST.c.name == name)).scalar()
            if found is None and create:
                found = conn.execute(insert(ST).values(name=name, created=now_utc())
                                     ).inserted_primary_key[0]
            return found

    def stores(self):
        statements = (select(S.c.store_id, func.count().label("n"))
                      .group_by(S.c.store_id).subquery())
        active = (select(C.c.store_id, func.count().label("n")).where(C.c.revoked.is_(None))
                  .group_by(C.c.store_id).subquery())
        query = (select(ST.c.id, ST.c.name, func.coalesce(statements.c.n, 0),
                        func.coalesce(active.c.n, 0))
                 .outerjoin(statements, statements.c.store_id == ST.c.id)
                 .outerjoin(active, active.c.store_id == ST.c.id).order_by(ST.c.id))
        with self.engine.connect() as conn:
            return [StoreRecord(id=row[0], name=row[1], statements=row[2], credentials=row[3])
                    for row in conn.execute(query)]

    def create(self, *, store_id, key, name, secret_hash, scopes, max_body_bytes=None,
               requests_per_minute=None):
        with self.engine.begin() as conn:
            conn.execute(insert(C).values(store_id=store_id, key=key, name=name,
                                          secret_hash=secret_hash, scopes=" ".join(scopes),
                                          created=now_utc(), max_body_bytes=max_body_bytes,
                                          requests_per_minute=requests_per_minute))

    def find(self, key):
        with self.engine.connect() as conn:
            row = conn.execute(select(C).where(C.c.key == key)).first()
        return _record(row) if row else None

    def list(self):
        with self.engine.connect() as conn:
            return [_record(row) for row in conn.execute(select(C).order_by(C.c.id))]

    def _update_active(self, key, **values):
        with self.engine.begin() as conn:
            changed = conn.execute(update(C).where(C.c.key == key, C.c.revoked.is_(None))
                                   .values(**values)).rowcount
            if changed:
                credential_events.announce(conn, key)  # delivered at commit
            return changed

    def revoke(self, key):
        return self._update_active(key, revoked=now_utc())

    def rotate(self, key, secret_hash):
        return self._update_active(key, secret_hash=secret_hash, secret_changed=now_utc())

    def set_limits(self, key, **limits):
        # Workers take new limits when they next verify the key (see version).
        return self._update_active(key, secret_changed=now_utc(), **limits)

    @staticmethod
    def version_of(record):
        """The version of a credential ``find`` returned: comparable with ``version(key)``."""
        return (record.secret_hash, record.scopes, record.max_body_bytes,
                record.requests_per_minute)

    def version(self, key):
        """``version_of`` the credential as it is now; None when unknown or revoked.

        One unique-key lookup, for workers without change notices (see credential_events).
        """
        row = self._version_lookup.first(key=key)
        return _version(*row) if row else None

    def versions(self, keys):
        """``{key: version}`` of those of ``keys`` still active, in one query."""
        if not keys:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(C.c.key, *_VERSION).where(
                C.c.key.in_(list(keys)), C.c.revoked.is_(None)))
            return {row[0]: _version(*row[1:]) for row in rows}

    def change_listener(self, *, on_change, on_connect):
        """Where the database pushes changes (PostgreSQL), a ``credential_events.Listener``
        calling ``on_change(key)`` at each commit of revoke/rotate/set_limits; else None."""
        return credential_events.listener_for(self.engine, on_change=on_change,
                                               on_connect=on_connect)

    def record_use(self, last_used):
        """Store last-use times, ``{key: naive UTC}``, in one round trip."""
        if not last_used:
            return
        with self.engine.begin() as conn:
            conn.execute(update(C).where(C.c.key == bindparam("k"))
                         .values(last_used=bindparam("t")),
                         [{"k": key, "t": moment} for key, moment in last_used.items()])
