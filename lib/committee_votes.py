"""What a committee's votes decide (no Odoo import).

A committee decides a request in one of three ways (``beneficiary.committee``'s
``decision_rule``):

- ``member``: any member records the committee's decision (no vote is recorded);
- ``majority``: each member votes; a decision is taken when more than half of the
  committee's members voted for it;
- ``unanimous``: each member votes; a decision is taken when every member voted for it.

``outcome`` answers ``"accepted"``, ``"rejected"``, ``"pending"`` (votes are still
awaited and could still give a decision) or ``"no_decision"`` (no more vote can give one:
the majority or the unanimity was not reached).
"""

VOTING_RULES = ("majority", "unanimous")
DECISIONS = {"accept": "accepted", "reject": "rejected"}


def outcome(rule, member_ids, votes):
    """The committee's decision under ``rule`` given ``votes`` ({member id: "accept" or
    "reject"}); votes of people no longer members are ignored."""
    if rule not in VOTING_RULES:
        return "pending"
    members = set(member_ids)
    if not members:
        return "no_decision"
    counted = {member: vote for member, vote in votes.items() if member in members}
    awaited = len(members) - len(counted)
    for vote, decision in DECISIONS.items():
        for_it = sum(1 for value in counted.values() if value == vote)
        if rule == "majority" and for_it * 2 > len(members):
            return decision
        if rule == "unanimous" and for_it == len(members):
            return decision
    # could the awaited votes still give a decision?
    for vote in DECISIONS:
        for_it = sum(1 for value in counted.values() if value == vote)
        reachable = for_it + awaited
        if (rule == "majority" and reachable * 2 > len(members)) or (
            rule == "unanimous" and reachable == len(members)
        ):
            return "pending"
    return "no_decision"
