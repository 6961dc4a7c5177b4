"""What both blocks share: i18n, templates, static files, the learner's xAPI actor, sending
statements through the outbox, and completion."""

import hashlib
import logging
import uuid

from web_fragments.fragment import Fragment
from xblock.completable import XBlockCompletionMode

from leadership_domain.vocabulary import VERB_DISPLAY, ActivityType

from . import events, rendering
from .settings import SETTINGS_BUCKET, lrs_config
from .xapi import statements
from .xapi.client import client_for
from .xapi.sender import sender_for

log = logging.getLogger(__name__)
ANONYMOUS_NAMESPACE = uuid.UUID("7d3f6c1e-0b0e-4d5a-9a43-2f5bbd1c0a11")


class LeadershipBlockMixin:
    """Mixed into both XBlocks (which declare the services: i18n, user, settings)."""

    block_settings_key = SETTINGS_BUCKET
    has_custom_completion = True
    completion_mode = XBlockCompletionMode.COMPLETABLE

    # -- i18n and rendering -------------------------------------------------------------------
    @property
    def i18n(self):
        return self.runtime.service(self, "i18n")

    def gettext(self, message):
        return self.i18n.gettext(message)

    def render_template(self, name, **context):
        return rendering.render(name, self.i18n, **context)

    def fragment(self, template, js_class, js_args=None, **context):
        """A fragment from a template, with our CSS and the block's script file (no inline JS)."""
        fragment = Fragment(self.render_template(template, **context))
        fragment.add_css_url(self.runtime.local_resource_url(self, "public/css/leadership.css"))
        fragment.add_javascript_url(self.runtime.local_resource_url(self, "public/js/common.js"))
        script = {"LeadershipAssessmentBlock": "assessment", "LearningPathBlock": "path",
                  "LeadershipStudioEditor": "studio"}[js_class]
        fragment.add_javascript_url(self.runtime.local_resource_url(self, f"public/js/{script}.js"))
        fragment.initialize_js(js_class, js_args or {})
        return fragment

    def dom_id(self):
        """A prefix for element ids, unique per block on a page."""
        return "lx-" + hashlib.sha1(str(self.scope_ids.usage_id).encode()).hexdigest()[:10]

    # -- who and where ------------------------------------------------------------------------
    def current_user(self):
        service = self.runtime.service(self, "user")
        return service.get_current_user() if service is not None else None

    def anonymous_user_id(self):
        """The id event-routing-backends puts in its actors, so our statements join up.

        Open edX with event-routing-backends: its external "xapi" id; plain Open edX: the
        runtime's anonymous user id; elsewhere (workbench, tests): a stable UUID of the user id.
        """
        user = self.current_user()
        attrs = getattr(user, "opt_attrs", {}) or {}
        username = attrs.get("edx-platform.username")
        if username:
            try:
                from event_routing_backends.helpers import get_anonymous_user_id
                return str(get_anonymous_user_id(username, "XAPI"))
            except Exception:  # not installed or not configured: fall through
                pass
        if attrs.get("edx-platform.anonymous_user_id"):
            return attrs["edx-platform.anonymous_user_id"]
        return str(uuid.uuid5(ANONYMOUS_NAMESPACE, str(self.scope_ids.user_id)))

    def course_key(self):
        key = getattr(self.scope_ids.usage_id, "course_key", None)
        if key is None:
            key = getattr(self.runtime, "course_id", None)
        return str(key) if key is not None else "course-v1:workbench+leadership+run"

    @property
    def lrs(self):
        return lrs_config(self)

    def actor(self):
        return statements.actor(self.lrs.lms_root_url, self.anonymous_user_id())

    def actor_json(self):
        return statements.actor_json(self.lrs.lms_root_url, self.anonymous_user_id())

    def activity_id(self):
        return statements.block_activity_id(self.lrs.lms_root_url, self.scope_ids.usage_id)

    def lrs_client(self):
        return client_for(self.lrs)

    # -- xAPI and completion --------------------------------------------------------------------
    def emit(self, event_name, data):
        """Publish tracking event ``event_name`` and queue its statement (durably; sent in the
        background unless no LRS is configured, e.g. where event-routing-backends routes our
        events instead). Returns the statement."""
        self.runtime.publish(self, event_name, data)
        config = self.lrs
        parts = events.statement_parts(event_name, data, self.activity_id())
        course = statements.activity(
            statements.course_activity_id(config.lms_root_url, self.course_key()),
            self.course_key(), ActivityType.COURSE)
        statement = statements.build(
            agent=self.actor(), verb_id=parts["verb"], verb_display=VERB_DISPLAY[parts["verb"]],
            obj=statements.activity(*parts["object"]), course=course, result=parts["result"],
            extensions=parts["extensions"], language=rendering.language_of(self.i18n))
        if config.enabled:
            sender_for(config).enqueue([statement])
        else:
            log.info("no LRS configured; statement %s not sent", statement["id"])
        return statement

    def publish_completion(self, value):
        self.runtime.publish(self, "completion", {"completion": max(0.0, min(1.0, value))})
