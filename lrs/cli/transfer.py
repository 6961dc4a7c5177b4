"""``lrs export`` and ``lrs import``: a store's statements out to a file and back in."""

import os
import sys

import click
import orjson

from ..errors import LRSError
from ..i18n import _, ngettext
from ..service import transfer_documents, transfer_export, transfer_import
from ..storage.credentials import DEFAULT_STORE
from ..xapi.timestamps import TimestampError, parse, to_naive_utc
from ..xapi.validation import validate_agent
from .context import storage as open_storage
from .context import store_id as find_store


def _find_store(storage, name):
    if name == DEFAULT_STORE:  # the default store exists once anything has used it
        return storage.credentials.store_id(name, create=True)
    return find_store(storage, name)


class _Timestamp(click.ParamType):
    name = "TIMESTAMP"

    def convert(self, value, param, ctx):
        try:
            return to_naive_utc(parse(value))
        except TimestampError as exc:
            self.fail(str(exc), param, ctx)


class _Agent(click.ParamType):
    name = "AGENT_JSON"

    def convert(self, value, param, ctx):
        try:
            agent = orjson.loads(value)
            validate_agent(agent)
        except orjson.JSONDecodeError as exc:
            self.fail(_("not JSON: {error}").format(error=exc), param, ctx)
        except LRSError as exc:
            self.fail(exc.message, param, ctx)
        return agent


@click.command("export", help=_("Export a store's statements in stored order (voided ones "
                                "too), streaming."))
@click.option("--store", default=DEFAULT_STORE, show_default=True,
              help=_("The store whose statements are exported."))
@click.option("--format", "fmt", type=click.Choice(transfer_export.FORMATS), default="ndjson",
              show_default=True, help=_("ndjson: exact statements, for `lrs import`; "
                                        "csv: flattened columns, for spreadsheets."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help=_("Write to this file (default: standard output)."))
@click.option("--since", type=_Timestamp(), help=_("Only statements stored after this time."))
@click.option("--until", type=_Timestamp(), help=_("Only statements stored at or before it."))
@click.option("--agent", type=_Agent(),
              help=_('Only statements about this agent '
                     '(JSON, e.g. \'{"mbox": "mailto:a@b.org"}\').'))
@click.option("--verb", help=_("Only statements with this verb IRI."))
@click.option("--activity", help=_("Only statements with this activity IRI as object."))
@click.option("--related-agents", is_flag=True,
              help=_("--agent matches any agent of the statement "
                     "(as the API's related_agents)."))
@click.option("--related-activities", is_flag=True,
              help=_("--activity matches any activity (as the API's related_activities)."))
@click.option("--language", default="en-US", show_default=True,
              help=_("CSV: the language shown for verbs and activity names."))
@click.option("--page-size", type=click.IntRange(min=1), default=transfer_export.PAGE_SIZE,
              show_default=True, hidden=True)
@click.option("--attachments", type=click.Path(file_okay=False, writable=True),
              help=_("Also write the content of the statements' attachments to this folder "
                     "(one file per sha2), for `lrs import --attachments`."))
@click.option("--documents", type=click.Path(dir_okay=False, writable=True),
              help=_("Also write the store's State, Activity Profile and Agent Profile "
                     "documents to this NDJSON file, for `lrs import --documents` "
                     "(--since/--until: their last update; --agent, --activity: whom and "
                     "what they are about)."))
@click.option("--operator",
              help=_("Who exports (recorded in the audit; default: the OS user)."))
def export(store, fmt, output, since, until, agent, verb, activity, related_agents,
           related_activities, language, page_size, attachments, documents, operator):
    app, storage = open_storage()
    store_id = _find_store(storage, store)
    where = transfer_export.ExportFilter(
        agent=agent, verb=verb, activity=activity, related_agents=related_agents,
        related_activities=related_activities, since=since, until=until)
    out = open(output, "wb") if output else click.get_binary_stream("stdout")
    try:
        count = transfer_export.export(storage, store_id, out, fmt=fmt, where=where,
                                       language=language, page_size=page_size,
                                       operator=operator, attachments=attachments)
    finally:
        if output:
            out.close()
        else:
            out.flush()
    if output:
        click.echo(ngettext("exported {count} statements to {output}",
                            "exported {count} statements to {output}",
                            count).format(count=count, output=output), err=True)
    if documents:
        _export_documents(storage, store_id, documents, where, operator)


def _export_documents(storage, store_id, path, where, operator):
    with open(path, "wb") as out:
        outcome = transfer_documents.export_documents(
            storage, store_id, out, since=where.since, until=where.until, agent=where.agent,
            activity=where.activity, operator=operator)
    click.echo(ngettext("exported {count} document to {output}",
                        "exported {count} documents to {output}",
                        outcome.exported).format(count=outcome.exported, output=path), err=True)
    if outcome.unaddressable:
        click.echo(ngettext(
            "warning: {count} document was written before this LRS kept its activity IRI "
            "and agent, and is not exported; writing it again through the API makes it "
            "exportable",
            "warning: {count} documents were written before this LRS kept their activity "
            "IRI and agent, and are not exported; writing them again through the API makes "
            "them exportable", outcome.unaddressable).format(count=outcome.unaddressable),
            err=True)


@click.command("import", help=_("Import statements from an NDJSON file (one statement per "
                                "line); resumable."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--store", default=DEFAULT_STORE, show_default=True,
              help=_("The store the statements go to."))
@click.option("--xapi-version", "version", type=click.Choice(transfer_import.VERSIONS),
              default="auto", show_default=True,
              help=_("Validation rules: auto picks 2.0.0 for statements whose version is "
                     "2.0.x, 1.0.3 otherwise."))
@click.option("--restart", is_flag=True,
              help=_("Read the file from its start even if an earlier import of it stopped "
                     "part-way (statements stored already are skipped either way)."))
@click.option("--jobs", type=click.IntRange(min=1), default=min(2, os.cpu_count() or 1),
              show_default=True, help=_("Processes parsing and validating statements."))
@click.option("--batch-lines", type=click.IntRange(min=1),
              default=transfer_import.BATCH_LINES, show_default=True,
              help=_("Lines written per transaction (and per checkpoint)."))
@click.option("--attachments", type=click.Path(exists=True, file_okay=False, readable=True),
              help=_("A folder `lrs export --attachments` wrote: the content of attachments "
                     "without a fileUrl, each checked against its sha2."))
@click.option("--documents", type=click.Path(exists=True, dir_okay=False, readable=True),
              help=_("Also import the documents of this file, which `lrs export --documents` "
                     "wrote (documents the store holds already are never overwritten)."))
@click.option("--operator",
              help=_("Who imports (recorded in the audit; default: the OS user)."))
def import_(file, store, version, restart, jobs, batch_lines, attachments, documents,
            operator):
    app, storage = open_storage()
    store_id = _find_store(storage, store)
    authority = transfer_import.import_authority(app.config["PUBLIC_URL"])
    size = os.path.getsize(file)
    with click.progressbar(length=size, label=_("importing"), file=sys.stderr,
                           show_pos=False, show_percent=True) as bar:
        summary = transfer_import.import_file(
            storage, store_id, file, authority=authority, version=version, restart=restart,
            jobs=jobs, batch_lines=batch_lines, progress=bar.update, operator=operator,
            attachments=attachments)
    _report(summary)
    rejected_documents = _import_documents(storage, store_id, documents, operator) \
        if documents else 0
    if summary.rejected or rejected_documents:
        sys.exit(1)


def _import_documents(storage, store_id, path, operator):
    outcome = transfer_documents.import_documents(storage, store_id, path, operator=operator)
    for line_no, reason in outcome.rejected:
        click.echo(_("{file} line {line}: rejected: {reason}").format(
            file=path, line=line_no, reason=reason), err=True)
    click.echo(_("documents: {accepted} accepted, {rejected} rejected, {skipped} skipped "
                 "(stored already)").format(accepted=outcome.accepted,
                                            rejected=len(outcome.rejected),
                                            skipped=outcome.skipped))
    return len(outcome.rejected)


def _report(summary):
    if summary.earlier is not None:
        e = summary.earlier
        click.echo(_("resumed after line {line}; before that: {accepted} accepted, "
                     "{rejected} rejected, {skipped} skipped").format(
                         line=summary.resumed_at_line, accepted=e.accepted,
                         rejected=e.rejected, skipped=e.skipped), err=True)
    for line_no, reason in summary.rejected_lines():
        click.echo(_("line {line}: rejected: {reason}").format(line=line_no, reason=reason),
                   err=True)
    if summary.content_attachments:
        lines = ", ".join(str(n) for n in summary.content_attachment_lines)
        more = " ..." if summary.content_attachments > len(summary.content_attachment_lines) \
            else ""
        click.echo(ngettext(
            "warning: {count} statements have attachments whose content is not transferred "
            "(no fileUrl and no file in --attachments; lines {lines}{more})",
            "warning: {count} statements have attachments whose content is not transferred "
            "(no fileUrl and no file in --attachments; lines {lines}{more})",
            summary.content_attachments).format(
                count=summary.content_attachments, lines=lines, more=more), err=True)
    click.echo(_("{accepted} accepted, {rejected} rejected, {skipped} skipped "
                 "(stored already)").format(accepted=summary.accepted,
                                            rejected=summary.rejected, skipped=summary.skipped))
