"""The About Resource: /xapi/about (no credentials and no version header needed)."""

from flask import Blueprint, g

from ..xapi.versions import about_versions
from . import params
from .responses import json_response

blueprint = Blueprint("about", __name__)


@blueprint.route("/about", methods=["GET"])
def about():
    params.check_allowed(set())
    # A 1.0.x client is shown the 1.0.x line (it knows no other); others see all we speak.
    return json_response({"version": about_versions(g.get("xapi_version")), "extensions": {}})
