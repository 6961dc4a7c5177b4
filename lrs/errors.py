"""The LRS's one error base class and the HTTP-shaped errors derived from it.

Every error carries the status it maps to and a message naming the problem; the
HTTP layer turns any ``LRSError`` into an xAPI error body, so bad input never
becomes a stack trace or a 500.
"""


class LRSError(Exception):
    status = 400

    def __init__(self, message, *, status=None, path=None, headers=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.path = path
        self.headers = headers or {}

    def to_dict(self):
        body = {"error": {"code": self.status, "message": self.message}}
        if self.path:
            body["error"]["path"] = self.path
        return body


class BadRequest(LRSError):
    status = 400


class Unauthorized(LRSError):
    status = 401


class Forbidden(LRSError):
    status = 403


class NotFound(LRSError):
    status = 404


class MethodNotAllowed(LRSError):
    status = 405


class Conflict(LRSError):
    status = 409


class PreconditionFailed(LRSError):
    status = 412


class PayloadTooLarge(LRSError):
    status = 413


class UnsupportedMediaType(LRSError):
    status = 415
