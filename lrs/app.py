"""The application factory."""

from . import config as lrs_config
from . import mounts
from .http import register as register_http
from .http.alternate import AlternateRequestSyntax
from .service import forwarding
from .service.auth import Authenticator
from .service.limits import RequestLimits
from .storage import SQLStorage


def create_app(config=None):
    app = lrs_config.flask_app(config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]
    storage = SQLStorage(app.config["DATABASE_URL"], echo=app.config["SQL_ECHO"],
                         pool_size=app.config["DATABASE_POOL_SIZE"])
    app.extensions["lrs.storage"] = storage
    app.extensions["lrs.auth"] = Authenticator(
        storage.credentials, public_url=app.config["PUBLIC_URL"],
        cache_seconds=app.config["AUTH_CACHE_SECONDS"])
    app.extensions["lrs.limits"] = RequestLimits(storage.usage)
    forwarding.configure(storage, cache_seconds=float(app.config["FORWARD_RULES_CACHE_SECONDS"]))
    register_http(app)
    app.wsgi_app = AlternateRequestSyntax(app.wsgi_app, max_body=app.config["MAX_BODY_BYTES"])
    app.wsgi_app = mounts.mount(app.wsgi_app, app.config["MOUNTS"])
    return app
