"""Every message to a beneficiary or a complainant goes through the notification service:
on the channel agreed with them, else along the association's order; e-mail and SMS
through Odoo's queues, WhatsApp, calls and letters through the liaison officer; each one
logged on the record with what became of it."""

from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

from freezegun import freeze_time

from odoo.tests import tagged

from ..lib.text_messages import sms_segments
from ..models.beneficiary_beneficiary import FILE_UPDATE_MESSAGE
from .common_notification import NotificationCase


@tagged("post_install", "-at_install")
class TestNotificationChannels(NotificationCase):
    @freeze_time("2026-03-01 09:00:00")
    def test_email_to_a_beneficiary_who_chose_it(self):
        self.beneficiary_a.preferred_channel_id = self.channels["email"]
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        self.assertEqual(
            (log.kind, log.channel, log.state, log.recipient, log.beneficiary_id, log.preferred_channel),
            ("acknowledgement", "email", "queued", "fahad@example.com", self.beneficiary_a, False),
        )
        mail = self._mail_of(log)
        self.assertEqual((mail.state, mail.recipient_ids), ("outgoing", self.beneficiary_a.partner_id))
        self.assertIn(request.name, mail.subject)
        self.assertIn(request.name, log.mail_message_id.body, "the message is on the request's chatter")
        self.assertEqual(log.mail_message_id.model, request._name)
        self.assertFalse(self._sms_of(log), "one channel: no SMS beside the e-mail")
        self.assertTrue(log.in_time)
        self.assertEqual(log.date_deadline, request.sla_deadline)
        self.assertEqual(request.notification_log_count, 1)
        self.assertEqual(self.beneficiary_a.notification_log_count, 1)
        # the mail queue sends it: the log follows
        mail.write({"state": "sent"})
        self.assertEqual(log.state, "sent")
        self.assertTrue(log.date_done)

    @freeze_time("2026-03-01 09:00:00")
    def test_sms_to_a_beneficiary_who_chose_it(self):
        self._activate_arabic()
        self.beneficiary_a.write({"preferred_channel_id": self.channels["sms"].id, "lang": "ar_001"})
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        self.assertEqual((log.channel, log.state, log.recipient), ("sms", "queued", "+966551234567"))
        sms = self._sms_of(log)
        self.assertEqual(
            (sms.state, sms.number, sms.partner_id),
            ("outgoing", "+966551234567", self.beneficiary_a.partner_id),
        )
        self.assertIn(request.name, sms.body)
        self.assertIn("طلبكم", sms.body, "in the beneficiary's language, addressing them respectfully")
        self.assertEqual(log.mail_message_id.message_type, "sms")
        self.assertFalse(self._mail_of(log), "no e-mail beside the SMS")
        self.assertEqual(log.mail_notification_id.notification_status, "ready")

    @freeze_time("2026-03-01 09:00:00")
    def test_fallback_when_the_agreed_channel_is_missing(self):
        beneficiary = self._beneficiary(preferred_channel_id=self.channels["email"].id)
        request = self._bring_to(self._new_request(beneficiary=beneficiary), "complete")
        [log] = self._logs(request)
        self.assertEqual(
            (log.channel, log.preferred_channel), ("sms", "email"), "no e-mail: the next channel"
        )
        self.assertEqual(log.fallback_reason, "no e-mail address")
        # the association's order decides, when the beneficiary chose nothing
        self.company.beneficiary_notify_order = "phone,whatsapp,email"
        beneficiary.preferred_channel_id = False
        request.action_refer()
        log = self._logs(request, "referral")
        self.assertEqual((log.channel, log.preferred_channel, log.state), ("phone", False, "to_do"))
        self.assertEqual(
            self.company._beneficiary_notify_order(), ("phone", "whatsapp", "email", "sms", "letter")
        )

    @freeze_time("2026-03-01 09:00:00")
    def test_nothing_on_file_gives_a_letter(self):
        beneficiary = self._beneficiary(mobile=False, preferred_channel_id=self.channels["sms"].id)
        request = self._bring_to(self._new_request(beneficiary=beneficiary), "complete")
        [log] = self._logs(request)
        self.assertEqual(
            (log.channel, log.state, log.fallback_reason), ("letter", "to_do", "no mobile number")
        )
        self.assertIn(
            request.name, log.body, "the letter's text is the e-mail's, in the beneficiary's language"
        )
        self.assertEqual(
            log.activity_id.activity_type_id, self.env.ref("beneficiary_relations.mail_activity_type_letter")
        )
        self.assertEqual(log.activity_id.user_id, self.officer_a, "the liaison officer of the category")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("beneficiary_relations.action_report_notification_letter", log.ids)[0]
            .decode()
        )
        self.assertIn(request.name, html)
        log.activity_id.with_user(self.officer_a).action_feedback()
        self.assertEqual(log.state, "done", "the officer handed it over")

    @freeze_time("2026-03-01 09:00:00")
    def test_whatsapp_is_a_task_of_the_officer_with_the_text_ready(self):
        self.beneficiary_a.preferred_channel_id = self.channels["whatsapp"]
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        self.assertEqual((log.channel, log.state, log.recipient), ("whatsapp", "to_do", "+966551234567"))
        url = urlsplit(log.whatsapp_url)
        self.assertEqual((url.scheme, url.netloc, url.path), ("https", "wa.me", "/966551234567"))
        text = parse_qs(url.query)["text"][0]
        self.assertIn(request.name, text)
        activity = log.activity_id
        self.assertEqual(
            activity.activity_type_id, self.env.ref("beneficiary_relations.mail_activity_type_whatsapp")
        )
        self.assertEqual(
            (activity.user_id, activity.res_model, activity.res_id),
            (self.officer_a, request._name, request.id),
        )
        self.assertIn("https://wa.me/966551234567?text=", activity.note)
        self.assertFalse(self._sms_of(log) or self._mail_of(log), "nothing is sent by the application")
        # the officer sends it and marks it done, from the list of messages to send by hand
        self.assertIn(
            log,
            self.Log.with_user(self.officer_a).search(
                [("state", "=", "to_do"), ("user_id", "=", self.officer_a.id)]
            ),
        )
        log.with_user(self.officer_a).action_done()
        self.assertEqual(log.state, "done")
        self.assertFalse(activity.exists())

    @freeze_time("2026-03-01 09:00:00")
    def test_phone_is_a_call_with_what_to_say(self):
        self.beneficiary_a.preferred_channel_id = self.channels["phone"]
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        self.assertEqual((log.channel, log.state), ("phone", "to_do"))
        self.assertEqual(log.activity_id.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertIn("+966551234567", log.activity_id.note)
        self.assertIn(request.name, log.activity_id.note)
        self.assertIn(request.name, log.body)

    def test_channels_of_the_policy_map_to_a_way_of_sending(self):
        methods = {code: channel.notification_method for code, channel in self.channels.items()}
        self.assertEqual(
            methods,
            {"email": "email", "sms": "sms", "whatsapp": "whatsapp", "phone": "phone", "letter": "letter",
             "interview": "letter", "portal": "email"},
        )  # fmt: skip

    def test_settings_keep_the_order(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(
            [settings[f"beneficiary_notify_channel_{i}"] for i in range(1, 6)],
            ["email", "sms", "whatsapp", "phone", "letter"],
        )
        settings.write(
            {"beneficiary_notify_channel_1": "whatsapp", "beneficiary_notify_channel_2": "whatsapp"}
        )
        settings.execute()
        self.assertEqual(self.env.company.beneficiary_notify_order, "whatsapp,phone,letter")
        self.assertEqual(self.env.company._beneficiary_notify_order()[:3], ("whatsapp", "phone", "letter"))


@tagged("post_install", "-at_install")
class TestNotificationKinds(NotificationCase):
    """Each message of each workflow: which text, to whom."""

    @freeze_time("2026-03-01 09:00:00")
    def test_request_messages_from_intake_to_rating(self):
        request = self._new_request()
        request.action_submit()
        request.action_ask_missing_documents()
        request = self._bring_to(request, "delivered")
        kinds = self._logs(request).mapped("kind")
        self.assertEqual(
            kinds,
            [
                "documents_missing",
                "acknowledgement",
                "referral",
                "decision",
                "registration",
                "delivery",
                "rating",
            ],
        )
        by_kind = {log.kind: log for log in self._logs(request)}
        self.assertIn("ID copy", by_kind["documents_missing"].mail_message_id.body)
        self.assertIn("Educational Affairs Committee", by_kind["referral"].mail_message_id.body)
        self.assertIn("accepted", by_kind["decision"].mail_message_id.subject)
        rating_body = by_kind["rating"].mail_message_id.body
        token = request._portal_rating_token()
        self.assertIn(f"/rate/{token}/5", rating_body)
        self.assertEqual(set(self._logs(request).mapped("channel")), {"email"})

    @freeze_time("2026-03-01 09:00:00")
    def test_rejection_is_told_then_rated(self):
        request = self._bring_to(self._new_request(), "rejected")
        decision, rating = self._logs(request, "decision"), self._logs(request, "rating")
        self.assertIn("could not accept", decision.mail_message_id.body)
        self.assertTrue(rating)
        self.assertEqual(decision.user_id, self.officer_a)

    def test_missing_documents_refused_when_nothing_is_missing(self):
        request = self._new_request()
        request.action_submit()
        self._prepare_complete(request)
        with self.assertRaisesRegex(Exception, "No document is missing"):
            request.action_ask_missing_documents()

    @freeze_time("2026-03-01 09:00:00")
    def test_complaint_acknowledged_answered_and_rated(self):
        category = self.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 10}
        )
        self.beneficiary_b.preferred_channel_id = self.channels["sms"]
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "Late aid",
                "category_id": category.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_b.id,
                "resolution": "<p>The aid was delivered.</p>",
            }
        )
        self.assertEqual(complaint.state, "acknowledged", "acknowledged on arrival")
        complaint.action_resolve()
        complaint.action_close()
        logs = self._logs(complaint)
        self.assertEqual(logs.mapped("kind"), ["acknowledgement", "decision", "rating"])
        self.assertEqual(set(logs.mapped("channel")), {"sms"})
        bodies = [self._sms_of(log).body for log in logs]
        self.assertIn("We will answer you by", bodies[0])
        self.assertIn("resolved", bodies[1])
        self.assertIn(f"/rate/{complaint._portal_rating_token()}/3", bodies[2])
        self.assertEqual(logs[0].user_id, self.officer_b, "the liaison officer of the complainant")

    @freeze_time("2026-03-01 09:00:00")
    def test_complainant_without_a_file_is_answered_the_way_they_can_be(self):
        category = self.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "kind": "complaint", "sla_days": 10}
        )
        Complaint = self.env["beneficiary.complaint"]
        values = {"subject": "Rude answer", "category_id": category.id, "contact_name": "Visitor"}
        mobile_only = Complaint.create(
            dict(values, channel_id=self.channels["sms"].id, contact_mobile="0559998877")
        )
        email_only = Complaint.create(
            dict(values, channel_id=self.channels["portal"].id, contact_email="visitor@example.com")
        )
        both = Complaint.create(
            dict(
                values,
                channel_id=self.channels["sms"].id,
                contact_mobile="0559998877",
                contact_email="visitor@example.com",
            )
        )
        (mobile_only | email_only | both).action_acknowledge()
        [sms_log], [email_log], [both_log] = (self._logs(c) for c in (mobile_only, email_only, both))
        self.assertEqual((sms_log.channel, sms_log.recipient), ("sms", "+966559998877"))
        self.assertFalse(sms_log.beneficiary_id)
        self.assertIn(mobile_only.name, self._sms_of(sms_log).body)
        self.assertEqual((email_log.channel, email_log.recipient), ("email", "visitor@example.com"))
        mail = self._mail_of(email_log)
        self.assertEqual((mail.email_to, mail.recipient_ids.ids), ("visitor@example.com", []))
        self.assertEqual(both_log.channel, "sms", "answered the way they wrote in")
        # the answer follows the same road
        mobile_only.rejection_reason = "Outside our remit"
        mobile_only.action_reject()
        answer = self._logs(mobile_only, "decision")
        self.assertEqual(answer.channel, "sms")
        self.assertIn("could not be accepted", self._sms_of(answer).body)
        mobile_only.action_close()
        self.assertFalse(self._logs(mobile_only, "rating"), "no rating without a contact to rate")

    @freeze_time("2026-03-01 09:00:00")
    def test_data_request_answer(self):
        data_request = self.env["beneficiary.data.request"].create(
            {"beneficiary_id": self.beneficiary_a.id, "description": "Correct my phone number"}
        )
        data_request.response = "Your phone number is corrected."
        data_request.action_done()
        log = self._logs(data_request, "decision")
        self.assertEqual(log.channel, "email")
        self.assertIn("Your phone number is corrected.", log.mail_message_id.body)
        refused = self.env["beneficiary.data.request"].create(
            {
                "beneficiary_id": self.beneficiary_b.id,
                "description": "Delete my file",
                "request_type": "erasure",
            }
        )
        self.beneficiary_b.preferred_channel_id = self.channels["sms"]
        refused.response = "A case is open."
        refused.action_refuse()
        self.assertIn("could not be accepted", self._sms_of(self._logs(refused, "decision")).body)


@tagged("post_install", "-at_install")
class TestNotificationFailures(NotificationCase):
    @freeze_time("2026-03-01 09:00:00")
    def test_sms_error_gives_the_officer_an_activity(self):
        self.beneficiary_a.preferred_channel_id = self.channels["sms"]
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        sms = self._sms_of(log)
        sms.sms_tracker_id._action_update_from_sms_state("error", failure_type="sms_number_format")
        self.assertEqual(log.state, "failed")
        activity = request.activity_ids.filtered(lambda a: "Message not delivered" in (a.summary or ""))
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertIn("+966551234567", activity.note)
        # told once
        sms.sms_tracker_id._action_update_from_sms_state("error", failure_type="sms_number_format")
        self.assertEqual(
            len(request.activity_ids.filtered(lambda a: "Message not delivered" in (a.summary or ""))), 1
        )

    @freeze_time("2026-03-01 09:00:00")
    def test_email_failure_and_bounce_give_the_officer_an_activity(self):
        first = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(first)
        self._mail_of(log).write({"state": "exception", "failure_reason": "SMTP refused"})
        self.assertEqual((log.state, log.failure_reason), ("failed", "SMTP refused"))
        self.assertEqual(len(first.activity_ids.filtered(lambda a: "not delivered" in (a.summary or ""))), 1)

        second = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(second)
        self._mail_of(log).write({"state": "sent"})
        self.env["mail.thread"]._routing_handle_bounce(
            None,
            {
                "bounced_email": "fahad@example.com",
                "bounced_partner": self.beneficiary_a.partner_id,
                "bounced_msg_ids": [log.mail_message_id.message_id],
                "bounced_message": log.mail_message_id,
                "email_from": "MAILER-DAEMON@example.com",
                "to": "bounce@example.com",
                "message_id": "<bounce-1@example.com>",
                "body": "<p>Mailbox unknown</p>",
            },
        )
        self.assertEqual(log.state, "failed")
        self.assertIn("Mailbox unknown", log.failure_reason)
        self.assertTrue(second.activity_ids.filtered(lambda a: "not delivered" in (a.summary or "")))

    @freeze_time("2026-03-01 09:00:00")
    def test_no_gateway_keeps_sms_in_the_queue_and_reaches_nobody(self):
        self.beneficiary_a.preferred_channel_id = self.channels["sms"]
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        with patch("odoo.addons.sms.tools.sms_api.SmsApi._contact_iap") as contact_iap:
            self.env["sms.sms"].sudo()._process_queue()
            self._sms_of(log).send()
        contact_iap.assert_not_called()
        self.assertEqual((self._sms_of(log).state, log.state), ("outgoing", "queued"))

    @freeze_time("2026-03-01 09:00:00")
    def test_iap_gateway_takes_odoo_road(self):
        self.env["ir.config_parameter"].sudo().set_param("beneficiary_relations.sms_provider", "iap")
        self.beneficiary_a.preferred_channel_id = self.channels["sms"]
        request = self._bring_to(self._new_request(), "complete")
        [log] = self._logs(request)
        sms = self._sms_of(log)

        def answer(_api, messages, delivery_reports_url=False):
            return [{"uuid": number["uuid"], "state": "success"} for m in messages for number in m["numbers"]]

        with patch("odoo.addons.sms.tools.sms_api.SmsApi._send_sms_batch", answer):
            sms.send()
        self.assertEqual(log.state, "sent")


@tagged("post_install", "-at_install")
class TestNotificationJourney(NotificationCase):
    @freeze_time("2026-03-01 09:00:00")
    def test_a_beneficiary_with_only_a_mobile_hears_every_step_by_sms(self):
        self._activate_arabic()
        beneficiary = self._beneficiary(lang="ar_001")
        self.assertFalse(beneficiary.email or beneficiary.preferred_channel_id)
        request = self._new_request(beneficiary=beneficiary)
        request.action_submit()
        request.action_ask_missing_documents()
        self._bring_to(request, "delivered")
        logs = self._logs(request)
        self.assertEqual(
            logs.mapped("kind"),
            [
                "documents_missing",
                "acknowledgement",
                "referral",
                "decision",
                "registration",
                "delivery",
                "rating",
            ],
        )
        self.assertEqual(set(logs.mapped("channel")), {"sms"})
        self.assertEqual(set(logs.mapped("recipient")), {"+966551112233"})
        self.assertTrue(all(log.in_time for log in logs))
        texts = [self._sms_of(log).body for log in logs]
        for text in texts[:-1]:
            self.assertIn(request.name, text)
        self.assertIn("طلبكم", texts[0])
        self.assertIn(f"/rate/{request._portal_rating_token()}/3", texts[-1])
        self.assertEqual(len(set(texts)), 7, "one text per step")
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", request._name), ("res_id", "=", request.id)])
        )

    @freeze_time("2026-03-01 09:00:00")
    def test_compliance_report_counts_who_was_informed_per_channel(self):
        on_sms = self._beneficiary()
        told = self._bring_to(self._new_request(), "accepted")  # e-mail
        failed = self._bring_to(self._new_request(beneficiary=on_sms), "accepted")  # SMS
        for log in self._logs(told):
            self._mail_of(log).write({"state": "sent"})
        for log in self._logs(failed):
            self._sms_of(log).sms_tracker_id._action_update_from_sms_state("error", failure_type="sms_server")
        figures = self.env["beneficiary.compliance.report"]._get_compliance_data(
            "2026-01-01", "2026-12-31", self.company
        )["informed"]
        rows = {row["channel"]: row for row in figures["by_channel"]}
        self.assertEqual(
            {key: rows["email"][key] for key in ("messages", "informed", "in_time", "waiting", "failed")},
            {"messages": 3, "informed": 3, "in_time": 3, "waiting": 0, "failed": 0},
        )
        self.assertEqual((rows["sms"]["messages"], rows["sms"]["failed"]), (3, 3))
        self.assertEqual((figures["decided"], figures["told_in_time"]), (2, 1))
        self.assertEqual(figures["told_in_time_rate"], 50.0)


@tagged("post_install", "-at_install")
class TestNotificationTexts(NotificationCase):
    def test_every_sms_text_fits_in_two_sms_in_english_and_arabic(self):
        """Rendered for real records (long references, Hijri dates, a program's name):
        two SMS at most, three for a text with a link (rating, survey)."""
        self._activate_arabic()
        request = self._bring_to(self._new_request(), "in_review")
        request.decision_reason = "خارج نطاق الخدمات"
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "Late aid",
                "category_id": self.env["beneficiary.complaint.category"]
                .create({"name": "Service quality", "kind": "complaint", "sla_days": 10})
                .id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        complaint.action_acknowledge()
        program = self.env["beneficiary.program"].create(
            {"name": "دورة حفظ القرآن الكريم للناشئة", "date_start": "2026-09-01", "date_end": "2026-12-01"}
        )
        registration = self.env["beneficiary.program.registration"].create(
            {
                "program_id": program.id,
                "beneficiary_id": self.beneficiary_a.id,
                "interview_date": "2026-08-20 07:00:00",
            }
        )
        registration._workflow_write({"receipt_number": "RV/2026/00001", "receipt_amount": 150})
        data_request = self.env["beneficiary.data.request"].create(
            {"beneficiary_id": self.beneficiary_a.id, "description": "Correct my phone"}
        )
        work = self._withdrawn_work(self.beneficiary_a)
        survey = self.env["survey.survey"].create({"title": "Satisfaction"})
        answer = survey._create_answer(partner=self.beneficiary_a.partner_id, check_attempts=False)
        records = {
            "beneficiary.service.request": (request, request.name),
            "beneficiary.complaint": (complaint, complaint.name),
            "beneficiary.program.registration": (registration, program.name),
            "beneficiary.data.request": (data_request, data_request.name),
            "survey.user_input": (answer, "/survey/start/"),
            "beneficiary.beneficiary": (self.beneficiary_a, self.beneficiary_a.reference),
            "beneficiary.published.work": (work, "لوحة اليوم الوطني"),
        }
        # a file's messages: the update lists the items that changed (four of them
        # here) and links to the file; the reminder names the file and the ID's expiry
        by_template = {"beneficiary_relations.sms_template_beneficiary_file_update": "/my/beneficiary"}
        changed = {"mobile", "address", "category", "family"}
        token = FILE_UPDATE_MESSAGE.set({"items": {self.beneficiary_a.id: changed}})
        self.addCleanup(FILE_UPDATE_MESSAGE.reset, token)
        self.beneficiary_a.id_expiry_date = "2026-12-15"
        xmlids = self.env["ir.model.data"].search(
            [("module", "=", "beneficiary_relations"), ("model", "=", "sms.template")]
        )
        templates = self.env["sms.template"].browse(xmlids.mapped("res_id"))
        self.assertGreaterEqual(len(templates), 20)
        for template in templates:
            record, expected = records[template.model]
            expected = by_template.get(template.get_external_id()[template.id], expected)
            texts = {
                lang: template.with_context(lang=lang)._render_field("body", record.ids)[record.id]
                for lang in ("en_US", "ar_001")
            }
            self.assertNotEqual(texts["en_US"], texts["ar_001"], f"{template.name} is translated")
            for lang, text in texts.items():
                limit = 3 if any(link in text for link in ("/rate/", "/survey/", "/my/beneficiary")) else 2
                with self.subTest(template=template.name, lang=lang):
                    self.assertIn(expected, text)
                    self.assertNotIn("{{", text)
                    self.assertLessEqual(sms_segments(text), limit, text)


@tagged("post_install", "-at_install")
class TestNotificationBatches(NotificationCase):
    """Thousands of messages are queued in batches: the queries do not grow with them."""

    def _queries(self, beneficiaries):
        requests = self.Request.create(
            [
                {
                    "beneficiary_id": beneficiary.id,
                    "service_type_id": self.service.id,
                    "channel_id": self.channel_phone.id,
                }
                for beneficiary in beneficiaries
            ]
        )
        self.env.invalidate_all()
        requests = requests.browse(requests.ids)
        start = self.env.cr.sql_log_count
        self.env["beneficiary.notification"]._send(requests, "documents_missing")
        self.env.flush_all()
        return self.env.cr.sql_log_count - start

    def test_queries_do_not_grow_with_the_messages(self):
        on_sms = self.Beneficiary.create(
            [
                {"name": f"SMS {i}", "category_id": self.category_a.id, "mobile": f"05500000{i:02d}"}
                for i in range(20)
            ]
        )
        by_email = self.Beneficiary.create(
            [
                {"name": f"Mail {i}", "category_id": self.category_a.id, "email": f"b{i}@example.com"}
                for i in range(20)
            ]
        )
        self._queries(on_sms[:2] | by_email[:2])  # templates and caches warmed up
        few = self._queries(on_sms[2:5] | by_email[2:5])
        many = self._queries(on_sms[5:] | by_email[5:])
        self.assertEqual(many, few, "15 + 15 messages cost the queries of 3 + 3")
