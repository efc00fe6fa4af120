"""The competent committee decides (policies 000-004): its members decide, or vote where
the committee votes; a manager deciding in its place records why; the decision letter
names who decided."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common_request import ServiceRequestCase

REQUEST_DECISION = "beneficiary_relations.beneficiary_service_request_action_report_decision"


@tagged("post_install", "-at_install")
class TestCommitteeDecision(ServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee_user_3 = new_test_user(
            cls.env, "t_committee_3", groups="base.group_user,beneficiary_relations.group_committee_member"
        )

    def _in_review(self):
        return self._bring_to(self._new_request(), "in_review")

    def _decide_in_place(self, request, decision, reason, user=None, **vals):
        """A manager decides through the button and its dialog, as in the web client."""
        as_manager = request.with_user(user or self.manager)
        action = (
            as_manager.action_accept()
            if decision == "accepted"
            else as_manager.with_context(reason_action="reject").action_open_reason()
        )
        self.assertEqual(action["res_model"], "beneficiary.service.request.decide")
        wizard = Form(
            self.env[action["res_model"]].with_user(user or self.manager).with_context(**action["context"])
        )
        self.assertEqual(wizard.decision, decision)
        wizard.override_reason = reason
        for name, value in vals.items():
            setattr(wizard, name, value)
        return wizard.save().action_confirm()

    def _html(self, request):
        html, _format = self.env["ir.actions.report"]._render_qweb_html(REQUEST_DECISION, request.ids)
        return html.decode()

    # ------------------------------------------------------------------ member decides
    def test_a_member_decides_as_the_committee(self):
        request = self._in_review()
        request.with_user(self.committee_user).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.decision_authority, "committee")
        self.assertFalse(request.decision_override_reason)
        html = self._html(request)
        self.assertIn("Educational Affairs Committee", html)
        self.assertNotIn("in the place of", html)

    # ------------------------------------------------------------------ manager in place
    @freeze_time("2026-03-01 09:00:00")
    def test_a_manager_deciding_in_the_committee_s_place_gives_the_reason(self):
        request = self._in_review()
        self.assertTrue(request.with_user(self.manager).decides_in_committee_place)
        # the button asks why instead of deciding
        request.with_user(self.manager).action_accept()
        self.assertEqual(request.state, "in_review")
        # the reason is required, whoever calls the decision
        with self.assertRaisesRegex(UserError, "a manager deciding in its place gives the reason"):
            request.decision_reason = "Outside the area"
            request.with_user(self.manager).action_reject()
        self.assertEqual(request.state, "in_review")
        self._decide_in_place(request, "accepted", "The committee could not meet before the deadline")
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.decision_authority, "manager")
        self.assertEqual(request.decision_override_reason, "The committee could not meet before the deadline")
        self.assertEqual(request.decided_by_id, self.manager)
        self.assertEqual(request.date_decision, datetime(2026, 3, 1, 9, 0))

    def test_a_blank_reason_is_no_reason(self):
        request = self._in_review()
        wizard = (
            self.env["beneficiary.service.request.decide"]
            .with_user(self.manager)
            .create({"request_ids": [(6, 0, request.ids)], "decision": "accepted", "override_reason": "   "})
        )
        with self.assertRaisesRegex(UserError, "gives the reason"):
            wizard.action_confirm()
        self.assertEqual(request.state, "in_review")

    def test_a_manager_rejecting_in_place_gives_both_reasons(self):
        request = self._in_review()
        # the dialog asks for it; the server refuses a rejection without it all the same
        wizard = (
            self.env["beneficiary.service.request.decide"]
            .with_user(self.manager)
            .create(
                {
                    "request_ids": [(6, 0, request.ids)],
                    "decision": "rejected",
                    "override_reason": "The committee is on leave",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "needs its reason"):
            wizard.action_confirm()
        self._decide_in_place(
            request, "rejected", "The committee is on leave", decision_reason="Income above the threshold"
        )
        self.assertEqual(request.state, "rejected")
        self.assertEqual(request.decision_reason, "Income above the threshold")
        html = self._html(request)
        self.assertIn("The association&#39;s management, in the place of", html.replace("'", "&#39;"))
        self.assertIn("The committee is on leave", html)
        self.assertIn("Income above the threshold", html)

    def test_a_manager_who_sits_on_the_committee_decides_as_a_member(self):
        self.committee.member_ids |= self.manager
        request = self._in_review()
        self.assertFalse(request.with_user(self.manager).decides_in_committee_place)
        request.with_user(self.manager).action_accept()
        self.assertEqual((request.state, request.decision_authority), ("accepted", "committee"))

    def test_others_cannot_decide_in_place(self):
        request = self._in_review()
        with self.assertRaises(AccessError):
            self.env["beneficiary.service.request.decide"].with_user(self.committee_user_2).create(
                {"request_ids": [(6, 0, request.ids)], "override_reason": "I want to"}
            )
        with self.assertRaisesRegex(UserError, "Only the members of Educational Affairs Committee"):
            request.with_user(self.officer_a).action_accept()
        self.assertEqual(request.state, "in_review")

    def test_who_decided_and_why_are_not_typed_in(self):
        request = self._in_review()
        for vals in (
            {"decision_authority": "committee"},
            {"decision_override_reason": "forged"},
        ):
            with self.assertRaisesRegex(UserError, "changes only through the buttons"):
                request.with_user(self.manager).write(vals)
        request.with_user(self.committee_user).action_accept()
        self.assertEqual(request.decision_authority, "committee")
        self.assertFalse(request.decision_override_reason)

    # ------------------------------------------------------------------ votes
    def _voting_committee(self, rule):
        self.committee.write(
            {"decision_rule": rule, "member_ids": [(6, 0, (self.committee_user | self.committee_user_3).ids)]}
        )

    def _vote(self, request, user, vote, note=None):
        action = request.with_user(user).action_open_vote()
        wizard = Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))
        wizard.vote = vote
        if note:
            wizard.note = note
        return wizard.save().action_confirm()

    @freeze_time("2026-03-01 09:00:00")
    def test_majority_each_member_s_vote_is_recorded(self):
        self._voting_committee("majority")
        self.committee.member_ids |= self.committee_user_2
        request = self._in_review()
        self.assertTrue(request.with_user(self.committee_user).can_vote)
        self.assertFalse(request.with_user(self.officer_a).can_vote)
        # no decision before the votes give it
        with self.assertRaisesRegex(UserError, "by the votes of its members"):
            request.with_user(self.committee_user).action_accept()
        self._vote(request, self.committee_user, "accept")
        with self.assertRaisesRegex(UserError, "already voted"):
            request.with_user(self.committee_user).action_open_vote()
        with self.assertRaisesRegex(UserError, "reason for your vote"):
            request.with_user(self.committee_user_3)._cast_vote("reject")
        self._vote(request, self.committee_user_3, "reject", note="The income is above the threshold")
        self.assertEqual(request.vote_outcome, "pending")
        self.assertEqual(request.vote_pending_member_ids, self.committee_user_2)
        self._vote(request, self.committee_user_2, "accept")
        self.assertEqual(request.vote_outcome, "accepted")
        self.assertEqual(
            [(v.member_id, v.vote, v.date) for v in request.vote_ids],
            [
                (self.committee_user, "accept", datetime(2026, 3, 1, 9, 0)),
                (self.committee_user_3, "reject", datetime(2026, 3, 1, 9, 0)),
                (self.committee_user_2, "accept", datetime(2026, 3, 1, 9, 0)),
            ],
        )
        self.assertEqual(request.vote_ids[1].note, "The income is above the threshold")
        # the votes reject nothing: only their decision can be recorded
        request.decision_reason = "Outside the area"
        with self.assertRaisesRegex(UserError, "by the votes of its members"):
            request.with_user(self.committee_user).action_reject()
        request.with_user(self.committee_user_3).action_accept()
        self.assertEqual((request.state, request.decision_authority), ("accepted", "committee"))
        self.assertIn("By the majority of its members", self._html(request))

    def test_unanimous_a_split_committee_does_not_decide(self):
        self._voting_committee("unanimous")
        request = self._in_review()
        self._vote(request, self.committee_user, "accept")
        self._vote(request, self.committee_user_3, "reject", note="Documents inconsistent")
        self.assertEqual(request.vote_outcome, "no_decision")
        with self.assertRaisesRegex(UserError, "No Decision Reached"):
            request.with_user(self.committee_user).action_accept()
        # a manager may decide in its place, with the reason
        self._decide_in_place(request, "accepted", "The committee is split; the need is urgent")
        self.assertEqual((request.state, request.decision_authority), ("accepted", "manager"))

    def test_unanimous_accepted_when_all_agree(self):
        self._voting_committee("unanimous")
        request = self._in_review()
        self._vote(request, self.committee_user, "reject", note="Outside the area")
        self._vote(request, self.committee_user_3, "reject", note="Outside the area")
        self.assertEqual(request.vote_outcome, "rejected")
        request.decision_reason = "Outside the association's area"
        request.with_user(self.committee_user).action_reject()
        self.assertEqual((request.state, request.decision_authority), ("rejected", "committee"))
        self.assertIn("Unanimously", self._html(request))

    def test_only_members_vote_on_requests_under_review(self):
        self._voting_committee("majority")
        request = self._in_review()
        with self.assertRaises(AccessError):
            request.with_user(self.committee_user_2).action_open_vote()
        with self.assertRaisesRegex(UserError, "Only the members"):
            request.with_user(self.manager)._cast_vote("accept")
        self.committee.decision_rule = "member"
        with self.assertRaisesRegex(UserError, "does not vote"):
            request.with_user(self.committee_user)._cast_vote("accept")

    def test_votes_are_recorded_by_the_vote_button_only(self):
        self._voting_committee("majority")
        request = self._in_review()
        Vote = self.env["beneficiary.service.request.vote"]
        values = {
            "request_id": request.id,
            "committee_id": self.committee.id,
            "member_id": self.committee_user.id,
            "vote": "accept",
            "date": "2026-01-01 08:00:00",
        }
        for user in (self.committee_user, self.manager):
            with self.assertRaisesRegex(UserError, "Vote button"):
                Vote.with_user(user).create(values)
        vote = request.with_user(self.committee_user)._cast_vote("accept")
        with self.assertRaisesRegex(UserError, "Vote button"):
            vote.with_user(self.manager).write({"vote": "reject"})
        with self.assertRaises(AccessError):
            vote.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "Vote button"):
            vote.sudo().unlink()  # the guard holds beyond the access rights
        self.assertEqual(vote.vote, "accept")
