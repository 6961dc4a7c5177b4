"""``lrs credentials``: key/secret credentials for xAPI clients, each in one store."""

import os

import click

from ..service.auth import SCOPES, hash_secret, new_key, new_secret
from ..storage.credentials import DEFAULT_STORE
from .context import storage as open_storage
from .context import store_id as find_store

DEMO_FILE = "demo-credential.txt"


def _limits(max_body, per_minute):
    return {"max_body_bytes": max_body, "requests_per_minute": per_minute}


@click.group()
def credentials():
    """Key/secret credentials for xAPI clients."""


@credentials.command("create")
@click.argument("name")
@click.option("--store", "store", default=DEFAULT_STORE, show_default=True,
              help="The store the credential reads and writes.")
@click.option("--key", help="Choose the key (default: random).")
@click.option("--secret", help="Choose the secret (default: random).")
@click.option("--scope", "scopes", multiple=True, default=("all",), show_default=True,
              type=click.Choice(SCOPES), help="xAPI scope; repeat for several.")
@click.option("--max-body-bytes", type=click.IntRange(min=1),
              help="Largest request body for this credential (default: the LRS's).")
@click.option("--requests-per-minute", type=click.IntRange(min=1),
              help="Requests allowed per minute (default: no limit).")
def credentials_create(name, store, key, secret, scopes, max_body_bytes, requests_per_minute):
    """Create a credential and print its key and secret (the secret is shown only now)."""
    app, storage = open_storage()
    store_id = find_store(storage, store)
    key = key or new_key()
    secret = secret or new_secret()
    if storage.credentials.find(key):
        raise click.UsageError(f"a credential with key {key!r} already exists")
    storage.credentials.create(store_id=store_id, key=key, name=name,
                               secret_hash=hash_secret(secret), scopes=scopes,
                               **_limits(max_body_bytes, requests_per_minute))
    click.echo(f"key:    {key}\nsecret: {secret}")


@credentials.command("list")
@click.option("--store", help="Only the credentials of this store.")
def credentials_list(store):
    """List credentials (never their secrets): key, name, store, scopes, state, last use."""
    app, storage = open_storage()
    store_id = find_store(storage, store) if store else None
    names = {s.id: s.name for s in storage.credentials.stores()}
    for record in storage.credentials.list():
        if store_id is not None and record.store_id != store_id:
            continue
        state = "revoked" if record.revoked else "active"
        used = record.last_used.strftime("%Y-%m-%dT%H:%M:%SZ") if record.last_used else "never"
        click.echo(f"{record.key}\t{record.name}\t{names.get(record.store_id, '?')}\t"
                   f"{' '.join(record.scopes)}\t{state}\tlast used {used}")


@credentials.command("revoke")
@click.argument("key")
def credentials_revoke(key):
    """Revoke a credential; every worker refuses it within seconds."""
    app, storage = open_storage()
    if not storage.credentials.revoke(key):
        raise click.UsageError(f"no active credential with key {key!r}")
    click.echo(f"revoked {key}")


@credentials.command("rotate")
@click.argument("key")
@click.option("--secret", help="Choose the new secret (default: random).")
def credentials_rotate(key, secret):
    """Give a credential a new secret; the old one is refused by every worker within seconds."""
    app, storage = open_storage()
    secret = secret or new_secret()
    if not storage.credentials.rotate(key, hash_secret(secret)):
        raise click.UsageError(f"no active credential with key {key!r}")
    click.echo(f"key:    {key}\nsecret: {secret}")


@credentials.command("limit")
@click.argument("key")
@click.option("--max-body-bytes", type=click.IntRange(min=0),
              help="Largest request body (0: the LRS's default).")
@click.option("--requests-per-minute", type=click.IntRange(min=0),
              help="Requests allowed per minute (0: no limit).")
def credentials_limit(key, max_body_bytes, requests_per_minute):
    """Set a credential's limits; workers apply them within seconds."""
    app, storage = open_storage()
    limits = {name: (value or None) for name, value in
              _limits(max_body_bytes, requests_per_minute).items() if value is not None}
    if not limits:
        raise click.UsageError("give --max-body-bytes and/or --requests-per-minute")
    if not storage.credentials.set_limits(key, **limits):
        raise click.UsageError(f"no active credential with key {key!r}")
    click.echo(f"limits of {key} updated")


@credentials.command("demo")
def credentials_demo():
    """Create (once) and print the demo credential used by `make run`."""
    app, storage = open_storage()
    path = os.path.join(app.instance_path, DEMO_FILE)
    if os.path.exists(path) and storage.credentials.find("demo"):
        with open(path) as handle:
            secret = handle.read().strip()
    else:
        secret = new_secret()
        if storage.credentials.find("demo"):
            raise click.UsageError("a 'demo' credential exists but its secret file is gone; "
                                   "revoke it or use another database")
        os.makedirs(app.instance_path, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secret + "\n")
        store_id = storage.credentials.store_id(create=True)
        storage.credentials.create(store_id=store_id, key="demo", name="Demo client",
                                   secret_hash=hash_secret(secret), scopes=("all",))
    click.echo(f"Demo credential (HTTP Basic): key: demo  secret: {secret}")
