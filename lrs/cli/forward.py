"""``lrs forward``: rules that forward a store's statements to another LRS, and the sender."""

import logging
import signal

import click

from ..errors import LRSError
from ..service import forwarding
from ..service.forward_sender import Sender, SenderSettings
from ..storage.credentials import DEFAULT_STORE
from ..xapi.timestamps import now_utc
from .context import storage as open_storage
from .context import store_id as find_store

STORE = click.option("--store", default=DEFAULT_STORE, show_default=True,
                     help="The store whose statements the rule forwards.")


def _when(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z" if moment else "-"


def _rule(storage, store, name):
    rule = storage.forwarding.find(find_store(storage, store), name)
    if rule is None:
        raise click.UsageError(f"store {store!r} has no forwarding rule named {name!r}")
    return rule


def _filters(rule):
    parts = [f"verb {verb}" for verb in rule.verbs]
    if rule.activity_prefix:
        parts.append(f"activity {rule.activity_prefix}*")
    return ", ".join(parts) or "every statement"


@click.group()
def forward():
    """Forward statements to other LRSs through a durable outbox."""


@forward.command("add")
@click.argument("name")
@STORE
@click.option("--endpoint", required=True, help="The remote LRS's xAPI base URL "
              "(statements go to ENDPOINT/statements).")
@click.option("--username", required=True, help="Basic auth user (key) at the remote LRS.")
@click.option("--password", prompt=True, hide_input=True,
              help="Basic auth password (secret); asked for when not given.")
@click.option("--verb", "verbs", multiple=True, metavar="IRI",
              help="Forward only statements with this verb; repeat for several.")
@click.option("--activity-prefix", default="", metavar="IRI",
              help="Forward only statements whose object activity id starts with this.")
@click.option("--xapi-version", default="1.0.3", show_default=True,
              type=click.Choice(forwarding.XAPI_VERSIONS))
@click.option("--since", type=click.DateTime(), help="Also forward statements stored since "
              "this UTC time (default: only those stored from now on).")
def forward_add(name, store, endpoint, username, password, verbs, activity_prefix,
                xapi_version, since):
    """Create a rule; statements stored from now on (or --since) are forwarded."""
    app, storage = open_storage()
    try:
        rule, backfilled = forwarding.add_rule(
            storage, store_id=find_store(storage, store), name=name, endpoint=endpoint,
            username=username, password=password, xapi_version=xapi_version, verbs=verbs,
            activity_prefix=activity_prefix, since=since)
    except LRSError as exc:
        raise click.UsageError(exc.message) from None
    click.echo(f"rule {rule.name}: {_filters(rule)} of store {store} -> {rule.endpoint} "
               f"({backfilled} already stored statements queued)")


@forward.command("list")
@click.option("--store", help="Only this store's rules.")
def forward_list(store):
    """List rules (never their passwords)."""
    app, storage = open_storage()
    names = {s.id: s.name for s in storage.credentials.stores()}
    store_id = find_store(storage, store) if store else None
    for rule in storage.forwarding.rules(store_id):
        state = "active" if rule.enabled else "paused"
        click.echo(f"{rule.name}\t{names.get(rule.store_id, '?')}\t{rule.endpoint}\t"
                   f"{rule.username}\txAPI {rule.xapi_version}\t{_filters(rule)}\t{state}")


@forward.command("status")
@click.option("--store", help="Only this store's rules.")
def forward_status(store):
    """Backlog, errors and deliveries of each rule."""
    app, storage = open_storage()
    names = {s.id: s.name for s in storage.credentials.stores()}
    store_id = find_store(storage, store) if store else None
    for status in storage.forwarding.status(store_id):
        rule = status.rule
        state = "active" if rule.enabled else "paused"
        lines = [
            f"{rule.name} (store {names.get(rule.store_id, '?')}) -> {rule.endpoint} [{state}]",
            f"  backlog: {status.backlog} (oldest pending stored {_when(status.oldest_pending)})",
            f"  dead-lettered: {status.dead}",
            f"  attempts: {rule.attempts}, next attempt: {_when(rule.next_attempt)}",
            f"  last error: {rule.last_error or '-'} (at {_when(rule.last_error_at)})",
            f"  last success: {_when(rule.last_success)}",
            f"  delivered: {rule.delivered}",
            f"  sender: {rule.lease_owner or '-'} (lease until {_when(rule.lease_until)})",
        ]
        click.echo("\n".join(lines))


@forward.command("remove")
@click.argument("name")
@STORE
def forward_remove(name, store):
    """Delete a rule and what is still queued for it."""
    app, storage = open_storage()
    forwarding.remove_rule(storage, _rule(storage, store, name))
    click.echo(f"removed rule {name}")


@forward.command("pause")
@click.argument("name")
@STORE
def forward_pause(name, store):
    """Stop sending (statements keep being queued)."""
    app, storage = open_storage()
    storage.forwarding.set_enabled(_rule(storage, store, name).id, False)
    click.echo(f"paused rule {name}")


@forward.command("resume")
@click.argument("name")
@STORE
def forward_resume(name, store):
    """Send again, at once (any backoff is forgotten)."""
    app, storage = open_storage()
    storage.forwarding.set_enabled(_rule(storage, store, name).id, True)
    click.echo(f"resumed rule {name}")


@forward.command("dead")
@click.argument("name")
@STORE
@click.option("--requeue", is_flag=True, help="Put them back in the queue (after fixing "
              "the remote), in their stored order.")
def forward_dead(name, store, requeue):
    """Statements the remote refused for good, with its reason."""
    app, storage = open_storage()
    rule = _rule(storage, store, name)
    if requeue:
        click.echo(f"requeued {storage.forwarding.requeue_dead(rule.id)} statements")
        return
    for statement_id, error, failed in storage.forwarding.dead_letters(rule.id):
        click.echo(f"{statement_id or '(erased)'}\t{_when(failed)}\t{error}")


@forward.command("run")
def forward_run():
    """Send every rule's backlog, in the foreground, until SIGTERM or Ctrl-C."""
    app, storage = open_storage()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sender = Sender(storage, SenderSettings.from_config(app.config))

    def stop(_signum, _frame):
        sender.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(f"forwarding as {sender.owner} since {_when(now_utc())}")
    sender.run()
