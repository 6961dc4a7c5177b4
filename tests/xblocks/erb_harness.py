"""An Open edX LMS in miniature with event-routing-backends (ERB) and our plugin, in a fresh
interpreter (Django settings are once per process and the workbench tests configure their own).

``python -m tests.xblocks.erb_harness`` prints JSON: what our blocks published and sent, and
the statements ERB made of those events. As in the LMS: Django settings are assembled by
edx-django-utils' plugin machinery from the ``lms.djangoapp`` entry points (ERB's and ours),
handler calls run inside the request and module tracking contexts, ``runtime.publish`` goes to
eventtracking, and the event-transformer backend's allow-lists and ERB's ``XApiProcessor`` (with
its registry) turn the events into xAPI statements.

edx-platform is not on PyPI: the three functions ERB imports from it are stand-ins here (as in
ERB's own tests)."""

import json
import os
import sys
import tempfile
import types
import uuid

LMS_ROOT_URL = "https://lms.example.org"
COURSE_ID = "course-v1:UN+LEAD101+2026"
USERNAME = "amina"


def install_edx_platform_stand_ins():
    external_ids = {}

    class ExternalIdType:
        XAPI, CALIPER, LTI = "xapi", "caliper", "lti"

    class ExternalId:
        """As edx-platform's: one UUID per user and type, made on first use, then kept."""

        def __init__(self, external_user_id):
            self.external_user_id = external_user_id

        @classmethod
        def add_new_user_id(cls, user, type_name):
            created = (user.id, type_name) not in external_ids
            if created:
                external_ids[user.id, type_name] = cls(uuid.uuid4())
            return external_ids[user.id, type_name], created

    stand_ins = {
        "openedx.core.djangoapps.external_user_ids.models": {
            "ExternalId": ExternalId, "ExternalIdType": ExternalIdType},
        "openedx.core.djangoapps.content.course_overviews.api": {
            "get_course_overviews": lambda keys: [{"display_name": "Leading in the UN"}
                                                  for _key in keys]},
        "common.djangoapps.student.models": {
            "get_potentially_retired_user_by_username": lambda username: None},
    }
    for name, attributes in stand_ins.items():
        module = types.ModuleType(name)
        module.__dict__.update(attributes)
        sys.modules[name] = module


def configure_django():
    """LMS-like settings: base values, then every ``lms.djangoapp`` plugin's apps and settings."""
    from edx_django_utils.plugins import add_plugins, get_plugin_apps
    lms, common = "lms.djangoapp", "common"  # edx-platform's ProjectType.LMS, SettingsType.COMMON

    settings = types.ModuleType("erb_harness_lms_settings")
    settings.__dict__.update(
        SECRET_KEY="harness-only", USE_TZ=True, LMS_ROOT_URL=LMS_ROOT_URL,
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "config_models"],
        EVENT_TRACKING_BACKENDS={}, XBLOCK_SETTINGS={},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField")
    sys.modules[settings.__name__] = settings
    settings.INSTALLED_APPS += get_plugin_apps(lms)
    add_plugins(settings.__name__, lms, common)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings.__name__
    import django
    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    settings.MIGRATION_MODULES = dict.fromkeys(c.label for c in apps.get_app_configs())
    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    return settings


def xapi_pipeline(settings):
    """The event-transformer backend's processors for xAPI, as configured in the settings."""
    from event_routing_backends.processors.xapi.transformer_processor import XApiProcessor
    from eventtracking.processors.whitelist import NameWhitelistProcessor

    transformer = settings.EVENT_TRACKING_BACKENDS["event_transformer"]["OPTIONS"]
    outer = transformer["processors"][0]["OPTIONS"]["whitelist"]
    inner = transformer["backends"]["xapi"]["OPTIONS"]["processors"][0]["OPTIONS"]["whitelist"]
    return [NameWhitelistProcessor(whitelist=outer), NameWhitelistProcessor(whitelist=inner),
            XApiProcessor()]


def run():
    install_edx_platform_stand_ins()
    settings = configure_django()
    from django.contrib.auth import get_user_model
    from event_routing_backends.helpers import get_anonymous_user_id
    from eventtracking.tracker import Tracker
    from opaque_keys.edx.keys import UsageKey
    from xblock.fields import ScopeIds

    from leadership_domain.samples import sample_catalogue
    from xblocks.assessment_block import LeadershipAssessmentBlock
    from xblocks.path_block import LearningPathBlock

    from .conftest import Course, RecordingRuntime, call

    user = get_user_model().objects.create(username=USERNAME, email="amina@example.org")
    emitted = []

    class CeleryHandOver:
        """What the async backend hands to its worker: the event, JSON-serialised."""

        def send(self, event):
            emitted.append(json.loads(json.dumps(event, default=lambda v: v.isoformat())))

    tracker = Tracker(backends={"event_transformer": CeleryHandOver()})

    class LMSRuntime(RecordingRuntime):
        def publish(self, block, event_type, event_data):
            super().publish(block, event_type, event_data)
            if event_type == "completion":  # the LMS hands these to the completion API
                return
            context = {"course_id": COURSE_ID, "org_id": "UN", "user_id": user.id,
                       "asides": {}}
            with tracker.context(event_type, context):
                tracker.emit(event_type, event_data)

    # No LRS_ENDPOINT, as where ERB routes our events: the outbox is never opened.
    course, sent = Course({"OUTBOX_DIR": os.path.join(tempfile.gettempdir(), "erb-harness")}), []

    def block(cls, usage, **fields):
        runtime = LMSRuntime(course.kvs, USERNAME, course.settings)
        block_type = {LeadershipAssessmentBlock: "leadership_assessment",
                      LearningPathBlock: "learning_path"}[cls]
        usage_key = UsageKey.from_string(
            f"block-v1:UN+LEAD101+2026+type@{block_type}+block@{usage}")
        made = runtime.construct_xblock_from_class(
            cls, ScopeIds(USERNAME, block_type, f"def-{usage}", usage_key))
        made.current_user().opt_attrs["edx-platform.username"] = USERNAME
        for name, value in fields.items():
            setattr(made, name, value)
        original_emit = made.emit
        made.emit = lambda name, data: sent.append(original_emit(name, data)) or sent[-1]
        return made, str(usage_key)

    def in_request(action, usage_key=None, display_name=None):
        """The contexts of an LMS request (track middleware), and of a handler call if any."""
        request = {"username": USERNAME, "session": "5f1e0c", "ip": "127.0.0.1",
                   "host": "lms.example.org", "path": f"/courses/{COURSE_ID}/courseware"}
        module = {"module": {"display_name": display_name, "usage_key": usage_key}}
        with tracker.context("edx.request", request):
            if usage_key is None:  # a page view: no handler context
                return action()
            with tracker.context("module_callback_handler", module):
                return action()

    assessment, key = block(LeadershipAssessmentBlock, "a360", mode="multi-rater",
                            level="manager", display_name="Leadership 360")
    answers = {item.id: "often" for item in assessment.assessment_items()}
    in_request(lambda: call(assessment, "submit_self", {"answers": answers}), key, "Leadership 360")
    in_request(lambda: call(assessment, "invite", {"role": "peer"}), key, "Leadership 360")

    path_iri = next(iter(sample_catalogue().paths))
    path, _key = block(LearningPathBlock, "path1", path_id=path_iri)
    modules = [step.module for step in path.path_model().steps()]
    path.lrs_state = {"statuses": dict.fromkeys(modules, "passed"), "since": None,
                      "tracked": [], "checked_at": None}
    in_request(lambda: path.runtime.render(path, "student_view"))  # reports progress

    pipeline = xapi_pipeline(settings)
    statements = []
    for event in emitted:
        batch = [event]  # the processors take lists (ERB batches events)
        for step in pipeline:
            batch = step(batch)
        statements.extend(batch)
    return {"without_module": _error_without_module(emitted[0], pipeline[-1]),
            "published": [(e["name"], e["data"]) for e in emitted], "sent": sent,
            "statements": statements, "lms_root_url": LMS_ROOT_URL, "course_id": COURSE_ID,
            "external_id": get_anonymous_user_id(str(user.id), "XAPI"),
            "allowed": settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS}


def _error_without_module(event, processor):
    """What ERB does with a block event lacking the handler's tracking context."""
    event = {**event, "context": {k: v for k, v in event["context"].items() if k != "module"}}
    try:
        return {"statements": processor([event])}
    except Exception as error:  # noqa: BLE001  (reported to the test, which checks it)
        return {"error": type(error).__name__, "message": str(error)}


if __name__ == "__main__":
    print(json.dumps(run(), default=str))
