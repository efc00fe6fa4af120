"""Policies 002 and 004 (G7): when staff change what a beneficiary gave or relies on, the
beneficiary is told which items of their file changed (never the values) and how to ask
for a correction, once per save, through the notification service; their old e-mail
address or mobile is told as well when it changes. Not for a new file, the association's
own fields, the beneficiary's own changes on the portal, nor when the association turns
it off; no context key skips it."""

from odoo.tests import tagged

from .common import make_id
from .common_notification import NotificationCase
from .test_workflow_guard import hostile_context


@tagged("post_install", "-at_install")
class TestFileUpdate(NotificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_update_portal_a")

    def setUp(self):
        super().setUp()
        # the fixtures were created in this same transaction: commit time for them
        self.env.cr.precommit.run()

    def _commit(self):
        """What happens just before the transaction of a save is committed."""
        self.env.cr.precommit.run()

    def _updates(self, beneficiary):
        return self._logs(beneficiary, "file_update")

    def test_email_lists_the_items_not_the_values(self):
        self.beneficiary_a.preferred_channel_id = self.channels["email"]
        self.beneficiary_a.with_user(self.officer_a).write(
            {"name": "Fahad Al-Qahtani", "street": "King Fahd Road 12", "city": "Riyadh"}
        )
        self._commit()
        [log] = self._updates(self.beneficiary_a)
        self.assertEqual(
            (log.channel, log.state, log.recipient, log.beneficiary_id),
            ("email", "queued", "fahad@example.com", self.beneficiary_a),
        )
        mail = self._mail_of(log)
        body = str(mail.body_html)
        for label in ("Name", "Address", "/my/beneficiary"):
            self.assertIn(label, body)
        self.assertNotIn("King Fahd Road", body, "the items changed, not their values")
        self.assertNotIn("Mobile", body, "only the items that changed")
        self.assertIn(self.beneficiary_a.reference, mail.subject)
        message = log.mail_message_id
        self.assertEqual((message.model, message.res_id), (self.beneficiary_a._name, self.beneficiary_a.id))
        self.assertIn("Address", str(message.body), "the message is on the file's chatter")

    def test_sms_in_arabic_without_sensitive_values(self):
        self._activate_arabic()
        self.beneficiary_a.write({"preferred_channel_id": self.channels["sms"].id, "lang": "ar_001"})
        self._commit()
        self.beneficiary_a.with_user(self.researcher).write(
            {"monthly_income": 4321, "birth_date": "1990-05-01"}
        )
        self._commit()
        [log] = self._updates(self.beneficiary_a)
        self.assertEqual((log.channel, log.recipient), ("sms", "+966551234567"))
        sms = self._sms_of(log)
        self.assertIn("الدخل الشهري", sms.body)
        self.assertIn("تاريخ الميلاد", sms.body)
        self.assertIn("ملفكم", sms.body, "addressing the beneficiary respectfully")
        self.assertIn("/my/beneficiary", sms.body)
        for value in ("4321", "4,321", "1990"):
            self.assertNotIn(value, sms.body)

    def test_several_changes_in_one_save_make_one_message(self):
        self.beneficiary_a.preferred_channel_id = self.channels["sms"]
        officer_file = self.beneficiary_a.with_user(self.officer_a)
        officer_file.write({"phone": "0112345678", "gender": "male"})
        officer_file.write({"member_line_ids": [(0, 0, {"name": "Sara", "relation": "daughter"})]})
        officer_file.write({"zip": "12345"})
        self._commit()
        [log] = self._updates(self.beneficiary_a)
        body = self._sms_of(log).body
        for label in ("Phone", "Gender", "Family Members", "Address"):
            self.assertIn(label, body)
        self.assertFalse(self._updates(self.beneficiary_b), "only the file changed")
        # a line of the family changed on its own, in a later save: one more message
        self.beneficiary_a.member_line_ids.with_user(self.officer_a).write({"name": "Sarah"})
        self._commit()
        self.assertEqual(len(self._updates(self.beneficiary_a)), 2)

    def test_old_email_and_old_mobile_are_told_too(self):
        self.beneficiary_a.preferred_channel_id = self.channels["email"]
        self.beneficiary_a.with_user(self.officer_a).write(
            {"email": "someone.else@example.com", "mobile": "0559998877"}
        )
        self._commit()
        logs = self._updates(self.beneficiary_a)
        self.assertEqual(
            sorted((log.channel, log.recipient) for log in logs),
            [
                ("email", "fahad@example.com"),
                ("email", "someone.else@example.com"),
                ("sms", "+966551234567"),
            ],
            "the new address, and the old address and number it replaced",
        )
        old_mail = self._mail_of(logs.filtered(lambda log: log.recipient == "fahad@example.com"))
        self.assertEqual(old_mail.email_to, "fahad@example.com")
        self.assertIn("E-mail", str(old_mail.body_html))
        old_sms = self._sms_of(logs.filtered(lambda log: log.channel == "sms"))
        self.assertEqual(old_sms.number, "+966551234567")
        self.assertIn("Mobile", old_sms.body)

    def test_internal_fields_and_new_files_are_not_told(self):
        self.beneficiary_a.preferred_channel_id = self.channels["email"]
        self.beneficiary_a.with_user(self.officer_a).write(
            {"state_reason": "Checked", "domain_ids": [(4, self.domain_social.id)]}
        )
        self.beneficiary_a.with_user(self.researcher).write(
            {"health_notes": "Diabetic", "social_research_notes": "Visited"}
        )
        self.beneficiary_a.with_user(self.manager).write({"liaison_user_id": self.officer_b.id})
        self.beneficiary_a.with_user(self.manager).action_activate()
        new = self.Beneficiary.with_user(self.officer_a).create(
            {
                "name": "Huda Al-Shehri",
                "national_id": make_id(20000099),
                "category_id": self.category_a.id,
                "email": "huda@example.com",
                "member_line_ids": [(0, 0, {"name": "Ali", "relation": "son"})],
            }
        )
        new.with_user(self.officer_a).write({"city": "Jeddah"})  # in the save that created it
        self._commit()
        self.assertFalse(self._updates(self.beneficiary_a))
        self.assertFalse(self._updates(new))

    def test_beneficiary_changing_their_own_data_on_the_portal_is_not_told(self):
        self.beneficiary_a.preferred_channel_id = self.channels["email"]
        # what the portal's account page does with the details the beneficiary typed
        self.portal_a.partner_id.with_user(self.portal_a).sudo().write(
            {"email": "fahad.new@example.com", "city": "Dammam", "phone": "0138765432"}
        )
        self._commit()
        self.assertEqual(self.beneficiary_a.email, "fahad.new@example.com")
        self.assertFalse(self._updates(self.beneficiary_a))

    def test_association_can_turn_it_off(self):
        self.company.beneficiary_notify_file_update = False
        self.beneficiary_a.with_user(self.officer_a).write({"email": "other@example.com"})
        self._commit()
        self.assertFalse(self._updates(self.beneficiary_a))
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.beneficiary_notify_file_update)
        self.assertTrue(self.env["res.company"].create({"name": "Another"}).beneficiary_notify_file_update)

    def test_no_context_key_skips_the_message(self):
        """An officer's call through JSON-RPC may carry any context key: every key the
        module reads (and Odoo's that relax checks) is sent, and the beneficiary is still
        told."""
        self.beneficiary_a.preferred_channel_id = self.channels["email"]
        context = hostile_context()
        self.assertIn("tracking_disable", context)
        self.assertIn("import_file", context)
        officer_env = self.env(user=self.officer_a, context=dict(self.env.context, **context))
        officer_env["beneficiary.beneficiary"].browse(self.beneficiary_a.id).write(
            {"mobile": "0550001122", "category_id": self.category_a.id}
        )
        officer_env["res.partner"].browse(self.beneficiary_a.partner_id.id).write({"street": "Olaya Street"})
        self._commit()
        logs = self._updates(self.beneficiary_a)
        self.assertEqual(sorted(logs.mapped("channel")), ["email", "sms"], "the file, and its old number")
        body = str(self._mail_of(logs.filtered(lambda log: log.channel == "email")).body_html)
        self.assertIn("Mobile", body)
        self.assertIn("Address", body)
        self.assertNotIn("Category", body, "written with the value it had: nothing changed")

    def test_batch_registration_sends_nothing(self):
        """The spreadsheet import creates files in batches: nothing is told, and the check
        before the commit costs no query."""
        self.Beneficiary.with_user(self.officer_a).create(
            [
                {
                    "name": f"Imported {index}",
                    "category_id": self.category_a.id,
                    "mobile": f"05500001{index:02d}",
                    "member_line_ids": [(0, 0, {"name": f"Child {index}", "relation": "son"})],
                }
                for index in range(20)
            ]
        )
        self.env.flush_all()
        with self.assertQueryCount(0):
            self._commit()
        self.assertFalse(self.Log.search([("kind", "=", "file_update")]))
