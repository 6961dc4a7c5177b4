"""Django settings for running the xblock-sdk workbench with our blocks (see xblocks.workbench):
the workbench's own settings, with its database, log and files under XBLOCKS_WORKBENCH_DATA."""

import os

from workbench.settings import *  # noqa: F403

_DATA = os.environ.get("XBLOCKS_WORKBENCH_DATA", os.path.abspath("var"))
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.path.join(_DATA, "workbench.db")}}
LOGGING["handlers"]["logfile"]["filename"] = os.path.join(_DATA, "workbench.log")  # noqa: F405
DJFS = {"type": "osfs", "directory_root": os.path.join(_DATA, "djpyfs"),
        "url_root": "/static/djpyfs"}
XBLOCK_SETTINGS = {}
