"""360 mode: invitation codes within the course, group thresholds, anonymity."""

import json

from xblocks.assessment_block import LeadershipAssessmentBlock

from .conftest import call


def block_for(course, user):
    return course.block(LeadershipAssessmentBlock, user_id=user, mode="multi-rater",
                        level="manager")


def answers(block, option):
    return {item.id: option for item in block.assessment_items()}


def invite(course, role):
    owner = block_for(course, "owner")
    status, reply = call(owner, "invite", {"role": role})
    assert status == 200
    return owner.invitations[-1]["code"], reply


def rate(course, rater, code, option="always"):
    block = block_for(course, rater)
    status, opened = call(block, "open_code", {"code": code.lower().replace("-", " ")})
    assert 'data-handler="submit_rating"' in opened["html"]
    assert "How often does the person you are rating" in opened["html"]
    return call(block, "submit_rating", {"code": code, "answers": answers(block, option)})[1]


def test_invitation_code_is_shown_to_the_learner(course):
    code, reply = invite(course, "peer")
    assert code in reply["message"] and code in reply["html"]
    assert len(code) == 9 and code[4] == "-"


def test_peer_results_hidden_until_three_then_self_versus_others(course):
    owner = block_for(course, "owner")
    call(owner, "submit_self", {"answers": answers(owner, "sometimes")})
    code, _ = invite(course, "peer")
    rate(course, "peer-1", code)
    reply = rate(course, "peer-2", code)
    assert "Thank you" in reply["message"]
    html = owner.runtime.render(block_for(course, "owner"), "student_view").content
    assert "results appear after 1 more answer." in html
    assert "<th scope=\"col\">Others</th>" not in html
    rate(course, "peer-3", code)
    html = owner.runtime.render(block_for(course, "owner"), "student_view").content
    assert "3 answers, included in" in html
    assert "<th scope=\"col\">You</th>" in html and "<th scope=\"col\">Others</th>" in html
    assert "3.00</td><td>5.00" in html  # self "sometimes", others "always"


def test_one_supervisor_is_enough(course):
    owner = block_for(course, "owner")
    call(owner, "submit_self", {"answers": answers(owner, "often")})
    code, _ = invite(course, "supervisor")
    rate(course, "boss", code, "rarely")
    html = owner.runtime.render(block_for(course, "owner"), "student_view").content
    assert "1 answer, included in" in html and "4.00</td><td>2.00" in html


def test_hidden_groups_do_not_leak_into_others(course):
    owner = block_for(course, "owner")
    call(owner, "submit_self", {"answers": answers(owner, "often")})
    supervisor_code, _ = invite(course, "supervisor")
    peer_code, _ = invite(course, "peer")
    rate(course, "boss", supervisor_code, "rarely")
    rate(course, "peer-1", peer_code, "always")
    html = owner.runtime.render(block_for(course, "owner"), "student_view").content
    assert "4.00</td><td>2.00" in html  # others = the supervisor only, the lone peer is hidden


def test_no_self_rating_no_double_rating_no_unknown_code(course):
    code, _ = invite(course, "peer")
    owner = block_for(course, "owner")
    assert "your own invitation code" in call(owner, "open_code", {"code": code})[1]["message"]
    rate(course, "peer-1", code)
    again = call(block_for(course, "peer-1"), "submit_rating",
                 {"code": code, "answers": answers(owner, "never")})[1]
    assert "already answered" in again["message"]
    assert "not valid" in call(owner, "open_code", {"code": "ZZZZ-ZZZZ"})[1]["message"]


def test_shared_registry_holds_no_rater_identity(course):
    code, _ = invite(course, "peer")
    for rater in ("peer-alice", "peer-bob", "peer-carol"):
        rate(course, rater, code)
    owner = block_for(course, "owner")
    owner.runtime.render(owner, "student_view")  # the owner takes in the answers
    stored = json.dumps(block_for(course, "owner").rater_registry)
    for identity in ("alice", "bob", "carol", "anon-", "owner"):
        assert identity not in stored
    registry = block_for(course, "owner").rater_registry
    assert [e["code"] for e in registry["entries"].values()] == [code] * 3
    for rater in ("peer-alice", "peer-bob", "peer-carol"):  # acknowledged: raters keep nothing
        block = block_for(course, rater)
        block.runtime.render(block, "student_view")
        assert block_for(course, rater).pending_ratings == {}
