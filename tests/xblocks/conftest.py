"""Fixtures for the XBlock tests: XBlock's own test runtime with real services (i18n, user,
settings), recording what the blocks publish; and a real LRS process for the xAPI tests."""

import json

import pytest
import webob
from xblock.fields import ScopeIds
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import DictKeyValueStore, KvsFieldData, NullI18nService
from xblock.test.tools import TestRuntime

from xblocks.assessment_block import LeadershipAssessmentBlock
from xblocks.path_block import LearningPathBlock
from xblocks.xapi.status import READER

from .catalogue_factory import write_catalogue
from .lrs_process import LRSProcess


class CurrentUserService(UserService):
    def get_current_user(self):
        return self._user


class SettingsService:
    def __init__(self, bucket):
        self.bucket = bucket

    def get_settings_bucket(self, block, default=None):
        return self.bucket


class RecordingRuntime(TestRuntime):
    """TestRuntime that records ``publish`` and answers URLs (the blocks need them to render)."""

    def __init__(self, kvs, user_id, settings):
        user = XBlockUser(is_current_user=True, full_name=f"Learner {user_id}")
        user.opt_attrs["edx-platform.anonymous_user_id"] = f"anon-{user_id}"
        super().__init__(services={"field-data": KvsFieldData(kvs), "i18n": NullI18nService(),
                                   "user": CurrentUserService(user=user),
                                   "settings": SettingsService(settings)})
        self.published = []

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/handler/{block.scope_ids.usage_id}/{handler_name}"

    def local_resource_url(self, block, uri):
        return f"/resource/{block.scope_ids.block_type}/{uri}"

    def resource_url(self, resource):
        return "/static/" + resource

    def publish(self, block, event_type, event_data):
        self.published.append((event_type, event_data))


class Course:
    """Blocks of one course for several learners, sharing one key-value store."""

    def __init__(self, settings):
        self.kvs = DictKeyValueStore()
        self.settings = settings
        self.runtimes = {}

    def block(self, cls, user_id="learner", usage="block-1", **fields):
        runtime = self.runtimes.setdefault(user_id,
                                           RecordingRuntime(self.kvs, user_id, self.settings))
        block_type = {LeadershipAssessmentBlock: "leadership_assessment",
                      LearningPathBlock: "learning_path"}[cls]
        block = runtime.construct_xblock_from_class(
            cls, ScopeIds(user_id, block_type, f"def-{usage}", usage))
        for name, value in fields.items():
            setattr(block, name, value)
        block.save()
        return block


@pytest.fixture(scope="session")
def catalogue_dir(tmp_path_factory):
    return str(write_catalogue(tmp_path_factory.mktemp("catalogue")))


@pytest.fixture
def course(tmp_path, catalogue_dir):
    """A course without an LRS (statements are built but not sent)."""
    READER.forget()
    return Course({"OUTBOX_DIR": str(tmp_path / "outbox"), "LMS_ROOT_URL": "https://lms.test",
                   "CATALOGUE_DIR": catalogue_dir})


@pytest.fixture
def lrs_course(tmp_path, catalogue_dir, lrs_server):
    """A course wired to the real LRS; the status cache is on (60 s) unless a test changes it."""
    READER.forget()
    return Course(lrs_server.settings(tmp_path / "outbox", CATALOGUE_DIR=catalogue_dir))


def call(block, handler, data):
    """POST ``data`` as JSON to a handler, the way the LMS does; returns (status, JSON body)."""
    request = webob.Request.blank("/", method="POST", body=json.dumps(data).encode(),
                                  content_type="application/json")
    response = block.runtime.handle(block, handler, request)
    return response.status_code, json.loads(response.body)


@pytest.fixture(scope="session")
def lrs_server(tmp_path_factory):
    """A real ``lrs serve`` on SQLite, with a credential for the blocks."""
    server = LRSProcess(tmp_path_factory.mktemp("xblocks-lrs"))
    server.start()
    yield server
    server.stop()
