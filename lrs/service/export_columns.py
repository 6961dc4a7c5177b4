"""The CSV columns of `lrs export --format csv`: one flat row per statement.

For spreadsheet users: who did what to what, with which result, when. Each column
is a small pure function of the statement (and the language picked for display
maps); the exact statement is only in the NDJSON export. Free-text cells that a
spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
leading apostrophe (OWASP's advice against CSV injection).
"""

from ..xapi.identity import agent_ifi


def _dict(value):
    return value if isinstance(value, dict) else {}


def display(language_map, language):
    """The value of a language map in ``language``, else its primary language, else
    the first one there is."""
    if not isinstance(language_map, dict) or not language_map:
        return ""
    lowered = {str(tag).lower(): value for tag, value in language_map.items()}
    wanted = language.lower()
    if wanted in lowered:
        return lowered[wanted]
    primary = wanted.split("-")[0]
    for tag, value in lowered.items():
        if tag.split("-")[0] == primary:
            return value
    return next(iter(language_map.values()))


def text(value):
    """A free-text cell that no spreadsheet runs as a formula."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _value(value):
    """A number or boolean as the JSON spells it; nothing when absent."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _object_name(obj, language):
    if obj.get("objectType", "Activity") == "Activity":
        return display(_dict(obj.get("definition")).get("name"), language)
    return obj.get("name", "")


def _activity_ids(statement, kind):
    activities = _dict(_dict(statement.get("context")).get("contextActivities")).get(kind)
    if isinstance(activities, dict):
        activities = [activities]
    return " ".join(a["id"] for a in activities or [] if isinstance(a, dict)
                    and isinstance(a.get("id"), str))


def _score(part):
    return lambda s, lang: _value(_dict(_dict(s.get("result")).get("score")).get(part))


def _result(part):
    return lambda s, lang: _value(_dict(s.get("result")).get(part))


def _context(part):
    return lambda s, lang: text(_dict(s.get("context")).get(part))


COLUMNS = {
    "id": lambda s, lang: s.get("id", ""),
    "stored": lambda s, lang: s.get("stored", ""),
    "timestamp": lambda s, lang: s.get("timestamp", ""),
    "actor_type": lambda s, lang: _dict(s.get("actor")).get("objectType", "Agent"),
    "actor_name": lambda s, lang: text(_dict(s.get("actor")).get("name")),
    "actor_ifi": lambda s, lang: text(agent_ifi(_dict(s.get("actor")))),
    "verb_id": lambda s, lang: _dict(s.get("verb")).get("id", ""),
    "verb_display": lambda s, lang: text(display(_dict(s.get("verb")).get("display"), lang)),
    "object_type": lambda s, lang: _dict(s.get("object")).get("objectType", "Activity"),
    "object_id": lambda s, lang: text(_dict(s.get("object")).get("id")
                                      or agent_ifi(_dict(s.get("object")))),
    "object_name": lambda s, lang: text(_object_name(_dict(s.get("object")), lang)),
    "result_score_scaled": _score("scaled"),
    "result_score_raw": _score("raw"),
    "result_score_min": _score("min"),
    "result_score_max": _score("max"),
    "result_success": _result("success"),
    "result_completion": _result("completion"),
    "result_duration": _result("duration"),
    "result_response": lambda s, lang: text(_dict(s.get("result")).get("response")),
    "context_registration": lambda s, lang: _dict(s.get("context")).get("registration", ""),
    "context_platform": _context("platform"),
    "context_language": _context("language"),
    "context_parent": lambda s, lang: _activity_ids(s, "parent"),
    "context_grouping": lambda s, lang: _activity_ids(s, "grouping"),
    "authority": lambda s, lang: text(agent_ifi(_dict(s.get("authority")))),
    "version": lambda s, lang: s.get("version", ""),
}


def row(statement, voided, language):
    """The cells of one statement, in COLUMNS order, then `voided`."""
    return [cell(statement, language) for cell in COLUMNS.values()] + [_value(voided)]


HEADER = [*COLUMNS, "voided"]
