"""Alembic environment: the engine comes from the LRS configuration (see lrs.storage.migrate)."""

from alembic import context

from lrs.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
