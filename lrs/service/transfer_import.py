"""`lrs import`: statements from an NDJSON file, validated as the API does, in batches.

Each line is one statement. A line is *rejected* (with its number and why) when it
is not JSON, not a valid statement under the chosen xAPI version, or when its id is
stored already with a different statement (a conflict); it is *skipped* when its
id is stored with the same statement (so re-importing a file stores nothing twice);
otherwise it is *accepted*. Bad lines never hold back the good ones.

An import is an operator's trusted action: the ``stored`` and ``authority`` a
statement carries are kept (``prepare(imported=True)``), so an export imported into
an empty store gives back the same statements, in the same stored order, with the
same JSON: a line the LRS has nothing to add to is stored exactly as written. A
line without an id gets one derived from its text, so that it too is imported once.

Each batch is written with the file's checkpoint (line, byte offset, counts) in one
transaction; a later run over the same file resumes after the last batch written.
Statements a forwarding rule of the store matches are queued for it in the same
transaction, as the API queues them (a skipped line queues nothing again), and
for rules created while the batch was written, right after it (``queue_for_new_rules``).
Parsing and validation, the costly part, can run in worker processes (``jobs``);
batches are still written one at a time, in file order.
"""

import codecs
import hashlib
import multiprocessing
import os
import tempfile
import uuid
from collections import deque
from dataclasses import dataclass, field

import orjson

from ..errors import LRSError
from ..storage.bulk import Audit, BatchOutcome, Checkpoint
from ..storage.records import ActivityRecord, StatementRecord
from ..xapi.activities import merge_definition
from ..xapi.comparison import same_statement
from ..xapi.timestamps import now_utc
from ..xapi.versions import SUPPORTED
from .audit import operator_name
from .auth import Caller
from .forwarding import forward_map, queue_for_new_rules, rule_cache
from .statements import prepare
from .transfer_attachments import AttachmentFiles, AttachmentMismatch
from .transfer_checks import ImportChecks

BATCH_LINES = 5000
SHOWN_LINES = 10  # line numbers listed for a warning that may concern many lines
VERSIONS = ("auto", *SUPPORTED)
# Ids for lines that have none: uuid5 of the line's text in this namespace.
LINE_NAMESPACE = uuid.UUID("6f1d3c4e-8f0a-4b7e-9a51-3c2d1e0f9b8a")


@dataclass
class Prepared:
    """A valid line, ready to store (what crosses from a worker process)."""
    line_no: int
    record: StatementRecord
    added_timestamp: bool   # the line had no timestamp: the LRS set it to `stored`

    def __reduce__(self):
        return Prepared, (self.line_no, self.record, self.added_timestamp)


@dataclass
class ParsedBatch:
    end_line: int
    end_offset: int
    prepared: list[Prepared]
    rejected: list[tuple[int, str]]
    activities: dict             # activity hash -> ActivityRecord, merged in line order
    content_attachments: list[int] = field(default_factory=list)  # line numbers


@dataclass
class ImportSummary:
    accepted: int = 0
    rejected: int = 0
    skipped: int = 0
    resumed_at_line: int = 0     # 0: the file was read from its start
    earlier: Checkpoint | None = None   # counts of the runs before this one, when resumed
    # Statements whose attachments have content (no fileUrl), which NDJSON doesn't carry.
    content_attachments: int = 0
    content_attachment_lines: list[int] = field(default_factory=list)  # the first few
    rejections: object = None    # file of "line<TAB>reason" rows, this run's rejections

    def rejected_lines(self):
        """(line number, reason) of this run's rejected lines, in file order."""
        if self.rejections is None:
            return
        self.rejections.seek(0)
        for raw in self.rejections:
            line_no, reason = raw.decode().rstrip("\n").split("\t", 1)
            yield int(line_no), reason


def source_digest(path):
    """The file's identity for resuming: its size and first MiB."""
    digest = hashlib.sha256()
    digest.update(str(os.path.getsize(path)).encode() + b"\x00")
    with open(path, "rb") as handle:
        digest.update(handle.read(1024 * 1024))
    return digest.hexdigest()


def import_authority(public_url):
    """The authority of imported statements that carry none."""
    return {"objectType": "Agent", "name": "lrs import",
            "account": {"homePage": public_url, "name": "lrs-import"}}


def import_file(storage, store_id, path, *, authority, version="auto", restart=False,
                batch_lines=BATCH_LINES, jobs=1, progress=None, operator=None,
                attachments=None):
    """Import ``path`` into the store; returns an ImportSummary.

    ``progress(bytes)`` is called after each batch written, with the bytes it covered.
    ``attachments``: the folder `lrs export --attachments` wrote, whose files give the
    content of attachments without a fileUrl (``transfer_attachments``).
    The finished import leaves an audit record (``lrs audit``): counts, no personal data.
    """
    if version not in VERSIONS:
        raise LRSError(f"unknown xAPI version {version!r} (one of {', '.join(VERSIONS)})")
    source = source_digest(path)
    checkpoint = storage.bulk.checkpoint(store_id, source, restart=restart)
    summary = ImportSummary(resumed_at_line=checkpoint.line_no,
                            earlier=Checkpoint(**checkpoint.__dict__) if checkpoint.line_no
                            else None,
                            rejections=tempfile.TemporaryFile())
    caller = Caller(store_id=store_id, key="lrs-import", name="lrs import", scopes=("all",),
                    authority=authority)
    files = AttachmentFiles(attachments) if attachments else None
    with open(path, "rb") as handle:
        handle.seek(checkpoint.byte_offset)
        chunks = _chunks(handle, checkpoint.line_no, checkpoint.byte_offset, batch_lines)
        for parsed in _parsed(chunks, caller, version, jobs):
            before = checkpoint.byte_offset
            checkpoint = _write(storage, store_id, parsed, checkpoint, summary, files)
            if progress is not None:
                progress(checkpoint.byte_offset - before)
    storage.bulk.finish(checkpoint, audit=Audit(
        store_id=store_id, action="import", operator=operator_name(operator),
        details={"accepted": summary.accepted, "rejected": summary.rejected,
                 "skipped": summary.skipped, "resumed_at_line": summary.resumed_at_line,
                 "file_sha256_prefix": source[:16]}))
    return summary


# -- reading and preparing (in worker processes when jobs > 1) ------------------------------

def _chunks(handle, line_no, offset, batch_lines):
    """(first line number, end offset, [raw lines]) of up to batch_lines lines each."""
    lines = []
    first = line_no + 1
    for raw in handle:
        lines.append(raw)
        offset += len(raw)
        if len(lines) == batch_lines:
            yield first, offset, lines
            first += len(lines)
            lines = []
    if lines:
        yield first, offset, lines


def _parsed(chunks, caller, version, jobs):
    """ParsedBatch for each chunk, in order; with jobs > 1 a few chunks are in flight at once
    (never the whole file: memory stays bounded)."""
    if jobs <= 1:
        for chunk in chunks:
            yield parse_chunk(chunk, caller, version, now_utc())
        return
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pending = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(parse_chunk, (chunk, caller, version, now_utc())))
            if len(pending) > jobs * 2:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def parse_chunk(chunk, caller, version, stored):
    first, end_offset, lines = chunk
    prepared, rejected, content = [], [], []
    by_hash = {}
    for line_no, raw in enumerate(lines, start=first):
        try:
            item = _prepare_line(raw, caller, version, stored)
        except _Rejected as exc:
            rejected.append((line_no, exc.reason))
            continue
        if item is None:
            continue  # a blank line
        record, statement, added_timestamp, has_content = item
        prepared.append(Prepared(line_no, record, added_timestamp))
        if has_content:
            content.append(line_no)
        _merge_activities(by_hash, _CHECKS.activities(statement))
    return ParsedBatch(end_line=first + len(lines) - 1, end_offset=end_offset,
                       prepared=prepared, rejected=rejected, activities=by_hash,
                       content_attachments=content)


_CHECKS = ImportChecks()  # one per process: verdicts on parts seen before


class _Rejected(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _prepare_line(raw, caller, version, stored):
    text = raw.strip()
    if text.startswith(codecs.BOM_UTF8):  # a file saved by some Windows editors
        text = text[len(codecs.BOM_UTF8):].strip()
    if not text:
        return None
    try:
        statement = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise _Rejected(f"malformed JSON: {exc}") from None
    if not isinstance(statement, dict):
        raise _Rejected("not a statement: a line must hold one JSON object")
    original = statement
    if "id" not in statement:
        statement = {"id": str(uuid.uuid5(LINE_NAMESPACE, text.decode())), **statement}
    if version == "auto":
        version = "2.0.0" if str(statement.get("version", "")).startswith("2.") else "1.0.3"
    try:
        record = prepare(statement, caller=caller, version=version, stored=stored,
                         imported=True, validate=_CHECKS.validate, keys_of=_CHECKS.keys)
    except LRSError as exc:
        reason = exc.message
        if not reason.startswith("invalid statement"):
            reason = f"invalid statement: {reason}"
        raise _Rejected(reason) from None
    completed = record.statement
    if completed == original:
        record.body = text.decode()  # nothing to add: keep the line's exact JSON
    has_content = any(isinstance(a, dict) and "fileUrl" not in a
                      for a in completed.get("attachments") or ())
    plain = StatementRecord(statement_id=record.statement_id, stored=record.stored,
                            body=record.body, keys=record.keys, voids=record.voids,
                            ref_target=record.ref_target)
    return plain, completed, "timestamp" not in original, has_content


def _merge_activities(by_hash, activities):
    """Merge (activity hash, activity) pairs, ``ImportChecks.activities``, into by_hash."""
    for h, activity in activities:
        definition = activity["definition"]
        known = by_hash.get(h)
        if known is None:
            by_hash[h] = ActivityRecord(activity["id"], definition)
        elif known.definition != definition:
            known.definition = merge_definition(known.definition, definition)


# -- writing -------------------------------------------------------------------------------

def _incoming(prepared):
    """The statement as the line gave it, for comparison with a stored one."""
    statement = orjson.loads(prepared.record.body)
    if prepared.added_timestamp:
        statement.pop("timestamp", None)
    return statement


def _statement_of(record):
    return orjson.loads(record.body)


def _attachment_content(files, parsed):
    """({line: AttachmentRecords}, [(line, reason)] refused, [lines] whose content is not
    all there) for the batch's statements with attachments that have no fileUrl."""
    lines = set(parsed.content_attachments)
    if files is None or not lines:
        return {}, [], parsed.content_attachments
    found, refused, missing = {}, [], []
    for item in parsed.prepared:
        if item.line_no not in lines:
            continue
        try:
            found[item.line_no], absent = files.content(orjson.loads(item.record.body))
        except AttachmentMismatch as exc:
            refused.append((item.line_no, exc.message))
            continue
        if absent:
            missing.append(item.line_no)
    return found, refused, missing


def _write(storage, store_id, parsed, checkpoint, summary, files=None):
    contents, refused_content, not_transferred = _attachment_content(files, parsed)
    # Imported statements are forwarded as the API's are. Decided before the batch's
    # transaction: the rules may need a read, which SQLite would make wait for that
    # transaction's own write lock. Rules created meanwhile are caught up after it.
    seen = {rule.rule_id for rule in rule_cache(storage).rules_for(store_id)}
    forward = forward_map(storage, store_id, [item.record for item in parsed.prepared],
                          _statement_of) or {}
    refused_lines = {line for line, _ in refused_content}

    def decide(existing):
        new, skipped, conflicts, seen = [], 0, [], {}
        kept = []  # lines stored now or before: their attachment content is stored too
        for item in parsed.prepared:
            if item.line_no in refused_lines:
                continue
            ident = item.record.statement_id
            earlier = existing.get(ident)
            if earlier is None and ident in seen:
                earlier = seen[ident].record.body  # the same id earlier in this batch
            if earlier is None:
                seen[ident] = item
                new.append(item.record)
                kept.append(item.line_no)
            elif earlier == item.record.body or same_statement(orjson.loads(earlier),
                                                                _incoming(item)):
                skipped += 1
                kept.append(item.line_no)
            else:
                conflicts.append((item.line_no, f"conflict: statement {ident} is stored "
                                                 f"already, with different content"))
        activities = parsed.activities
        if conflicts or refused_lines:  # a refused statement's definitions are not taken
            activities = {}
            refused = {line for line, _ in conflicts} | refused_lines
            for item in parsed.prepared:
                if item.line_no not in refused:
                    _merge_activities(activities,
                                      _CHECKS.activities(orjson.loads(item.record.body)))
        after = Checkpoint(id=checkpoint.id, line_no=parsed.end_line,
                           byte_offset=parsed.end_offset,
                           accepted=checkpoint.accepted + len(new),
                           rejected=checkpoint.rejected + len(parsed.rejected) + len(conflicts)
                           + len(refused_content),
                           skipped=checkpoint.skipped + skipped)
        return BatchOutcome(new=new, activities=activities, checkpoint=after,
                            detail=(skipped, conflicts),
                            forward={r.statement_id: forward[r.statement_id] for r in new
                                     if r.statement_id in forward},
                            attachments=(a.load() for line in kept
                                         for a in contents.get(line, ())))

    outcome = storage.bulk.import_batch(store_id, [p.record.statement_id
                                                   for p in parsed.prepared],
                                        decide, merge_definition)
    queue_for_new_rules(storage, store_id, seen, outcome.new, _statement_of)
    skipped, conflicts = outcome.detail
    summary.accepted += len(outcome.new)
    summary.skipped += skipped
    rejected = sorted(parsed.rejected + conflicts + refused_content)
    summary.rejected += len(rejected)
    for line_no, reason in rejected:
        summary.rejections.write(f"{line_no}\t{_one_line(reason)}\n".encode())
    summary.content_attachments += len(not_transferred)
    room = SHOWN_LINES - len(summary.content_attachment_lines)
    summary.content_attachment_lines += not_transferred[:max(room, 0)]
    return outcome.checkpoint


def _one_line(reason):
    return " ".join(str(reason).split())
