"""360 answers are never lost when requests overlap on the block's shared row.

As in the LMS, a request loads the shared (``user_state_summary``) row when it starts and writes
the whole value back when it ends: two overlapping requests both read, then both write, and the
later write drops what the earlier one added. These tests make requests overlap that way.
"""

from xblocks.assessment import rater_store

from .conftest import call
from .test_multirater import answers, block_for, invite, rate


def start_request(course, user):
    """A block as a request sees it: the shared row already read (the LMS loads it up front)."""
    block = block_for(course, user)
    assert isinstance(block.rater_registry, dict)
    return block


def submit(block, code, option="always"):
    status, reply = call(block, "submit_rating", {"code": code, "answers": answers(block, option)})
    assert status == 200 and "Thank you" in reply["message"]
    return reply


def owner_view(course):
    owner = block_for(course, "owner")
    return owner.runtime.render(owner, "student_view").content


def shared_entries(course):
    return rater_store.shared(block_for(course, "owner").rater_registry)["entries"]


def test_two_raters_submitting_at_the_same_moment_both_count(course):
    owner = block_for(course, "owner")
    call(owner, "submit_self", {"answers": answers(owner, "sometimes")})
    code, _ = invite(course, "peer")
    rate(course, "peer-3", code, "always")
    first, second = start_request(course, "peer-1"), start_request(course, "peer-2")
    reply = submit(first, code, "always")
    submit(second, code, "always")
    assert len(shared_entries(course)) == 2  # the overlap happened: peer-1's answers fell out
    assert len(block_for(course, "peer-1").pending_ratings) == 1  # ...but peer-1 still has them
    assert "results appear after 1 more answer." in owner_view(course)

    assert reply["recheck"] is True  # so the page script makes one more request, a moment later
    status, synced = call(block_for(course, "peer-1"), "sync_ratings", {})
    assert status == 200 and synced == {"pending": 1}
    html = owner_view(course)
    assert "3 answers, included in" in html and "3.00</td><td>5.00" in html
    for rater in ("peer-1", "peer-2", "peer-3"):  # acknowledged by the owner: raters let go
        assert call(block_for(course, rater), "sync_ratings", {})[1] == {"pending": 0}


def test_a_rater_who_leaves_at_once_is_counted_on_their_next_visit(course):
    code, _ = invite(course, "supervisor")
    peer_code, _ = invite(course, "peer")
    boss, peer = start_request(course, "boss"), start_request(course, "peer-1")
    submit(boss, code, "rarely")
    submit(peer, peer_code)  # a stale write drops the supervisor's answers; no sync follows
    assert "results appear after 1 more answer." in owner_view(course)
    later = block_for(course, "boss")  # days later, the supervisor opens the unit again
    later.runtime.render(later, "student_view")
    assert "1 answer, included in" in owner_view(course)


def test_an_invitation_made_while_a_rater_answers_is_kept(course):
    code, _ = invite(course, "peer")
    rater = start_request(course, "peer-1")
    new_code, _ = invite(course, "supervisor")  # the owner's request ends first...
    submit(rater, code)  # ...the rater's stale write drops the new code from the shared row
    assert new_code not in rater_store.shared(block_for(course, "peer-1").rater_registry)["codes"]
    owner_view(course)  # the owner's next request puts it back from the owner's own state
    boss = block_for(course, "boss")
    status, opened = call(boss, "open_code", {"code": new_code})
    assert 'data-handler="submit_rating"' in opened["html"]


def test_answers_the_owner_holds_survive_the_shared_row_losing_them(course):
    owner = block_for(course, "owner")
    call(owner, "submit_self", {"answers": answers(owner, "often")})
    code, _ = invite(course, "supervisor")
    peer_code, _ = invite(course, "peer")
    stale = start_request(course, "peer-1")  # reads the row before the supervisor answers
    rate(course, "boss", code, "rarely")
    assert "1 answer, included in" in owner_view(course)  # the owner takes them in
    assert call(block_for(course, "boss"), "sync_ratings", {})[1] == {"pending": 0}
    submit(stale, peer_code)  # the stale write drops the supervisor's answers from the row
    assert [e["code"] for e in shared_entries(course).values()] == [peer_code]
    assert "1 answer, included in" in owner_view(course)
    assert "4.00</td><td>2.00" in owner_view(course)


def test_nothing_new_means_no_write_to_the_shared_row(course):
    code, _ = invite(course, "peer")
    rate(course, "peer-1", code)
    owner_view(course)
    block = block_for(course, "peer-1")
    registry = block.rater_registry
    assert block.reconcile_ratings() is True  # lets go of the answers the owner acknowledged
    assert block.reconcile_ratings() is False and block.rater_registry is registry


def test_answers_stored_in_the_first_registry_shape_still_count(course):
    owner = block_for(course, "owner")
    call(owner, "submit_self", {"answers": answers(owner, "often")})
    owner.invitations = [{"code": "ABCD-EFGH", "role": "supervisor"}]
    owner.rater_registry = {"ABCD-EFGH": {"role": "supervisor",
                                          "answers": [answers(owner, "rarely")]}}
    owner.save()
    assert "1 answer, included in" in owner_view(course)
    assert "ABCD-EFGH" in rater_store.shared(block_for(course, "boss").rater_registry)["codes"]
