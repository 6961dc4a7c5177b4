"""``lrs forward``: rules that forward a store's statements to another LRS, and the sender."""

import logging
import signal

import click

from ..errors import LRSError
from ..i18n import _, ngettext
from ..service import forwarding
from ..service.forward_sender import Sender, SenderSettings
from ..storage.credentials import DEFAULT_STORE
from ..xapi.timestamps import now_utc
from .context import storage as open_storage
from .context import store_id as find_store

STORE = click.option("--store", default=DEFAULT_STORE, show_default=True,
                     help=_("The store whose statements the rule forwards."))


def _when(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z" if moment else "-"


def _rule(storage, store, name):
    rule = storage.forwarding.find(find_store(storage, store), name)
    if rule is None:
        raise click.UsageError(_("store {store!r} has no forwarding rule named {name!r}").format(
            store=store, name=name))
    return rule


def _filters(rule):
    parts = [_("verb {verb}").format(verb=verb) for verb in rule.verbs]
    if rule.activity_prefix:
        parts.append(_("activity {prefix}*").format(prefix=rule.activity_prefix))
    return ", ".join(parts) or _("every statement")


def _state(rule):
    return _("active") if rule.enabled else _("paused")


@click.group(help=_("Forward statements to other LRSs through a durable outbox."))
def forward():
    pass


@forward.command("add", help=_("Create a rule; statements stored from now on (or --since) "
                                "are forwarded."))
@click.argument("name")
@STORE
@click.option("--endpoint", required=True, help=_("The remote LRS's xAPI base URL "
                                                  "(statements go to ENDPOINT/statements)."))
@click.option("--username", required=True, help=_("Basic auth user (key) at the remote LRS."))
@click.option("--password", prompt=_("Password"), hide_input=True,
              help=_("Basic auth password (secret); asked for when not given."))
@click.option("--verb", "verbs", multiple=True, metavar="IRI",
              help=_("Forward only statements with this verb; repeat for several."))
@click.option("--activity-prefix", default="", metavar="IRI",
              help=_("Forward only statements whose object activity id starts with this."))
@click.option("--xapi-version", default="1.0.3", show_default=True,
              type=click.Choice(forwarding.XAPI_VERSIONS))
@click.option("--since", type=click.DateTime(), help=_("Also forward statements stored "
                                                        "since this UTC time (default: only "
                                                        "those stored from now on)."))
def forward_add(name, store, endpoint, username, password, verbs, activity_prefix,
                xapi_version, since):
    app, storage = open_storage()
    try:
        rule, backfilled = forwarding.add_rule(
            storage, store_id=find_store(storage, store), name=name, endpoint=endpoint,
            username=username, password=password, xapi_version=xapi_version, verbs=verbs,
            activity_prefix=activity_prefix, since=since)
    except LRSError as exc:
        raise click.UsageError(exc.message) from None
    click.echo(ngettext(
        "rule {name}: {filters} of store {store} -> {endpoint} "
        "({count} already stored statements queued)",
        "rule {name}: {filters} of store {store} -> {endpoint} "
        "({count} already stored statements queued)", backfilled).format(
            name=rule.name, filters=_filters(rule), store=store, endpoint=rule.endpoint,
            count=backfilled))


@forward.command("list", help=_("List rules (never their passwords)."))
@click.option("--store", help=_("Only this store's rules."))
def forward_list(store):
    app, storage = open_storage()
    names = {s.id: s.name for s in storage.credentials.stores()}
    store_id = find_store(storage, store) if store else None
    for rule in storage.forwarding.rules(store_id):
        # Tab-separated columns stay fixed; only the words in them are translated.
        click.echo(f"{rule.name}\t{names.get(rule.store_id, '?')}\t{rule.endpoint}\t"
                   f"{rule.username}\txAPI {rule.xapi_version}\t{_filters(rule)}\t"
                   f"{_state(rule)}")


@forward.command("status", help=_("Backlog, errors and deliveries of each rule."))
@click.option("--store", help=_("Only this store's rules."))
def forward_status(store):
    app, storage = open_storage()
    names = {s.id: s.name for s in storage.credentials.stores()}
    store_id = find_store(storage, store) if store else None
    for status in storage.forwarding.status(store_id):
        click.echo("\n".join(_status_lines(status, names.get(status.rule.store_id, "?"))))


def _status_lines(status, store_name):
    rule = status.rule
    return [
        _("{name} (store {store}) -> {endpoint} [{state}]").format(
            name=rule.name, store=store_name, endpoint=rule.endpoint, state=_state(rule)),
        _("  backlog: {backlog} (oldest pending stored {oldest})").format(
            backlog=status.backlog, oldest=_when(status.oldest_pending)),
        _("  dead-lettered: {dead}").format(dead=status.dead),
        _("  attempts: {attempts}, next attempt: {next}").format(
            attempts=rule.attempts, next=_when(rule.next_attempt)),
        _("  last error: {error} (at {at})").format(
            error=rule.last_error or "-", at=_when(rule.last_error_at)),
        _("  last success: {at}").format(at=_when(rule.last_success)),
        _("  delivered: {delivered}").format(delivered=rule.delivered),
        _("  sender: {owner} (lease until {until})").format(
            owner=rule.lease_owner or "-", until=_when(rule.lease_until)),
    ]


@forward.command("remove", help=_("Delete a rule and what is still queued for it."))
@click.argument("name")
@STORE
def forward_remove(name, store):
    app, storage = open_storage()
    forwarding.remove_rule(storage, _rule(storage, store, name))
    click.echo(_("removed rule {name}").format(name=name))


@forward.command("pause", help=_("Stop sending (statements keep being queued)."))
@click.argument("name")
@STORE
def forward_pause(name, store):
    app, storage = open_storage()
    storage.forwarding.set_enabled(_rule(storage, store, name).id, False)
    click.echo(_("paused rule {name}").format(name=name))


@forward.command("resume", help=_("Send again, at once (any backoff is forgotten)."))
@click.argument("name")
@STORE
def forward_resume(name, store):
    app, storage = open_storage()
    storage.forwarding.set_enabled(_rule(storage, store, name).id, True)
    click.echo(_("resumed rule {name}").format(name=name))


@forward.command("dead", help=_("Statements the remote refused for good, with its reason."))
@click.argument("name")
@STORE
@click.option("--requeue", is_flag=True, help=_("Put them back in the queue (after fixing "
                                                "the remote), in their stored order."))
def forward_dead(name, store, requeue):
    app, storage = open_storage()
    rule = _rule(storage, store, name)
    if requeue:
        count = storage.forwarding.requeue_dead(rule.id)
        click.echo(ngettext("requeued {count} statements", "requeued {count} statements",
                            count).format(count=count))
        return
    for statement_id, error, failed in storage.forwarding.dead_letters(rule.id):
        click.echo(f"{statement_id or _('(erased)')}\t{_when(failed)}\t{error}")


@forward.command("run", help=_("Send every rule's backlog, in the foreground, until SIGTERM "
                               "or Ctrl-C."))
def forward_run():
    app, storage = open_storage()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sender = Sender(storage, SenderSettings.from_config(app.config))

    def stop(_signum, _frame):
        sender.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(_("forwarding as {owner} since {since}").format(
        owner=sender.owner, since=_when(now_utc())))
    sender.run()
