import unittest

import _lib  # noqa: F401
from br_lib.committee_votes import outcome


class TestCommitteeVotes(unittest.TestCase):
    def test_majority(self):
        members = [1, 2, 3]
        self.assertEqual(outcome("majority", members, {}), "pending")
        self.assertEqual(outcome("majority", members, {1: "accept"}), "pending")
        self.assertEqual(outcome("majority", members, {1: "accept", 2: "accept"}), "accepted")
        self.assertEqual(outcome("majority", members, {1: "reject", 2: "reject", 3: "accept"}), "rejected")

    def test_majority_of_the_members_not_of_the_votes(self):
        # two of four is no majority: a tie gives no decision
        members = [1, 2, 3, 4]
        self.assertEqual(outcome("majority", members, {1: "accept", 2: "accept"}), "pending")
        tied = {1: "accept", 2: "accept", 3: "reject", 4: "reject"}
        self.assertEqual(outcome("majority", members, tied), "no_decision")

    def test_unanimous(self):
        members = [1, 2]
        self.assertEqual(outcome("unanimous", members, {1: "accept"}), "pending")
        self.assertEqual(outcome("unanimous", members, {1: "accept", 2: "accept"}), "accepted")
        self.assertEqual(outcome("unanimous", members, {1: "reject", 2: "reject"}), "rejected")
        self.assertEqual(outcome("unanimous", members, {1: "accept", 2: "reject"}), "no_decision")

    def test_votes_of_former_members_do_not_count(self):
        self.assertEqual(outcome("majority", [1, 2, 3], {1: "accept", 9: "accept"}), "pending")

    def test_a_committee_that_does_not_vote_or_has_no_member(self):
        self.assertEqual(outcome("member", [1, 2], {1: "accept"}), "pending")
        self.assertEqual(outcome("majority", [], {}), "no_decision")


if __name__ == "__main__":
    unittest.main()
