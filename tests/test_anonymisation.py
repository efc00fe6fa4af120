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
SURVEY_MARKER = "SURVMARK-7Q4"
SMS_MARKER = "SMSMARK-7Q5"
ACTIVITY_MARKER = "ACTMARK-7Q6"
# a child contact of the beneficiary's contact (a relative to call, another address)
CHILD_NAME = "Mutlaq Al-Qahtani"
CHILD_EMAIL = "mutlaq.q@example.org"
CHILD_MOBILE = "552223344"
PERSONAL_VALUES = (
    NAME, OLD_ID, NATIONAL_ID, MEMBER_ID, "Hessa Bint-Zubaida", MOBILE, "114445566", EMAIL, STREET,
    REQUEST_MARKER, CHAT_MARKER, FILE_MARKER, "Complained loudly", SURVEY_MARKER, SMS_MARKER,
    ACTIVITY_MARKER, CHILD_NAME, CHILD_EMAIL, CHILD_MOBILE,
)  # fmt: skip


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
                "decision_final": True,
                "amount_agreed": 300,
                "negotiation_waiver_reason": f"The decision fixes what {NAME} receives",
                "evidence_attachment_ids": [(6, 0, self.evidence.ids)],
            }
        )
        compensation.action_start_negotiation()
        compensation.with_user(self.manager).action_waive_negotiation()
        compensation.with_user(self.manager).action_approve()
        return compensation

    def _leftovers(self):
        """(table, column, value) of every personal value still stored in a text column of
        any table of the database (whatever module made it: contacts, messages, mails,
        SMS, surveys, activities, attachments' text index...)."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.column_name)
                 FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema()
                  AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('character varying', 'character', 'text', 'json', 'jsonb')
                GROUP BY c.table_name"""
        )
        tables = dict(cr.fetchall())
        # the whole database, not a list: the module's tables and those of every other module
        self.assertGreater(len(tables), 200)
        for table in ("res_partner", "mail_message", "mail_activity", "survey_user_input_line", "sms_sms"):
            self.assertIn(table, tables)
        patterns = [f"%{value}%" for value in PERSONAL_VALUES]
        found = []
        for table, columns in tables.items():
            cr.execute(
                SQL(
                    "SELECT %s FROM %s WHERE %s",
                    SQL(", ").join(SQL("%s::text", SQL.identifier(column)) for column in columns),
                    SQL.identifier(table),
                    SQL(" OR ").join(
                        SQL("%s::text ILIKE ANY(%s)", SQL.identifier(column), patterns) for column in columns
                    ),
                )
            )
            for row in cr.fetchall():
                for column, text in zip(columns, row, strict=True):
                    found += [
                        (table, column, value)
                        for value in PERSONAL_VALUES
                        if text and value.lower() in text.lower()
                    ]
        return found

    def _everywhere_else(self):
        """Personal values outside the beneficiary's records: their portal user, a child
        contact, their answers to a survey, the SMS sent to them, activities on their file."""
        portal_user = self._make_portal_user(self.person, "t_anon_portal")
        self.env["res.partner"].create(
            {
                "parent_id": self.person.partner_id.id,
                "type": "other",
                "name": CHILD_NAME,
                "email": CHILD_EMAIL,
                "mobile": "0" + CHILD_MOBILE,
                "comment": f"<p>Calls for {NAME}</p>",
            }
        )
        survey = self.env["survey.survey"].create({"title": "Satisfaction with our services"})
        question = self.env["survey.question"].create(
            {"survey_id": survey.id, "title": "What should we improve?", "question_type": "text_box"}
        )
        answer = self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "partner_id": self.person.partner_id.id,
                "email": EMAIL,
                "nickname": NAME,
            }
        )
        self.env["survey.user_input.line"].create(
            {
                "user_input_id": answer.id,
                "question_id": question.id,
                "answer_type": "text_box",
                "value_text_box": f"{SURVEY_MARKER}: {NAME} waited three weeks",
            }
        )
        if "sms.sms" in self.env:  # the module does not depend on the sms app
            self.person._message_sms(
                f"{SMS_MARKER} Dear {NAME}, your file is active", partner_ids=self.person.partner_id.ids
            )
            self.env["sms.sms"].create({"number": "+966" + MOBILE, "body": f"{SMS_MARKER} queued for {NAME}"})
        self.person.activity_schedule(
            summary=f"Call {NAME} back",
            note=f"<p>{ACTIVITY_MARKER}: she asked about {STREET}</p>",
            user_id=self.officer_a.id,
        )
        return portal_user, answer

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
        portal_user, answer = self._everywhere_else()
        erasure.activity_schedule(
            summary=f"Erase {NAME}", note=f"<p>{ACTIVITY_MARKER}</p>", user_id=self.manager.id
        )
        before = self._figures()
        self.assertTrue(before["requests"]["received"])
        leftovers = self._leftovers()
        self.assertEqual(
            {found[2] for found in leftovers},
            set(PERSONAL_VALUES),
            "the check finds every value while it exists",
        )
        if "sms.sms" in self.env:
            self.assertIn(("sms_sms", "body", SMS_MARKER), leftovers)
        for table in ("survey_user_input_line", "mail_activity"):
            self.assertIn(table, {found[0] for found in leftovers})

        erasure.with_user(self.manager).action_anonymize()

        self.assertEqual(self._leftovers(), [])
        self.assertFalse(portal_user.active)
        self.assertEqual(answer.state, "new", "the answer stays for the survey's statistics")
        self.assertEqual(len(answer.user_input_line_ids), 1)
        self.assertEqual(self._figures(), before, "the policy-compliance figures are unchanged")
        self.assertEqual(erasure.state, "done")
        self.assertEqual(self.person.name, f"Anonymised beneficiary {self.person.reference}")
        self.assertFalse(self.person.national_id or self.person.mobile or self.person.email)
        self.assertEqual((request.state, complaint.state), ("delivered", "resolved"))
        self.assertEqual(request.service_type_id, self.service)
        self.assertEqual(request.rating_ids.rating, 1, "the rating value stays for the statistics")
        self.assertEqual(len(self.person.member_line_ids), 1, "the family size stays")
        self.assertFalse(request.document_ids.attachment_ids)

    def test_every_model_holding_a_beneficiary_declares_its_personal_data(self):
        """A model of the module linked to a beneficiary says what it holds of them
        (``beneficiary.personal.data.mixin``): a new one that does not fails here, before
        an erasure or a copy of the data silently misses it."""
        # linked to a beneficiary without holding anything they gave (configuration, who
        # serves whom), or shared by several beneficiaries (visits: their texts are
        # searched for each beneficiary's values on erasure)
        not_personal = {"beneficiary.liaison", "beneficiary.visit"}
        module_models = set(
            self.env["ir.model.data"]
            .search([("module", "=", "beneficiary_relations"), ("model", "=", "ir.model")])
            .mapped(lambda data: self.env["ir.model"].browse(data.res_id).model)
        )
        declared = set(self.env["beneficiary.personal.data.mixin"]._personal_models())
        for model in sorted(module_models):
            Model = self.env[model]
            # SQL views (reports) show what the tables hold
            if Model._abstract or Model._transient or not Model._auto or model in not_personal:
                continue
            linked = [
                name
                for name, field in Model._fields.items()
                if field.store
                and field.type == "many2one"
                and field.comodel_name == "beneficiary.beneficiary"
            ]
            if linked or model == "beneficiary.beneficiary":
                with self.subTest(model=model):
                    self.assertIn(model, declared, f"{model} links a beneficiary through {linked}")
        for model in declared:
            with self.subTest(model=model):
                Model = self.env[model]
                for name in Model._personal_fields:
                    self.assertTrue(Model._fields[name].store, f"{model}.{name} is not stored")
                for name in Model._personal_export_fields:
                    self.assertIn(name, Model._fields)
