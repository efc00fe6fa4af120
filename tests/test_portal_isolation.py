"""Every portal and public route tried on beneficiary A's records by a visitor and by
beneficiary B: with A's ids, forged and stale access tokens and A's attachment ids. Nothing
of A may show, nothing may be written, and no route answers with a server error."""

import base64
import re
import uuid

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_request import PNG, ServiceRequestHttpCase
from .program_common import PROGRAM_END, PROGRAM_START

PNG_BYTES = base64.b64decode(PNG)
CSRF_RE = re.compile(r'csrf_token: "([^"]+)"')
MISSING_ID = 987654321


@tagged("post_install", "-at_install")
class TestPortalIsolation(ServiceRequestHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service.write({"portal_published": True, "code": "T-ISO"})
        cls.beneficiary_a.write({"state": "active", "birth_date": "1985-03-01"})
        cls.beneficiary_b.write({"state": "active"})
        cls.portal_b = cls._make_portal_user(cls.beneficiary_b, "t_iso_portal_b")
        cls.secret = "Secret-of-A-7731"
        cls.request_a = cls.Request.create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "service_type_id": cls.service.id,
                "channel_id": cls.channel_phone.id,
                "description": f"<p>{cls.secret}</p>",
            }
        )
        cls.request_a.action_submit()
        cls.document_a = cls.request_a.document_ids[0]
        cls.document_a.attachment_ids = [(0, 0, {"name": "id-of-a.png", "datas": PNG})]
        cls.attachment_a = cls.document_a.attachment_ids
        category = cls.env["beneficiary.complaint.category"].create({"name": "Quality", "kind": "complaint"})
        cls.complaint_a = cls.env["beneficiary.complaint"].create(
            {
                "subject": cls.secret,
                "category_id": category.id,
                "channel_id": cls.channel_phone.id,
                "beneficiary_id": cls.beneficiary_a.id,
            }
        )
        cls.complaint_attachment = cls.env["ir.attachment"].create(
            {
                "name": "complaint-of-a.png",
                "datas": PNG,
                "res_model": "beneficiary.complaint",
                "res_id": cls.complaint_a.id,
            }
        )
        program_values = {
            "date_start": PROGRAM_START,
            "date_end": PROGRAM_END,
            "age_min": 7,
            "age_max": 60,
        }
        cls.open_program = cls.env["beneficiary.program"].create(
            dict(program_values, name="Open course", state="open")
        )
        cls.draft_program = cls.env["beneficiary.program"].create(
            dict(program_values, name=f"Draft {cls.secret}", state="draft")
        )
        cls.registration_a = cls.env["beneficiary.program.registration"].create(
            {
                "program_id": cls.open_program.id,
                "beneficiary_id": cls.beneficiary_a.id,
                "guardian_name": "Guardian",
                "guardian_phone": "0559876543",
            }
        )
        cls.registration_a.write(
            {"receipt_number": "RV/2026/7731", "receipt_date": fields.Date.today(), "receipt_amount": 150.0}
        )
        # tokens as they were mailed to A, then renewed: the old ones are stale
        cls.stale = {}
        for record in (cls.request_a, cls.complaint_a):
            cls.stale[record] = record._portal_ensure_token()
            record.access_token = str(uuid.uuid4())

    def _read_urls(self):
        request, complaint = self.request_a, self.complaint_a
        urls = []
        for base, record in (
            (f"/my/requests/{request.id}", request),
            (f"/my/complaints/{complaint.id}", complaint),
        ):
            urls += [
                base,
                f"{base}?access_token=forged-token",
                f"{base}?access_token={self.stale[record]}",
                f"{base}?access_token={record.access_token[:-1]}",
                f"{base}?report_type=pdf&report=summary",
                f"{base}?report_type=html&report=acknowledgement",
            ]
        urls += [
            f"/my/requests/{MISSING_ID}",
            f"/my/complaints/{MISSING_ID}",
            f"/my/complaints/{MISSING_ID}?access_token=forged-token",
            "/my/requests",
            "/my/complaints",
            "/my/beneficiary",
            "/my/beneficiary/export",
            "/my/programs",
            f"/my/programs/{self.draft_program.id}",
            f"/my/programs/{MISSING_ID}",
            f"/my/programs/{self.draft_program.id}/report",
            f"/my/programs/{MISSING_ID}/report",
            f"/my/programs/registration/{self.registration_a.id}/receipt",
            f"/my/programs/registration/{MISSING_ID}/receipt",
            "/my/requests/new",
            "/my/complaints/new",
            "/complaint",
            "/beneficiary-policy",
        ]
        return urls

    def _assert_no_leak(self, who):
        for url in self._read_urls():
            with self.subTest(who=who, url=url):
                response = self.url_open(url)
                self.assertLess(response.status_code, 500, f"{who}: {url}")
                for secret in (self.secret, self.request_a.name, self.complaint_a.name, "RV/2026/7731"):
                    self.assertNotIn(secret, response.text, f"{who}: {url} shows A's data")
                self.assertNotIn(self.beneficiary_a.national_id, response.text)
        for attachment in (self.attachment_a, self.complaint_attachment):
            for url in (
                f"/web/content/{attachment.id}",
                f"/web/content/{attachment.id}?download=true",
                f"/web/content/{attachment.id}?access_token=forged-token",
                f"/web/image/{attachment.id}",
            ):
                with self.subTest(who=who, url=url):
                    response = self.url_open(url)
                    self.assertLess(response.status_code, 500, f"{who}: {url}")
                    self.assertNotEqual(response.content, PNG_BYTES, f"{who}: {url} serves A's file")

    def _assert_nothing_written(self):
        self.env.invalidate_all()
        self.assertFalse(self.request_a.document_ids[1:].attachment_ids, "no file slipped into A's request")
        self.assertFalse(self.request_a.declaration_signed_on, "A's declaration is not signed by others")
        self.assertEqual(
            self.env["beneficiary.program.registration"].search_count(
                [("beneficiary_id", "=", self.beneficiary_a.id)]
            ),
            1,
            "nobody registered A",
        )

    def _try_writes(self, who, csrf):
        request = self.request_a
        for token in (None, "forged-token", self.stale[request]):
            data = {"csrf_token": csrf, "document_id": request.document_ids[1].id}
            if token:
                data["access_token"] = token
            response = self.url_open(
                f"/my/requests/{request.id}/upload",
                data=data,
                files={"file": ("intrusion.png", PNG_BYTES, "image/png")},
            )
            self.assertLess(response.status_code, 500, who)
            result = self.make_jsonrpc_request(
                f"/my/requests/{request.id}/sign",
                {"name": "Intruder", "signature": PNG.decode(), "access_token": token},
            )
            self.assertIn("error", result, who)
        response = self.url_open(
            f"/my/programs/{self.open_program.id}/register",
            data={"csrf_token": csrf, "beneficiary_id": self.beneficiary_a.id, "guardian_name": "Intruder"},
        )
        self.assertLess(response.status_code, 500, who)
        self._assert_nothing_written()

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_visitor_gets_nothing_of_a(self):
        self._assert_no_leak("visitor")
        for url in ("/my/requests", "/my/beneficiary", "/my/beneficiary/export", "/my/programs"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])
        csrf = CSRF_RE.search(self.url_open("/complaint").text).group(1)
        self._try_writes("visitor", csrf)

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_other_beneficiary_gets_nothing_of_a(self):
        self.authenticate("t_iso_portal_b", "t_iso_portal_b")
        self._assert_no_leak("portal B")
        csrf = CSRF_RE.search(self.url_open("/my/requests").text).group(1)
        self._try_writes("portal B", csrf)
        # B's own pages list B's things only
        self.assertIn(self.beneficiary_b.name, self.url_open("/my/beneficiary").text)
