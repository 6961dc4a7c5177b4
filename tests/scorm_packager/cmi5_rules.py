"""The cmi5 rules (cmi5 spec sections 9 and 10, AU side) as checks over the statements an AU sent
in one registration. `violations(...)` returns readable messages; an empty list means conformant.
Written from the spec for these tests."""

from collections import defaultdict

CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
ADL = "http://adlnet.gov/expapi/verbs/"
DEFINED = {ADL + verb: verb for verb in (
    "launched", "initialized", "completed", "passed", "failed", "abandoned", "waived",
    "terminated", "satisfied")}
AU_VERBS = {"initialized", "completed", "passed", "failed", "terminated"}


def _categories(statement):
    return {c["id"] for c in statement.get("context", {}).get("contextActivities", {})
            .get("category", [])}


def violations(statements, *, actor, activity_id, registration, launch_data):
    """Every broken rule in `statements` (all of one registration, in stored order), given the
    launch parameters and {session id: LMS.LaunchData} for each launch."""
    problems, sessions = [], defaultdict(list)
    for statement in statements:
        verb = DEFINED.get(statement["verb"]["id"])
        name = verb or statement["verb"]["id"]
        context = statement.get("context", {})
        if verb not in AU_VERBS:
            problems.append(f"{name}: not a verb an AU may send as a cmi5-defined statement")
        if statement.get("actor") != actor:
            problems.append(f"{name}: actor differs from the launch actor")
        if statement.get("object", {}).get("id") != activity_id:
            problems.append(f"{name}: object is not the launch activityId")
        if context.get("registration") != registration:
            problems.append(f"{name}: registration missing or wrong")
        if CMI5 not in _categories(statement):
            problems.append(f"{name}: cmi5 category missing")
        if not statement.get("timestamp") or not statement.get("id"):
            problems.append(f"{name}: id or timestamp missing")
        session = context.get("extensions", {}).get(SESSION)
        if session not in launch_data:
            problems.append(f"{name}: session id {session!r} is not one the LMS launched")
            continue
        template = launch_data[session]["contextTemplate"]
        grouping = context.get("contextActivities", {}).get("grouping", [])
        for wanted in template["contextActivities"]["grouping"]:
            if wanted not in grouping:
                problems.append(f"{name}: context template grouping {wanted['id']} missing")
        sessions[session].append((verb, statement))
    passed_before = completed_before = False
    for session, entries in sessions.items():
        data = launch_data[session]
        verbs = [verb for verb, _ in entries]
        if verbs[0] != "initialized":
            problems.append(f"session {session}: first statement is {verbs[0]}, not initialized")
        if verbs[-1] != "terminated" or verbs.count("terminated") != 1:
            problems.append(f"session {session}: does not end with exactly one terminated")
        if data["launchMode"] != "Normal" and set(verbs) - {"initialized", "terminated"}:
            problems.append(f"session {session}: {data['launchMode']} mode sent {verbs}")
        if verbs.count("failed") > 1:
            problems.append(f"session {session}: more than one failed")
        for verb, statement in entries:
            problems += _result_rules(verb, statement, data)
            if verb == "passed":
                if passed_before:
                    problems.append("passed sent twice in the registration")
                passed_before = True
            if verb == "failed" and passed_before:
                problems.append("failed after passed in the registration")
            if verb == "completed":
                if completed_before:
                    problems.append("completed sent twice in the registration")
                completed_before = True
    return problems


def _result_rules(verb, statement, data):
    problems, result = [], statement.get("result", {})
    categories = _categories(statement)
    mastery = data.get("masteryScore")
    if verb in ("completed", "passed", "failed"):
        if MOVE_ON not in categories:
            problems.append(f"{verb}: moveon category missing")
    if verb in ("completed", "passed", "failed", "terminated") and "duration" not in result:
        problems.append(f"{verb}: result.duration missing")
    if verb == "completed" and (result.get("completion") is not True or "success" in result):
        problems.append("completed: needs result.completion true and no success")
    if verb in ("passed", "failed"):
        scaled = result.get("score", {}).get("scaled")
        if result.get("success") is not (verb == "passed") or "completion" in result:
            problems.append(f"{verb}: result.success wrong")
        if mastery is not None:
            if scaled is None or (scaled >= mastery) != (verb == "passed"):
                problems.append(f"{verb}: score {scaled} against masteryScore {mastery}")
            if statement["context"].get("extensions", {}).get(MASTERY) != mastery:
                problems.append(f"{verb}: masteryScore context extension missing")
    return problems
