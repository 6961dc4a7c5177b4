"""Shared by the `lrs export` / `lrs import` tests: the CLI on the test database, stores."""

import uuid

import orjson
from click.testing import CliRunner

from lrs.cli import main


def lrs(database_url, *args, catch_exceptions=False):
    """Run `lrs ARGS` against the test database; the click Result."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=catch_exceptions,
                              env={"LRS_DATABASE_URL": database_url})


def new_store(storage, prefix="t"):
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    storage.credentials.store_id(name, create=True)
    return name


def ndjson(path, statements):
    with open(path, "wb") as handle:
        for item in statements:
            handle.write(item if isinstance(item, bytes) else orjson.dumps(item))
            handle.write(b"\n")
    return path


def lines(path):
    with open(path, "rb") as handle:
        return [orjson.loads(line) for line in handle if line.strip()]


def learner_statement(index, **overrides):
    """A valid statement with an id, as a file from another system might hold it."""
    base = {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": f"Learner {index}",
                  "mbox": f"mailto:learner{index}@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed",
                 "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity",
                   "id": "https://learning.example.org/modules/coaching-conversations",
                   "definition": {"name": {"en-US": "Coaching conversations"}}},
        "timestamp": f"2026-03-01T10:00:{index % 60:02d}.000Z",
    }
    base.update(overrides)
    return base
