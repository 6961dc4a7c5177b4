"""The About Resource: /xapi/about (no authentication)."""

from flask import Blueprint

from ..xapi.versions import ABOUT_VERSIONS
from . import params
from .responses import json_response

blueprint = Blueprint("about", __name__)


@blueprint.route("/about", methods=["GET"])
def about():
    params.check_allowed(set())
    return json_response({"version": ABOUT_VERSIONS, "extensions": {}})
