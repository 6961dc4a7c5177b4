"""The storage interface the services use, backed by one SQLAlchemy engine."""

from .bulk import SQLBulk
from .credentials import SQLCredentials
from .documents import SQLDocuments
from .engine import make_engine
from .erasure import SQLErasure
from .forwarding import SQLForwarding
from .statements import SQLStatements
from .usage import SQLUsage


class SQLStorage:
    """Narrow storage interface: ``statements``, ``documents``, ``credentials``, ``usage``.

    Another engine (a column store, a document database) plugs in by offering
    the same attributes with the same methods.
    """

    def __init__(self, url, *, echo=False, pool_size=5):
        self.engine = make_engine(url, echo=echo, pool_size=pool_size)
        self.statements = SQLStatements(self.engine, pool_size=pool_size)
        self.bulk = SQLBulk(self.engine, self.statements)  # lrs export / lrs import
        self.credentials = SQLCredentials(self.engine)
        self.documents = SQLDocuments(self.engine)
        self.forwarding = SQLForwarding(self.engine)
        self.usage = SQLUsage(self.engine)
        self.erasure = SQLErasure(self.engine)

    @property
    def backend(self):
        return self.engine.dialect.name

    def dispose(self):
        self.engine.dispose()
        if self.statements.reader is not self.engine:
            self.statements.reader.dispose()
