"""The player's message catalogues: one JSON file per language in messages/, keyed by the English
message id (gettext style). The renderer uses them for the HTML it writes and hands the same
catalogue to player.js through unit-data.js."""

import json
from functools import cache
from pathlib import Path

MESSAGES_DIR = Path(__file__).parent / "messages"


@cache
def catalogue(language):
    """Messages for `language`, falling back to its base language, then to English."""
    for code in (language, language.split("-")[0], "en"):
        path = MESSAGES_DIR / f"{code}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return {}


def translator(language):
    messages = catalogue(language)

    def gettext(message, **values):
        text = messages.get(message, message)
        return text.format(**values) if values else text
    return gettext
