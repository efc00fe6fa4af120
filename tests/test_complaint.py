from email.message import EmailMessage

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_request import ServiceRequestCase


@tagged("post_install", "-at_install")
class TestComplaint(ServiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.follow_up = cls.env["beneficiary.committee"].create(
            {"name": "Follow-up Committee", "kind": "follow_up", "chair_id": cls.committee_user_2.id}
        )
        cls.category_service = cls.env["beneficiary.complaint.category"].create(
            {
                "name": "Service quality",
                "kind": "complaint",
                "sla_days": 10,
                "sla_at_risk_days": 2,
                "committee_id": cls.follow_up.id,
                "sequence": 0,
            }
        )
        cls.category_inquiry = cls.env["beneficiary.complaint.category"].create(
            {"name": "Inquiry", "kind": "inquiry", "sla_days": 3, "committee_id": cls.follow_up.id}
        )
        cls.channel_sms = cls.env.ref("beneficiary_relations.channel_sms")

    def _complaint(self, **vals):
        values = {
            "subject": "Late food basket",
            "category_id": self.category_service.id,
            "channel_id": self.channel_sms.id,
            "beneficiary_id": self.beneficiary_a.id,
            "description": "<p>The basket did not arrive.</p>",
        }
        values.update(vals)
        return self.Complaint.create(values)

    def _raw_email(self, email_from, subject, body, attachment=None):
        message = EmailMessage()
        message["From"] = email_from
        message["To"] = "complaints@example.com"
        message["Subject"] = subject
        message["Message-Id"] = f"<{abs(hash((email_from, subject)))}@example.com>"
        message.set_content(body)
        if attachment:
            message.add_attachment(attachment, maintype="application", subtype="pdf", filename="receipt.pdf")
        return message.as_string()

    # ------------------------------------------------------------------ intake
    def test_email_to_the_alias_creates_a_complaint_for_the_beneficiary(self):
        alias = self.env.ref("beneficiary_relations.mail_alias_complaints")
        self.assertEqual(alias.alias_model_id.model, "beneficiary.complaint")
        raw = self._raw_email(
            "Fahad <FAHAD@example.com>",
            "Nobody answered my call",
            "I called three times.",
            b"%PDF-1.4 receipt",
        )
        complaint_id = self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        complaint = self.Complaint.browse(complaint_id)
        self.assertEqual(complaint.beneficiary_id, self.beneficiary_a, "found by e-mail")
        self.assertEqual(complaint.partner_id, self.beneficiary_a.partner_id)
        self.assertEqual(complaint.subject, "Nobody answered my call")
        self.assertEqual(complaint.channel_id, self.env.ref("beneficiary_relations.channel_email"))
        self.assertIn("three times", complaint.description)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachments.mapped("name"), ["receipt.pdf"], "the attachment is kept")

    def test_mobile_in_the_text_is_a_suggestion_staff_confirm(self):
        """Anyone can write a beneficiary's mobile in a mail: the complaint is not filed in
        that beneficiary's name; their officer sees the possible match and links it once
        they have checked."""
        raw = self._raw_email("someone@elsewhere.example", "شكوى", "رقم جوالي ٠٥٦ ١٢٣ ٤٥٦٧ أرجو التواصل")
        complaint = self.Complaint.browse(
            self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        )
        self.assertFalse(complaint.beneficiary_id, "not linked on a mobile written in the text")
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.contact_mobile, "+966561234567", "kept as a way to answer")
        self.assertEqual(complaint.contact_email, "someone@elsewhere.example")
        complaint.user_id = self.officer_a
        self.assertFalse(
            complaint.with_user(self.officer_a).suggested_beneficiary_id,
            "only beneficiaries the user may read",
        )
        complaint.user_id = self.officer_b
        self.assertEqual(complaint.with_user(self.officer_b).suggested_beneficiary_id, self.beneficiary_b)
        complaint.with_user(self.officer_b).action_link_suggested_beneficiary()
        self.assertEqual(complaint.beneficiary_id, self.beneficiary_b)
        self.assertEqual(complaint.partner_id, self.beneficiary_b.partner_id)
        self.assertFalse(complaint.suggested_beneficiary_id)
        with self.assertRaisesRegex(UserError, "no possible beneficiary"):
            complaint.action_link_suggested_beneficiary()

    def test_shared_address_links_nobody(self):
        self.beneficiary_b.email = "FAHAD@example.com"
        raw = self._raw_email("fahad@example.com", "Question", "Two files share this address.")
        complaint = self.Complaint.browse(
            self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        )
        self.assertFalse(complaint.beneficiary_id, "two files with the sender's address: staff decide")
        self.assertFalse(complaint.suggested_beneficiary_id)

    def test_unknown_sender_gets_an_anonymous_complaint(self):
        raw = self._raw_email("Visitor <visitor@unknown.example>", "Question", "When do you open?")
        complaint = self.Complaint.browse(
            self.env["mail.thread"].message_process("beneficiary.complaint", raw)
        )
        self.assertFalse(complaint.beneficiary_id)
        self.assertTrue(complaint.is_anonymous)
        self.assertEqual(complaint.contact_email, "visitor@unknown.example")
        self.assertEqual(complaint.contact_name, "Visitor")
        self.assertTrue(complaint.name.startswith("CMP/"))

    def test_anonymous_complaint_needs_a_way_to_answer(self):
        complaint = self._complaint(beneficiary_id=False, contact_name="Visitor", contact_mobile="0551112223")
        self.assertEqual(complaint.contact_mobile, "+966551112223")
        self.assertTrue(complaint.is_anonymous)
        with self.assertRaisesRegex(UserError, "contact name and an e-mail or a mobile"):
            self._complaint(beneficiary_id=False, contact_name="Visitor")

    def test_description_is_sanitized(self):
        complaint = self._complaint(
            description="<p>ok</p><script>alert(1)</script><a href='javascript:x()'>l</a>"
        )
        self.assertNotIn("<script", complaint.description)
        self.assertNotIn("javascript:", complaint.description)

    # ------------------------------------------------------------------ handling
    @freeze_time("2026-03-01 07:00:00")
    def test_acknowledgement_states_reference_and_deadline(self):
        complaint = self._complaint()
        self.assertEqual(complaint.committee_id, self.follow_up, "the category's follow-up committee")
        complaint.action_acknowledge()
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.sla_days, 10)
        message = complaint.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertIn(complaint.name, message.body)
        self.assertIn(complaint.sla_deadline_display, message.body)
        self.assertIn(self.beneficiary_a.partner_id, message.partner_ids)

    def test_anonymous_acknowledgement_is_mailed_to_the_contact(self):
        complaint = self._complaint(
            beneficiary_id=False, contact_name="Visitor", contact_email="v@example.com"
        )
        complaint.action_acknowledge()
        mail = self.env["mail.mail"].search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])
        self.assertEqual(mail.email_to, "v@example.com")
        self.assertIn(complaint.name, mail.body_html)

    def test_inquiries_have_their_own_deadline(self):
        with freeze_time("2026-03-01 07:00:00"):
            complaint = self._complaint(category_id=self.category_inquiry.id)
            complaint.action_acknowledge()
        self.assertEqual(complaint.kind, "inquiry")
        self.assertEqual(complaint.sla_deadline.date().isoformat(), "2026-03-04", "three working days")

    def test_amicable_settlement_needs_the_acceptance(self):
        complaint = self._complaint()
        complaint.action_investigate()
        self.assertEqual(complaint.state, "investigating")
        with self.assertRaisesRegex(UserError, "who accepted, when, how it was accepted"):
            complaint.write({"settlement_terms": "A new basket delivered at home"})
            complaint.action_settle()
        complaint.write(
            {
                "settlement_accepted_by": "Fahad Al-Dosari",
                "settlement_accepted_on": "2026-03-02 10:00:00",
                "settlement_acceptance_method": "phone",
            }
        )
        complaint.action_settle()
        self.assertEqual(complaint.state, "settled")
        self.assertEqual(complaint.sla_status, "met")
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")

    def test_resolution_and_rejection_need_content(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "Describe how"):
            complaint.action_resolve()
        complaint.resolution = "<p>Delivered with an apology.</p>"
        complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        other = self._complaint()
        with self.assertRaisesRegex(UserError, "reason for rejecting"):
            other.action_reject()
        other.rejection_reason = "Not related to the association"
        other.action_reject()
        self.assertEqual(other.state, "rejected")
        with self.assertRaisesRegex(UserError, "buttons"):
            other.write({"state": "new"})

    def test_escalation_to_top_management(self):
        complaint = self._complaint()
        complaint.action_escalate_to_management()
        self.assertIn(self.manager, complaint.activity_ids.user_id)

    def test_complaint_sla_escalates_like_requests(self):
        self.env["beneficiary.escalation.level"].search([]).active = False
        self.env["beneficiary.escalation.level"].create(
            [
                {
                    "name": "Follow-up",
                    "level": 1,
                    "days_after_deadline": 0,
                    "notify": "committee_chair",
                    "applies_to": "complaint",
                },
                {
                    "name": "Top management",
                    "level": 2,
                    "days_after_deadline": 2,
                    "notify": "managers",
                    "applies_to": "all",
                },
                {
                    "name": "Requests only",
                    "level": 3,
                    "days_after_deadline": 3,
                    "notify": "responsible",
                    "applies_to": "request",
                },
            ]
        )
        with freeze_time("2026-03-01 07:00:00"):
            complaint = self._complaint(category_id=self.category_inquiry.id)
            complaint.action_acknowledge()
        for day in ("2026-03-04 15:00:00", "2026-03-10 15:00:00", "2026-03-30 15:00:00"):
            with freeze_time(day):
                self.Complaint._cron_check_sla()
                self.Complaint._cron_check_sla()
        self.assertEqual(complaint.sla_status, "breached")
        self.assertEqual(complaint.escalation_level, 2, "the request-only level does not apply")
        escalations = complaint.message_ids.filtered(lambda m: "Escalated to" in (m.body or ""))
        self.assertEqual(len(escalations), 2)
        levels = self.env["beneficiary.escalation.level"].search([("applies_to", "in", ("complaint", "all"))])
        summaries = self.env["mail.activity"].search(
            [("res_model", "=", "beneficiary.escalation.level"), ("res_id", "in", levels.ids)]
        )
        self.assertIn(self.committee_user_2, summaries.user_id, "the follow-up committee chair")
        self.assertIn(self.manager, summaries.user_id)
        self.assertTrue(all(complaint.name in summary.note for summary in summaries))

    # ------------------------------------------------------------------ access
    def test_complaint_access_per_role(self):
        mine = self._complaint()
        theirs = self._complaint(beneficiary_id=self.beneficiary_b.id)
        anonymous = self._complaint(
            beneficiary_id=False,
            contact_name="V",
            contact_email="v@example.com",
            category_id=self.category_inquiry.id,
        )
        both = mine | theirs | anonymous
        self.assertEqual(self.Complaint.with_user(self.officer_a).search([("id", "in", both.ids)]), mine)
        anonymous.user_id = self.officer_a
        self.assertEqual(
            self.Complaint.with_user(self.officer_a).search([("id", "in", both.ids)]),
            mine | anonymous,
            "and the complaints given to them",
        )
        self.assertEqual(
            self.Complaint.with_user(self.committee_user_2).search([("id", "in", both.ids)]),
            both,
            "the follow-up committee handles them all",
        )
        self.assertFalse(self.Complaint.with_user(self.committee_user).search([("id", "in", both.ids)]))
        portal_b = self._make_portal_user(self.beneficiary_b, "t_portal_cmp_b")
        self.assertEqual(self.Complaint.with_user(portal_b).search([]), theirs)
        with self.assertRaises(AccessError):
            mine.with_user(portal_b).read(["subject"])
        with self.assertRaises(AccessError):
            self.Complaint.with_user(self.accountant).search([])
