"""The Agents Resource: /xapi/agents (a Person object for an agent)."""

from flask import Blueprint

from ..service import statements as service
from . import params
from .auth import caller, storage
from .responses import json_response

blueprint = Blueprint("agents", __name__)


@blueprint.route("/agents", methods=["GET"])
def person():
    params.check_allowed({"agent"})
    agent = params.agent("agent", required=True)
    return json_response(service.person(storage(), caller(), agent))
