import base64
import json
from datetime import date

from odoo.tests import tagged

from .common_request import ServiceRequestCase


@tagged("post_install", "-at_install")
class TestPersonalDataExport(ServiceRequestCase):
    """The copy of one's data holds everything the module keeps on the beneficiary."""

    def test_export_holds_every_record(self):
        request = self._bring_to(self._new_request(), "delivered")
        request.message_post(attachments=[("report.txt", b"home visit report")])
        category = self.env["beneficiary.complaint.category"].create({"name": "Service quality"})
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "Late basket",
                "category_id": category.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.beneficiary_a.id,
            }
        )
        assessment = self.env["beneficiary.eligibility.assessment"].create(
            {"request_id": request.id, "method": "field_visit", "visit_address": "12 Al-Suwaidi Street"}
        )
        program = self.env["beneficiary.program"]._workflow_create(
            {
                "name": "Summer Club",
                "date_start": date(2027, 1, 3),
                "date_end": date(2027, 1, 14),
                "state": "open",
            }
        )
        registration = self.env["beneficiary.program.registration"].create(
            {"program_id": program.id, "beneficiary_id": self.beneficiary_a.id, "motivation": "To learn"}
        )
        self.beneficiary_a.consent_purpose_ids = self.env.ref("beneficiary_relations.consent_purpose_service")
        data_request = self.beneficiary_a._portal_request_data_change("access", "A copy please")

        export = self.beneficiary_a._export_personal_data()

        json.dumps(export)  # downloadable as JSON
        self.assertEqual([r["name"] for r in export["requests"]], [request.name])
        self.assertEqual([c["name"] for c in export["complaints"]], [complaint.name])
        self.assertEqual([a["name"] for a in export["eligibility_assessments"]], [assessment.name])
        self.assertEqual(export["eligibility_assessments"][0]["visit_address"], "12 Al-Suwaidi Street")
        self.assertEqual([r["name"] for r in export["program_registrations"]], [registration.name])
        self.assertEqual(export["program_registrations"][0]["motivation"], "To learn")
        purpose = self.env.ref("beneficiary_relations.consent_purpose_service")
        self.assertEqual([c["purpose_id"] for c in export["consents"]], [purpose.display_name])
        self.assertEqual([d["name"] for d in export["data_requests"]], [data_request.name])
        documents = {document["name"]: document for document in export["documents"]}
        self.assertIn("report.txt", documents)
        self.assertEqual(documents["report.txt"]["mimetype"], "text/plain")
        self.assertEqual(base64.b64decode(documents["report.txt"]["content"]), b"home visit report")
        self.assertEqual(documents["report.txt"]["record"], request.display_name)
        scans = [d for d in export["documents"] if d["name"] == "scan.png"]
        self.assertEqual(len(scans), 2, "the request's two required documents")
        self.assertEqual(scans[0]["mimetype"], "image/png")
