import base64
import json
import re

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_request import PNG, ServiceRequestHttpCase

PNG_BYTES = base64.b64decode(PNG)

CSRF_RE = re.compile(r'csrf_token: "([^"]+)"')
ALERT_RE = re.compile(r'class="alert alert-danger[^"]*"[^>]*>\s*(.*?)\s*<', re.S)


@tagged("post_install", "-at_install")
class TestBeneficiaryPortal(ServiceRequestHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service.write({"portal_published": True, "code": "T-PORTAL"})
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_a")
        cls.portal_b = cls._make_portal_user(cls.beneficiary_b, "t_portal_b")
        cls.beneficiary_a.write({"state": "active"})
        cls.beneficiary_b.write({"state": "active"})

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return CSRF_RE.search(response.text).group(1)

    # ------------------------------------------------------------------ request in the browser
    def test_request_with_documents_and_drawn_signature(self):
        self.start_tour("/my/requests", "beneficiary_portal_request", login="t_portal_a")
        request = self.Request.search([("beneficiary_id", "=", self.beneficiary_a.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.channel_id, self.env.ref("beneficiary_relations.channel_portal"))
        self.assertIn("سلة غذائية", request.description)
        self.assertEqual(set(request.document_ids.mapped("state")), {"received"})
        self.assertEqual(
            sorted(request.document_ids.attachment_ids.mapped("name")), ["id.pdf", "register.png"]
        )
        self.assertTrue(request.declaration_signed_on)
        self.assertTrue(request.declaration_signature, "the drawn signature is stored")
        self.assertEqual(request.declaration_signer_name, self.beneficiary_a.name)
        # staff complete it: the portal list then shows the deadline
        request.document_ids.action_verify()
        request.action_verify_data()
        request.action_complete()
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/requests").text
        self.assertIn(request.with_context(lang=self.beneficiary_a.lang).sla_deadline_display, page)

    def test_upload_limits_and_bad_files_write_nothing(self):
        self.authenticate("t_portal_a", "t_portal_a")
        csrf = self._csrf(f"/my/requests/new?service_type_id={self.service.id}")
        doc_field = f"document_{self.doc_id.id}"

        def post(files):
            return self.url_open(
                "/my/requests/new",
                data={"csrf_token": csrf, "service_type_id": self.service.id, "description": "Need help"},
                files=files,
            )

        response = post({doc_field: ("script.html", b"<script>alert(1)</script>", "text/html")})
        self.assertIn("is not accepted", response.text)
        self.env["ir.config_parameter"].sudo().set_param(
            "beneficiary_relations.portal_upload_max_mb", "0.00001"
        )
        response = post({doc_field: ("big.png", PNG_BYTES * 20, "image/png")})
        self.assertIn("too large", response.text)
        self.assertFalse(
            self.Request.search([("beneficiary_id", "=", self.beneficiary_a.id)]), "nothing written"
        )

    def test_missing_document_uploaded_later(self):
        request = self._new_request()
        request.action_submit()
        self.authenticate("t_portal_a", "t_portal_a")
        csrf = self._csrf(request.get_portal_url())
        document = request.document_ids[0]
        page = self.url_open(
            f"/my/requests/{request.id}/upload",
            data={"csrf_token": csrf, "document_id": document.id},
            files={"file": ("later.png", PNG_BYTES, "image/png")},
        ).text
        self.assertFalse(ALERT_RE.findall(page))
        self.assertEqual(document.state, "received")
        self.assertEqual(document.attachment_ids.name, "later.png")

    # ------------------------------------------------------------------ isolation
    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_attachment")
    def test_another_beneficiary_gets_nothing(self):
        request = self._new_request()
        request.action_submit()
        document = request.document_ids[0]
        document.attachment_ids = [(0, 0, {"name": "secret-id.png", "datas": PNG})]
        attachment = document.attachment_ids
        secret = "Monthly food basket"
        self.authenticate("t_portal_b", "t_portal_b")
        for url in (
            f"/my/requests/{request.id}",
            f"/my/requests/{request.id}?access_token=forged-token",
            f"/my/requests/{request.id}?access_token={request.access_token}x",
            f"/my/requests/{request.id}?report_type=pdf&report=summary",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertNotIn(secret, response.text)
                self.assertNotIn(request.name, response.text)
                self.assertLess(response.status_code, 500)
        for url in (f"/web/content/{attachment.id}", f"/web/content/{attachment.id}?download=true"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404))
        image = self.url_open(f"/web/image/{attachment.id}")
        self.assertNotEqual(image.content, PNG_BYTES, "only Odoo's placeholder, not the scan")
        # nor can B act on A's request
        csrf = self._csrf("/my/requests")
        self.url_open(
            f"/my/requests/{request.id}/upload",
            data={"csrf_token": csrf, "document_id": request.document_ids[1].id},
            files={"file": ("intrusion.png", PNG_BYTES, "image/png")},
        )
        self.assertFalse(request.document_ids[1].attachment_ids)
        result = self.make_jsonrpc_request(
            f"/my/requests/{request.id}/sign", {"name": "Intruder", "signature": PNG.decode()}
        )
        self.assertIn("error", result)
        self.assertFalse(request.declaration_signed_on)
        # B's own list does not show A's request
        self.assertNotIn(request.name, self.url_open("/my/requests").text)

    # ------------------------------------------------------------------ complaints
    def test_public_complaint_in_the_browser(self):
        self.start_tour("/complaint", "beneficiary_public_complaint")
        complaint = self.env["beneficiary.complaint"].search([("contact_mobile", "=", "+966551239876")])
        self.assertEqual(len(complaint), 1)
        self.assertTrue(complaint.is_anonymous)
        self.assertEqual(complaint.channel_id, self.env.ref("beneficiary_relations.channel_website"))
        self.assertEqual(complaint.state, "acknowledged", "acknowledged with its reference at once")
        self.assertTrue(complaint.sla_deadline)

    def test_public_complaint_is_throttled_and_robots_are_ignored(self):
        Complaint = self.env["beneficiary.complaint"]
        # visitors reach the association of the public user
        category = self.env.ref("beneficiary_relations.complaint_category_service")
        self.assertEqual(category.company_id, self.env.ref("base.public_user").company_id)
        csrf = self._csrf("/complaint")
        values = {
            "csrf_token": csrf,
            "contact_name": "Visitor",
            "contact_email": "visitor@example.com",
            "category_id": category.id,
            "subject": "Hello",
            "description": "<script>alert('x')</script> A question",
        }
        response = self.url_open("/complaint", data=dict(values, website_url="http://spam.example"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Complaint.search([("contact_email", "=", "visitor@example.com")]), "the honeypot")
        for _i in range(5):
            response = self.url_open("/complaint", data=values)
            self.assertEqual(response.status_code, 200)
            self.assertIn("CMP/", response.text)
        created = Complaint.search([("contact_email", "=", "visitor@example.com")])
        self.assertEqual(len(created), 5)
        self.assertNotIn("<script", created[0].description)
        mails = self.env["mail.mail"].search([("model", "=", Complaint._name), ("res_id", "in", created.ids)])
        self.assertTrue(
            any(created[0].name in mail.body_html for mail in mails), "the reference is e-mailed back"
        )
        response = self.url_open("/complaint", data=values)
        self.assertEqual(response.status_code, 429, "a burst from one address is throttled")
        self.assertEqual(Complaint.search_count([("contact_email", "=", "visitor@example.com")]), 5)

    def test_public_complaint_text_is_bounded(self):
        category = self.env.ref("beneficiary_relations.complaint_category_service")
        values = {
            "csrf_token": self._csrf("/complaint"),
            "contact_name": "Visitor",
            "contact_email": "bounded@example.com",
            "category_id": category.id,
            "subject": "Hello",
            "description": "x" * 8_000_000,
        }
        response = self.url_open("/complaint", data=values)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            ALERT_RE.search(response.text).group(1),
            "Message is too long (8000000 characters): please keep it under 10000 characters.",
        )
        self.assertFalse(
            self.env["beneficiary.complaint"].search([("contact_email", "=", "bounded@example.com")])
        )
        response = self.url_open("/complaint", data=dict(values, description="A short question"))
        self.assertIn("CMP/", response.text)

    def test_logged_in_users_are_throttled_too(self):
        Complaint = self.env["beneficiary.complaint"]
        category = self.env["beneficiary.complaint.category"].create({"name": "Service", "sla_days": 5})
        self.authenticate("t_portal_a", "t_portal_a")
        csrf = self._csrf("/my/complaints/new")
        values = {"csrf_token": csrf, "category_id": category.id, "subject": "Late", "description": "Waiting"}
        for _i in range(5):
            self.assertEqual(self.url_open("/my/complaints/new", data=values).status_code, 200)
        response = self.url_open("/my/complaints/new", data=values)
        self.assertEqual(response.status_code, 429, "a beneficiary is held to the same allowance")
        self.assertIn("Too many messages", response.text)
        self.assertEqual(Complaint.search_count([("beneficiary_id", "=", self.beneficiary_a.id)]), 5)
        # a logged-in user with no file of their own uses the public form: throttled as well
        self.authenticate("t_internal", "t_internal")
        values = {
            "csrf_token": self._csrf("/complaint"),
            "contact_name": "Employee",
            "contact_email": "employee@example.com",
            "category_id": category.id,
            "subject": "Hello",
            "description": "A question",
        }
        statuses = [self.url_open("/complaint", data=values).status_code for _i in range(6)]
        self.assertEqual(statuses, [200] * 5 + [429])
        self.assertEqual(Complaint.search_count([("contact_email", "=", "employee@example.com")]), 5)

    def test_acknowledgement_repeats_nothing_typed(self):
        """Anyone can type any address in the public form: the mail it gets carries the
        reference and the deadline, none of the typed text."""
        category = self.env.ref("beneficiary_relations.complaint_category_service")
        self.url_open(
            "/complaint",
            data={
                "csrf_token": self._csrf("/complaint"),
                "contact_name": "Cheap pills at spam.example",
                "contact_email": "victim@example.com",
                "category_id": category.id,
                "subject": "You won! Claim at spam.example",
                "description": "Visit https://spam.example now",
            },
        )
        complaint = self.env["beneficiary.complaint"].search([("contact_email", "=", "victim@example.com")])
        mails = self.env["mail.mail"].search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])
        # the acknowledgement (staff are also told of the arrival, by the to-do's own mail)
        mail = mails.filtered(lambda m: "victim@example.com" in (m.email_to or ""))
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "victim@example.com")
        self.assertIn(complaint.name, mail.body_html)
        self.assertIn(complaint.name, mail.subject)
        for field in ("subject", "body_html"):
            self.assertNotIn("spam.example", mail[field], f"the mail's {field} repeats typed text")

    def test_beneficiary_complaint_on_the_portal(self):
        category = self.env["beneficiary.complaint.category"].create({"name": "Service", "sla_days": 5})
        self.authenticate("t_portal_a", "t_portal_a")
        csrf = self._csrf("/my/complaints/new")
        self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": csrf,
                "category_id": category.id,
                "subject": "Late",
                "description": "Still waiting",
            },
        )
        complaint = self.env["beneficiary.complaint"].search([("beneficiary_id", "=", self.beneficiary_a.id)])
        self.assertEqual(complaint.subject, "Late")
        self.assertIn(complaint.name, self.url_open("/my/complaints").text)
        self.authenticate("t_portal_b", "t_portal_b")
        self.assertNotIn(complaint.name, self.url_open("/my/complaints").text)
        self.assertNotIn("Still waiting", self.url_open(f"/my/complaints/{complaint.id}").text)

    # ------------------------------------------------------------------ rating
    def test_rating_a_closed_request(self):
        request = self._bring_to(self._new_request(), "delivered")
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open(request.get_portal_url()).text
        token = re.search(r"/rate/([0-9a-f]+)/1", page).group(1)
        csrf = self._csrf(f"/rate/{token}/1")
        self.url_open(
            f"/rate/{token}/submit_feedback", data={"csrf_token": csrf, "rate": 1, "feedback": "Too slow"}
        )
        rating = request.rating_ids
        self.assertEqual(rating.rating, 1)
        self.assertTrue(rating.consumed)
        self.assertEqual(rating.feedback, "Too slow")
        follow_up = request.activity_ids.filtered(lambda a: a.user_id == self.officer_a)
        self.assertTrue(follow_up, "a dissatisfied beneficiary is called back by the liaison officer")

    # ------------------------------------------------------------------ profile and Arabic
    def test_profile_data_rights(self):
        self.beneficiary_a.write(
            {
                "consent_date": "2026-01-01 10:00:00",
                "consent_purpose_ids": [
                    (6, 0, self.env.ref("beneficiary_relations.consent_purpose_service").ids)
                ],
            }
        )
        self._new_request()
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/beneficiary").text
        self.assertIn(self.officer_a.name, page, "the liaison officer is shown")
        export = json.loads(self.url_open("/my/beneficiary/export").content)
        self.assertEqual(export["national_id"], self.beneficiary_a.national_id)
        self.assertEqual(len(export["requests"]), 1)
        csrf = self._csrf("/my/beneficiary")
        self.url_open(
            "/my/beneficiary/data-request",
            data={"csrf_token": csrf, "request_type": "correction", "description": "My mobile changed"},
        )
        data_request = self.env["beneficiary.data.request"].search(
            [("beneficiary_id", "=", self.beneficiary_a.id)]
        )
        self.assertEqual(data_request.request_type, "correction")
        self.assertTrue(data_request.sla_deadline)
        self.url_open("/my/beneficiary/consent/withdraw", data={"csrf_token": csrf})
        self.assertFalse(self.beneficiary_a.consent_date)
        self.authenticate("t_portal_b", "t_portal_b")
        export_b = json.loads(self.url_open("/my/beneficiary/export").content)
        self.assertEqual(export_b["national_id"], self.beneficiary_b.national_id)
        self.assertFalse(export_b["requests"])

    def test_pages_render_in_arabic_right_to_left(self):
        self._activate_arabic()
        self.portal_a.lang = "ar_001"
        self._new_request().action_submit()
        self.authenticate("t_portal_a", "t_portal_a")
        for url in ("/my", "/my/requests", "/my/beneficiary", "/my/complaints", "/complaint"):
            with self.subTest(url=url):
                page = self.url_open(url).text
                self.assertIn('<html lang="ar-001" dir="rtl"', page)
                self.assertIn(".rtl.min.css", page, "the right-to-left style sheet")
        self.assertIn("الطلبات", self.url_open("/my/requests").text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["beneficiary_request_count", "beneficiary_complaint_count"]}
        )
        self.assertEqual(counters["beneficiary_request_count"], 1)
        self.assertEqual(counters["beneficiary_complaint_count"], 0)
