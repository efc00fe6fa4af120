import base64
import datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import make_id
from .common_request import ServiceRequestCase

# the beneficiary's personal values and the free text written about them: none may be
# left anywhere once they are anonymised
NAME = "Zubaida Al-Qahtani"
OLD_ID = make_id(10000076)
NATIONAL_ID = make_id(10000077)
MEMBER_ID = make_id(10000078)
MOBILE = "551112233"
EMAIL = "zubaida.q@example.org"
STREET = "Prince Sultan Road 17"
REQUEST_MARKER = "REQMARK-7Q1"
CHAT_MARKER = "CHATMARK-7Q2"
FILE_MARKER = "FILEMARK-7Q3"
PERSONAL_VALUES = (
    NAME, OLD_ID, NATIONAL_ID, MEMBER_ID, "Hessa Bint-Zubaida", MOBILE, "114445566", EMAIL, STREET,
    REQUEST_MARKER, CHAT_MARKER, FILE_MARKER, "Complained loudly",
)  # fmt: skip
CHECKED_TABLES = ("res_partner", "mail_message", "mail_tracking_value", "ir_attachment")


@tagged("post_install", "-at_install")
class TestAnonymisation(ServiceRequestCase):
    """A beneficiary who asks for erasure loses every personal value; the association's
    statistics stay the same; anything that keeps the data refuses it with its reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.category_service = cls.Complaint.category_id.create({"name": "Service quality"})
        cls.evidence = cls.env["ir.attachment"].create(
            {"name": "decision.pdf", "datas": base64.b64encode(b"%PDF-1.4 decision")}
        )

    def setUp(self):
        super().setUp()
        self.person = self.Beneficiary.create(
            {
                "name": NAME,
                "kind": "family",
                "national_id": OLD_ID,
                "category_id": self.category_a.id,
                "mobile": "0" + MOBILE,
                "phone": "0114445566",
                "email": EMAIL,
                "street": STREET,
                "birth_date": "1980-05-04",
                "member_line_ids": [
                    (0, 0, {"name": "Hessa Bint-Zubaida", "relation": "daughter", "national_id": MEMBER_ID})
                ],
            }
        )
        # the ID corrected, as tracked in the chatter
        self.person.national_id = NATIONAL_ID
        self.person._message_log(
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": self.env["ir.model.fields"]._get(self.person._name, "national_id").id,
                        "old_value_char": OLD_ID,
                        "new_value_char": NATIONAL_ID,
                    }
                )
            ]
        )
        self.person.message_post(body=f"{CHAT_MARKER}: called {NAME} on 0{MOBILE}")

    def _closed_history(self):
        """A delivered request with its scans, a text file and a rating; a resolved and
        rated complaint; a consent; an erasure request."""
        request = self._new_request(
            beneficiary=self.person, description=f"<p>{REQUEST_MARKER} for {NAME}</p>"
        )
        self._bring_to(request, "delivered")
        request.message_post(
            body=f"{CHAT_MARKER} answered",
            attachments=[("note.txt", f"{FILE_MARKER} {NAME}".encode())],
        )
        request.rating_apply(1, token=request._portal_rating_token(), feedback=f"Complained loudly, {NAME}")
        complaint = self.Complaint.create(
            {
                "subject": f"Late basket for {NAME}",
                "description": f"<p>{REQUEST_MARKER}</p>",
                "category_id": self.category_service.id,
                "channel_id": self.channel_phone.id,
                "beneficiary_id": self.person.id,
            }
        )
        complaint.action_acknowledge()
        complaint.resolution = f"<p>Delivered to {STREET}</p>"
        complaint.action_resolve()
        complaint.rating_apply(5, token=complaint._portal_rating_token())
        self.person.consent_purpose_ids = self.env.ref("beneficiary_relations.consent_purpose_service")
        erasure = self.person._portal_request_data_change("erasure", f"Erase everything about {NAME}")
        return request, complaint, erasure

    def _compensation(self):
        compensation = self.env["beneficiary.compensation"].create(
            {
                "beneficiary_id": self.person.id,
                "basis": "authority_decision",
                "authority_name": "Dispute Settlement Committee",
                "decision_reference": "DSC-1446-19",
                "decision_date": "2025-02-01",
                "amount_agreed": 300,
                "evidence_attachment_ids": [(6, 0, self.evidence.ids)],
            }
        )
        compensation.action_start_negotiation()
        compensation.with_user(self.manager).action_approve()
        return compensation

    def _leftovers(self):
        """(table, column, value) of every personal value still stored in a text column of
        the module's tables, contacts, messages, tracked values and attachments."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = current_schema()
                      AND data_type IN ('character varying', 'text', 'jsonb')
                      AND (table_name LIKE %s OR table_name IN %s)""",
                "beneficiary\\_%",
                CHECKED_TABLES,
            )
        )
        columns = cr.fetchall()
        self.assertGreater(len(columns), 50)
        patterns = [f"%{value}%" for value in PERSONAL_VALUES]
        found = []
        for table, column in columns:
            cr.execute(
                SQL(
                    "SELECT %s::text FROM %s WHERE %s::text ILIKE ANY(%s)",
                    SQL.identifier(column),
                    SQL.identifier(table),
                    SQL.identifier(column),
                    patterns,
                )
            )
            for (text,) in cr.fetchall():
                found += [(table, column, v) for v in PERSONAL_VALUES if v.lower() in text.lower()]
        return found

    def _figures(self):
        today = fields.Date.today()
        Report = self.env["beneficiary.compliance.report"].with_user(self.manager)
        # a window around today wide enough for Riyadh's day to differ from UTC's
        return Report._get_compliance_data(
            today - datetime.timedelta(days=40), today + datetime.timedelta(days=2), self.company
        )

    # ------------------------------------------------------------------ refusals
    def test_only_managers(self):
        with self.assertRaises(AccessError):
            self.person.with_user(self.officer_a).action_anonymize()
        with self.assertRaises(AccessError, msg="the legal hold is for managers only"):
            self.person.with_user(self.officer_a).read(["legal_hold"])
        correction = self.person._portal_request_data_change("correction", "My street changed")
        with self.assertRaisesRegex(UserError, "Only an open erasure request"):
            correction.with_user(self.manager).action_anonymize()
        self.assertEqual(self.person.name, NAME)

    def test_refused_while_data_must_be_kept(self):
        open_request = self._new_request(beneficiary=self.person)
        with self.assertRaisesRegex(UserError, f"requests are still open \\({open_request.name}\\)"):
            self.person.with_user(self.manager).action_anonymize()
        self._bring_to(open_request, "rejected")
        compensation = self._compensation()
        with self.assertRaisesRegex(UserError, f"compensations are not paid yet \\({compensation.name}\\)"):
            self.person.with_user(self.manager).action_anonymize()
        compensation._mark_paid()
        self.person.with_user(self.manager).write({"legal_hold": True, "legal_hold_reason": "Court case 77"})
        with self.assertRaisesRegex(UserError, "a legal hold is in force \\(Court case 77\\)"):
            self.person.with_user(self.manager).action_anonymize()
        self.assertEqual(self.person.name, NAME, "nothing erased when refused")
        self.person.with_user(self.manager).legal_hold = False
        self.person.with_user(self.manager).action_anonymize()
        self.assertTrue(self.person.anonymized_date)
        with self.assertRaisesRegex(UserError, "already anonymised"):
            self.person.with_user(self.manager).action_anonymize()

    # ------------------------------------------------------------------ erasure
    def test_no_personal_value_left_and_statistics_kept(self):
        request, complaint, erasure = self._closed_history()
        before = self._figures()
        self.assertTrue(before["requests"]["received"])
        leftovers = self._leftovers()
        for value in (NAME, NATIONAL_ID, OLD_ID, REQUEST_MARKER, CHAT_MARKER, FILE_MARKER, EMAIL, STREET):
            self.assertIn(
                value, {found[2] for found in leftovers}, "the check finds the values while they exist"
            )

        erasure.with_user(self.manager).action_anonymize()

        self.assertEqual(self._leftovers(), [])
        self.assertEqual(self._figures(), before, "the policy-compliance figures are unchanged")
        self.assertEqual(erasure.state, "done")
        self.assertEqual(self.person.name, f"Anonymised beneficiary {self.person.reference}")
        self.assertFalse(self.person.national_id or self.person.mobile or self.person.email)
        self.assertEqual((request.state, complaint.state), ("delivered", "resolved"))
        self.assertEqual(request.service_type_id, self.service)
        self.assertEqual(request.rating_ids.rating, 1, "the rating value stays for the statistics")
        self.assertEqual(len(self.person.member_line_ids), 1, "the family size stays")
        self.assertFalse(request.document_ids.attachment_ids)
