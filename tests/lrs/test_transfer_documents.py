"""`lrs export --documents FILE` / `lrs import --documents FILE`: a store's State, Activity
Profile and Agent Profile documents go out and come back the same, ETags included."""

import json
import uuid

import orjson
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from lrs.service import transfer_documents
from lrs.storage.documents import SQLDocuments
from lrs.storage.models import Document
from tests.lrs.transfer_support import lines, lrs, new_store

STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _learner():
    return {"objectType": "Agent", "name": "Amina Diallo",
            "mbox": f"mailto:amina.{uuid.uuid4().hex[:8]}@example.org"}


def _query(**params):
    return {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}


def _documents(client):
    """Writes one document of each kind (two states, one with a registration); returns the
    (resource, query) of each, as a client reads them back."""
    learner = _learner()
    course = f"https://learning.example.org/courses/fro-{uuid.uuid4().hex[:8]}"
    registration = str(uuid.uuid4())
    written = [
        (STATE, _query(activityId=course, agent=learner, stateId="bookmark"),
         b'{"page": 12, "note": "\xd8\xa7\xd9\x84\xd9\x81\xd8\xb5\xd9\x84 3"}',
         "application/json"),
        (STATE, _query(activityId=course, agent=learner, registration=registration,
                       stateId="suspend_data"), b"1|4|x", "text/plain"),
        (ACTIVITY_PROFILE, _query(activityId=course, profileId="badge"), PNG, "image/png"),
        (AGENT_PROFILE, _query(agent=learner, profileId="preferences"),
         b'{"language": "ar"}', "application/json"),
    ]
    for resource, query, body, content_type in written:
        put = client.put(resource, query_string=query, data=body, content_type=content_type,
                         headers={"If-None-Match": "*"})
        assert put.status_code == 204, put.get_data(as_text=True)
    return [(resource, query) for resource, query, _body, _type in written]


def _read(client, resource, query):
    got = client.get(resource, query_string=query)
    assert got.status_code == 200, (resource, query, got.status_code)
    return got.data, got.headers["Content-Type"], got.headers["ETag"], \
        got.headers["Last-Modified"]


def _export(database_url, store, tmp_path, *extra):
    out = tmp_path / "documents.ndjson"
    result = lrs(database_url, "export", "--store", store, "-o", tmp_path / "s.ndjson",
                 "--documents", out, *extra)
    assert result.exit_code == 0, result.output
    return out, result


def test_documents_come_back_the_same_in_another_store(app, database_url, tmp_path,
                                                       client_for):
    source = new_store(app.extensions["lrs.storage"])
    addresses = _documents(client_for(store=source))
    out, result = _export(database_url, source, tmp_path)
    assert "exported 4 documents" in result.stderr
    assert {line["resource"] for line in lines(out)} == {
        "activities/state", "activities/profile", "agents/profile"}

    target = new_store(app.extensions["lrs.storage"])
    imported = lrs(database_url, "import", tmp_path / "s.ndjson", "--store", target,
                   "--documents", out)
    assert imported.exit_code == 0, imported.output
    assert "documents: 4 accepted, 0 rejected, 0 skipped" in imported.stdout
    before, after = client_for(store=source), client_for(store=target)
    for resource, query in addresses:
        assert _read(after, resource, query) == _read(before, resource, query)
    state_ids = after.get(STATE, query_string={k: v for k, v in addresses[1][1].items()
                                               if k != "stateId"})
    assert state_ids.get_json() == ["suspend_data"]  # still under its registration


def test_importing_again_skips_what_is_there_and_never_overwrites(app, database_url,
                                                                  tmp_path, client_for):
    source = new_store(app.extensions["lrs.storage"])
    addresses = _documents(client_for(store=source))
    out, _result = _export(database_url, source, tmp_path)
    target = new_store(app.extensions["lrs.storage"])
    assert lrs(database_url, "import", tmp_path / "s.ndjson", "--store", target,
               "--documents", out).exit_code == 0
    client = client_for(store=target)
    resource, query = addresses[3]
    changed = client.put(resource, query_string=query, data=b'{"language": "fr"}',
                         content_type="application/json",
                         headers={"If-Match": _read(client, resource, query)[2]})
    assert changed.status_code == 204

    again = lrs(database_url, "import", tmp_path / "s.ndjson", "--store", target,
                "--documents", out)
    assert again.exit_code == 1
    assert "documents: 0 accepted, 1 rejected, 3 skipped" in again.stdout
    assert "line 4: rejected: the store holds another version" in again.stderr
    assert _read(client, resource, query)[0] == b'{"language": "fr"}'


def test_bad_lines_are_reported_and_the_good_ones_imported(app, database_url, tmp_path,
                                                           client_for):
    source = new_store(app.extensions["lrs.storage"])
    _documents(client_for(store=source))
    out, _result = _export(database_url, source, tmp_path)
    good = out.read_bytes().splitlines()
    broken = dict(orjson.loads(good[2]), content="not base64!")
    no_agent = dict(orjson.loads(good[3]), agent={"name": "nobody"})
    out.write_bytes(b"\n".join([good[0], b"{not json", orjson.dumps(broken), good[1],
                                orjson.dumps(no_agent)]) + b"\n")
    target = new_store(app.extensions["lrs.storage"])
    result = lrs(database_url, "import", tmp_path / "s.ndjson", "--store", target,
                 "--documents", out)
    assert result.exit_code == 1
    assert "documents: 2 accepted, 3 rejected, 0 skipped" in result.stdout
    assert "line 2: rejected: malformed JSON" in result.stderr
    assert "line 3: rejected: content must be base64" in result.stderr
    assert "line 5: rejected: agent:" in result.stderr


def test_since_exports_only_documents_updated_later(app, database_url, tmp_path, client_for):
    source = new_store(app.extensions["lrs.storage"])
    client = client_for(store=source)
    _documents(client)
    cut = lines(_export(database_url, source, tmp_path)[0])[-1]["updated"]
    query = _query(activityId="https://learning.example.org/late", agent=_learner(),
                   stateId="late")
    assert client.put(STATE, query_string=query, data=b"x").status_code == 204
    out, result = _export(database_url, source, tmp_path, "--since", cut)
    assert [line.get("stateId") for line in lines(out)] == ["late"]


def test_documents_written_before_addresses_were_kept_are_counted_not_exported(
        app, database_url, tmp_path, client_for):
    storage = app.extensions["lrs.storage"]
    source = new_store(storage)
    _documents(client_for(store=source))
    store_id = storage.credentials.store_id(source)
    with storage.engine.begin() as conn:  # as schema 0003 left them
        conn.execute(update(Document).where(Document.store_id == store_id,
                                            Document.kind == "state")
                     .values(activity_id=None, agent=None))
    out, result = _export(database_url, source, tmp_path)
    assert "exported 2 documents" in result.stderr
    assert "warning: 2 documents were written before" in result.stderr
    assert len(lines(out)) == 2


def test_a_pseudonymised_agent_leaves_no_trace_in_exported_documents(app, database_url,
                                                                      tmp_path, client_for):
    source = new_store(app.extensions["lrs.storage"])
    client = client_for(store=source)
    addresses = _documents(client)
    agent = json.loads(addresses[3][1]["agent"])
    forgot = lrs(database_url, "forget-agent", json.dumps(agent), "--store", source,
                 "--pseudonymise", "--yes")
    assert forgot.exit_code == 0, forgot.output
    out, _result = _export(database_url, source, tmp_path)
    text = out.read_text()
    assert agent["mbox"] not in text and "Amina" not in text
    exported = [line["agent"] for line in lines(out) if "agent" in line]
    assert len(exported) == 3 and all(set(a) == {"objectType", "account"} for a in exported)
    assert len({orjson.dumps(a) for a in exported}) == 1


def test_agent_and_activity_filters_pick_the_documents_about_them(app, database_url,
                                                                  tmp_path, client_for):
    source = new_store(app.extensions["lrs.storage"])
    client = client_for(store=source)
    addresses = _documents(client)
    other = _query(activityId="https://learning.example.org/other", agent=_learner(),
                   stateId="elsewhere")
    assert client.put(STATE, query_string=other, data=b"x").status_code == 204
    by_agent, _ = _export(database_url, source, tmp_path, "--agent", addresses[0][1]["agent"])
    assert sorted(line.get("stateId") or line["profileId"] for line in lines(by_agent)) == [
        "bookmark", "preferences", "suspend_data"]
    by_activity, _ = _export(database_url, source, tmp_path, "--activity",
                             addresses[0][1]["activityId"])
    assert sorted(line.get("stateId") or line["profileId"] for line in lines(by_activity)) == [
        "badge", "bookmark", "suspend_data"]


def test_a_file_naming_a_document_twice_keeps_the_first_version(app, database_url, tmp_path,
                                                                 client_for):
    source = new_store(app.extensions["lrs.storage"])
    addresses = _documents(client_for(store=source))
    out, _result = _export(database_url, source, tmp_path)
    good = out.read_bytes().splitlines()
    changed = dict(orjson.loads(good[0]), content="eyJwYWdlIjogMTN9")  # {"page": 13}
    out.write_bytes(b"\n".join([*good, good[0], orjson.dumps(changed)]) + b"\n")
    target = new_store(app.extensions["lrs.storage"])
    result = lrs(database_url, "import", tmp_path / "s.ndjson", "--store", target,
                 "--documents", out)
    assert "documents: 4 accepted, 1 rejected, 1 skipped" in result.stdout
    assert "line 6: rejected: the store holds another version" in result.stderr
    resource, query = addresses[0]
    assert _read(client_for(store=target), resource, query)[0].startswith(b'{"page": 12')


def test_a_batch_another_writer_got_in_the_way_of_is_tried_again(app, tmp_path, client_for,
                                                                  monkeypatch):
    """Another request storing one of the batch's documents between the batch's lookup and
    its insert fails the batch on the unique key; the second try compares with what is
    there, and nothing is lost or stored twice."""
    storage = app.extensions["lrs.storage"]
    source = new_store(storage)
    _documents(client_for(store=source))
    out = tmp_path / "documents.ndjson"
    with open(out, "wb") as handle:
        transfer_documents.export_documents(storage, storage.credentials.store_id(source),
                                            handle)
    real, tries = SQLDocuments._restore, []

    def raced(self, store_id, items):
        tries.append(len(items))
        if len(tries) == 1:
            raise IntegrityError("INSERT INTO documents ...", {}, Exception("duplicate key"))
        return real(self, store_id, items)
    monkeypatch.setattr(SQLDocuments, "_restore", raced)
    target = storage.credentials.store_id(new_store(storage))
    first = transfer_documents.import_documents(storage, target, out, batch_lines=3)
    again = transfer_documents.import_documents(storage, target, out, batch_lines=3)
    assert tries[:3] == [3, 3, 1]
    assert (first.accepted, first.skipped, first.rejected) == (4, 0, [])
    assert (again.accepted, again.skipped, again.rejected) == (0, 4, [])
