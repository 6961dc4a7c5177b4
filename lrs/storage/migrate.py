"""Schema migrations with Alembic, run against the storage's engine."""

import os

from alembic import command
from alembic.config import Config

MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations")


def alembic_config(connection=None):
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def upgrade(storage, revision="head"):
    with storage.engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    storage.credentials.store_id(create=True)


def downgrade(storage, revision):
    with storage.engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def revision(storage, message):
    with storage.engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)
