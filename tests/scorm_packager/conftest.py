"""Fixtures: the test catalogue (English and Arabic, images, a video link, a two-item quiz) and
its packages in the four formats, built once per session."""

from pathlib import Path

import pytest

from scorm_packager.build import build
from scorm_packager.catalogue import module_course, open_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
CATALOGUE = FIXTURES / "catalogue"
MODULE_IRI = "https://learning.example.org/modules/giving-feedback"
FORMATS = ("scorm12", "scorm2004-3", "scorm2004-4", "cmi5")


@pytest.fixture(scope="session")
def catalogue():
    return open_catalogue(CATALOGUE)


@pytest.fixture(scope="session")
def module(catalogue):
    return catalogue.module(MODULE_IRI)


@pytest.fixture(scope="session")
def packages(module, tmp_path_factory):
    """{format: zip path} for the fixture module."""
    folder = tmp_path_factory.mktemp("packages")
    return {fmt: build(module_course(module), fmt, folder / f"{fmt}.zip") for fmt in FORMATS}


# A real `lrs serve` for the cmi5 tests, started the way the LRS client tests start it.
from tests.lrs.clients.conftest import live_lrs  # noqa: E402, F401
