"""Operators manage stores and credentials: create per store with scopes, rotate, limit,
and see when each credential was last used."""

from lrs import create_app
from lrs.service import auth as auth_service
from tests.conftest import statement
from tests.lrs.test_cli import auth, operator_env, run  # noqa: F401 (fixture)


def test_stores_and_scoped_credentials(operator_env):  # noqa: F811
    run("db", "upgrade")
    assert "created store unhcr" in run("stores", "create", "unhcr").output
    duplicate = run("stores", "create", "unhcr")
    assert duplicate.exit_code == 2 and "already exists" in duplicate.output
    bad = run("stores", "create", "../etc")
    assert bad.exit_code == 2 and "store names" in bad.output
    created = run("credentials", "create", "Reports", "--store", "unhcr", "--key", "rep",
                  "--secret", "pw", "--scope", "statements/read", "--scope", "state")
    assert created.exit_code == 0, created.output
    missing = run("credentials", "create", "X", "--store", "nowhere")
    assert missing.exit_code == 2 and "no store named 'nowhere'" in missing.output
    unknown = run("credentials", "create", "X", "--scope", "statements/delete")
    assert unknown.exit_code == 2 and "statements/delete" in unknown.output
    listing = run("credentials", "list", "--store", "unhcr").output
    assert "rep\tReports\tunhcr\tstatements/read state\tactive\tlast used never" in listing
    stores = run("stores", "list").output
    assert "default\t0 statements" in stores and "unhcr\t0 statements\t1 active" in stores

    client = create_app().test_client()
    assert client.get("/xapi/statements", headers=auth("rep", "pw")).status_code == 200
    assert client.post("/xapi/statements", headers=auth("rep", "pw"),
                       json=statement()).status_code == 403


def test_rotate_replaces_the_secret_at_once_everywhere(operator_env):  # noqa: F811
    run("db", "upgrade")
    run("credentials", "create", "LMS", "--key", "lms", "--secret", "old")
    worker = create_app().test_client()
    assert worker.get("/xapi/statements", headers=auth("lms", "old")).status_code == 200
    rotated = run("credentials", "rotate", "lms", "--secret", "new")
    assert rotated.exit_code == 0 and "new" in rotated.output
    assert worker.get("/xapi/statements", headers=auth("lms", "old")).status_code == 401
    assert worker.get("/xapi/statements", headers=auth("lms", "new")).status_code == 200
    assert run("credentials", "rotate", "nobody").exit_code == 2


def test_last_use_is_recorded_without_a_write_per_request(operator_env, monkeypatch):  # noqa: F811
    run("db", "upgrade")
    run("credentials", "create", "LMS", "--key", "lms", "--secret", "pw")
    monkeypatch.setattr(auth_service, "RECORD_USE_SECONDS", 0)  # (written at the first chance)
    app = create_app()
    writes = []
    credentials = app.extensions["lrs.storage"].credentials
    original = credentials.record_use
    monkeypatch.setattr(credentials, "record_use",
                        lambda used: (writes.append(dict(used)), original(used)))
    client = app.test_client()
    for _ in range(20):
        assert client.get("/xapi/statements", headers=auth("lms", "pw")).status_code == 200
    assert sum(len(w) for w in writes) == 1  # one last-use write for twenty requests
    assert "last used never" not in run("credentials", "list").output
    assert auth_service.LAST_USED_SECONDS == 60


def test_limits_are_set_and_reach_workers(operator_env):  # noqa: F811
    run("db", "upgrade")
    run("credentials", "create", "Kiosk", "--key", "kiosk", "--secret", "pw")
    worker = create_app().test_client()
    assert worker.post("/xapi/statements", headers=auth("kiosk", "pw"),
                       json=statement()).status_code == 200
    assert run("credentials", "limit", "kiosk", "--max-body-bytes", "100").exit_code == 0
    too_big = worker.post("/xapi/statements", headers=auth("kiosk", "pw"), json=statement())
    assert too_big.status_code == 413
    assert "limit of 100 bytes" in too_big.get_json()["error"]["message"]
    assert run("credentials", "limit", "kiosk").exit_code == 2
