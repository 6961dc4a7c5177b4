"""xAPI transformers for the blocks' tracking events (imported only where event-routing-backends
is installed). They build the statement the blocks' own sender would, from
``xblocks.events.statement_parts``; event-routing-backends adds its actor (the same account),
the course as parent, its context extensions and the timestamp.

The verb comes from a mixin placed after ``XApiTransformer``, as in event-routing-backends' own
transformers, so its ``get_verb`` filter hook (openedx-filters) still wraps ours.
"""

from event_routing_backends.processors.openedx_filters.decorators import openedx_filter
from event_routing_backends.processors.xapi.registry import XApiTransformersRegistry
from event_routing_backends.processors.xapi.transformer import XApiTransformer
from tincan import (
    Activity,
    ActivityDefinition,
    Extensions,
    LanguageMap,
    Result,
    Score,
    Verb,
)

from leadership_domain.vocabulary import VERB_DISPLAY

from .. import events

# Events about the block itself: their object is the block, named by the usage key that the LMS
# puts in the tracking context of every handler call (``context.module.usage_key``).
BLOCK_EVENTS = (events.ASSESSMENT_SUBMITTED, events.RATERS_INVITED)


class LeadershipPartsMixin:
    @property
    def parts(self):
        name = self.get_data("name", True)
        # Required for block events: without it the object id would be wrong, so fail loudly.
        usage_key = self.get_data("context.module.usage_key", name in BLOCK_EVENTS)
        block_iri = self.get_object_iri("xblock", usage_key) if usage_key else None
        return events.statement_parts(name, self.get_data("data", True), block_iri)

    def get_verb(self):
        verb = self.parts["verb"]
        return Verb(id=verb, display=LanguageMap({"en-US": VERB_DISPLAY[verb]}))


class LeadershipTransformer(XApiTransformer, LeadershipPartsMixin):
    additional_fields = ("result",)

    @openedx_filter(filter_type="xblocks.erb.transformers.leadership.get_object")
    def get_object(self):
        object_id, name, kind = self.parts["object"]
        return Activity(id=object_id, definition=ActivityDefinition(
            type=kind, name=LanguageMap({"en": name})))

    def get_result(self):
        result = self.parts["result"]
        if not result:
            return None
        return Result(completion=result.get("completion"), success=result.get("success"),
                      score=Score(scaled=result["scaled"]) if "scaled" in result else None,
                      extensions=Extensions(result.get("extensions") or {}))

    def get_context_extensions(self):
        extensions = super().get_context_extensions()
        extensions.update(self.parts["extensions"] or {})
        return extensions


for _event in events.EVENTS:
    XApiTransformersRegistry.register(_event)(LeadershipTransformer)
