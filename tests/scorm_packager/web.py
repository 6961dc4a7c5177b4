"""Test plumbing for the browser tests: a loopback HTTP server over a few folders, and the
playwright-core driver (tests/scorm_packager/js/drive.mjs) run with Debian's chromium."""

import json
import shutil
import subprocess
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

JS_DIR = Path(__file__).parent / "js"
SCORM_AGAIN_DIST = JS_DIR / "node_modules" / "scorm-again" / "dist"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def browser_available():
    return Path(CHROMIUM).exists() and (JS_DIR / "node_modules" / "playwright-core").is_dir() \
        and SCORM_AGAIN_DIST.is_dir() and shutil.which("node") is not None


class _Handler(SimpleHTTPRequestHandler):
    """Serves routes {url prefix: folder}; POST /fetch answers a cmi5 auth token, POST to a
    one-time fetch URL (`one_time_fetch`: path -> token, as an LMS makes one per launch) answers
    its token once and the cmi5 "already in use" error after that."""

    routes: dict = {}
    token: str = ""
    one_time_fetch: dict = {}
    launches: dict = {}     # path -> callable returning the URL to redirect to (an LMS launch)

    def do_GET(self):  # noqa: N802 - http.server naming
        launch = self.launches.get(self.path.split("?", 1)[0])
        if launch is None:
            return super().do_GET()
        self.send_response(302)
        self.send_header("Location", launch())
        self.send_header("Content-Length", "0")
        self.end_headers()

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        for prefix, folder in self.routes.items():
            if path.startswith(prefix):
                return str(Path(folder) / path[len(prefix):])
        return str(Path("/nonexistent"))

    def do_POST(self):  # noqa: N802 - http.server naming
        if self.path in self.one_time_fetch:
            token = self.one_time_fetch[self.path]
            self.one_time_fetch[self.path] = None
            answer = {"auth-token": token} if token else {
                "error-code": "1", "error-text": "fetch URL already used"}
            self._json(answer)
        elif self.path.startswith("/fetch"):
            self._json({"auth-token": self.token})
        else:
            self.send_error(404)

    def _json(self, answer):
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class WebServer:
    def __init__(self, routes, token="", launches=None):
        handler = type("Handler", (_Handler,), {"routes": dict(routes), "token": token,
                                                "launches": dict(launches or {}),
                                                "one_time_fetch": {}})
        self.handler = handler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def unzip(package, folder):
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    return Path(folder)


def drive(scenarios, timeout=120):
    """Run {name: steps} in one chromium launch; returns {name: (results, errors)}."""
    completed = subprocess.run(
        ["node", str(JS_DIR / "drive.mjs")], input=json.dumps({"scenarios": scenarios}),
        capture_output=True, text=True, timeout=timeout, cwd=JS_DIR,
        env={"PATH": "/usr/bin:/bin", "CHROMIUM": CHROMIUM, "HOME": "/tmp"})
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr)
    output = json.loads(completed.stdout)
    return {name: (value["results"], value["errors"]) for name, value in output.items()}
