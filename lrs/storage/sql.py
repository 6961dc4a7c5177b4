"""The storage interface the services use, backed by one SQLAlchemy engine."""

from .credentials import SQLCredentials
from .documents import SQLDocuments
from .engine import make_engine
from .statements import SQLStatements


class SQLStorage:
    """Narrow storage interface: ``statements``, ``documents``, ``credentials``.

    Another engine (a column store, a document database) plugs in by offering
    the same three attributes with the same methods.
    """

    def __init__(self, url, *, echo=False):
        self.engine = make_engine(url, echo=echo)
        self.statements = SQLStatements(self.engine)
        self.credentials = SQLCredentials(self.engine)
        self.documents = SQLDocuments(self.engine)

    @property
    def backend(self):
        return self.engine.dialect.name

    def dispose(self):
        self.engine.dispose()
        if self.statements.reader is not self.engine:
            self.statements.reader.dispose()
