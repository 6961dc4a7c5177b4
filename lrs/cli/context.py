"""What every command needs: the app's configuration and its storage."""

import click

from ..app import create_app


def storage():
    app = create_app()
    return app, app.extensions["lrs.storage"]


def store_id(storage, name):
    """The id of store ``name``, or a usage error naming the stores there are."""
    found = storage.credentials.store_id(name)
    if found is None:
        names = ", ".join(s.name for s in storage.credentials.stores()) or "none"
        raise click.UsageError(f"no store named {name!r} (stores: {names})")
    return found
