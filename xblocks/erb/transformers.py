"""xAPI transformers for the blocks' tracking events (imported only where event-routing-backends
is installed). They build the statement the blocks' own sender would, from
``xblocks.events.statement_parts``; event-routing-backends adds its actor (the same account) and
timestamp."""

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


class LeadershipTransformer(XApiTransformer):
    additional_fields = ("result",)

    @property
    def parts(self):
        usage_key = self.get_data("context.module.usage_key") or ""
        return events.statement_parts(self.get_data("name", True), self.get_data("data", True),
                                      self.get_object_iri("xblock", usage_key))

    def get_verb(self):
        verb = self.parts["verb"]
        return Verb(id=verb, display=LanguageMap({"en-US": VERB_DISPLAY[verb]}))

    verb = property(get_verb)

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
