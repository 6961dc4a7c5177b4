"""Plugin settings: let event-routing-backends pass our events to its xAPI transformers."""

from ..events import EVENTS


def plugin_settings(settings):
    allowed = list(getattr(settings, "EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS", []))
    settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS = allowed + [
        event for event in EVENTS if event not in allowed]
    if not getattr(settings, "EVENT_TRACKING_BACKENDS", None):
        return  # not an Open edX with event routing: nothing more to wire
    try:
        from event_routing_backends.utils.settings import event_tracking_backends_config
    except ImportError:
        return
    # Each tracking backend keeps its own copy of the allow list, made when it was defined.
    settings.EVENT_TRACKING_BACKENDS.update(event_tracking_backends_config(
        settings, settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS,
        getattr(settings, "EVENT_TRACKING_BACKENDS_ALLOWED_CALIPER_EVENTS", [])))
