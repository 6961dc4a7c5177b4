"""What every command needs: the app's configuration and its storage."""

import click

from ..app import create_app
from ..i18n import _


def storage():
    app = create_app()
    return app, app.extensions["lrs.storage"]


def store_id(storage, name):
    """The id of store ``name``, or a usage error naming the stores there are."""
    found = storage.credentials.store_id(name)
    if found is None:
        names = ", ".join(s.name for s in storage.credentials.stores()) or _("none")
        raise click.UsageError(_("no store named {name!r} (stores: {names})").format(
            name=name, names=names))
    return found
