"""gunicorn settings for ``lrs serve`` (``-c python:lrs.cli.gunicorn_config``).

Each worker, once it has loaded the app:

- listens for credential changes (PostgreSQL, unless AUTH_CHANGE_LISTENER is off): a
  revoked, rotated or re-limited credential reaches its cache at commit, so requests
  pay no lookup for it (see lrs.service.auth). The listener starts with the worker's
  first authentication, in the worker: nothing is opened before gunicorn forks.
- runs a forwarding sender in a daemon thread (unless FORWARD_IN_SERVE is off); the
  rules' leases keep it to one sender per rule however many workers and hosts there
  are. The thread does little but wait on the network and the database, and a worker
  that exits hands its leases back, so a restart resumes where the last delivery ended.
"""

import logging

from lrs.service.forward_sender import Sender, SenderSettings

# The same access lines as gunicorn's, built for less CPU (see lrs.cli.access_log).
logger_class = "lrs.cli.access_log.AccessLogger"

_senders = {}


def _log_to_gunicorn(worker, name):
    log = logging.getLogger(name)
    if not log.handlers:  # into gunicorn's error log, formatted like its own lines
        for handler in worker.log.error_log.handlers:
            log.addHandler(handler)
        log.setLevel(logging.INFO)


def post_worker_init(worker):
    app = worker.wsgi
    if app.config.get("AUTH_CHANGE_LISTENER"):
        _log_to_gunicorn(worker, "lrs.auth")
        app.extensions["lrs.auth"].listen_for_changes()
    if not app.config.get("FORWARD_IN_SERVE"):
        return
    _log_to_gunicorn(worker, "lrs.forwarding")
    sender = Sender(app.extensions["lrs.storage"], SenderSettings.from_config(app.config))
    _senders[worker.pid] = (sender, sender.start_thread())


def worker_exit(server, worker):
    app = getattr(worker, "wsgi", None)
    if app is not None:
        app.extensions["lrs.auth"].close()
    found = _senders.pop(worker.pid, None)
    if found:
        sender, thread = found
        sender.stop()
        thread.join(timeout=5)
