"""`lrs export`: a store's statements, streamed in stored order, as NDJSON or CSV.

NDJSON is the transfer format: one statement per line, exactly the JSON the LRS
holds (the ``body`` it returns for ``format=exact``), voided statements and the
statements voiding them included, so that `lrs import` rebuilds the store as it
was. CSV is for people: flattened columns (``export_columns``), one row per
statement. Memory stays flat: the statements come a page at a time and each page
is written out before the next is read.
"""

import codecs
import csv
from dataclasses import dataclass
from datetime import datetime

import orjson

from ..errors import BadRequest
from ..storage.bulk import Audit
from ..xapi import filters
from . import export_columns
from .audit import operator_name
from .transfer_attachments import AttachmentWriter

FORMATS = ("ndjson", "csv")
PAGE_SIZE = 5000


@dataclass
class ExportFilter:
    """Which statements: the query parameters of GET /statements that make sense here."""
    agent: dict | None = None
    verb: str | None = None
    activity: str | None = None
    related_agents: bool = False
    related_activities: bool = False
    since: datetime | None = None   # naive UTC, exclusive (as the API's `since`)
    until: datetime | None = None   # naive UTC, inclusive (as the API's `until`)

    def keys(self):
        try:
            return filters.query_keys(agent=self.agent, verb=self.verb, activity=self.activity,
                                      related_agents=self.related_agents,
                                      related_activities=self.related_activities)
        except (TypeError, AttributeError):
            raise BadRequest("invalid filter") from None


def export(storage, store_id, out, *, fmt="ndjson", where=None, language="en-US",
           page_size=PAGE_SIZE, progress=None, operator=None, attachments=None):
    """Write the store's statements matching ``where`` to the binary file ``out``.

    ``attachments``: a folder that receives the content of the exported statements'
    attachments, as `lrs import --attachments` reads it (``transfer_attachments``).

    Returns the number of statements written. ``progress(n)`` is called after each page.
    Leaves an audit record (``lrs audit``): format, count and which kinds of filter were
    used, not their values (an agent filter is personal data).
    """
    if fmt not in FORMATS:
        raise BadRequest(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    where = where or ExportFilter()
    pages = storage.bulk.pages(store_id, keys=where.keys(), since=where.since,
                               until=where.until, page_size=page_size)
    write = _ndjson if fmt == "ndjson" else _csv_writer(out, language)
    files = AttachmentWriter(storage, store_id, attachments) if attachments else None
    count = 0
    try:
        for page in pages:
            write(out, page)
            if files is not None:
                files.page(page)
            count += len(page)
            if progress is not None:
                progress(len(page))
    finally:
        if files is not None:
            files.close()
    used = [name for name in ("agent", "verb", "activity", "since", "until")
            if getattr(where, name) is not None]
    storage.bulk.audit(Audit(store_id=store_id, action="export",
                             operator=operator_name(operator),
                             details={"format": fmt, "statements": count, "filters": used}))
    return count


def _ndjson(out, page):
    out.write(("\n".join(row.body for row in page) + "\n").encode())


def _csv_writer(out, language):
    out.write(codecs.BOM_UTF8)  # how Excel knows the file is UTF-8 (names in any script)
    text_out = codecs.getwriter("utf-8")(out)
    writer = csv.writer(text_out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(export_columns.HEADER)

    def write(_out, page):
        writer.writerows(export_columns.row(orjson.loads(row.body), row.voided, language)
                         for row in page)

    return write
