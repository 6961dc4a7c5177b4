"""The Activities Resource: /xapi/activities (the canonical definition)."""

from flask import Blueprint

from ..xapi.activities import activity_object
from . import params
from .auth import caller, storage
from .responses import json_response

blueprint = Blueprint("activities", __name__)


@blueprint.route("/activities", methods=["GET"])
def activity():
    who = caller()
    params.check_allowed({"activityId"})
    iri = params.iri("activityId", required=True)
    definition = storage().statements.activity(who.store_id, iri)
    return json_response(activity_object(iri, definition))
