"""Behaviourally anchored statements for the self and multi-rater assessment, written for this
project (none copied from any proprietary instrument). Three per characteristic and Journey level;
the first of each three is the "core" item. Each is a verb phrase without a subject, so it reads
after either prompt ("How often do you..." / "How often does the person you are rating...").

Order matters: an item's id is "<characteristic>.<level>.<position from 1>". Append new statements
at the end of a list; never reorder or reword one in a way that changes its meaning, or past
results stop being comparable.
"""

from .i18n import N_

ITEM_STATEMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "norm-based": {
        "all-staff": (
            N_("Explains how their daily work connects to the UN Charter and the mandate of "
               "their entity."),
            N_("Raises a concern when a request or practice seems to conflict with human rights "
               "or UN standards."),
            N_("Checks the relevant rules, norms and guidance before acting on an unfamiliar "
               "task."),
        ),
        "first-reporting-officer": (
            N_("Helps team members see how their assignments serve the mandate and the people it "
               "is meant to protect."),
            N_("Sets team priorities that reflect the organization's normative commitments, not "
               "only what is convenient."),
            N_("Addresses conduct in the team that falls short of UN standards promptly and "
               "fairly."),
        ),
        "manager": (
            N_("Builds human rights, gender equality and other normative standards into the "
               "design of programmes and plans."),
            N_("Holds to UN norms when partners or stakeholders press for shortcuts."),
            N_("Uses the normative framework to settle trade-offs between competing demands on "
               "the unit."),
        ),
        "senior-leader": (
            N_("Speaks up publicly for UN norms and values, including when doing so is "
               "unpopular."),
            N_("Makes sure the entity's strategy and resource decisions can be traced back to its "
               "normative mandate."),
            N_("Engages Member States and partners in ways that strengthen, rather than dilute, "
               "shared standards."),
        ),
    },
    "principled": {
        "all-staff": (
            N_("Acts with integrity when no one is watching."),
            N_("Treats colleagues and stakeholders impartially, whatever their nationality, "
               "gender, grade or affiliation."),
            N_("Declares possible conflicts of interest and asks for guidance when unsure what "
               "is right."),
        ),
        "first-reporting-officer": (
            N_("Applies the same standards to every team member when assigning work, evaluating "
               "performance and recognizing effort."),
            N_("Makes it safe for team members to report misconduct and protects them from "
               "retaliation."),
            N_("Explains the reasons behind difficult decisions honestly, even when the message "
               "is unwelcome."),
        ),
        "manager": (
            N_("Takes decisions on merit and evidence, resisting pressure from personal or "
               "political interests."),
            N_("Acts quickly on reports of harassment, fraud or abuse of authority in their "
               "area."),
            N_("Models the ethical behaviour they expect, including in the use of resources and "
               "entitlements."),
        ),
        "senior-leader": (
            N_("Takes a principled stand on difficult issues and accepts the personal cost of "
               "doing so."),
            N_("Builds a culture in which ethical concerns are raised early and acted upon."),
            N_("Ensures that senior appointments and resource allocations are transparent and "
               "based on merit."),
        ),
    },
    "inclusive": {
        "all-staff": (
            N_("Invites views from colleagues whose background or perspective differs from "
               "their own."),
            N_("Uses language and behaviour that respect the dignity of every person."),
            N_("Considers how their work affects women, men, girls and boys, and groups at risk "
               "of being left behind."),
        ),
        "first-reporting-officer": (
            N_("Makes sure every team member, including remote and junior colleagues, has a real "
               "chance to contribute in meetings."),
            N_("Distributes development opportunities and visible assignments fairly across the "
               "team."),
            N_("Adapts ways of working so that colleagues with disabilities or caring "
               "responsibilities can take full part."),
        ),
        "manager": (
            N_("Involves the people affected by a programme in shaping it."),
            N_("Builds teams that are diverse in gender, geography, background and thinking, and "
               "draws on that diversity."),
            N_("Checks whether the unit's results reach the people furthest behind, and adjusts "
               "course when they do not."),
        ),
        "senior-leader": (
            N_("Sets measurable goals for gender parity, disability inclusion and diversity, and "
               "reviews progress personally."),
            N_("Opens decision-making forums to voices that are usually absent, including civil "
               "society and affected communities."),
            N_("Challenges policies and habits that exclude or disadvantage groups of staff."),
        ),
    },
    "accountable": {
        "all-staff": (
            N_("Delivers on commitments, or tells others early when they cannot."),
            N_("Owns mistakes openly and concentrates on putting them right."),
            N_("Keeps clear records so others can see how and why decisions were taken."),
        ),
        "first-reporting-officer": (
            N_("Agrees clear expectations, deliverables and deadlines with each team member."),
            N_("Gives timely, specific feedback and holds performance conversations throughout "
               "the year, not only at its end."),
            N_("Takes responsibility toward senior management for the team's results, including "
               "its shortfalls."),
        ),
        "manager": (
            N_("Links the unit's work plans to measurable results and reports on them candidly."),
            N_("Delegates authority together with the resources and support needed to use it."),
            N_("Manages risks actively, escalating early rather than hiding problems."),
        ),
        "senior-leader": (
            N_("Reports to governing bodies and the public transparently, including on what has "
               "not worked."),
            N_("Builds systems that hold managers accountable both for results and for how they "
               "are achieved."),
            N_("Accepts personal accountability for the organization's failures and the lessons "
               "drawn from them."),
        ),
    },
    "multi-dimensional": {
        "all-staff": (
            N_("Finds out how their work relates to the work of other units and UN entities."),
            N_("Looks at a problem from several angles before proposing a solution."),
            N_("Notices when an action in one area could have consequences in another, and "
               "flags it."),
        ),
        "first-reporting-officer": (
            N_("Helps the team understand the wider system its work sits in, including partners "
               "and other entities."),
            N_("Balances short-term demands with longer-term consequences when planning the "
               "team's work."),
            N_("Connects team members with counterparts in other units to solve shared "
               "problems."),
        ),
        "manager": (
            N_("Designs work that links peace and security, development, humanitarian action and "
               "human rights where relevant."),
            N_("Uses data and analysis from different sources to understand complex situations."),
            N_("Anticipates how changes in the political, economic or social context will affect "
               "the unit's work."),
        ),
        "senior-leader": (
            N_("Steers the entity's contribution toward system-wide outcomes rather than "
               "institutional interests alone."),
            N_("Holds several, sometimes conflicting, perspectives in mind and forms a coherent "
               "direction from them."),
            N_("Shapes joint strategies with other UN entities, governments and partners around "
               "shared results."),
        ),
    },
    "transformational": {
        "all-staff": (
            N_("Suggests practical ways to improve how work gets done."),
            N_("Tries new tools or approaches and shares what was learned, including from what "
               "did not work."),
            N_("Adapts constructively when priorities or ways of working change."),
        ),
        "first-reporting-officer": (
            N_("Encourages team members to experiment and backs them when a reasonable "
               "experiment fails."),
            N_("Explains the purpose of a change to the team and helps each person see their "
               "part in it."),
            N_("Removes obstacles that stop the team from improving its work."),
        ),
        "manager": (
            N_("Describes convincingly how the unit's work should change, and why."),
            N_("Questions established practices that no longer serve the mandate."),
            N_("Invests time and resources in trying out new approaches and scaling what "
               "works."),
        ),
        "senior-leader": (
            N_("Leads organization-wide change with a clear vision and keeps attention on it "
               "until it takes hold."),
            N_("Takes calculated risks to pursue better outcomes, and makes room for others to "
               "do the same."),
            N_("Positions the organization to anticipate future challenges rather than react to "
               "them."),
        ),
    },
    "collaborative": {
        "all-staff": (
            N_("Shares information and expertise readily with colleagues in other teams."),
            N_("Works toward the team's goals even when that means setting aside personal "
               "preferences."),
            N_("Addresses disagreements directly and respectfully, looking for solutions that "
               "work for everyone."),
        ),
        "first-reporting-officer": (
            N_("Builds trust in the team by being consistent, available and fair."),
            N_("Sets shared goals that require team members to work together rather than side "
               "by side."),
            N_("Gives credit to the team and to partners for joint achievements."),
        ),
        "manager": (
            N_("Builds partnerships across units, agencies and sectors to achieve results no one "
               "could achieve alone."),
            N_("Develops solutions together with stakeholders instead of presenting finished "
               "answers."),
            N_("Resolves conflicts between units by focusing on the purpose they share."),
        ),
        "senior-leader": (
            N_("Champions joint work across the UN system and removes institutional barriers "
               "to it."),
            N_("Builds coalitions with governments, civil society, academia and the private "
               "sector around common goals."),
            N_("Shares authority, resources and visibility with partners to strengthen "
               "collective impact."),
        ),
    },
    "self-applied": {
        "all-staff": (
            N_("Asks for feedback and acts on it."),
            N_("Sets personal learning goals and makes time to pursue them."),
            N_("Notices their own reactions under pressure and manages them."),
        ),
        "first-reporting-officer": (
            N_("Reflects on how their own behaviour affects the team's motivation and "
               "performance."),
            N_("Models a healthy balance between work and rest, and respects team members' "
               "boundaries."),
            N_("Admits what they do not know and learns from team members."),
        ),
        "manager": (
            N_("Seeks candid feedback from direct reports, peers and supervisors, and says how "
               "they will respond to it."),
            N_("Recognizes their own biases and takes steps to limit their effect on "
               "decisions."),
            N_("Holds themselves to the standards they set for others."),
        ),
        "senior-leader": (
            N_("Demonstrates the values of the framework consistently, knowing that others take "
               "their cue from it."),
            N_("Invests in their own development and seeks out challenging perspectives, "
               "including from junior colleagues."),
            N_("Looks after their own resilience and wellbeing so as to lead steadily through "
               "crises."),
        ),
    },
}
