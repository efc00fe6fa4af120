from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_request import ServiceRequestHttpCase


@tagged("post_install", "-at_install")
class TestPortalLetters(ServiceRequestHttpCase):
    """The beneficiary downloads their letters from the portal; nobody else does.

    In tests Odoo renders reports as HTML instead of PDF (no wkhtmltopdf under the test
    server's single worker): the content is the letter either way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_a")
        cls.portal_b = cls._make_portal_user(cls.beneficiary_b, "t_portal_b")
        cls.beneficiary_a.write({"state": "active"})
        cls.beneficiary_b.write({"state": "active"})
        cls.category = cls.env["beneficiary.complaint.category"].create({"name": "Service", "sla_days": 5})

    def _letter_url(self, record, key, token=None):
        url = f"{record.access_url}?report_type=pdf&download=true&report={key}"
        return f"{url}&access_token={token}" if token else url

    def test_request_letters_follow_the_request(self):
        request = self._bring_to(self._new_request(), "submitted")
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open(request.access_url).text
        self.assertNotIn("report=acknowledgement", page, "no acknowledgement before the file is complete")
        response = self.url_open(self._letter_url(request, "acknowledgement"))
        self.assertEqual(response.url.split("?")[0], request.get_base_url() + request.access_url)
        self.assertNotIn("Acknowledgement of Your Request", response.text)

        self._prepare_complete(request)
        request.action_complete()
        page = self.url_open(request.access_url).text
        self.assertIn("report=acknowledgement", page)
        self.assertNotIn("report=decision", page, "no decision letter before the decision")
        response = self.url_open(self._letter_url(request, "acknowledgement"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response.headers["Content-Disposition"])
        self.assertIn("Acknowledgement of Your Request", response.text)
        self.assertIn(request.name, response.text)
        self.assertIn(self.beneficiary_a.name, response.text)

        request.action_refer()
        request.decision_reason = "Outside the service area"
        request.with_user(self.committee_user).action_reject()
        page = self.url_open(request.access_url).text
        self.assertIn("report=decision", page)
        response = self.url_open(self._letter_url(request, "decision"))
        self.assertIn("Decision on Your Request", response.text)
        self.assertIn("Outside the service area", response.text)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_another_beneficiary_gets_no_letter(self):
        request = self._bring_to(self._new_request(), "rejected")
        request._portal_ensure_token()
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "Late basket",
                "category_id": self.category.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        complaint.action_acknowledge()
        complaint._portal_ensure_token()
        self.authenticate("t_portal_b", "t_portal_b")
        for record, key in (
            (request, "acknowledgement"),
            (request, "decision"),
            (complaint, "acknowledgement"),
        ):
            for token in (None, "forged-token", record.access_token + "x"):
                with self.subTest(record=record.name, letter=key, token=token):
                    response = self.url_open(self._letter_url(record, key, token))
                    self.assertEqual(response.url, request.get_base_url() + "/my", "sent back to their home")
                    self.assertNotIn(record.name, response.text)
                    self.assertNotIn(self.beneficiary_a.name, response.text)
        # the real token is the link the association shares: it opens the letter
        self.authenticate(None, None)
        response = self.url_open(self._letter_url(request, "decision", request.access_token))
        self.assertIn(request.name, response.text)

    def test_complaint_letters(self):
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "Late basket",
                "category_id": self.category.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        complaint.action_acknowledge()
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open(complaint.access_url).text
        self.assertIn("report=acknowledgement", page)
        self.assertNotIn("report=outcome", page)
        response = self.url_open(self._letter_url(complaint, "acknowledgement"))
        self.assertIn("Acknowledgement of Your Complaint", response.text)
        self.assertIn(complaint.name, response.text)
        response = self.url_open(self._letter_url(complaint, "outcome"))
        self.assertNotIn("Answer to Your Complaint", response.text, "not answered yet: back to the page")
        complaint.resolution = "<p>Delivered at home with our apologies.</p>"
        complaint.action_resolve()
        response = self.url_open(self._letter_url(complaint, "outcome"))
        self.assertIn("Answer to Your Complaint", response.text)
        self.assertIn("Delivered at home with our apologies.", response.text)
