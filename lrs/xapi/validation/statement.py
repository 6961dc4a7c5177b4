"""Statement validation (placeholder: replaced by the full rule set)."""

from ...errors import BadRequest


class InvalidStatement(BadRequest):
    pass


class ValidationError:
    def __init__(self, path, message):
        self.path = path
        self.message = message


def iter_errors(statement, version):
    if not isinstance(statement, dict):
        yield ValidationError("", "a statement must be a JSON object")
        return
    for required in ("actor", "verb", "object"):
        if required not in statement:
            yield ValidationError(required, f"missing required property {required!r}")


def validate_statement(statement, version):
    for error in iter_errors(statement, version):
        raise InvalidStatement(f"{error.path}: {error.message}" if error.path else error.message,
                               path=error.path)


def validate_agent(agent, path="agent"):
    """An agent or identified group given as a query parameter: exactly one IFI."""
    if not isinstance(agent, dict):
        raise InvalidStatement(f"{path} must be a JSON object", path=path)
    ifis = [p for p in ("mbox", "mbox_sha1sum", "openid", "account") if p in agent]
    if len(ifis) != 1:
        raise InvalidStatement(f"{path} must have exactly one inverse functional identifier",
                               path=path)
