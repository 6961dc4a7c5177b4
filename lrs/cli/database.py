"""``lrs db``: the database schema."""

import click

from ..storage import migrate
from .context import storage as open_storage


@click.group()
def db():
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision):
    """Create or update the schema at LRS_DATABASE_URL."""
    app, storage = open_storage()
    migrate.upgrade(storage, revision)
    click.echo(f"database at {storage.engine.url.render_as_string(hide_password=True)} "
               f"is at revision {revision}")
