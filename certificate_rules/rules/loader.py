"""Reading a rule file: parse (YAML or JSON), validate against rule.schema.json, resolve module
and path references through the catalogue. Every error names the file and the line."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import jsonschema
import yaml

from ..catalogue import EMPTY
from ..errors import RuleError
from ..i18n import _
from .compiler import compile_node
from .model import Rule

SCHEMA_FILE = Path(__file__).with_name("rule.schema.json")


@functools.cache
def _validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _line_map(text):
    """{path tuple: 1-based line} for every value of a YAML (or JSON) document."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines = {}

    def walk(node, path, line=None):
        lines[path] = line or node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:  # a key's line, not its value's (may be the next)
                walk(value, path + (key.value,), key.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))

    if root is not None:
        walk(root, ())
    return lines


def _line_for(lines, path):
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def _parse(text, filename):
    if filename.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise RuleError(_("not valid JSON: {problem}").format(problem=exc.msg),
                            file=filename, line=exc.lineno) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(_("not valid YAML: {problem}").format(problem=problem), file=filename,
                        line=mark.line + 1 if mark else None) from None


def _schema_message(error):
    where = error.validator
    if where == "propertyNames":
        return _("unknown rule keyword {name!r}").format(name=error.instance)
    if where == "additionalProperties":
        return _("unknown key: {message}").format(message=error.message)
    return error.message


def load_rule_text(text, *, filename="<rule>", catalogue=EMPTY):
    """A Rule from the text of a rule file; RuleError (with file and line) if it is not one."""
    data = _parse(text, filename)
    lines = _line_map(text)
    if not isinstance(data, dict):
        raise RuleError(_("a rule file holds one mapping (id, version, achievement, requires)"),
                        file=filename, line=1)
    errors = sorted(_validator().iter_errors(data),
                    key=lambda error: (_line_for(lines, error.absolute_path) or 0,
                                       -len(error.absolute_path)))
    if errors:
        error = jsonschema.exceptions.best_match(errors) if len(errors) > 1 else errors[0]
        path = tuple(error.absolute_path)
        raise RuleError(_schema_message(error), file=filename, line=_line_for(lines, path),
                        path=path)

    def compile_at(node, path):
        try:
            return compile_node(node, path, catalogue)
        except RuleError as exc:
            where = exc.path or path
            raise RuleError(exc.message, file=filename, line=_line_for(lines, where),
                            path=where) from None

    compiled = {
        "id": data["id"], "version": str(data["version"]), "time": data.get("time", "timestamp"),
        "achievement": data["achievement"],
        "requires": compile_at(data["requires"], ("requires",)),
        "tiers": [dict(tier, requires=compile_at(tier["requires"], ("tiers", index, "requires")))
                  for index, tier in enumerate(data.get("tiers", []))],
        "expiry": data.get("expiry"),
        "renewal": (dict(data["renewal"], requires=compile_at(data["renewal"]["requires"],
                                                              ("renewal", "requires")))
                    if "renewal" in data else None),
    }
    if compiled["renewal"] and not compiled["expiry"]:
        raise RuleError(_("renewal needs an expiry"), file=filename,
                        line=_line_for(lines, ("renewal",)), path=("renewal",))
    digest = hashlib.sha256(json.dumps(compiled, sort_keys=True, ensure_ascii=False,
                                       separators=(",", ":")).encode("utf-8")).hexdigest()
    return Rule(id=compiled["id"], version=compiled["version"], hash=digest,
                time_field=compiled["time"], achievement=compiled["achievement"],
                requires=compiled["requires"], tiers=tuple(compiled["tiers"]),
                expiry=compiled["expiry"], renewal=compiled["renewal"], source=filename)


def load_rule(path, *, catalogue=EMPTY):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(_("cannot read the rule file: {reason}").format(
            reason=exc.strerror or exc), file=str(path)) from None
    except UnicodeDecodeError:
        raise RuleError(_("the rule file is not UTF-8 text"), file=str(path)) from None
    return load_rule_text(text, filename=str(path), catalogue=catalogue)
