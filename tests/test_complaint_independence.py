"""A complaint is handled without the staff member it is about, and closed by its
follow-up committee or a manager only (issue 15, COVERAGE E4): per role, through the ORM
and JSON-RPC.

Decision: the staff member a complaint names does not read the complaint at all (a
global record rule), nor its compensation and negotiation rounds. Field groups cannot
single out one person, and the investigation is not in fields only: the chatter, the
attachments, the activities, the compensation and the letters all follow the complaint's
own access."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_request import ServiceRequestFixtures
from .test_contact_security import JsonRpcMixin

OPEN_FIELDS = ["subject", "description", "resolution", "state"]


class IndependenceFixtures(ServiceRequestFixtures):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.follow_up = cls.env["beneficiary.committee"]._beneficiary_company_committee(
            cls.company, "follow_up"
        )
        cls.follow_up.write(
            {"chair_id": cls.committee_user_2.id, "member_ids": [Command.set(cls.committee_user_2.ids)]}
        )
        cls.manager_2 = new_test_user(
            cls.env, "t_indep_manager_2", groups="base.group_user,beneficiary_relations.group_manager"
        )
        cls.category = cls.env["beneficiary.complaint.category"].create(
            {"name": "Staff conduct", "kind": "complaint", "sla_days": 10, "committee_id": cls.follow_up.id}
        )
        cls.category_inquiry = cls.env["beneficiary.complaint.category"].create(
            {"name": "Question", "kind": "inquiry", "sla_days": 3, "committee_id": cls.follow_up.id}
        )
        cls.channel = cls.env.ref("beneficiary_relations.channel_phone")
        # officer A serves beneficiary A; the researcher serves the same category
        cls.about_officer = cls._complaint("Officer A was rude", staff_user_id=cls.officer_a.id)
        cls.about_manager = cls._complaint("The manager ignored me", staff_user_id=cls.manager.id)
        cls.plain = cls._complaint("Basket late")
        cls.investigation = cls.env["beneficiary.committee"]._beneficiary_company_committee(
            cls.company, "investigation"
        )
        cls.compensation = cls.env["beneficiary.compensation"].create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "complaint_id": cls.about_officer.id,
                "investigation_committee_id": cls.investigation.id,
            }
        )
        cls.negotiation = cls.env["beneficiary.compensation.negotiation"].create(
            {"compensation_id": cls.compensation.id, "offer": 500}
        )

    @classmethod
    def _complaint(cls, subject, category=None, **vals):
        return cls.Complaint.create(
            {
                "subject": subject,
                "category_id": (category or cls.category).id,
                "channel_id": cls.channel.id,
                "beneficiary_id": cls.beneficiary_a.id,
                "description": "<p>What happened at the office.</p>",
                "resolution": "<p>Apology and training.</p>",
                "rejection_reason": "Not founded",
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestComplaintIndependence(IndependenceFixtures, TransactionCase):
    def test_the_staff_member_named_reads_nothing_of_it(self):
        for user, complaint in ((self.officer_a, self.about_officer), (self.manager, self.about_manager)):
            with self.subTest(user=user.login):
                Complaint = self.Complaint.with_user(user)
                self.assertNotIn(complaint, Complaint.search([]))
                self.assertFalse(Complaint.search_count([("id", "=", complaint.id)]))
                for attempt in (
                    lambda c=complaint, u=user: c.with_user(u).read(OPEN_FIELDS),
                    lambda c=complaint, u=user: c.with_user(u).write(
                        {"resolution": "<p>Nothing happened</p>"}
                    ),
                    lambda c=complaint, u=user: c.with_user(u).action_resolve(),
                    lambda c=complaint, u=user: c.with_user(u).action_reject(),
                    lambda c=complaint, u=user: c.with_user(u).action_settle(),
                    lambda c=complaint, u=user: c.with_user(u).write({"staff_user_id": False}),
                ):
                    with self.assertRaises(UserError), self.env.cr.savepoint():
                        attempt()
                self.assertEqual(complaint.state, "acknowledged")
                self.assertEqual(complaint.staff_user_id, user)
        # nor its compensation and the negotiation rounds
        for record in (self.compensation, self.negotiation):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.officer_a).read(["id"])
        self.assertTrue(
            self.compensation.with_user(self.researcher).has_access("read"), "a colleague reads it"
        )
        # the others still read the complaint
        self.assertTrue(self.about_officer.with_user(self.researcher).has_access("read"))
        self.assertTrue(self.about_officer.with_user(self.manager).has_access("read"))
        self.assertTrue(self.about_manager.with_user(self.manager_2).has_access("write"))
        self.assertIn(
            self.plain, self.Complaint.with_user(self.officer_a).search([]), "other complaints as before"
        )

    def test_only_the_follow_up_committee_and_managers_close_complaints(self):
        # officers (the researcher serves the category) write an open complaint, but do not
        # close it
        researcher = self.plain.with_user(self.researcher)
        researcher.write({"priority": "1"})
        for action in ("action_resolve", "action_reject", "action_settle"):
            with self.subTest(action=action), self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                getattr(researcher, action)()
            self.assertIn("Only the members of", str(caught.exception))
        self.assertFalse(researcher.can_close)
        self.assertEqual(self.plain.state, "acknowledged")
        # a member of its follow-up committee does
        committee = self.plain.with_user(self.committee_user_2)
        self.assertTrue(committee.can_close)
        committee.action_resolve()
        self.assertEqual(self.plain.state, "resolved")
        # then the officer writes the closed complaint no more (record rule)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            researcher.write({"priority": "2"})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            researcher.action_close()
        committee.action_close()
        self.assertEqual(self.plain.state, "closed")
        # a manager closes a complaint too, and a member of another committee does not
        other = self._complaint("Another one")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            other.with_user(self.committee_user).action_reject()
        other.with_user(self.manager).action_reject()
        self.assertEqual(other.state, "rejected")

    def test_the_record_rules_refuse_a_close_the_model_would_let_through(self):
        """The rules hold on their own: without the model's check, an officer's closing
        write is refused once the complaint is closed."""
        complaint = self._complaint("Guarded twice")
        researcher = complaint.with_user(self.researcher)
        with self.assertRaises(AccessError), self.env.cr.savepoint(), complaint._workflow_unlocked():
            researcher._set_state("resolved")
            researcher.check_access("write")
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "acknowledged")
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.about_officer.with_user(self.officer_a)._set_state("resolved")
        self.about_officer.invalidate_recordset()
        self.assertEqual(self.about_officer.state, "acknowledged")

    def test_officers_answer_inquiries(self):
        inquiry = self._complaint("When is the distribution?", category=self.category_inquiry)
        self.assertEqual(inquiry.user_id, self.officer_a, "the beneficiary's officer has it")
        mine = inquiry.with_user(self.officer_a)
        self.assertTrue(mine.can_close)
        mine.action_resolve()
        self.assertEqual(inquiry.state, "resolved")
        mine.action_close()
        self.assertEqual(inquiry.state, "closed")

    def test_the_staff_member_is_never_its_follower_assignee_or_responsible(self):
        complaint = self._complaint("Late answer", user_id=self.officer_a.id)
        complaint.activity_schedule("mail.mail_activity_data_todo", user_id=self.officer_a.id, summary="Call")
        self.assertIn(self.officer_a.partner_id, complaint.message_partner_ids)
        # named later: the responsible officer is the one complained about
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.staff_user_id = self.officer_a
        complaint.invalidate_recordset()
        complaint.write({"user_id": self.researcher.id, "staff_user_id": self.officer_a.id})
        self.assertNotIn(self.officer_a.partner_id, complaint.message_partner_ids, "no longer follows it")
        self.assertNotIn(self.officer_a, complaint.activity_ids.user_id, "their to-dos went to the chair")
        self.assertIn(self.committee_user_2, complaint.activity_ids.user_id)
        complaint.message_subscribe(partner_ids=(self.officer_a | self.manager).partner_id.ids)
        self.assertNotIn(self.officer_a.partner_id, complaint.message_partner_ids)
        self.assertIn(self.manager.partner_id, complaint.message_partner_ids)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.activity_schedule("mail.mail_activity_data_todo", user_id=self.officer_a.id)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.user_id = self.officer_a
        complaint.invalidate_recordset()
        self.assertNotEqual(complaint._sla_responsible_user(), self.officer_a)
        self.assertEqual(complaint._notify_officer(), self.researcher, "who follows the messages up")
        # escalating to top management leaves out a manager it is about
        self.about_manager.action_escalate_to_management()
        self.assertNotIn(self.manager, self.about_manager.activity_ids.user_id)
        self.assertIn(self.manager_2, self.about_manager.activity_ids.user_id)

    def test_nobody_files_a_complaint_about_themselves(self):
        with self.assertRaisesRegex(UserError, "A complaint about you"):
            self.Complaint.with_user(self.officer_a).create(
                {
                    "subject": "About me",
                    "category_id": self.category.id,
                    "channel_id": self.channel.id,
                    "beneficiary_id": self.beneficiary_a.id,
                    "staff_user_id": self.officer_a.id,
                }
            )
        # a colleague records it
        complaint = self.Complaint.with_user(self.researcher).create(
            {
                "subject": "About officer A",
                "category_id": self.category.id,
                "channel_id": self.channel.id,
                "beneficiary_id": self.beneficiary_a.id,
                "staff_user_id": self.officer_a.id,
            }
        )
        self.assertFalse(complaint.with_user(self.officer_a).has_access("read"))


@tagged("post_install", "-at_install")
class TestComplaintIndependenceRpc(JsonRpcMixin, IndependenceFixtures, HttpCase):
    @mute_logger("odoo.http")
    def test_rpc_the_staff_member_named(self):
        self.authenticate("t_officer_a", "t_officer_a")
        result, error = self._call_kw("beneficiary.complaint", "search_read", [[], ["subject"]])
        self.assertFalse(error)
        self.assertNotIn(self.about_officer.id, [row["id"] for row in result])
        self.assertIn(self.plain.id, [row["id"] for row in result])
        self._assert_refused(
            "beneficiary.complaint", "read", [self.about_officer.ids, OPEN_FIELDS], secret="rude"
        )
        self._assert_refused(
            "beneficiary.complaint",
            "web_read",
            [self.about_officer.ids],
            {"specification": {"resolution": {}}},
        )
        self._assert_refused("beneficiary.compensation", "read", [self.compensation.ids, ["name"]])
        for method in ("action_resolve", "action_reject", "action_settle", "action_close"):
            with self.subTest(method=method):
                _result, error = self._call_kw("beneficiary.complaint", method, [self.about_officer.ids])
                self.assertTrue(error, f"{method} went through")
        self._assert_refused(
            "beneficiary.complaint", "write", [self.about_officer.ids, {"staff_user_id": False}]
        )
        self.assertEqual(self.about_officer.state, "acknowledged")
        self.assertEqual(self.about_officer.staff_user_id, self.officer_a)

    @mute_logger("odoo.http")
    def test_rpc_who_closes(self):
        self.authenticate("t_researcher", "t_researcher")
        for method in ("action_resolve", "action_reject"):
            _result, error = self._call_kw("beneficiary.complaint", method, [self.plain.ids])
            self.assertEqual(error and error["data"]["name"], "odoo.exceptions.UserError", method)
        self.assertEqual(self.plain.state, "acknowledged")
        self.authenticate("t_committee_2", "t_committee_2")
        _result, error = self._call_kw("beneficiary.complaint", "action_resolve", [self.plain.ids])
        self.assertFalse(error)
        self.assertEqual(self.plain.state, "resolved")
        self.authenticate("t_manager", "t_manager")
        _result, error = self._call_kw("beneficiary.complaint", "action_resolve", [self.about_manager.ids])
        self.assertEqual(error and error["data"]["name"], "odoo.exceptions.AccessError")
        self.authenticate("t_indep_manager_2", "t_indep_manager_2")
        _result, error = self._call_kw("beneficiary.complaint", "action_resolve", [self.about_manager.ids])
        self.assertFalse(error)
        self.assertEqual(self.about_manager.state, "resolved")
