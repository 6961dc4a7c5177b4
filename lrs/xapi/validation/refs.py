"""Statement References: an objectType of "StatementRef" and a statement id."""

from .core import check_object
from .values import constant, uuid

STATEMENT_REF = {"objectType": constant("StatementRef"), "id": uuid}


def statement_ref(value, path, ctx):
    yield from check_object(value, path, ctx, STATEMENT_REF, required=("objectType", "id"),
                            what="a StatementRef object")
