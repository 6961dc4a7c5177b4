"""``lrs forget-agent`` (erasure on request) and ``lrs audit`` (what operators did)."""

import json

import click

from ..i18n import _
from ..service.erasure import forget_agent as forget
from ..storage.credentials import DEFAULT_STORE
from ..xapi.erasure import ErasureError
from .context import storage as open_storage
from .context import store_id as find_store

FORGET_AGENT_HELP = _(
    "Erase AGENT (xAPI Agent JSON, e.g. '{\"mbox\": \"mailto:a@example.org\"}') from a store:\n"
    "every statement naming it anywhere (actor, object, group member, authority,\n"
    "instructor, team, sub-statement) and every document about it.")


def _confirmation(pseudonymise, store):
    # Whole sentences per action, not a verb spliced in: word order differs by language.
    if pseudonymise:
        question = _("pseudonymise every record of this agent in store {store!r}?")
    else:
        question = _("delete every record of this agent in store {store!r}?")
    return question.format(store=store)


def _outcome(pseudonymise, dry_run):
    if dry_run:
        return _("would pseudonymise") if pseudonymise else _("would delete")
    return _("pseudonymised") if pseudonymise else _("deleted")


@click.command("forget-agent", help=FORGET_AGENT_HELP)
@click.argument("agent")
@click.option("--store", default=DEFAULT_STORE, show_default=True)
@click.option("--pseudonymise", is_flag=True,
              help=_("Replace the agent by an opaque account instead of deleting."))
@click.option("--operator", help=_("Who asks (recorded in the audit; default: the OS user)."))
@click.option("--dry-run", is_flag=True, help=_("Count what would change; change nothing."))
@click.option("--yes", is_flag=True, help=_("Don't ask for confirmation."))
def forget_agent(agent, store, pseudonymise, operator, dry_run, yes):
    try:
        parsed = json.loads(agent)
    except ValueError as exc:
        raise click.UsageError(_("AGENT is not JSON: {error}").format(error=exc)) from None
    if not isinstance(parsed, dict):
        raise click.UsageError(_("AGENT must be a JSON object with an mbox, mbox_sha1sum, "
                                 "openid or account"))
    app, storage = open_storage()
    store_id = find_store(storage, store)
    if not (yes or dry_run):
        click.confirm(_confirmation(pseudonymise, store), abort=True)
    try:
        summary = forget(storage, store_id, parsed, pseudonymise=pseudonymise,
                         operator=operator, public_url=app.config["PUBLIC_URL"],
                         dry_run=dry_run)
    except ErasureError as exc:
        raise click.UsageError(str(exc)) from None
    counts = dict(outcome=_outcome(pseudonymise, dry_run), statements=summary["statements"],
                  documents=summary["documents"],
                  rekeyed=summary["referring_statements_rekeyed"])
    if dry_run:
        message = _("{outcome}: {statements} statements, {documents} documents; "
                    "{rekeyed} statements referring to them re-indexed")
    else:
        message = _("{outcome}: {statements} statements, {documents} documents; "
                    "{rekeyed} statements referring to them re-indexed "
                    "(audit record {erasure})")
        counts["erasure"] = summary["erasure"]
    click.echo(message.format(**counts))


@click.command("audit", help=_("List audit records: when, store, action, operator, counts."))
@click.option("--store", help=_("Only this store's records."))
def audit(store):
    app, storage = open_storage()
    store_id = find_store(storage, store) if store else None
    names = {s.id: s.name for s in storage.credentials.stores()}
    for row in storage.erasure.audit(store_id):
        click.echo(f"{row.at:%Y-%m-%dT%H:%M:%SZ}\t{names.get(row.store_id, '?')}\t"
                   f"{row.action}\t{row.operator}\t{row.details}")
