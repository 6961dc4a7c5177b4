"""Turning a validated rule node into the form the engine runs: module references become activity
IRIs, sugar becomes ``module`` leaves, paths expand into their required and elective groups.
Same style as the engine: one small function per keyword, dispatched from a dict."""

from __future__ import annotations

from datetime import datetime

from leadership_domain import framework

from ..errors import RuleError
from ..i18n import _


def _children(args, path, catalogue, key=None):
    base = path + ((key,) if key else ())
    return [compile_node(child, base + (index,), catalogue) for index, child in enumerate(args)]


def _all(args, path, catalogue):
    return {"all": _children(args, path, catalogue)}


def _any(args, path, catalogue):
    return {"any": _children(args, path, catalogue)}


def _n_of(args, path, catalogue):
    if args["n"] > len(args["of"]):
        raise RuleError(_("n_of asks for {n} of only {m} nodes").format(
            n=args["n"], m=len(args["of"])), path=path + ("n",))
    return {"n_of": {"n": args["n"], "of": _children(args["of"], path, catalogue, "of")}}


def _not(args, path, catalogue):
    return {"not": compile_node(args, path, catalogue)}


def _module_leaf(ref, move_on, path, catalogue):
    try:
        iri = catalogue.module_iri(ref)
    except RuleError as exc:
        raise RuleError(exc.message, path=path) from None
    return {"module": {"ref": ref, "iri": iri, "move_on": move_on}}


def _module(args, path, catalogue):
    move_on = args.get("move_on") or catalogue.module_move_on(args["ref"])
    return _module_leaf(args["ref"], move_on, path + ("ref",), catalogue)


def _module_completed(args, path, catalogue):
    return _module_leaf(args, "Completed", path, catalogue)


def _module_passed(args, path, catalogue):
    return _module_leaf(args, "Passed", path, catalogue)


def _activity(args, path, catalogue):
    if "module" in args:
        try:
            return args["module"], catalogue.module_iri(args["module"])
        except RuleError as exc:
            raise RuleError(exc.message, path=path + ("module",)) from None
    return args["activity"], args["activity"]


def _score_at_least(args, path, catalogue):
    ref, iri = _activity(args, path, catalogue)
    return {"score_at_least": {"ref": ref, "iri": iri, "min": args["min"]}}


def _assessment_completed(args, path, catalogue):
    ref, iri = _activity(args, path, catalogue)
    return {"assessment_completed": {"ref": ref, "iri": iri}}


def _path_completed(args, path, catalogue):
    try:
        spec = catalogue.path(args)
    except RuleError as exc:
        raise RuleError(exc.message, path=path) from None
    parts = [_module_leaf(ref, catalogue.module_move_on(ref), path, catalogue)
             for ref in spec.required]
    for n, refs in spec.electives:
        parts.append({"n_of": {"n": n, "of": [
            _module_leaf(ref, catalogue.module_move_on(ref), path, catalogue) for ref in refs]}})
    return {"path_completed": {"ref": args, "requires": {"all": parts}}}


def activities(node):
    """Every activity IRI a compiled node looks at."""
    found = set()
    for keyword, args in node.items():
        if keyword in ("module", "score_at_least", "assessment_completed"):
            found.add(args["iri"])
        elif keyword in ("all", "any"):
            for child in args:
                found |= activities(child)
        elif keyword == "n_of":
            for child in args["of"]:
                found |= activities(child)
        elif keyword in ("not",):
            found |= activities(args)
        elif keyword in ("window", "path_completed"):
            found |= activities(args["requires"])
    return found


def _window(args, path, catalogue):
    for bound in ("start", "end"):
        if bound in args:
            try:
                moment = datetime.fromisoformat(args[bound])
            except ValueError:
                raise RuleError(_("{bound} is not an ISO 8601 date-time").format(bound=bound),
                                path=path + (bound,)) from None
            if moment.tzinfo is None:
                raise RuleError(_("{bound} needs a time zone (e.g. Z)").format(bound=bound),
                                path=path + (bound,))
    if "start" in args and "end" in args and (
            datetime.fromisoformat(args["start"]) >= datetime.fromisoformat(args["end"])):
        raise RuleError(_("the window ends before it starts"), path=path + ("end",))
    requires = compile_node(args["requires"], path + ("requires",), catalogue)
    return {"window": {"start": args.get("start"), "end": args.get("end"),
                       "days": args.get("days"), "requires": requires,
                       "activities": sorted(activities(requires))}}


def _certificate_held(args, path, catalogue):
    return {"certificate_held": {"iri": args}}


def _attribute(args, path, catalogue):
    tests = [key for key in ("equals", "in", "at_least") if key in args]
    if len(tests) != 1:
        raise RuleError(_("an attribute test needs exactly one of equals, in, at_least"),
                        path=path)
    order = args.get("order")
    if "at_least" in args:
        if order is None and args["name"] == "level":
            order = list(framework.LEVEL_IDS)
        if order is None:
            raise RuleError(_("at_least needs an order for attribute {name!r}").format(
                name=args["name"]), path=path)
        if args["at_least"] not in order:
            raise RuleError(_("{value!r} is not one of {order}").format(
                value=args["at_least"], order=", ".join(order)), path=path + ("at_least",))
    return {"attribute": dict(args, order=order) if order else dict(args)}


COMPILERS = {
    "all": _all, "any": _any, "n_of": _n_of, "not": _not, "module": _module,
    "module_completed": _module_completed, "module_passed": _module_passed,
    "score_at_least": _score_at_least, "assessment_completed": _assessment_completed,
    "path_completed": _path_completed, "window": _window, "certificate_held": _certificate_held,
    "attribute": _attribute,
}


def compile_node(node, path, catalogue):
    ((keyword, args),) = node.items()
    return COMPILERS[keyword](args, path + (keyword,), catalogue)
