"""Other WSGI apps served beside the LRS, named in configuration (``LRS_MOUNTS``).

The LRS imports none of the project's other components; an operator who wants, say, the
certificate verification page on the LRS's host names its factory here, e.g.
``LRS_MOUNTS="/certificates=certificate_rules.web:create_app_from_environment"``.
"""

import importlib

from werkzeug.middleware.dispatcher import DispatcherMiddleware

from .errors import LRSError


class MountError(LRSError):
    """A mount that can't be loaded: said at start-up, not at the first request."""


def parse(spec: str) -> dict[str, str]:
    mounts = {}
    for entry in spec.split():
        prefix, sep, target = entry.partition("=")
        if not sep or not prefix.startswith("/") or ":" not in target:
            raise MountError(f"LRS_MOUNTS entry {entry!r} is not /PREFIX=module:factory")
        mounts[prefix.rstrip("/")] = target
    return mounts


def _load(target):
    module, _, factory = target.partition(":")
    try:
        return getattr(importlib.import_module(module), factory)()
    except (ImportError, AttributeError) as exc:
        raise MountError(f"cannot load {target}: {exc}") from None


def mount(wsgi_app, spec: str):
    mounts = parse(spec)
    if not mounts:
        return wsgi_app
    return DispatcherMiddleware(wsgi_app, {prefix: _load(t) for prefix, t in mounts.items()})
