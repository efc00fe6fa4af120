"""Obligation B3 of the policies (match the data and check it at submission): the
beneficiary's ID and the documents valid until a date are checked on the association's
day (Asia/Riyadh), and the beneficiary is reminded before the ID expires."""

import base64
import datetime
import re

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import make_id
from .common_request import PNG, ServiceRequestCase, ServiceRequestHttpCase

PNG_BYTES = base64.b64decode(PNG)
CSRF_RE = re.compile(r'csrf_token: "([^"]+)"')
ALERT_RE = re.compile(r'class="alert alert-danger[^"]*"[^>]*>\s*(.*?)\s*<', re.S)
# 22:30 UTC on 7 December is 8 December in Riyadh
RIYADH_8_DEC = "2026-12-07 22:30:00"
RIYADH_7_DEC_LATE = "2026-12-07 20:30:00"


def _attach(document, expiry=None):
    vals = {"attachment_ids": [(0, 0, {"name": "scan.png", "datas": PNG})]}
    if expiry:
        vals["expiry_date"] = expiry
    document.write(vals)


@tagged("post_install", "-at_install")
class TestIdExpiry(ServiceRequestCase):
    """An expired ID refuses the data verification and the completion of a request."""

    def _submitted(self):
        request = self._new_request()
        request.action_submit()
        for document in request.document_ids:
            _attach(document)
        request.document_ids.action_verify()
        request.write({"declaration_signer_name": "Fahad", "declaration_signature": PNG})
        request.action_sign_declaration()
        return request

    def test_expired_id_refuses_data_verification_on_the_association_day(self):
        self.beneficiary_a.id_expiry_date = "2026-12-07"
        request = self._submitted()
        with freeze_time(RIYADH_7_DEC_LATE):
            # 23:30 in Riyadh on the 7th: the ID is valid through its expiry day
            self.assertFalse(request._get_expiry_blockers())
        with freeze_time(RIYADH_8_DEC), self.assertRaises(UserError) as caught:
            # still the 7th in UTC, already the 8th in Riyadh
            request.action_verify_data()
        message = str(caught.exception)
        self.assertIn(self.beneficiary_a.name, message)
        self.assertIn("12/07/2026", message)
        self.assertIn("expired", message)
        self.assertFalse(request.data_verified)

    def test_expired_id_refuses_completion(self):
        self.beneficiary_a.id_expiry_date = "2026-12-07"
        with freeze_time("2026-12-01 08:00:00"):
            request = self._submitted()
            request.action_verify_data()
        with freeze_time(RIYADH_8_DEC), self.assertRaises(UserError) as caught:
            request.action_complete()
        self.assertIn(self.beneficiary_a.name, str(caught.exception))
        self.assertEqual(request.state, "submitted")
        # renewed: the request goes on
        self.beneficiary_a.id_expiry_date = "2031-12-07"
        with freeze_time(RIYADH_8_DEC):
            request.action_complete()
        self.assertEqual(request.state, "complete")

    def test_expiry_message_in_arabic(self):
        self._activate_arabic()
        self.beneficiary_a.id_expiry_date = "2026-12-07"
        request = self._submitted()
        with freeze_time(RIYADH_8_DEC), self.assertRaises(UserError) as caught:
            request.with_context(lang="ar_001").action_verify_data()
        message = str(caught.exception)
        self.assertIn("انتهت", message)
        self.assertIn(self.beneficiary_a.name, message)
        self.assertIn("07/12/2026", message)

    @freeze_time("2026-12-08 09:00:00")
    def test_missing_expiry_blocks_saudi_ids_only_when_the_association_requires_it(self):
        request = self._submitted()
        self.assertFalse(request._get_expiry_blockers(), "not required by default")
        self.company.beneficiary_id_expiry_required = True
        with self.assertRaisesRegex(UserError, "ID expiry date of Fahad Al-Dosari is not recorded"):
            request.action_verify_data()
        passport = self.Beneficiary.create(
            {"name": "Visitor", "category_id": self.category_a.id, "id_type": "passport"}
        )
        self.assertEqual(passport.id_type, "passport")
        self.assertFalse(
            passport._id_expiry_blockers(datetime.date(2026, 12, 8)), "a passport's expiry is not required"
        )
        self.beneficiary_a.id_expiry_date = "2027-01-01"
        request.action_verify_data()
        self.assertTrue(request.data_verified)

    def test_hijri_date_shown_beside_the_expiry(self):
        beneficiary = self.beneficiary_a.with_context(lang="en_US")
        beneficiary.id_expiry_date = "2026-12-15"
        self.assertEqual(beneficiary.id_expiry_date_hijri, "6 Rajab 1448 AH")

    def test_staff_read_and_write_the_expiry_like_the_id_number(self):
        beneficiary = self.beneficiary_a.with_user(self.officer_a)
        beneficiary.id_expiry_date = "2030-01-01"
        self.assertEqual(beneficiary.id_expiry_date, datetime.date(2030, 1, 1))
        self.assertIn("id_expiry_date", type(self.beneficiary_a)._personal_fields)
        self.assertEqual(
            self.Beneficiary._fields["id_expiry_date"].groups, self.Beneficiary._fields["national_id"].groups
        )


@tagged("post_install", "-at_install")
class TestDocumentExpiry(ServiceRequestCase):
    """Documents valid until a date: the date is asked on receipt, an expired one is not
    accepted, and one that expires after being accepted holds the request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_id.expiry_required = True

    def _id_line(self, request):
        return request.document_ids.filtered(lambda d: d.document_type_id == self.doc_id)

    @freeze_time("2026-12-08 09:00:00")
    def test_receipt_asks_the_expiry_date(self):
        request = self._new_request()
        line = self._id_line(request)
        with self.assertRaisesRegex(UserError, "Enter the expiry date of ID copy"):
            _attach(line)
        _attach(line, "2027-06-30")
        self.assertEqual(line.state, "received")
        # a type without an expiry date is received without one
        register = request.document_ids - line
        _attach(register)
        self.assertEqual(register.state, "received")

    @freeze_time(RIYADH_8_DEC)
    def test_expired_document_cannot_be_accepted(self):
        request = self._new_request()
        line = self._id_line(request)
        _attach(line, "2026-12-07")
        with self.assertRaises(UserError) as caught:
            line.action_verify()
        self.assertIn("ID copy", str(caught.exception))
        self.assertIn(self.beneficiary_a.name, str(caught.exception))
        self.assertEqual(line.state, "received")

    def test_document_expired_since_holds_verification_and_completion(self):
        with freeze_time("2026-11-01 08:00:00"):
            request = self._new_request()
            request.action_submit()
            _attach(self._id_line(request), "2026-12-07")
            _attach(request.document_ids - self._id_line(request))
            request.document_ids.action_verify()
            request.write({"declaration_signer_name": "Fahad", "declaration_signature": PNG})
            request.action_sign_declaration()
        with freeze_time(RIYADH_8_DEC):
            with self.assertRaisesRegex(UserError, "document ID copy expired on"):
                request.action_verify_data()
            self.assertEqual(self._id_line(request).state, "verified")
            self.assertTrue(self._id_line(request).is_expired)
            # the beneficiary brings a valid one: received again, checked, and the request goes on
            _attach(self._id_line(request), "2031-12-07")
            self.assertEqual(self._id_line(request).state, "received")
            self._id_line(request).action_verify()
            request.action_verify_data()
            request.action_complete()
        self.assertEqual(request.state, "complete")

    def test_completion_refused_when_an_accepted_document_expired(self):
        with freeze_time("2026-11-01 08:00:00"):
            request = self._new_request()
            request.action_submit()
            _attach(self._id_line(request), "2026-12-07")
            self._prepare_complete(request)
        with freeze_time(RIYADH_8_DEC), self.assertRaisesRegex(UserError, "document ID copy expired on"):
            request.action_complete()
        self.assertEqual(request.state, "submitted")


@tagged("post_install", "-at_install")
class TestIdExpiryReminder(ServiceRequestCase):
    """The reminder before the ID expires: sent once, through the notification service."""

    def _logs(self, beneficiary):
        return self.env["beneficiary.notification.log"].search(
            [("beneficiary_id", "=", beneficiary.id), ("kind", "=", "id_expiry")]
        )

    @freeze_time("2026-12-08 06:00:00")
    def test_reminder_sent_once_within_the_days_of_the_settings(self):
        self.assertEqual(self.company.beneficiary_id_expiry_reminder_days, 30)
        self.beneficiary_a.id_expiry_date = "2026-12-30"
        self.beneficiary_b.id_expiry_date = "2027-02-01"  # beyond 30 days
        self.Beneficiary._cron_remind_id_expiry()
        log = self._logs(self.beneficiary_a)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.res_model, "beneficiary.beneficiary")
        self.assertIn(log.channel, ("email", "sms"))
        self.assertFalse(self._logs(self.beneficiary_b))
        self.assertEqual(self.beneficiary_a.id_expiry_reminded_for, datetime.date(2026, 12, 30))
        self.Beneficiary._cron_remind_id_expiry()
        self.assertEqual(len(self._logs(self.beneficiary_a)), 1, "sent once")
        # a renewed ID is reminded again when its new date comes near
        self.beneficiary_a.id_expiry_date = "2027-01-05"
        self.Beneficiary._cron_remind_id_expiry()
        self.assertEqual(len(self._logs(self.beneficiary_a)), 2)

    @freeze_time("2026-12-08 06:00:00")
    def test_no_reminder_when_disabled_or_already_expired(self):
        self.beneficiary_a.id_expiry_date = "2026-12-07"  # expired: the checks say it
        self.beneficiary_b.id_expiry_date = "2026-12-20"
        self.company.beneficiary_id_expiry_reminder_days = 0
        self.Beneficiary._cron_remind_id_expiry()
        self.assertFalse(self._logs(self.beneficiary_a) | self._logs(self.beneficiary_b))

    @freeze_time("2026-12-08 06:00:00")
    def test_cron_is_cheap_when_nothing_is_due(self):
        self.Beneficiary.create(
            [
                {
                    "name": f"File {i}",
                    "category_id": self.category_a.id,
                    "national_id": make_id(20000000 + i),
                    "id_expiry_date": "2028-01-01",
                }
                for i in range(20)
            ]
        )
        self.Beneficiary._cron_remind_id_expiry()
        self.env.flush_all()
        with self.assertQueryCount(2):
            self.Beneficiary._cron_remind_id_expiry()

    def test_reminder_texts_in_english_and_arabic(self):
        self._activate_arabic()
        self.beneficiary_a.id_expiry_date = "2026-12-15"
        mail = self.env.ref("beneficiary_relations.mail_template_beneficiary_id_expiry")
        sms = self.env.ref("beneficiary_relations.sms_template_beneficiary_id_expiry")
        record = self.beneficiary_a
        body_ar = mail.with_context(lang="ar_001")._render_field("body_html", record.ids)[record.id]
        self.assertIn('dir="rtl"', body_ar)
        self.assertIn("المكرم/ة", body_ar)
        self.assertIn("6 رجب 1448 هـ الموافق 15/12/2026 م", body_ar)
        body_en = mail.with_context(lang="en_US")._render_field("body_html", record.ids)[record.id]
        self.assertIn("12/15/2026", body_en)
        text_ar = sms.with_context(lang="ar_001")._render_field("body", record.ids)[record.id]
        self.assertIn(record.reference, text_ar)
        self.assertIn("15/12/2026", text_ar)


@tagged("post_install", "-at_install")
class TestDocumentExpiryPortal(ServiceRequestHttpCase):
    """The beneficiary gives the expiry date on the portal; the server checks it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_id.expiry_required = True
        cls.service.write({"portal_published": True, "code": "T-EXPIRY"})
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_exp")
        cls.beneficiary_a.write({"state": "active"})

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return CSRF_RE.search(response.text).group(1)

    def _upload(self, request, document, expiry):
        csrf = self._csrf(request.get_portal_url())
        data = {"csrf_token": csrf, "document_id": document.id}
        if expiry is not None:
            data["expiry_date"] = expiry
        response = self.url_open(
            f"/my/requests/{request.id}/upload",
            data=data,
            files={"file": ("id.png", PNG_BYTES, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        return " ".join(ALERT_RE.findall(response.text))

    def test_upload_checks_the_expiry_date_on_the_server(self):
        request = self._new_request()
        request.action_submit()
        line = request.document_ids.filtered(lambda d: d.document_type_id == self.doc_id)
        self.authenticate("t_portal_exp", "t_portal_exp")
        past = fields.Date.to_string(fields.Date.today() - datetime.timedelta(days=10))
        for expiry, expected in (
            (None, "Enter the expiry date of ID copy"),
            ("", "Enter the expiry date of ID copy"),
            ("31/12/2030", "is not a valid date"),
            ("2030-02-30", "is not a valid date"),
            ("'; DROP TABLE beneficiary_beneficiary; --", "is not a valid date"),
            (past, "expired on"),
        ):
            with self.subTest(expiry=expiry):
                self.assertIn(expected, self._upload(request, line, expiry))
                self.assertEqual(line.state, "missing")
                self.assertFalse(line.attachment_ids, "nothing written")
        future = fields.Date.today() + datetime.timedelta(days=400)
        self.assertFalse(self._upload(request, line, fields.Date.to_string(future)))
        self.assertEqual(line.state, "received")
        self.assertEqual(line.expiry_date, future)

    def test_expired_document_shown_and_replaced(self):
        request = self._new_request()
        request.action_submit()
        line = request.document_ids.filtered(lambda d: d.document_type_id == self.doc_id)
        _attach(line, fields.Date.today() + datetime.timedelta(days=5))
        line.action_verify()
        line.expiry_date = fields.Date.today() - datetime.timedelta(days=3)
        self.authenticate("t_portal_exp", "t_portal_exp")
        page = self.url_open(request.get_portal_url()).text
        self.assertIn("o_br_document_expired", page)
        self.assertIn(f'name="document_id" value="{line.id}"', page)
        future = fields.Date.today() + datetime.timedelta(days=400)
        self.assertFalse(self._upload(request, line, fields.Date.to_string(future)))
        self.assertEqual(line.state, "received")
        self.assertEqual(line.expiry_date, future)

    def test_new_request_form_checks_the_expiry_date(self):
        self.authenticate("t_portal_exp", "t_portal_exp")
        csrf = self._csrf(f"/my/requests/new?service_type_id={self.service.id}")
        response = self.url_open(
            "/my/requests/new",
            data={
                "csrf_token": csrf,
                "service_type_id": self.service.id,
                "description": "Need help",
                f"document_{self.doc_id.id}_expiry": "not a date",
            },
            files={f"document_{self.doc_id.id}": ("id.png", PNG_BYTES, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not a valid date", response.text)
        self.assertFalse(self.Request.search([("beneficiary_id", "=", self.beneficiary_a.id)]))
