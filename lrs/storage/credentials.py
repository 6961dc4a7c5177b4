"""SQL storage of stores and credentials."""

from sqlalchemy import insert, select, update

from ..xapi.timestamps import now_utc
from .models import Credential, Store
from .records import CredentialRecord

C = Credential.__table__
ST = Store.__table__

DEFAULT_STORE = "default"


def _record(row):
    return CredentialRecord(id=row.id, store_id=row.store_id, key=row.key, name=row.name,
                            secret_hash=row.secret_hash, scopes=tuple(row.scopes.split()),
                            revoked=row.revoked)


class SQLCredentials:
    def __init__(self, engine):
        self.engine = engine

    def store_id(self, name=DEFAULT_STORE, *, create=False):
        with self.engine.begin() as conn:
            found = conn.execute(select(ST.c.id).where(ST.c.name == name)).scalar()
            if found is None and create:
                found = conn.execute(insert(ST).values(name=name, created=now_utc())
                                     ).inserted_primary_key[0]
            return found

    def create(self, *, store_id, key, name, secret_hash, scopes):
        with self.engine.begin() as conn:
            conn.execute(insert(C).values(store_id=store_id, key=key, name=name,
                                          secret_hash=secret_hash, scopes=" ".join(scopes),
                                          created=now_utc()))

    def find(self, key):
        with self.engine.connect() as conn:
            row = conn.execute(select(C).where(C.c.key == key)).first()
        return _record(row) if row else None

    def list(self):
        with self.engine.connect() as conn:
            return [_record(row) for row in conn.execute(select(C).order_by(C.c.id))]

    def revoke(self, key):
        with self.engine.begin() as conn:
            return conn.execute(update(C).where(C.c.key == key, C.c.revoked.is_(None))
                                .values(revoked=now_utc())).rowcount

    def revoked_since(self, moment):
        """Keys revoked at or after ``moment`` (naive UTC)."""
        with self.engine.connect() as conn:
            return set(conn.execute(select(C.c.key).where(C.c.revoked >= moment)).scalars())
