"""@xapi/xapi (npm), the JavaScript client many Node tools and web apps use, over its fetch
adapter: statements, paging, a multipart attachment, State, voiding."""

import json
import pathlib
import subprocess

HERE = pathlib.Path(__file__).parent / "xapi_js"


def test_xapi_js_client_round_trip(live_lrs, credentials):
    assert (HERE / "node_modules" / "@xapi" / "xapi").is_dir(), \
        "run `make test` (it installs the Node client with npm ci)"
    key, secret = credentials
    run = subprocess.run(["node", "client_check.mjs", live_lrs, key, secret], cwd=HERE,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout)
    assert len(found["sentIds"]) == 1
    assert found["gotActor"] is True
    assert (found["firstPage"], found["secondPage"]) == (2, 1)
    assert found["attachmentParts"] == 2
    # The client trims whitespace around parts; the content itself comes back whole.
    assert found["attachmentText"].startswith("Reflection notes\nwith a trailing newline")
    assert found["state"] == {"page": 4}
    assert found["voidingIds"] == 1 and found["voidedBack"] is True
