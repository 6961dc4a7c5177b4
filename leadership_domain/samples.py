"""The sample catalogue shipped inside the package (original content written for this project)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from .catalogue import Catalogue, load_catalogue

BASE = "https://w3id.org/xapi/un-leadership/catalogue/"
FIRST_REPORTING_OFFICER_PATH = BASE + "paths/first-reporting-officer"
EMERGING_LEADERS_PATH = BASE + "paths/emerging-leaders"


def sample_catalogue_path() -> Path:
    """The directory of the sample catalogue (a real directory: the package is not zipped)."""
    return Path(str(resources.files("leadership_domain").joinpath("sample_catalogue")))


@cache
def sample_catalogue() -> Catalogue:
    """The sample catalogue, loaded and checked once per process."""
    return load_catalogue(sample_catalogue_path())
