"""The pure, deterministic rule engine: ``evaluate(rule, learner, now=...)`` reads no clock, no
file and no network. Each keyword is a small function (args, context, path) -> NodeResult,
dispatched from ``KEYWORDS`` the way jsonschema dispatches validators.

Windows are half-open: a statement at ``start`` counts, one at ``end`` does not; nothing after
``now`` counts. Times are each statement's ``timestamp`` or ``stored``, as the rule says."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from leadership_domain.vocabulary import Verb

from ..i18n import _
from .model import Decision, NodeResult

_TICK = timedelta(microseconds=1)
_COMPLETION_VERBS = {Verb.COMPLETED, Verb.PASSED, Verb.FAILED}
_SATISFYING_VERBS = {Verb.SATISFIED, Verb.WAIVED}
MAX_RENEWALS = 100


@dataclass(frozen=True)
class Context:
    record: object  # LearnerRecord
    now: datetime
    time_field: str
    start: datetime | None
    end: datetime  # exclusive
    attributes: dict

    def events(self, iri):
        """The learner's events on ``iri`` inside the window, oldest first."""
        field, start, end = self.time_field, self.start, self.end
        found = [event for event in self.record.by_activity.get(iri, ())
                 if (start is None or event.time(field) >= start) and event.time(field) < end]
        found.sort(key=lambda event: (event.time(field), event.id))
        return found


def _first(ctx, iri, test):
    for event in ctx.events(iri):
        if test(event):
            return event
    return None


def _is_completed(event):
    return event.verb == Verb.COMPLETED or event.completion is True or (
        event.verb in _SATISFYING_VERBS)


def _is_passed(event):
    return event.verb == Verb.PASSED or event.verb in _SATISFYING_VERBS or (
        event.success is True and event.verb != Verb.FAILED)


def _module(args, ctx, path):
    iri, move_on = args["iri"], args["move_on"]
    if move_on == "NotApplicable":
        return NodeResult(path, "module", True,
                          _("{iri}: moveOn NotApplicable, satisfied without statements").format(
                              iri=iri))
    completed = _first(ctx, iri, _is_completed)
    passed = _first(ctx, iri, _is_passed)
    needed = {"Completed": [completed], "Passed": [passed],
              "CompletedAndPassed": [completed, passed]}.get(move_on)
    if needed is None:  # CompletedOrPassed: whichever came first
        candidates = [event for event in (completed, passed) if event]
        needed = [min(candidates, key=lambda e: e.time(ctx.time_field))] if candidates else [None]
    if all(needed):
        used = {event.id: event for event in needed}.values()
        at = max(event.time(ctx.time_field) for event in used)
        return NodeResult(path, "module", True,
                          _("{iri}: moveOn {move_on} met").format(iri=iri, move_on=move_on),
                          tuple(event.id for event in used), at)
    return NodeResult(path, "module", False,
                      _("{iri}: moveOn {move_on} not met").format(iri=iri, move_on=move_on))


def _score_at_least(args, ctx, path):
    iri, minimum = args["iri"], args["min"]
    scored = [event for event in ctx.events(iri) if event.scaled is not None]
    for event in scored:
        if event.scaled >= minimum:
            return NodeResult(path, "score_at_least", True,
                              _("{iri}: scaled score {score} >= {minimum}").format(
                                  iri=iri, score=event.scaled, minimum=minimum),
                              (event.id,), event.time(ctx.time_field))
    if not scored:
        return NodeResult(path, "score_at_least", False,
                          _("{iri}: no scored statement").format(iri=iri))
    best = max(scored, key=lambda event: event.scaled)
    return NodeResult(path, "score_at_least", False,
                      _("{iri}: best scaled score {score} < {minimum}").format(
                          iri=iri, score=best.scaled, minimum=minimum), (best.id,))


def _assessment_completed(args, ctx, path):
    iri = args["iri"]
    event = _first(ctx, iri, lambda e: e.verb in _COMPLETION_VERBS or e.completion is True)
    if event is None:
        return NodeResult(path, "assessment_completed", False,
                          _("{iri}: not completed").format(iri=iri))
    return NodeResult(path, "assessment_completed", True,
                      _("{iri}: completed").format(iri=iri), (event.id,),
                      event.time(ctx.time_field))


def _combine(path, keyword, satisfied, detail, children, used, at):
    ids = []
    for child in used:
        ids.extend(child.statements)
    return NodeResult(path, keyword, satisfied, detail, tuple(dict.fromkeys(ids)), at, children)


def _latest(results):
    moments = [result.at for result in results if result.at is not None]
    return max(moments) if moments else None


def _all(args, ctx, path):
    children = [evaluate_node(child, ctx, f"{path}/{i}") for i, child in enumerate(args)]
    met = [child for child in children if child.satisfied]
    ok = len(met) == len(children)
    return _combine(path, "all", ok, _("{met} of all {total} met").format(
        met=len(met), total=len(children)), children, met if ok else [], _latest(met) if ok
        else None)


def _by_time(results):
    far = datetime.max.replace(tzinfo=None)
    return sorted(results, key=lambda r: (r.at.replace(tzinfo=None) if r.at else far, r.path))


def _any(args, ctx, path):
    children = [evaluate_node(child, ctx, f"{path}/{i}") for i, child in enumerate(args)]
    met = _by_time([child for child in children if child.satisfied])
    detail = _("{met} of {total} met, any one needed").format(met=len(met), total=len(children))
    return _combine(path, "any", bool(met), detail, children, met[:1],
                    met[0].at if met else None)


def _n_of(args, ctx, path):
    n = args["n"]
    children = [evaluate_node(child, ctx, f"{path}/of/{i}") for i, child in enumerate(args["of"])]
    met = _by_time([child for child in children if child.satisfied])
    ok = len(met) >= n
    detail = _("{met} of {total} met, {n} needed").format(met=len(met), total=len(children), n=n)
    return _combine(path, "n_of", ok, detail, children, met[:n] if ok else [],
                    _latest(met[:n]) if ok else None)


def _not(args, ctx, path):
    child = evaluate_node(args, ctx, f"{path}/0")
    detail = _("the negated node is not met") if not child.satisfied else _(
        "the negated node is met")
    return NodeResult(path, "not", not child.satisfied, detail, child.statements, None, [child])


def _path_completed(args, ctx, path):
    child = evaluate_node(args["requires"], ctx, f"{path}/requires")
    detail = _("learning path {ref}: {state}").format(
        ref=args["ref"], state=_("completed") if child.satisfied else _("not completed"))
    return NodeResult(path, "path_completed", child.satisfied, detail, child.statements,
                      child.at, [child])


def _window(args, ctx, path):
    field = ctx.time_field
    if args["days"]:
        firsts = [events[0].time(field) for events in (ctx.events(iri)
                                                       for iri in args["activities"]) if events]
        if not firsts:
            return NodeResult(path, "window", False,
                              _("no activity yet: the {days}-day window has not started").format(
                                  days=args["days"]))
        start = min(firsts)
        end = start + timedelta(days=args["days"])
    else:
        start = datetime.fromisoformat(args["start"]) if args["start"] else None
        end = datetime.fromisoformat(args["end"]) if args["end"] else None
    inner_start = max(filter(None, [start, ctx.start]), default=None)
    inner_end = min(filter(None, [end, ctx.end]))
    child = evaluate_node(args["requires"], replace(ctx, start=inner_start, end=inner_end),
                          f"{path}/requires")
    detail = _("within [{start}, {end})").format(start=_iso(start), end=_iso(end))
    return NodeResult(path, "window", child.satisfied, detail, child.statements, child.at,
                      [child])


def _certificate_held(args, ctx, path):
    iri = args["iri"]
    field = ctx.time_field
    held = [event for event in ctx.record.by_activity.get(iri, ())
            if event.verb == Verb.EARNED and event.time(field) <= ctx.now
            and (event.valid_until is None or event.valid_until > ctx.now)]
    if not held:
        return NodeResult(path, "certificate_held", False,
                          _("{iri}: not held (never earned, expired or revoked)").format(iri=iri))
    event = min(held, key=lambda e: (e.time(field), e.id))
    return NodeResult(path, "certificate_held", True, _("{iri}: held").format(iri=iri),
                      (event.id,), event.time(field))


def _attribute(args, ctx, path):
    name = args["name"]
    value = ctx.attributes.get(name)
    if value is None and name == "level":
        value = ctx.record.latest_level()
    if "equals" in args:
        ok = value == args["equals"]
    elif "in" in args:
        ok = value in args["in"]
    else:
        order = args["order"]
        ok = value in order and order.index(value) >= order.index(args["at_least"])
    detail = _("{name} is {value}").format(name=name, value=value if value is not None else "-")
    return NodeResult(path, "attribute", ok, detail)


KEYWORDS = {
    "all": _all, "any": _any, "n_of": _n_of, "not": _not, "module": _module,
    "score_at_least": _score_at_least, "assessment_completed": _assessment_completed,
    "path_completed": _path_completed, "window": _window, "certificate_held": _certificate_held,
    "attribute": _attribute,
}


def evaluate_node(node, ctx, path):
    ((keyword, args),) = node.items()
    return KEYWORDS[keyword](args, ctx, f"{path}/{keyword}")


def add_duration(moment, duration):
    """``moment`` plus {"days": n} and/or {"months": n} (calendar months, day clamped)."""
    months = duration.get("months", 0)
    if months:
        month_index = moment.month - 1 + months
        year, month = moment.year + month_index // 12, month_index % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        moment = moment.replace(year=year, month=month, day=day)
    return moment + timedelta(days=duration.get("days", 0))


def _iso(moment):
    return moment.isoformat().replace("+00:00", "Z") if moment else "-"


def evaluate(rule, record, *, now, attributes=None):
    """The Decision of ``rule`` for one learner (a LearnerRecord) as of ``now`` (aware UTC)."""
    ctx = Context(record=record, now=now, time_field=rule.time_field, start=None,
                  end=now + _TICK, attributes=dict(attributes or {}))
    trace = evaluate_node(rule.requires, ctx, "requires")
    decision = Decision(rule_id=rule.id, rule_version=rule.version, rule_hash=rule.hash,
                        learner=record.key, outcome="not_earned", evaluated_at=now, trace=trace)
    if not trace.satisfied:
        return decision
    decision.earned_at = trace.at or _latest_event(ctx) or now  # timeless rules: stable dates
    if rule.expiry:
        decision.valid_until = add_duration(decision.earned_at, rule.expiry)
        if rule.renewal:
            _renew(rule, ctx, decision)
    decision.outcome = ("expired" if decision.valid_until and decision.valid_until <= now
                        else "earned")
    for index, tier in enumerate(rule.tiers):
        result = evaluate_node(tier["requires"], ctx, f"tiers/{index}/requires")
        decision.tier_traces.append(result)
        if result.satisfied:
            decision.tier = tier
    return decision


def _latest_event(ctx):
    moments = [event.time(ctx.time_field) for event in ctx.record.events
               if event.time(ctx.time_field) < ctx.end]
    return max(moments) if moments else None


def _renew(rule, ctx, decision):
    """Each renewal opens ``opens_days_before`` the current expiry and closes ``grace_days``
    after it; met inside that window, validity runs one more expiry period from the later of
    the renewal and the current expiry."""
    opens = timedelta(days=rule.renewal.get("opens_days_before", 0))
    grace = timedelta(days=rule.renewal.get("grace_days", 0))
    for _round in range(MAX_RENEWALS):
        window_start = max(decision.valid_until - opens, decision.earned_at + _TICK)
        window_end = min(decision.valid_until + grace + _TICK, ctx.end)
        if window_start >= window_end:
            return
        result = evaluate_node(rule.renewal["requires"],
                               replace(ctx, start=window_start, end=window_end),
                               f"renewal/{decision.renewals}/requires")
        decision.renewal_traces.append(result)
        if not result.satisfied:
            return
        renewed_at = result.at or window_start
        decision.valid_until = add_duration(max(renewed_at, decision.valid_until), rule.expiry)
        decision.renewals += 1
