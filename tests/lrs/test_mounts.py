"""LRS_MOUNTS: another WSGI app on the LRS's host, named in configuration."""

import pytest

from lrs import create_app
from lrs.mounts import MountError


def hello_app():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [f"hello from {environ['SCRIPT_NAME']}{environ['PATH_INFO']}".encode()]
    return app


def test_a_mounted_app_answers_under_its_prefix(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/lrs.sqlite3",
                      "MOUNTS": "/hello=tests.lrs.test_mounts:hello_app"})
    client = app.test_client()
    assert client.get("/hello/there").data == b"hello from /hello/there"
    assert client.get("/xapi/about").status_code == 200


@pytest.mark.parametrize("spec, message", [
    ("hello", "not /PREFIX=module:factory"),
    ("/x=tests.lrs.nowhere:app", "cannot load tests.lrs.nowhere:app"),
    ("/x=tests.lrs.test_mounts:missing", "cannot load"),
])
def test_a_bad_mount_is_said_at_start_up(tmp_path, spec, message):
    with pytest.raises(MountError, match=message):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/lrs.sqlite3", "MOUNTS": spec})
