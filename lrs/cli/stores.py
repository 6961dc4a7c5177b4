"""``lrs stores``: isolated spaces of statements and documents."""

import re

import click

from .context import storage as open_storage

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@click.group()
def stores():
    """Stores: each credential reads and writes exactly one."""


@stores.command("create")
@click.argument("name")
def stores_create(name):
    """Create a store (letters, digits, '.', '_' and '-')."""
    if not NAME.match(name):
        raise click.UsageError(f"store names are 1-100 letters, digits, '.', '_' or '-', "
                               f"starting with a letter or digit: {name!r}")
    app, storage = open_storage()
    if storage.credentials.store_id(name) is not None:
        raise click.UsageError(f"a store named {name!r} already exists")
    storage.credentials.store_id(name, create=True)
    click.echo(f"created store {name}")


@stores.command("list")
def stores_list():
    """List stores with their number of statements and active credentials."""
    app, storage = open_storage()
    for store in storage.credentials.stores():
        click.echo(f"{store.name}\t{store.statements} statements\t"
                   f"{store.credentials} active credentials")
