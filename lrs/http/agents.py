"""The Agents Resource: /xapi/agents (a Person object for an agent)."""

from flask import Blueprint

from ..xapi.identity import IFI_PROPERTIES
from . import params
from .auth import caller
from .responses import json_response

blueprint = Blueprint("agents", __name__)


@blueprint.route("/agents", methods=["GET"])
def person():
    caller()
    params.check_allowed({"agent"})
    agent = params.agent("agent", required=True)
    result = {"objectType": "Person"}
    if "name" in agent:
        result["name"] = [agent["name"]]
    for prop in IFI_PROPERTIES:
        if prop in agent:
            result[prop] = [agent[prop]]
    return json_response(result)
