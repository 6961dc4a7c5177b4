"""The ``lrs`` group; each command group lives in a module of its own."""

import click
import sqlalchemy.exc

from ..errors import LRSError
from ..i18n import _
from . import credentials, database, erasure, forward, serve, stores, transfer


class _Group(click.Group):
    """Operator mistakes (a bad database URL, an unreachable server, input the LRS refuses
    where a command didn't expect it) end in one line, exit 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.ArgumentError,
                sqlalchemy.exc.NoSuchModuleError) as exc:
            message = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            click.echo(_("error: cannot use the database: {message}").format(message=message),
                       err=True)
            ctx.exit(2)
        except LRSError as exc:
            click.echo(_("error: {message}").format(message=exc.message), err=True)
            ctx.exit(2)


@click.group(cls=_Group, help=_("xAPI Learning Record Store."))
def main():
    pass


main.add_command(database.db)
main.add_command(stores.stores)
main.add_command(credentials.credentials)
main.add_command(serve.serve)
main.add_command(erasure.forget_agent)
main.add_command(erasure.audit)
main.add_command(forward.forward)
main.add_command(transfer.export)
main.add_command(transfer.import_)
