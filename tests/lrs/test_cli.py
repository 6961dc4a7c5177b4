"""The `lrs` command as an operator uses it (fresh SQLite database per test)."""

import base64
import os
import stat

import pytest
from click.testing import CliRunner

from lrs import create_app
from lrs.cli import main


@pytest.fixture
def operator_env(tmp_path, monkeypatch):
    monkeypatch.setenv("LRS_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("LRS_DATABASE_URL", "sqlite:///" + str(tmp_path / "op.sqlite3"))
    return tmp_path


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def auth(key, secret):
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode(),
            "X-Experience-API-Version": "1.0.3"}


def test_upgrade_create_use_and_revoke_a_credential(operator_env):
    assert run("db", "upgrade").exit_code == 0
    # Upgrading twice is harmless.
    assert run("db", "upgrade").exit_code == 0
    created = run("credentials", "create", "Open edX", "--key", "openedx", "--secret", "s3cret")
    assert created.exit_code == 0
    assert "openedx" in created.output and "s3cret" in created.output
    listed = run("credentials", "list")
    assert "openedx" in listed.output and "s3cret" not in listed.output

    client = create_app().test_client()
    assert client.get("/xapi/statements", headers=auth("openedx", "s3cret")).status_code == 200
    wrong = client.get("/xapi/statements", headers=auth("openedx", "nope"))
    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"].startswith("Basic")

    assert run("credentials", "revoke", "openedx").exit_code == 0
    # Another running app (another worker, in production) refuses it at once.
    app = create_app()
    assert app.test_client().get("/xapi/statements",
                                 headers=auth("openedx", "s3cret")).status_code == 401


def test_revocation_reaches_a_worker_that_cached_the_secret(operator_env):
    run("db", "upgrade")
    run("credentials", "create", "Reporting", "--key", "reports", "--secret", "pw")
    worker = create_app().test_client()
    assert worker.get("/xapi/statements", headers=auth("reports", "pw")).status_code == 200
    run("credentials", "revoke", "reports")
    assert worker.get("/xapi/statements", headers=auth("reports", "pw")).status_code == 401


def test_duplicate_key_is_a_usage_error(operator_env):
    run("db", "upgrade")
    run("credentials", "create", "A", "--key", "same")
    result = CliRunner().invoke(main, ["credentials", "create", "B", "--key", "same"])
    assert result.exit_code == 2
    assert "already exists" in result.output


def test_demo_credential_is_created_once_and_kept_private(operator_env):
    run("db", "upgrade")
    first = run("credentials", "demo").output
    second = run("credentials", "demo").output
    assert first == second and "key: demo" in first
    secret_file = operator_env / "instance" / "demo-credential.txt"
    assert stat.S_IMODE(os.stat(secret_file).st_mode) == 0o600
    secret = first.split("secret:")[1].strip()
    client = create_app().test_client()
    assert client.get("/xapi/statements", headers=auth("demo", secret)).status_code == 200


def test_secrets_are_stored_hashed(operator_env):
    run("db", "upgrade")
    run("credentials", "create", "A", "--key", "k1", "--secret", "plain-secret-value")
    db_bytes = (operator_env / "op.sqlite3").read_bytes()
    assert b"plain-secret-value" not in db_bytes


def test_unreachable_database_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("LRS_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("LRS_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 2
    assert "cannot use the database" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("threads", "configured", "pool"), [(4, "5", 5), (8, "5", 9),
                                                             (8, "20", 20)])
def test_serve_gives_each_worker_a_pooled_connection_per_thread(operator_env, monkeypatch,
                                                                threads, configured, pool):
    """Fewer pooled connections than request threads would open and close a connection
    for every request beyond the pool."""
    monkeypatch.setenv("LRS_DATABASE_POOL_SIZE", configured)  # and restored afterwards
    started = {}
    monkeypatch.setattr(os, "execv", lambda path, args: started.update(
        args=args, pool=os.environ["LRS_DATABASE_POOL_SIZE"]))
    assert run("serve", "--threads", str(threads)).exit_code == 0
    assert started["args"][started["args"].index("--threads") + 1] == str(threads)
    assert started["pool"] == str(pool)
    app = create_app()
    assert app.extensions["lrs.storage"].engine.pool.size() == pool
