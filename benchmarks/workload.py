"""The statements and queries of the LRS benchmark: a realistic, skewed distribution.

Many learners (agents), of whom a few are far busier than the rest (Zipf-like
weights); about twenty verbs, also skewed (``experienced`` is common,
``voided``-like rarities are not used); a few dozen activities carrying
definitions, inside a handful of courses (``contextActivities.parent``); one
registration per learner and course. Queries pick an agent with the same
weights (busy learners are looked up more), any verb, and a ``since`` drawn
over the time the statements were stored.
"""

import random
import uuid
from datetime import UTC, datetime
from urllib.parse import urlencode

import orjson

VERBS = [
    "experienced", "attempted", "completed", "passed", "failed", "answered", "interacted",
    "launched", "initialized", "terminated", "progressed", "scored", "commented", "shared",
    "registered", "mastered", "preferred", "suspended", "resumed", "asked",
]
VERB_IRIS = [f"http://adlnet.gov/expapi/verbs/{v}" for v in VERBS]
COURSES = 8
ACTIVITIES_PER_COURSE = 6


def zipf_weights(n, exponent=1.0):
    return [1.0 / (rank ** exponent) for rank in range(1, n + 1)]


class Workload:
    def __init__(self, *, agents=5000, seed=1):
        self.random = random.Random(seed)
        self.agents = [f"mailto:learner{i}@example.org" for i in range(agents)]
        self.agent_weights = zipf_weights(agents)
        self.verb_weights = zipf_weights(len(VERBS), 0.6)
        self.activities = [
            (course, f"https://lms.example.org/courses/c{course}/activities/a{index}")
            for course in range(COURSES) for index in range(ACTIVITIES_PER_COURSE)]

    def _agent(self, k):
        return self.random.choices(self.agents, self.agent_weights, k=k)

    def statements(self, count):
        """``count`` new statements (dicts), each with its own id."""
        rnd = self.random
        agents = self._agent(count)
        verbs = rnd.choices(VERB_IRIS, self.verb_weights, k=count)
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        out = []
        for agent, verb in zip(agents, verbs, strict=True):
            course, activity = rnd.choice(self.activities)
            short = activity.rsplit("/", 1)[1]
            verb_name = verb.rsplit("/", 1)[1]
            out.append({
                "id": str(uuid.uuid4()),
                "actor": {"objectType": "Agent", "mbox": agent, "name": agent[7:].split("@")[0]},
                "verb": {"id": verb, "display": {"en-US": verb_name}},
                "object": {"objectType": "Activity", "id": activity, "definition": {
                    "name": {"en-US": f"Module {short} of course {course}"},
                    "description": {"en-US": "Leadership and management practice."},
                    "type": "http://adlnet.gov/expapi/activities/module"}},
                "result": {"score": {"scaled": round(rnd.random(), 2)},
                           "success": rnd.random() > 0.3, "completion": True,
                           "duration": f"PT{rnd.randint(30, 3600)}S"},
                "context": {
                    "registration": str(uuid.uuid5(uuid.NAMESPACE_URL, agent + str(course))),
                    "contextActivities": {"parent": [{
                        "objectType": "Activity",
                        "id": f"https://lms.example.org/courses/c{course}"}]},
                    "platform": "benchmark", "language": "en-US"},
                "timestamp": now,
            })
        return out

    def batch_body(self, count):
        return orjson.dumps(self.statements(count))

    def single_body(self):
        return orjson.dumps(self.statements(1)[0])

    def query_path(self, since_from: datetime, since_to: datetime, limit=100):
        """A GET /statements path: agent + verb + since, ``limit`` statements."""
        agent = self._agent(1)[0]
        verb = self.random.choices(VERB_IRIS, self.verb_weights, k=1)[0]
        span = (since_to - since_from).total_seconds()
        since = since_from.timestamp() + self.random.random() * span
        since_text = datetime.fromtimestamp(since, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"
        query = urlencode({"agent": orjson.dumps({"mbox": agent}).decode(), "verb": verb,
                           "since": since_text, "limit": str(limit)})
        return "/xapi/statements?" + query
