"""The tracking events the blocks publish (``runtime.publish``) besides sending statements.

Open edX records them in its tracking log. Instances running event-routing-backends can let it
route them to the LRS instead of our own sender: ``xblocks.erb`` registers a transformer per
event that builds the same statement the block's sender would (``statement_parts``).
"""

from leadership_domain.vocabulary import ActivityType, ContextExtension, ResultExtension, Verb

ASSESSMENT_SUBMITTED = "edx.leadership.assessment.submitted"
RATERS_INVITED = "edx.leadership.assessment.invited"
PATH_PROGRESSED = "edx.leadership.path.progressed"
PATH_COMPLETED = "edx.leadership.path.completed"
EVENTS = (ASSESSMENT_SUBMITTED, RATERS_INVITED, PATH_PROGRESSED, PATH_COMPLETED)


def _assessment_type(data):
    return (ActivityType.MULTI_RATER_ASSESSMENT if data.get("mode") == "multi-rater"
            else ActivityType.SELF_ASSESSMENT)


def statement_parts(event_name, data, block_iri):
    """Verb, object (id, name, type), result and context extensions for one of our events.

    ``block_iri`` is the block's activity id (``{LMS root}/xblock/{usage key}``); paths use
    their catalogue IRI. Plain dicts, so both the block and the event-routing-backends
    transformers build identical statements from them.
    """
    if event_name == ASSESSMENT_SUBMITTED:
        result = {"completion": True, "extensions": {
            ResultExtension.CHARACTERISTIC_SCORES: data["means"],
            ResultExtension.EXPECTED_SCORES: data["expected"]}}
        if data.get("scaled") is not None:
            result["scaled"] = data["scaled"]
        return {"verb": Verb.COMPLETED,
                "object": (block_iri, data["display_name"], _assessment_type(data)),
                "result": result,
                "extensions": {ContextExtension.LEVEL: data["level"],
                               ContextExtension.ITEM_SET: data["item_set"],
                               ContextExtension.ASSESSMENT_MODE: data["mode"]}}
    if event_name == RATERS_INVITED:
        return {"verb": Verb.INVITED,
                "object": (block_iri, data["display_name"], _assessment_type(data)),
                "result": None, "extensions": {ContextExtension.RATER_ROLE: data["role"]}}
    path = (data["path_id"], data["path_title"], ActivityType.LEARNING_PATH)
    if event_name == PATH_PROGRESSED:
        return {"verb": Verb.PROGRESSED, "object": path, "result": {"extensions": {
            ResultExtension.PROGRESS: data["progress"],
            ResultExtension.MILESTONES_REACHED: data["milestones_reached"]}},
            "extensions": None}
    if event_name == PATH_COMPLETED:
        return {"verb": Verb.COMPLETED, "object": path,
                "result": {"completion": True, "extensions": {ResultExtension.PROGRESS: 100}},
                "extensions": None}
    raise KeyError(event_name)
