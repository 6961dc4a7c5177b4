"""The ``lrs`` command: database migrations, credentials, and serving."""

import os
import sys

import click
import sqlalchemy.exc

from .app import create_app
from .service.auth import hash_secret, new_key, new_secret
from .storage import migrate

DEMO_FILE = "demo-credential.txt"


def _storage():
    app = create_app()
    return app, app.extensions["lrs.storage"]


class _Group(click.Group):
    """Operator mistakes (a bad database URL, an unreachable server) end in one line, exit 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.ArgumentError,
                sqlalchemy.exc.NoSuchModuleError) as exc:
            message = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            click.echo(f"error: cannot use the database: {message}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
def main():
    """xAPI Learning Record Store."""


@main.group()
def db():
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision):
    """Create or update the schema at LRS_DATABASE_URL."""
    app, storage = _storage()
    migrate.upgrade(storage, revision)
    click.echo(f"database at {storage.engine.url.render_as_string(hide_password=True)} "
               f"is at revision {revision}")


@main.group()
def credentials():
    """Key/secret credentials for xAPI clients."""


@credentials.command("create")
@click.argument("name")
@click.option("--key", help="Choose the key (default: random).")
@click.option("--secret", help="Choose the secret (default: random).")
@click.option("--scope", "scopes", multiple=True, default=("all",), show_default=True,
              help="xAPI scope; repeat for several.")
def credentials_create(name, key, secret, scopes):
    """Create a credential and print its key and secret (the secret is shown only now)."""
    app, storage = _storage()
    key = key or new_key()
    secret = secret or new_secret()
    if storage.credentials.find(key):
        raise click.UsageError(f"a credential with key {key!r} already exists")
    store_id = storage.credentials.store_id(create=True)
    storage.credentials.create(store_id=store_id, key=key, name=name,
                               secret_hash=hash_secret(secret), scopes=scopes)
    click.echo(f"key:    {key}\nsecret: {secret}")


@credentials.command("list")
def credentials_list():
    """List credentials (never their secrets)."""
    app, storage = _storage()
    for record in storage.credentials.list():
        state = "revoked" if record.revoked else "active"
        click.echo(f"{record.key}\t{record.name}\t{' '.join(record.scopes)}\t{state}")


@credentials.command("revoke")
@click.argument("key")
def credentials_revoke(key):
    """Revoke a credential; every worker refuses it within seconds."""
    app, storage = _storage()
    if not storage.credentials.revoke(key):
        raise click.UsageError(f"no active credential with key {key!r}")
    click.echo(f"revoked {key}")


@credentials.command("demo")
def credentials_demo():
    """Create (once) and print the demo credential used by `make run`."""
    app, storage = _storage()
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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--workers", default=4, show_default=True, type=int,
              help="gunicorn worker processes (4 measured fastest on 2 cores).")
@click.option("--threads", default=4, show_default=True, type=int,
              help="Threads per worker (gthread).")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Log every request to stdout (costs some CPU per request).")
@click.option("--debug", is_flag=True, help="Flask's development server, for debugging only.")
def serve(host, port, workers, threads, access_log, debug):
    """Serve the LRS at http://HOST:PORT/xapi/ with gunicorn."""
    if debug:
        create_app().run(host=host, port=port, debug=True)
        return
    # gthread: keep-alive connections and a few threads per worker to overlap database
    # round trips; Python work itself is bound by the GIL, so workers ~ cores.
    args = [sys.executable, "-m", "gunicorn", "lrs:create_app()",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", str(threads),
            "--worker-class", "gthread", "--timeout", "60", "--no-control-socket"]
    if access_log:
        args += ["--access-logfile", "-"]
    click.echo(f"LRS at http://{host}:{port}/xapi/ ({workers} workers)")
    os.execv(sys.executable, args)


if __name__ == "__main__":
    main()
