"""The Django app config of the plugin (found by edx-django-utils through the entry point)."""

import logging

from django.apps import AppConfig

log = logging.getLogger(__name__)


class LeadershipEventRoutingConfig(AppConfig):
    name = "xblocks.erb"
    label = "leadership_xblocks_erb"
    verbose_name = "Leadership XBlocks: event-routing-backends transformers"
    plugin_app = {
        "settings_config": {
            "lms.djangoapp": {"common": {"relative_path": "settings"},
                              "production": {"relative_path": "settings"}},
        },
    }

    def ready(self):
        try:
            from . import transformers  # noqa: F401  (registers on import)
        except ImportError:  # event-routing-backends not installed: nothing to register
            log.info("event-routing-backends not installed; leadership transformers skipped")
