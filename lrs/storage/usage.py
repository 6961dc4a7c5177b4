"""Request counts per credential and minute, counted atomically in the database."""

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import mysql, postgresql, sqlite

from .models import CredentialUsage

U = CredentialUsage.__table__


def _upsert(dialect):
    """``INSERT ... count=1``, or ``count + 1`` when the row exists: one atomic statement."""
    if dialect in ("mysql", "mariadb"):
        stmt = mysql.insert(U)
        return stmt.on_duplicate_key_update(count=U.c.count + 1)
    stmt = (postgresql.insert(U) if dialect == "postgresql" else sqlite.insert(U))
    return stmt.on_conflict_do_update(index_elements=[U.c.key, U.c.window],
                                      set_={"count": U.c.count + 1})


class SQLUsage:
    def __init__(self, engine):
        self.engine = engine
        self._upsert = _upsert(engine.dialect.name)

    def count_request(self, key, window):
        """Count one request of ``key`` in the minute starting at ``window``; return the
        minute's count so far, this request included."""
        with self.engine.begin() as conn:
            conn.execute(self._upsert.values(key=key, window=window, count=1))
            return conn.execute(select(U.c.count).where(U.c.key == key,
                                                        U.c.window == window)).scalar()

    def forget_before(self, moment):
        with self.engine.begin() as conn:
            conn.execute(delete(U).where(U.c.window < moment - timedelta(minutes=1)))
