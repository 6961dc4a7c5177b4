"""Where the blocks find the LRS: the runtime's settings service, then environment variables.

Credentials are deployment configuration, never course content, so they are not XBlock fields.
In Open edX: ``XBLOCK_SETTINGS["LeadershipXBlocks"] = {"LRS_ENDPOINT": ..., ...}``.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass

SETTINGS_BUCKET = "LeadershipXBlocks"
ENV_PREFIX = "LEADERSHIP_XBLOCKS_"
DEFAULTS = {
    "LRS_ENDPOINT": "",
    "LRS_KEY": "",
    "LRS_SECRET": "",
    "LMS_ROOT_URL": "http://localhost:18000",
    "OUTBOX_DIR": "",
    "STATUS_CACHE_SECONDS": "60",
    "CONNECT_TIMEOUT": "2",
    "READ_TIMEOUT": "5",
    "STATUS_READ_TIMEOUT": "2",
    "RETRY_MAX_SECONDS": "300",
}


@dataclass(frozen=True)
class LRSConfig:
    endpoint: str
    key: str
    secret: str
    lms_root_url: str
    outbox_path: str
    status_cache_seconds: float
    timeout: tuple  # (connect, read) for the background sender
    status_timeout: tuple  # (connect, read) for the status read a page waits for
    retry_max_seconds: float

    @property
    def enabled(self):
        return bool(self.endpoint)


def _django_lms_root():
    """Open edX's own LMS_ROOT_URL, so our actors join up with event-routing-backends'."""
    try:
        from django.conf import settings
        return getattr(settings, "LMS_ROOT_URL", "") if settings.configured else ""
    except ImportError:
        return ""


def _outbox_path(directory, endpoint):
    """One outbox file per LRS endpoint: switching LRS never sends statements to the wrong one."""
    directory = directory or os.path.join(tempfile.gettempdir(), "leadership-xblocks")
    name = hashlib.sha256(endpoint.encode()).hexdigest()[:16]
    return os.path.join(directory, f"outbox-{name}.sqlite3")


def config_from(values):
    """An ``LRSConfig`` from a mapping of setting names (defaults fill the gaps)."""
    merged = {**DEFAULTS, **{k: v for k, v in values.items() if v not in (None, "")}}
    endpoint = merged["LRS_ENDPOINT"].rstrip("/") + "/" if merged["LRS_ENDPOINT"] else ""
    return LRSConfig(
        endpoint=endpoint,
        key=merged["LRS_KEY"],
        secret=merged["LRS_SECRET"],
        lms_root_url=str(merged["LMS_ROOT_URL"]).rstrip("/"),
        outbox_path=merged.get("OUTBOX_PATH") or _outbox_path(merged["OUTBOX_DIR"], endpoint),
        status_cache_seconds=float(merged["STATUS_CACHE_SECONDS"]),
        timeout=(float(merged["CONNECT_TIMEOUT"]), float(merged["READ_TIMEOUT"])),
        status_timeout=(float(merged["CONNECT_TIMEOUT"]), float(merged["STATUS_READ_TIMEOUT"])),
        retry_max_seconds=float(merged["RETRY_MAX_SECONDS"]),
    )


def lrs_config(block):
    """The configuration for ``block``: settings service bucket over environment over defaults."""
    values = {name: os.environ.get(ENV_PREFIX + name) for name in [*DEFAULTS, "OUTBOX_PATH"]}
    values["LMS_ROOT_URL"] = values["LMS_ROOT_URL"] or _django_lms_root()
    service = block.runtime.service(block, "settings") if block is not None else None
    if service is not None:
        values.update(service.get_settings_bucket(block) or {})
    return config_from(values)
