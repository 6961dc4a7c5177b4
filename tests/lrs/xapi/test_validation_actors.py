"""Agents, Groups, Accounts and the places they appear: actor, object, instructor, team,
authority, group members, and the agent query parameter."""

import pytest

from lrs.xapi.validation import InvalidStatement, validate_agent

from ._validation import AGENT, accepted, make, rejected

ACCOUNT = {"homePage": "https://id.example.org", "name": "f.okafor"}
IDENTIFIERS = {
    "mbox": "mailto:fatima.okafor@example.org",
    "mbox_sha1sum": "cd9b00a5611f94eaa7b1661edab976068e364975",
    "openid": "https://openid.example.org/fatima",
    "account": ACCOUNT,
}
OTHER_AGENT = {"objectType": "Agent", "mbox": "mailto:kwame.mensah@example.org"}


def in_context(key, value):
    return make(context={key: value})


# Each place an actor may appear, as (statement builder, path of the actor).
PLACES = {
    "actor": (lambda a: make(actor=a), "actor"),
    "object": (lambda a: make(object={"objectType": "Agent", **a}), "object"),
    "instructor": (lambda a: in_context("instructor", a), "context.instructor"),
    "sub-statement actor": (lambda a: make(object={
        "objectType": "SubStatement", "actor": a, "verb": {"id": "http://example.org/v"},
        "object": {"id": "http://example.org/a"}}), "object.actor"),
}


@pytest.fixture(params=sorted(PLACES))
def place(request):
    return PLACES[request.param]


@pytest.mark.parametrize("ifi", sorted(IDENTIFIERS))
def test_an_agent_with_one_identifier_is_accepted(version, place, ifi):
    build, _ = place
    accepted(build({"objectType": "Agent", ifi: IDENTIFIERS[ifi]}), version)


def test_an_agent_may_omit_its_object_type_where_it_is_the_actor(version):
    accepted(make(actor={"name": "Fatima", "mbox": "mailto:fatima@example.org"}), version)


def test_an_agent_without_identifier_is_rejected(version, place):
    build, path = place
    rejected(build({"objectType": "Agent", "name": "Fatima"}), version, path)


@pytest.mark.parametrize("pair", [("mbox", "account"), ("mbox", "mbox_sha1sum"),
                                  ("mbox", "openid"), ("openid", "account"),
                                  ("mbox_sha1sum", "openid")])
def test_an_agent_with_two_identifiers_is_rejected(version, place, pair):
    build, path = place
    agent = {"objectType": "Agent", **{p: IDENTIFIERS[p] for p in pair}}
    rejected(build(agent), version, path)


@pytest.mark.parametrize("value", ["mailto:should.fail.com", "http://should.fail.com",
                                   "fatima@example.org", "MAILTO fatima@example.org", "",
                                   "mailto:", "mailto:fatima okafor@example.org", 42])
def test_mbox_must_be_a_mailto_iri(version, place, value):
    build, path = place
    rejected(build({"objectType": "Agent", "mbox": value}), version, f"{path}.mbox")


@pytest.mark.parametrize("value", [{"key": "value"}, "cd9b00a5611f94eaa7b1661edab97606",
                                   "zd9b00a5611f94eaa7b1661edab976068e364975", "", 7])
def test_mbox_sha1sum_must_be_40_hex_digits(version, value):
    rejected(make(actor={"mbox_sha1sum": value}), version, "actor.mbox_sha1sum")


def test_mbox_sha1sum_accepts_upper_case_hex(version):
    accepted(make(actor={"mbox_sha1sum": "CD9B00A5611F94EAA7B1661EDAB976068E364975"}), version)


@pytest.mark.parametrize("value", ["ab=c://should.fail.com", "open.id.com/testUser", "", 5])
def test_openid_must_be_an_iri(version, value):
    rejected(make(actor={"openid": value}), version, "actor.openid")


def test_accounts_need_a_home_page_and_a_name(version, place):
    build, path = place
    for missing in ("homePage", "name"):
        account = {k: v for k, v in ACCOUNT.items() if k != missing}
        rejected(build({"objectType": "Agent", "account": account}), version,
                 f"{path}.account.{missing}")


@pytest.mark.parametrize("account,bad", [
    ({"homePage": "ab=c://should.fail.com", "name": "x"}, "homePage"),
    ({"homePage": "homePage.com/testUser", "name": "x"}, "homePage"),
    ({"homePage": "https://id.example.org", "name": {"key": "value"}}, "name"),
    ({"homePage": "https://id.example.org", "name": 123456}, "name"),
    ({**ACCOUNT, "email": "fatima@example.org"}, "email"),
])
def test_account_properties_are_checked(version, account, bad):
    rejected(make(actor={"account": account}), version, f"actor.account.{bad}")


@pytest.mark.parametrize("value", [123, {"key": "value"}, "agent", "group", "Person", ""])
def test_actor_object_type_must_be_agent_or_group(version, value):
    rejected(make(actor={**AGENT, "objectType": value}), version, "actor.objectType")


@pytest.mark.parametrize("value", [123, {"key": "value"}, None])
def test_agent_names_are_strings(version, value):
    rejected(make(actor={**AGENT, "name": value}), version, "actor.name")


@pytest.mark.parametrize("value", ["fatima", 5, ["mailto:fatima@example.org"]])
def test_an_actor_must_be_an_object(version, value):
    rejected(make(actor=value), version, "actor")


def test_agents_reject_unknown_properties(version):
    rejected(make(actor={**AGENT, "member": [OTHER_AGENT]}), version, "actor.member")
    rejected(make(actor={**AGENT, "Name": "Fatima"}), version, "actor.Name")


# -- groups ------------------------------------------------------------------

def group(**properties):
    return {"objectType": "Group", **properties}


@pytest.mark.parametrize("ifi", sorted(IDENTIFIERS))
def test_identified_groups_are_accepted_with_or_without_members(version, ifi):
    accepted(make(actor=group(**{ifi: IDENTIFIERS[ifi]})), version)
    accepted(make(actor=group(name="Cohort 7", member=[OTHER_AGENT], **{ifi: IDENTIFIERS[ifi]})),
             version)
    accepted(in_context("team", group(**{ifi: IDENTIFIERS[ifi]})), version)


def test_anonymous_groups_need_members(version):
    accepted(make(actor=group(member=[AGENT, OTHER_AGENT])), version)
    accepted(in_context("instructor", group(member=[AGENT])), version)
    rejected(make(actor=group(name="Cohort 7")), version, "actor.member")
    rejected(make(actor=group(member=[])), version, "actor.member")


@pytest.mark.parametrize("member", [AGENT, "mailto:fatima@example.org", 7])
def test_member_must_be_an_array_of_agents(version, member):
    rejected(make(actor=group(member=member)), version, "actor.member")


def test_group_members_must_be_agents_not_groups(version):
    nested = group(member=[OTHER_AGENT])
    rejected(make(actor=group(member=[AGENT, nested])), version, "actor.member[1].objectType")


def test_group_members_follow_the_agent_rules(version):
    rejected(make(actor=group(member=[{"name": "No identifier"}])), version, "actor.member[0]")
    rejected(make(actor=group(member=[{"mbox": "kwame@example.org"}])), version,
             "actor.member[0].mbox")


def test_identified_groups_use_one_identifier(version):
    both = group(mbox=IDENTIFIERS["mbox"], account=ACCOUNT)
    rejected(make(actor=both), version, "actor")
    rejected(in_context("team", both), version, "context.team")


# -- context.team and context.instructor --------------------------------------

def test_team_must_be_a_group(version):
    rejected(in_context("team", AGENT), version, "context.team")
    rejected(in_context("team", {"key": "should fail"}), version, "context.team")
    rejected(in_context("team", "should fail"), version, "context.team")


@pytest.mark.parametrize("value", [{"key": "should fail"}, "should fail", 7])
def test_instructor_must_be_an_agent_or_group(version, value):
    rejected(in_context("instructor", value), version, "context.instructor")


# -- authority ---------------------------------------------------------------

OAUTH_PAIR = [{"account": {"homePage": "https://lrs.example.org/oauth", "name": "app-1"}},
              {"mbox": "mailto:fatima.okafor@example.org"}]


def test_authority_may_be_an_agent_or_an_oauth_pair(version):
    accepted(make(authority=AGENT), version)
    accepted(make(authority={"account": ACCOUNT}), version)
    accepted(make(authority=group(member=OAUTH_PAIR)), version)


@pytest.mark.parametrize("members", [OAUTH_PAIR[:1], OAUTH_PAIR + [OTHER_AGENT]])
def test_an_authority_group_has_exactly_two_members(version, members):
    rejected(make(authority=group(member=members)), version, "authority.member")


@pytest.mark.parametrize("ifi", sorted(IDENTIFIERS))
def test_an_authority_group_is_anonymous(version, ifi):
    rejected(make(authority=group(member=OAUTH_PAIR, **{ifi: IDENTIFIERS[ifi]})), version,
             "authority")


def test_an_authority_follows_the_agent_rules(version):
    rejected(make(authority={"name": "No identifier"}), version, "authority")
    rejected(make(authority={**AGENT, "objectType": 123}), version, "authority.objectType")
    rejected(make(authority={"account": {"name": "x"}}), version, "authority.account.homePage")
    rejected(make(authority=group()), version, "authority.member")


# -- the agent query parameter ------------------------------------------------

@pytest.mark.parametrize("agent", [AGENT, {"mbox": "mailto:a@example.org"}, {"account": ACCOUNT},
                                   group(mbox="mailto:cohort@example.org"),
                                   group(openid="https://openid.example.org/c7",
                                         member=[OTHER_AGENT])])
def test_validate_agent_accepts_agents_and_identified_groups(agent):
    assert validate_agent(agent, "agent") is None


@pytest.mark.parametrize("agent,path", [
    ("wrong", "agent"),
    ({"name": "Fatima"}, "agent"),
    ({"mbox": "fatima@example.org"}, "agent.mbox"),
    ({"mbox": "mailto:a@example.org", "openid": "https://openid.example.org/a"}, "agent"),
    (group(member=[AGENT]), "agent"),
    ({"objectType": "agent", "mbox": "mailto:a@example.org"}, "agent.objectType"),
])
def test_validate_agent_rejects_anything_else_with_a_bad_request(agent, path):
    with pytest.raises(InvalidStatement) as caught:
        validate_agent(agent, "agent")
    assert caught.value.status == 400
    assert caught.value.path == path
