"""Finding 8 of issue 13: the officers' complaint rule on ``user_id`` also granted create,
so an officer filed a complaint for a beneficiary outside their categories, given to
themselves, and read that beneficiary's name through it."""

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from .common_request import ServiceRequestFixtures
from .test_contact_security import JsonRpcMixin


class ComplaintScopeFixtures(ServiceRequestFixtures):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.complaint_category = cls.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 10}
        )
        cls.request_b = cls.Request.create(
            {
                "beneficiary_id": cls.beneficiary_b.id,
                "service_type_id": cls.service.id,
                "channel_id": cls.channel_phone.id,
            }
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Riyadh Printing Press", "email": "press@example.com"}
        )

    def _values(self, **vals):
        return {
            "subject": "The basket came late",
            "category_id": self.complaint_category.id,
            "channel_id": self.channel_phone.id,
            **vals,
        }


@tagged("post_install", "-at_install")
class TestComplaintScope(ComplaintScopeFixtures, TransactionCase):
    def test_officers_file_complaints_for_their_categories_only(self):
        Complaint = self.Complaint.with_user(self.officer_a)
        for vals in (
            {"beneficiary_id": self.beneficiary_b.id, "user_id": self.officer_a.id},
            {"beneficiary_id": self.beneficiary_b.id},
            {"partner_id": self.beneficiary_b.partner_id.id, "user_id": self.officer_a.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError) as error:
                Complaint.create(self._values(**vals))
            self.assertNotIn("Noura", str(error.exception))
        self.assertFalse(self.Complaint.search([("partner_id", "=", self.beneficiary_b.partner_id.id)]))
        # their own beneficiaries, complainants who are no beneficiary, anonymous complainants
        for vals in (
            {"beneficiary_id": self.beneficiary_a.id},
            {"partner_id": self.supplier.id, "user_id": self.officer_a.id},
            {
                "contact_name": "A visitor",
                "contact_email": "visitor@example.com",
                "user_id": self.officer_a.id,
            },
        ):
            with self.subTest(vals=vals):
                complaint = Complaint.create(self._values(**vals))
                self.assertTrue(complaint.with_user(self.officer_a).has_access("write"))

    def test_a_complaint_given_to_an_officer_reaches_no_other_beneficiary(self):
        # a manager gives an officer a complaint of another category: they handle it
        given = self.Complaint.create(
            self._values(beneficiary_id=self.beneficiary_b.id, user_id=self.officer_a.id)
        )
        self.assertTrue(given.with_user(self.officer_a).has_access("write"))
        mine = self.Complaint.with_user(self.officer_a).create(
            self._values(beneficiary_id=self.beneficiary_a.id, user_id=self.officer_a.id)
        )
        other = self.Beneficiary.create({"name": "Huda Al-Qahtani", "category_id": self.category_b.id})
        for complaint in (mine, given):
            for vals in (
                {"beneficiary_id": other.id},
                {"beneficiary_id": False, "partner_id": other.partner_id.id},
                {"request_id": self.request_b.id},
            ):
                with (
                    self.subTest(complaint=complaint.subject, vals=vals),
                    self.assertRaises(AccessError) as error,
                ):
                    complaint.with_user(self.officer_a).write(vals)
                self.assertNotIn("Huda", str(error.exception))
        self.assertEqual(
            (mine.beneficiary_id, given.beneficiary_id), (self.beneficiary_a, self.beneficiary_b)
        )
        self.assertFalse(self.Complaint.search([("partner_id", "=", other.partner_id.id)]))

    def test_committee_members_link_no_other_beneficiary(self):
        """The same hole on the records a committee member edits whoever their beneficiary."""
        request = self.Request.create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "service_type_id": self.service.id,
                "channel_id": self.channel_phone.id,
            }
        )
        request._set_state("in_review", date_referred=fields.Datetime.now())  # referred, not signed yet
        investigation = self.env["beneficiary.committee"].create(
            {
                "name": "Investigation",
                "kind": "investigation",
                "chair_id": self.committee_user.id,
                "member_ids": [Command.set(self.committee_user.ids)],
            }
        )
        compensation = self.env["beneficiary.compensation"].create(
            {"beneficiary_id": self.beneficiary_a.id, "investigation_committee_id": investigation.id}
        )
        for record in (request, compensation):
            with self.subTest(model=record._name), self.assertRaises(AccessError) as error:
                record.with_user(self.committee_user).write({"beneficiary_id": self.beneficiary_b.id})
            self.assertNotIn("Noura", str(error.exception))
            self.assertEqual(record.beneficiary_id, self.beneficiary_a)


@tagged("post_install", "-at_install")
class TestComplaintScopeRpc(JsonRpcMixin, ComplaintScopeFixtures, HttpCase):
    @mute_logger("odoo.http")
    def test_rpc_officer_files_no_complaint_outside_their_categories(self):
        self.authenticate("t_officer_a", "t_officer_a")
        self._assert_refused(
            "beneficiary.complaint",
            "create",
            [self._values(beneficiary_id=self.beneficiary_b.id, user_id=self.officer_a.id)],
            secret="Noura",
        )
        self._assert_refused(
            "beneficiary.complaint",
            "web_save",
            [[], self._values(partner_id=self.beneficiary_b.partner_id.id, user_id=self.officer_a.id)],
            {"specification": {"partner_id": {"fields": {"display_name": {}}}}},
            secret="Noura",
        )
        mine, error = self._call_kw(
            "beneficiary.complaint", "create", [self._values(beneficiary_id=self.beneficiary_a.id)]
        )
        self.assertFalse(error)
        self._assert_refused(
            "beneficiary.complaint",
            "web_save",
            [[mine], {"beneficiary_id": self.beneficiary_b.id, "user_id": self.officer_a.id}],
            {"specification": {"beneficiary_id": {"fields": {"display_name": {}}}}},
            secret="Noura",
        )
        result, error = self._call_kw(
            "beneficiary.complaint", "search_read", [[], ["beneficiary_id", "partner_id"]]
        )
        self.assertFalse(error)
        self.assertNotIn("Noura", str(result))
        self.assertFalse(self.Complaint.search([("beneficiary_id", "=", self.beneficiary_b.id)]))
