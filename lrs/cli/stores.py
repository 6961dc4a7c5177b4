"""``lrs stores``: isolated spaces of statements and documents."""

import re

import click

from ..i18n import _, ngettext
from .context import storage as open_storage

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@click.group(help=_("Stores: each credential reads and writes exactly one."))
def stores():
    pass


@stores.command("create", help=_("Create a store (letters, digits, '.', '_' and '-')."))
@click.argument("name")
def stores_create(name):
    if not NAME.match(name):
        raise click.UsageError(_("store names are 1-100 letters, digits, '.', '_' or '-', "
                                 "starting with a letter or digit: {name!r}").format(name=name))
    app, storage = open_storage()
    if storage.credentials.store_id(name) is not None:
        raise click.UsageError(_("a store named {name!r} already exists").format(name=name))
    storage.credentials.store_id(name, create=True)
    click.echo(_("created store {name}").format(name=name))


@stores.command("list",
                help=_("List stores with their number of statements and active credentials."))
def stores_list():
    app, storage = open_storage()
    for store in storage.credentials.stores():
        # Tab-separated columns stay fixed; each column's words are translated on their own.
        statements = ngettext("{count} statements", "{count} statements",
                              store.statements).format(count=store.statements)
        credentials = ngettext("{count} active credentials", "{count} active credentials",
                               store.credentials).format(count=store.credentials)
        click.echo(f"{store.name}\t{statements}\t{credentials}")
