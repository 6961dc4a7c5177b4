"""``lrs forget-agent`` (erasure on request) and ``lrs audit`` (what operators did)."""

import json

import click

from ..service.erasure import forget_agent as forget
from ..storage.credentials import DEFAULT_STORE
from ..xapi.erasure import ErasureError
from .context import storage as open_storage
from .context import store_id as find_store


@click.command("forget-agent")
@click.argument("agent")
@click.option("--store", default=DEFAULT_STORE, show_default=True)
@click.option("--pseudonymise", is_flag=True,
              help="Replace the agent by an opaque account instead of deleting.")
@click.option("--operator", help="Who asks (recorded in the audit; default: the OS user).")
@click.option("--dry-run", is_flag=True, help="Count what would change; change nothing.")
@click.option("--yes", is_flag=True, help="Don't ask for confirmation.")
def forget_agent(agent, store, pseudonymise, operator, dry_run, yes):
    """Erase AGENT (xAPI Agent JSON, e.g. '{"mbox": "mailto:a@example.org"}') from a store:
    every statement naming it anywhere (actor, object, group member, authority,
    instructor, team, sub-statement) and every document about it."""
    try:
        parsed = json.loads(agent)
    except ValueError as exc:
        raise click.UsageError(f"AGENT is not JSON: {exc}") from None
    if not isinstance(parsed, dict):
        raise click.UsageError("AGENT must be a JSON object with an mbox, mbox_sha1sum, "
                               "openid or account")
    app, storage = open_storage()
    store_id = find_store(storage, store)
    action = "pseudonymise" if pseudonymise else "delete"
    if not (yes or dry_run):
        click.confirm(f"{action} every record of this agent in store {store!r}?", abort=True)
    try:
        summary = forget(storage, store_id, parsed, pseudonymise=pseudonymise,
                         operator=operator, public_url=app.config["PUBLIC_URL"],
                         dry_run=dry_run)
    except ErasureError as exc:
        raise click.UsageError(str(exc)) from None
    verb = "would " + action if dry_run else action + "d"
    click.echo(f"{verb}: {summary['statements']} statements, {summary['documents']} "
               f"documents; {summary['referring_statements_rekeyed']} statements referring "
               f"to them re-indexed" + ("" if dry_run else
                                        f" (audit record {summary['erasure']})"))


@click.command("audit")
@click.option("--store", help="Only this store's records.")
def audit(store):
    """List audit records: when, store, action, operator, counts."""
    app, storage = open_storage()
    store_id = find_store(storage, store) if store else None
    names = {s.id: s.name for s in storage.credentials.stores()}
    for row in storage.erasure.audit(store_id):
        click.echo(f"{row.at:%Y-%m-%dT%H:%M:%SZ}\t{names.get(row.store_id, '?')}\t"
                   f"{row.action}\t{row.operator}\t{row.details}")
