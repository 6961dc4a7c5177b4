"""Per-credential limits: body size (413) and requests per minute (429 with Retry-After)."""

import math
import time

from ..errors import LRSError, PayloadTooLarge
from ..xapi.timestamps import now_utc

CLEANUP_SECONDS = 300


class TooManyRequests(LRSError):
    status = 429


class RequestLimits:
    def __init__(self, usage):
        self.usage = usage
        self._cleaned_at = time.monotonic()

    def check_rate(self, caller):
        """Count this request; refuse it when the credential is over its minute's budget.

        Fixed one-minute windows, counted in the database, so the limit holds across
        every worker and host (a limited credential pays one round trip per request).
        """
        limit = caller.requests_per_minute
        if not limit:
            return
        now = now_utc()
        window = now.replace(second=0, microsecond=0)
        if self.usage.count_request(caller.key, window) > limit:
            retry = max(1, math.ceil(60 - (now - window).total_seconds()))
            raise TooManyRequests(
                f"this credential may make {limit} requests per minute; retry in {retry} s",
                headers={"Retry-After": str(retry)})
        if time.monotonic() - self._cleaned_at > CLEANUP_SECONDS:
            self._cleaned_at = time.monotonic()
            self.usage.forget_before(window)

    @staticmethod
    def check_body(caller, content_length):
        """413 before reading a body larger than the credential allows."""
        limit = caller.max_body_bytes
        if limit and content_length is not None and content_length > limit:
            raise PayloadTooLarge(f"request body of {content_length} bytes is over this "
                                  f"credential's limit of {limit} bytes")
