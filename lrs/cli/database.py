"""``lrs db``: the database schema."""

import click

from ..i18n import _
from ..storage import migrate
from .context import storage as open_storage


@click.group(help=_("Database schema."))
def db():
    pass


@db.command("upgrade", help=_("Create or update the schema at LRS_DATABASE_URL."))
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision):
    app, storage = open_storage()
    migrate.upgrade(storage, revision)
    click.echo(_("database at {url} is at revision {revision}").format(
        url=storage.engine.url.render_as_string(hide_password=True), revision=revision))
