"""The ``certificates`` command: keys, evaluate, dry-run, issue, revoke, verify, pdf.

Bad rules or input end in one line on stderr and exit code 2; ``verify`` exits 1 when the
credential is not valid. LRS credentials come from options or, better, the environment
(CERTIFICATES_LRS_KEY / CERTIFICATES_LRS_SECRET), so secrets stay out of shell history."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
import yaml

from .catalogue import EMPTY, domain_catalogue, load_domain_catalogue
from .credentials import keys as key_files
from .credentials.verify import trusted_keys_from, verify_credential
from .errors import CertificateError
from .i18n import _
from .issuing import IssuerState, read_json, write_json
from .rules import load_rule
from .runner import (
    dry_run,
    evaluate_records,
    latest_stored,
    learners_seen_since,
    write_csv,
)
from .sources import LRSClient, read_ndjson
from .statements import index_statements, learner_key, parse_time


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CertificateError as exc:
            click.echo(_("error: {message}").format(message=str(exc).splitlines()[0]), err=True)
            ctx.exit(2)


@click.group(cls=_Group)
def main():
    """Certificate rules, Open Badges 3.0 credentials and PDFs."""


def _now(value):
    if value is None:
        return datetime.now(UTC)
    try:
        return parse_time(value)
    except ValueError:
        raise CertificateError(_("--now is not an ISO 8601 date-time: {value}").format(
            value=value)) from None


def source_options(function):
    options = [
        click.option("--ndjson", type=click.Path(dir_okay=False), help=_("NDJSON export.")),
        click.option("--lrs", help=_("xAPI endpoint, e.g. https://lrs.example.org/xapi/")),
        click.option("--lrs-key", envvar="CERTIFICATES_LRS_KEY", show_envvar=True),
        click.option("--lrs-secret", envvar="CERTIFICATES_LRS_SECRET", show_envvar=True),
        click.option("--catalogue", type=click.Path(file_okay=False),
                     help=_("Catalogue directory (default: the sample catalogue).")),
        click.option("--learner", help=_("Only this learner (mailto: address or key).")),
        click.option("--since-last-run", is_flag=True,
                     help=_("Only learners with statements since the last run (needs --state).")),
        click.option("--attributes", type=click.Path(dir_okay=False),
                     help=_("JSON {learner key: {attribute: value}}.")),
        click.option("--now", "now_text", help=_("Evaluate as of this time (default: now).")),
        click.option("--state", type=click.Path(file_okay=False), help=_("State directory.")),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _catalogue(directory):
    if directory:
        return load_domain_catalogue(directory)
    try:
        return domain_catalogue()
    except Exception:  # the sample catalogue is optional: IRIs still work without it
        return EMPTY


def _lrs(options):
    if not options["lrs"]:
        return None
    if not (options["lrs_key"] and options["lrs_secret"]):
        raise CertificateError(_("--lrs needs CERTIFICATES_LRS_KEY and CERTIFICATES_LRS_SECRET"))
    return LRSClient(options["lrs"], options["lrs_key"], options["lrs_secret"])


def _learner_filter(value):
    if value is None:
        return None
    return learner_key({"mbox": value}) if value.startswith("mailto:") else value


def _gather(options):
    """(records, actors, newest stored) for the learners this run is about."""
    lrs = _lrs(options)
    if not lrs and not options["ndjson"]:
        raise CertificateError(_("give a source: --ndjson FILE or --lrs URL"))
    since = None
    if options["since_last_run"]:
        if not options["state"]:
            raise CertificateError(_("--since-last-run needs --state"))
        since = read_json(Path(options["state"]) / "last-run.json", {}).get("since")
    wanted = _learner_filter(options["learner"])
    if options["ndjson"]:
        statements = list(read_ndjson(options["ndjson"]))
        seen = learners_seen_since(statements, since)
        keep = set(seen) if since else None
        if wanted:
            keep = {wanted} & (keep if keep is not None else {wanted})
        records = index_statements(statements)
        if keep is not None:
            records = {key: record for key, record in records.items() if key in keep}
        return records, latest_stored(statements, since)
    with click.progressbar(length=0, label=_("Reading statements"), file=sys.stderr,
                           show_percent=False, show_pos=True, show_eta=False) as bar:
        if wanted and not since:
            actors = {wanted: _actor_for(wanted)}
            newest = since
        else:
            recent = list(lrs.statements(since=since, on_page=bar.update))
            newest = latest_stored(recent, since)
            if since is None:  # everything was just read: no second pass per learner
                return index_statements(recent), newest
            actors = learners_seen_since(recent, None)
            if wanted:
                actors = {key: actor for key, actor in actors.items() if key == wanted}
        records = {}
        for actor in actors.values():  # each learner's whole history, not only what is new
            index_statements(lrs.statements(agent=actor, on_page=bar.update), records)
    return records, newest


def _actor_for(key):
    kind, _sep, value = key.partition(":")
    if kind == "account":
        home, _bar, name = value.partition("|")
        return {"account": {"homePage": home, "name": name}}
    return {kind: value}


def _attributes(path):
    if not path:
        return {}
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CertificateError(_("cannot read attributes {path}: {reason}").format(
            path=path, reason=getattr(exc, "msg", None) or exc.strerror)) from None


def _decide(rule, records, options):
    now = _now(options["now_text"])
    with click.progressbar(length=len(records), label=_("Evaluating"), file=sys.stderr) as bar:
        return evaluate_records(rule, records, now=now, attributes=_attributes(
            options["attributes"]), progress=bar.update), now


def _summary(decisions):
    earned = sum(decision.earned for decision in decisions)
    click.echo(_("{earned} of {total} learners earned the certificate").format(
        earned=earned, total=len(decisions)))


@main.command("evaluate")
@click.argument("rule_file", type=click.Path(dir_okay=False))
@source_options
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help=_("CSV report."))
@click.option("--explain", is_flag=True, help=_("Print each decision's trace as JSON."))
def evaluate_command(rule_file, csv_path, explain, **options):
    """Decide who earned the certificate of RULE_FILE, and why."""
    rule = load_rule(rule_file, catalogue=_catalogue(options["catalogue"]))
    records, newest = _gather(options)
    decisions, _now_used = _decide(rule, records, options)
    _report(decisions, csv_path, explain)
    if options["state"]:
        state = Path(options["state"])
        IssuerState(state, key=None, issuer={}).log(decisions)
        if newest:
            write_json(state / "last-run.json", {"since": newest})


def _report(decisions, csv_path, explain):
    if csv_path:
        with open(csv_path, "w", encoding="utf-8", newline="") as handle:
            write_csv(decisions, handle)
    if explain:
        for decision in decisions:
            click.echo(json.dumps(decision.to_dict(), ensure_ascii=False))
    _summary(decisions)


@main.command("dry-run")
@click.argument("current_rule", type=click.Path(dir_okay=False))
@click.argument("changed_rule", type=click.Path(dir_okay=False))
@source_options
def dry_run_command(current_rule, changed_rule, **options):
    """List who would gain or lose the certificate if CHANGED_RULE replaced CURRENT_RULE."""
    catalogue = _catalogue(options["catalogue"])
    old, new = load_rule(current_rule, catalogue=catalogue), load_rule(changed_rule,
                                                                        catalogue=catalogue)
    records, _newest = _gather(options)
    report = dry_run(old, new, records, now=_now(options["now_text"]),
                     attributes=_attributes(options["attributes"]))
    click.echo(_("rule {old} -> {new}").format(old=old.version_label, new=new.version_label))
    for learner in report.gains:
        click.echo(f"+ {learner}")
    for learner in report.losses:
        click.echo(f"- {learner}")
    for learner, before, after in report.tier_changes:
        click.echo(f"~ {learner} {before} -> {after}")
    click.echo(_("{gains} would gain, {losses} would lose, {tiers} change tier, {same} "
                 "unchanged").format(gains=len(report.gains), losses=len(report.losses),
                                     tiers=len(report.tier_changes), same=report.unchanged))


def _issuer(path):
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CertificateError(_("cannot read the issuer file {path}").format(path=path)) from exc
    missing = [key for key in ("id", "name", "status_list_url") if not (data or {}).get(key)]
    if missing:
        raise CertificateError(_("the issuer file {path} lacks {keys}").format(
            path=path, keys=", ".join(missing)))
    return data


issuer_options = [
    click.option("--key-file", required=True, type=click.Path(dir_okay=False)),
    click.option("--issuer", "issuer_file", required=True, type=click.Path(dir_okay=False),
                 help=_("YAML: id, name, url, status_list_url, verify_url.")),
]


def _with_issuer_options(function):
    for option in reversed(issuer_options):
        function = option(function)
    return function


@main.command("issue")
@click.argument("rule_file", type=click.Path(dir_okay=False))
@source_options
@_with_issuer_options
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False))
@click.option("--pdf-language", type=click.Choice(["en", "fr"]), default=None,
              help=_("Also write a PDF certificate per credential in this language."))
def issue_command(rule_file, key_file, issuer_file, csv_path, pdf_language, **options):
    """Evaluate RULE_FILE and issue a signed credential to every learner who earned it."""
    if not options["state"]:
        raise CertificateError(_("issue needs --state"))
    rule = load_rule(rule_file, catalogue=_catalogue(options["catalogue"]))
    issuer = _issuer(issuer_file)
    state = IssuerState(options["state"], key=key_files.load_key_file(key_file), issuer=issuer)
    records, newest = _gather(options)
    decisions, now = _decide(rule, records, options)
    state.log(decisions)
    lrs = _lrs(options)
    created = 0
    earned = [decision for decision in decisions if decision.earned]
    with click.progressbar(earned, label=_("Issuing"), file=sys.stderr) as bar:
        for decision in bar:
            record = records[decision.learner]
            result = state.issue(decision, rule, actor=record.actor, now=now,
                                 name=record.actor.get("name"), lrs=lrs)
            created += result.created
            if pdf_language and result.created:
                from .pdf import write_certificate

                write_certificate(result.credential, state.directory / "pdf" / (
                    result.credential["id"].rsplit(":", 1)[-1] + f".{pdf_language}.pdf"),
                    language=pdf_language, verify_url=issuer.get("verify_url"))
    if csv_path:
        with open(csv_path, "w", encoding="utf-8", newline="") as handle:
            write_csv(decisions, handle)
    if newest:
        write_json(Path(options["state"]) / "last-run.json", {"since": newest})
    click.echo(_("{created} credentials issued, {same} already issued").format(
        created=created, same=len(earned) - created))


@main.command("revoke")
@click.argument("credential_id")
@_with_issuer_options
@click.option("--state", required=True, type=click.Path(file_okay=False))
@click.option("--lrs")
@click.option("--lrs-key", envvar="CERTIFICATES_LRS_KEY")
@click.option("--lrs-secret", envvar="CERTIFICATES_LRS_SECRET")
def revoke_command(credential_id, key_file, issuer_file, state, **options):
    """Revoke CREDENTIAL_ID: set its status list bit and void its "earned" statement."""
    issuer_state = IssuerState(state, key=key_files.load_key_file(key_file),
                               issuer=_issuer(issuer_file))
    changed = issuer_state.revoke(credential_id, now=datetime.now(UTC), lrs=_lrs(options))
    click.echo(_("revoked {id}").format(id=credential_id) if changed else
               _("{id} was already revoked").format(id=credential_id))


def _trusted_keys(paths):
    documents = []
    for path in paths:
        data = read_json(path, None)
        if not isinstance(data, dict):
            raise CertificateError(_("cannot read trusted key {path}").format(path=path))
        documents.append(data)
    return trusted_keys_from(documents)


@main.command("verify")
@click.argument("credential_file", type=click.Path(dir_okay=False))
@click.option("--trust", multiple=True, type=click.Path(dir_okay=False),
              help=_("Issuer key file or controller document to trust (repeatable)."))
@click.option("--status-list", "status_files", multiple=True, type=click.Path(dir_okay=False))
@click.option("--now", "now_text")
@click.option("--json", "as_json", is_flag=True)
def verify_command(credential_file, trust, status_files, now_text, as_json):
    """Check a credential's proof, terms, dates and revocation status."""
    credential = read_json(credential_file, None)
    if credential is None:
        raise CertificateError(_("cannot read {path}").format(path=credential_file))
    lists = {}
    for path in status_files:
        data = read_json(path, {})
        lists[data.get("id")] = data
    result = verify_credential(credential, now=_now(now_text), trusted_keys=_trusted_keys(trust),
                               status_lists=lists.get)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        for check in result.checks:
            click.echo(f"{'ok ' if check.ok else 'NO '} {check.name}: {check.message}")
        click.echo(_("VALID") if result.valid else _("NOT VALID"))
    sys.exit(0 if result.valid else 1)


@main.group("keys")
def keys_group():
    """Issuer signing keys."""


@keys_group.command("create")
@click.argument("key_file", type=click.Path(dir_okay=False))
@click.option("--issuer", "controller", required=True, help=_("The issuer's id (a URL)."))
def keys_create(key_file, controller):
    """Write a new Ed25519 key to KEY_FILE (mode 0600); print only its public part."""
    key = key_files.create_key_file(key_file, controller)
    click.echo(json.dumps(key.describe(), indent=2))


@keys_group.command("controller-document")
@click.argument("key_file", type=click.Path(dir_okay=False))
def keys_controller_document(key_file):
    """Print the public controller document to publish at the issuer URL."""
    click.echo(json.dumps(key_files.load_key_file(key_file).controller_document(), indent=2))


@main.command("pdf")
@click.argument("credential_file", type=click.Path(dir_okay=False))
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--language", type=click.Choice(["en", "fr"]), default="en")
@click.option("--verify-url", help=_("Verification page URL the QR code points to."))
def pdf_command(credential_file, output, language, verify_url):
    """Render a credential as a printable PDF certificate."""
    from .pdf import write_certificate

    credential = read_json(credential_file, None)
    if credential is None:
        raise CertificateError(_("cannot read {path}").format(path=credential_file))
    write_certificate(credential, output, language=language, verify_url=verify_url)
    click.echo(output)
