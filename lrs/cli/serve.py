"""``lrs serve``: gunicorn in front of the app."""

import os
import sys

import click

from ..app import create_app
from ..config import flask_app
from ..i18n import _, ngettext


@click.command(help=_("Serve the LRS at http://HOST:PORT/xapi/ with gunicorn."))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--workers", default=4, show_default=True, type=int,
              help=_("gunicorn worker processes (4 measured fastest on 2 cores)."))
@click.option("--threads", default=4, show_default=True, type=int,
              help=_("Threads per worker (gthread)."))
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help=_("Log every request to stdout (costs some CPU per request)."))
@click.option("--forward/--no-forward", default=None,
              help=_("Run the forwarding sender in each worker "
                     "(default: FORWARD_IN_SERVE, on)."))
@click.option("--debug", is_flag=True,
              help=_("Flask's development server, for debugging only."))
def serve(host, port, workers, threads, access_log, forward, debug):
    if debug:
        create_app().run(host=host, port=port, debug=True)
        return
    # gthread: keep-alive connections and a few threads per worker to overlap database
    # round trips; Python work itself is bound by the GIL, so workers ~ cores.
    args = [sys.executable, "-m", "gunicorn", "lrs:create_app()",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", str(threads),
            "--worker-class", "gthread", "--timeout", "60", "--no-control-socket",
            # Forwarding: a sender thread per worker (see gunicorn_config).
            "--config", "python:lrs.cli.gunicorn_config"]
    if forward is not None:
        os.environ["LRS_FORWARD_IN_SERVE"] = "true" if forward else "false"
    # A pooled connection for each request thread and the forwarding sender.
    configured = flask_app().config["DATABASE_POOL_SIZE"]
    os.environ["LRS_DATABASE_POOL_SIZE"] = str(max(configured, threads + 1))
    if access_log:
        args += ["--access-logfile", "-"]
    click.echo(ngettext("LRS at http://{host}:{port}/xapi/ ({workers} workers)",
                        "LRS at http://{host}:{port}/xapi/ ({workers} workers)",
                        workers).format(host=host, port=port, workers=workers))
    os.execv(sys.executable, args)

