"""Notifications to beneficiaries go through Odoo's queues: the message is posted at once
in the beneficiary's language, its e-mail (and SMS, with the SMS app) is queued and sent
by the queue's cron in batches, never while the user waits."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common_request import ServiceRequestCase

TEMPLATE = "beneficiary_relations.mail_template_request_acknowledgement"


@tagged("post_install", "-at_install")
class TestNotification(ServiceRequestCase):
    def _triggered(self, cron_xmlid):
        cron = self.env.ref(cron_xmlid)
        return self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])

    @freeze_time("2026-03-01 09:00:00")
    def test_acknowledgement_is_posted_and_queued_not_sent(self):
        mail_triggers = self._triggered("mail.ir_cron_mail_scheduler_action")
        request = self._bring_to(self._new_request(), "complete")
        [message] = request.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(message.partner_ids, self.beneficiary_a.partner_id)
        self.assertIn(request.name, message.body)
        self.assertIn(request.name, message.subject)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.state, "outgoing", "queued, not sent while the officer waits")
        self.assertEqual(mail.recipient_ids, self.beneficiary_a.partner_id)
        self.assertIn(request.name, mail.body_html)
        email = message.notification_ids.filtered(lambda n: n.notification_type == "email")
        self.assertEqual(
            (email.res_partner_id, email.notification_status, email.mail_mail_id),
            (self.beneficiary_a.partner_id, "ready", mail),
            "the message's envelope follows the e-mail",
        )
        self.assertGreater(
            self._triggered("mail.ir_cron_mail_scheduler_action"), mail_triggers, "the queue is woken up"
        )
        # the queue's cron sends it
        self.env["mail.mail"].process_email_queue()
        self.assertFalse(mail.exists() and mail.state == "outgoing")

    @freeze_time("2026-03-01 09:00:00")
    def test_sms_is_queued_beside_the_email(self):
        request = self._bring_to(self._new_request(), "complete")
        [message] = request.message_ids.filtered(lambda m: m.message_type == "comment")
        if "sms.sms" not in self.env:
            self.assertFalse(message.notification_ids.filtered(lambda n: n.notification_type == "sms"))
            return
        sms = self.env["sms.sms"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(sms.state, "outgoing", "queued for the SMS cron")
        self.assertEqual(sms.number, "+966551234567")
        self.assertIn(request.name, sms.body)
        notification = message.notification_ids.filtered(lambda n: n.notification_type == "sms")
        self.assertEqual((notification.sms_number, notification.notification_status), (sms.number, "ready"))
        self.assertEqual(notification.sms_id_int, sms.id)

    @freeze_time("2026-03-01 09:00:00")
    def test_batch_renders_each_in_its_language(self):
        self._activate_arabic()
        self.beneficiary_a.lang = "ar_001"
        self.beneficiary_b.lang = "en_US"
        requests = self.Request
        for beneficiary in (self.beneficiary_a, self.beneficiary_b, self.beneficiary_a):
            requests |= self._bring_to(self._new_request(beneficiary=beneficiary), "submitted")
        self.env["beneficiary.notification"]._notify(requests, self.env.ref(TEMPLATE))
        arabic, english, arabic_2 = (
            request.message_ids.filtered(lambda m: m.message_type == "comment") for request in requests
        )
        self.assertIn("عمل", arabic.body)
        self.assertIn("working days", english.body)
        self.assertIn(requests[2].name, arabic_2.body)
        self.assertNotIn(requests[0].name, arabic_2.body, "each body is its own request's")
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("mail_message_id", "in", (arabic | english | arabic_2).ids)]
            ),
            3,
        )
