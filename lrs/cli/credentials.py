"""``lrs credentials``: key/secret credentials for xAPI clients, each in one store."""

import os

import click

from ..i18n import _
from ..service.auth import SCOPES, hash_secret, new_key, new_secret
from ..storage.credentials import DEFAULT_STORE
from .context import storage as open_storage
from .context import store_id as find_store

DEMO_FILE = "demo-credential.txt"


def _limits(max_body, per_minute):
    return {"max_body_bytes": max_body, "requests_per_minute": per_minute}


def _no_credential(key):
    return click.UsageError(_("no active credential with key {key!r}").format(key=key))


def _key_and_secret(key, secret):
    return _("key:    {key}\nsecret: {secret}").format(key=key, secret=secret)


@click.group(help=_("Key/secret credentials for xAPI clients."))
def credentials():
    pass


@credentials.command("create", help=_("Create a credential and print its key and secret "
                                      "(the secret is shown only now)."))
@click.argument("name")
@click.option("--store", "store", default=DEFAULT_STORE, show_default=True,
              help=_("The store the credential reads and writes."))
@click.option("--key", help=_("Choose the key (default: random)."))
@click.option("--secret", help=_("Choose the secret (default: random)."))
@click.option("--scope", "scopes", multiple=True, default=("all",), show_default=True,
              type=click.Choice(SCOPES), help=_("xAPI scope; repeat for several."))
@click.option("--max-body-bytes", type=click.IntRange(min=1),
              help=_("Largest request body for this credential (default: the LRS's)."))
@click.option("--requests-per-minute", type=click.IntRange(min=1),
              help=_("Requests allowed per minute (default: no limit)."))
def credentials_create(name, store, key, secret, scopes, max_body_bytes, requests_per_minute):
    app, storage = open_storage()
    store_id = find_store(storage, store)
    key = key or new_key()
    secret = secret or new_secret()
    if storage.credentials.find(key):
        raise click.UsageError(_("a credential with key {key!r} already exists").format(key=key))
    storage.credentials.create(store_id=store_id, key=key, name=name,
                               secret_hash=hash_secret(secret), scopes=scopes,
                               **_limits(max_body_bytes, requests_per_minute))
    click.echo(_key_and_secret(key, secret))


@credentials.command("list", help=_("List credentials (never their secrets): key, name, store, "
                                    "scopes, state, last use."))
@click.option("--store", help=_("Only the credentials of this store."))
def credentials_list(store):
    app, storage = open_storage()
    store_id = find_store(storage, store) if store else None
    names = {s.id: s.name for s in storage.credentials.stores()}
    for record in storage.credentials.list():
        if store_id is not None and record.store_id != store_id:
            continue
        # Tab-separated columns stay fixed; only the words in them are translated.
        state = _("revoked") if record.revoked else _("active")
        used = record.last_used.strftime("%Y-%m-%dT%H:%M:%SZ") if record.last_used else _("never")
        last_used = _("last used {used}").format(used=used)
        click.echo(f"{record.key}\t{record.name}\t{names.get(record.store_id, '?')}\t"
                   f"{' '.join(record.scopes)}\t{state}\t{last_used}")


@credentials.command("revoke", help=_("Revoke a credential; every worker refuses it at once."))
@click.argument("key")
def credentials_revoke(key):
    app, storage = open_storage()
    if not storage.credentials.revoke(key):
        raise _no_credential(key)
    click.echo(_("revoked {key}").format(key=key))


@credentials.command("rotate", help=_("Give a credential a new secret; the old one is refused "
                                      "by every worker at once."))
@click.argument("key")
@click.option("--secret", help=_("Choose the new secret (default: random)."))
def credentials_rotate(key, secret):
    app, storage = open_storage()
    secret = secret or new_secret()
    if not storage.credentials.rotate(key, hash_secret(secret)):
        raise _no_credential(key)
    click.echo(_key_and_secret(key, secret))


@credentials.command("limit", help=_("Set a credential's limits; every worker applies them "
                                     "at once."))
@click.argument("key")
@click.option("--max-body-bytes", type=click.IntRange(min=0),
              help=_("Largest request body (0: the LRS's default)."))
@click.option("--requests-per-minute", type=click.IntRange(min=0),
              help=_("Requests allowed per minute (0: no limit)."))
def credentials_limit(key, max_body_bytes, requests_per_minute):
    app, storage = open_storage()
    limits = {name: (value or None) for name, value in
              _limits(max_body_bytes, requests_per_minute).items() if value is not None}
    if not limits:
        raise click.UsageError(_("give --max-body-bytes and/or --requests-per-minute"))
    if not storage.credentials.set_limits(key, **limits):
        raise _no_credential(key)
    click.echo(_("limits of {key} updated").format(key=key))


@credentials.command("demo", help=_("Create (once) and print the demo credential used by "
                                    "`make run`."))
def credentials_demo():
    app, storage = open_storage()
    path = os.path.join(app.instance_path, DEMO_FILE)
    if os.path.exists(path) and storage.credentials.find("demo"):
        with open(path) as handle:
            secret = handle.read().strip()
    else:
        secret = new_secret()
        if storage.credentials.find("demo"):
            raise click.UsageError(_("a 'demo' credential exists but its secret file is gone; "
                                     "revoke it or use another database"))
        os.makedirs(app.instance_path, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secret + "\n")
        store_id = storage.credentials.store_id(create=True)
        storage.credentials.create(store_id=store_id, key="demo", name="Demo client",
                                   secret_hash=hash_secret(secret), scopes=("all",))
    click.echo(_("Demo credential (HTTP Basic): key: demo  secret: {secret}").format(
        secret=secret))
