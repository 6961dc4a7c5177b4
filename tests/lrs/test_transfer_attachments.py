"""`lrs export --attachments DIR` / `lrs import --attachments DIR`: the content of statements'
attachments goes out and comes back with them, each file checked against its sha2."""

import uuid

from tests.conftest import statement
from tests.lrs.test_attachments import attachment, get_one, post_multipart, read_multipart
from tests.lrs.transfer_support import lrs, new_store

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
NOTE = b"Feedback conversation held; objectives agreed.\n"


def _store_with_attachments(app, client_for):
    """A store with two statements carrying content and one with a fileUrl only."""
    store = new_store(app.extensions["lrs.storage"])
    client = client_for(store=store)
    with_pdf = statement(id=str(uuid.uuid4()),
                         attachments=[attachment(PDF, content_type="application/pdf")])
    with_note = statement(id=str(uuid.uuid4()), attachments=[attachment(NOTE)])
    with_url = statement(id=str(uuid.uuid4()), attachments=[attachment(
        b"elsewhere", fileUrl="https://files.example.org/evidence.txt")])
    assert post_multipart(client, [with_pdf], [PDF], content_type="application/pdf"
                          ).status_code == 200
    assert post_multipart(client, [with_note, with_url], [NOTE]).status_code == 200
    return store, [with_pdf["id"], with_note["id"], with_url["id"]]


def _export(database_url, store, tmp_path):
    out, folder = tmp_path / "statements.ndjson", tmp_path / "attachments"
    result = lrs(database_url, "export", "--store", store, "-o", out, "--attachments", folder)
    assert result.exit_code == 0, result.output
    return out, folder


def _content(client, statement_id):
    _json, parts = read_multipart(get_one(client, statement_id, attachments=True))
    return [(headers["Content-Type"], content) for headers, content in parts]


def test_attachments_come_back_byte_for_byte(app, database_url, tmp_path, client_for):
    source, ids = _store_with_attachments(app, client_for)
    out, folder = _export(database_url, source, tmp_path)
    target = new_store(app.extensions["lrs.storage"])
    result = lrs(database_url, "import", out, "--store", target, "--attachments", folder)
    assert "3 accepted, 0 rejected" in result.stdout
    assert "not transferred" not in result.stderr
    client = client_for(store=target)
    assert _content(client, ids[0]) == [("application/pdf", PDF)]
    assert _content(client, ids[1]) == [("text/plain", NOTE)]
    assert _content(client, ids[2]) == []


def test_a_file_that_is_not_its_sha2_refuses_its_line_until_it_is(app, database_url, tmp_path,
                                                                  client_for):
    source, ids = _store_with_attachments(app, client_for)
    out, folder = _export(database_url, source, tmp_path)
    pdf_file = folder / attachment(PDF)["sha2"]
    pdf_file.write_bytes(PDF[:-1] + b"X")
    target = new_store(app.extensions["lrs.storage"])
    result = lrs(database_url, "import", out, "--store", target, "--attachments", folder)
    assert result.exit_code == 1
    assert "2 accepted, 1 rejected" in result.stdout
    assert "line 1: rejected: attachment" in result.stderr and "does not have that sha2" \
        in result.stderr
    client = client_for(store=target)
    assert get_one(client, ids[0], attachments=False).status_code == 404

    pdf_file.write_bytes(PDF)
    again = lrs(database_url, "import", out, "--store", target, "--attachments", folder,
                "--restart")
    assert "1 accepted, 0 rejected, 2 skipped" in again.stdout
    assert _content(client, ids[0]) == [("application/pdf", PDF)]


def test_content_brought_later_completes_statements_imported_without_it(app, database_url,
                                                                        tmp_path, client_for):
    source, ids = _store_with_attachments(app, client_for)
    out, folder = _export(database_url, source, tmp_path)
    target = new_store(app.extensions["lrs.storage"])
    first = lrs(database_url, "import", out, "--store", target)
    assert "2 statements have attachments whose content is not transferred" in first.stderr
    again = lrs(database_url, "import", out, "--store", target, "--attachments", folder,
                "--restart")
    assert "0 accepted, 0 rejected, 3 skipped" in again.stdout
    assert "not transferred" not in again.stderr
    assert _content(client_for(store=target), ids[1]) == [("text/plain", NOTE)]


def test_a_file_changed_while_importing_stops_the_batch_with_a_message(app, database_url,
                                                                       tmp_path, client_for,
                                                                       monkeypatch):
    """Checked when read for storing too: content changed after the first check is never
    stored under the sha2; the batch is not written, and the command says why."""
    from lrs.service import transfer_attachments

    source, ids = _store_with_attachments(app, client_for)
    out, folder = _export(database_url, source, tmp_path)
    real_load = transfer_attachments.AttachmentFile.load

    def changed_meanwhile(self):
        with open(self.path, "ab") as handle:
            handle.write(b"!")
        return real_load(self)

    monkeypatch.setattr(transfer_attachments.AttachmentFile, "load", changed_meanwhile)
    target = new_store(app.extensions["lrs.storage"])
    result = lrs(database_url, "import", out, "--store", target, "--attachments", folder)
    assert result.exit_code == 2
    assert "does not have that sha2" in result.stderr
    assert get_one(client_for(store=target), ids[1], attachments=False).status_code == 404
