"""Wires the blueprints and the request/response hooks into an app."""

from . import about, activities, agents, documents, hooks, statements


def register(app):
    hooks.register(app)
    for module in (about, statements, documents, agents, activities):
        app.register_blueprint(module.blueprint, url_prefix="/xapi")
