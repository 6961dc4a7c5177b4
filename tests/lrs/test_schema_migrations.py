"""`lrs db upgrade` builds exactly the schema the code declares (lrs.storage.models), on
each database: a column or index added to a model without its migration fails here."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lrs.storage.models import Base


def test_migrations_build_the_declared_schema(app):
    engine = app.extensions["lrs.storage"].engine
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
