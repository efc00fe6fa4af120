import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_request import ServiceRequestHttpCase
from .report_common import ReportCaseMixin

REQUEST_ACK = "beneficiary_relations.beneficiary_service_request_action_report_acknowledgement"
REQUEST_DECISION = "beneficiary_relations.beneficiary_service_request_action_report_decision"
COMPLAINT_ACK = "beneficiary_relations.beneficiary_complaint_action_report_acknowledgement"
COMPLAINT_OUTCOME = "beneficiary_relations.beneficiary_complaint_action_report_outcome"
# Sunday 13 July 2025, 10:00 in Riyadh (18 Muharram 1447); fifteen working days later is
# Sunday 3 August 2025 (9 Safar 1447)
COMPLETE_AT = datetime.datetime(2025, 7, 13, 7, 0)
DECIDED_AT = datetime.datetime(2025, 7, 20, 8, 0)  # 25 Muharram 1447


class LetterFixtures:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        cls.company.partner_id.lang = "ar_001"
        cls.beneficiary_a.write({"name": "عبدالله بن محمد القحطاني", "lang": "ar_001"})
        cls.service.with_context(lang="ar_001").name = "السلة الغذائية الشهرية"
        cls.doc_id.with_context(lang="ar_001").name = "صورة الهوية الوطنية"
        cls.doc_register.with_context(lang="ar_001").name = "سجل الأسرة"
        cls.committee.with_context(lang="ar_001").name = "لجنة الشؤون الاجتماعية"
        cls.officer_a.name = "سعد بن خالد العتيبي"

    def _request_at(self, state, moment=COMPLETE_AT, decide_at=DECIDED_AT, **vals):
        with freeze_time(moment):
            request = self._new_request(**vals)
            self._bring_to(request, "in_review" if state in ("accepted", "rejected") else state)
        if state in ("accepted", "rejected"):
            with freeze_time(decide_at):
                if state == "accepted":
                    request.with_user(self.committee_user).action_accept()
                else:
                    request.decision_reason = "الدخل الشهري للأسرة يتجاوز حد الاستحقاق"
                    request.with_user(self.committee_user).action_reject()
        return request


@tagged("post_install", "-at_install")
class TestRequestLetters(LetterFixtures, ReportCaseMixin, ServiceRequestHttpCase):
    """The acknowledgement and decision letters of a service request, printed by
    wkhtmltopdf and read back, in the beneficiary's language."""

    def test_acknowledgement_in_arabic(self):
        request = self._request_at("complete")
        self.assertEqual(request.sla_deadline.date(), datetime.date(2025, 8, 3))
        text = self.render_pdf_text(REQUEST_ACK, request, user=self.officer_a)
        self.assertTextContains(
            text,
            "السلام عليكم ورحمة الله وبركاته",
            "عبدالله بن محمد القحطاني",
            "+966551234567",
            request.name,
            "السلة الغذائية الشهرية",
            "الاتصال الهاتفي",
            "18 محرم 1447 هـ",
            "13/07/2025",
            "مدة الرد",
            "15",
            "يوم عمل",
            "9 صفر 1447 هـ",
            "03/08/2025",
            "المستندات المستلمة",
            "صورة الهوية الوطنية",
            "سجل الأسرة",
            "التوقيع والختم",
        )
        self.assertTextNotContains(text, "Acknowledgement", "Working days", "المستندات الناقصة")

    def test_acknowledgement_lists_the_documents_still_missing(self):
        with freeze_time(COMPLETE_AT):
            request = self._new_request()
            request.action_submit()
            request.document_ids.filtered(lambda d: d.document_type_id == self.doc_id).attachment_ids = [
                (0, 0, {"name": "id.png", "datas": b"iVBORw0KGgo="})
            ]
        text = self.render_pdf_text(REQUEST_ACK, request, user=self.officer_a)
        self.assertTextContains(
            text,
            "المستندات المستلمة",
            "صورة الهوية الوطنية",
            "المستندات الناقصة",
            "سجل الأسرة",
            "ناقص",
        )
        self.assertTextNotContains(text, "9 صفر 1447 هـ")

    def test_acknowledgement_in_english(self):
        self.beneficiary_a.lang = "en_US"
        request = self._request_at("complete")
        text = self.render_pdf_text(REQUEST_ACK, request, user=self.officer_a)
        self.assertTextContains(
            text,
            "Acknowledgement of Your Request",
            "Greetings,",
            request.name,
            "Support request",
            "07/13/2025 (18 Muharram 1447 AH)",
            "15 working days",
            "08/03/2025 (9 Safar 1447 AH)",
            "Documents Received",
            "ID copy",
        )
        self.assertTextNotContains(text, "السلام عليكم", "يوم عمل")

    def test_acceptance_letter(self):
        request = self._request_at("accepted", next_steps="راجع مقر الجمعية لاستلام السلة يوم الأحد")
        text = self.render_pdf_text(REQUEST_DECISION, request, user=self.committee_user)
        self.assertTextContains(
            text,
            "قبول طلبكم",
            "يسرنا إبلاغكم بقبول طلبكم",
            request.name,
            "مقبول",
            "25 محرم 1447 هـ",
            "20/07/2025",
            "لجنة الشؤون الاجتماعية",
            "الخطوات التالية",
            "راجع مقر الجمعية لاستلام السلة يوم الأحد",
        )
        self.assertTextNotContains(text, "سبب القرار", "مرفوض")

    def test_rejection_letter_says_why_and_what_to_do(self):
        request = self._request_at("rejected")
        text = self.render_pdf_text(REQUEST_DECISION, request, user=self.officer_a)
        self.assertTextContains(
            text,
            "القرار بشأن طلبكم",
            "مرفوض",
            "سبب القرار",
            "الدخل الشهري للأسرة يتجاوز حد الاستحقاق",
            "ما يمكنكم فعله",
            "ضابط الاتصال الخاص بكم",
            "سعد بن خالد العتيبي",
            "تقديم شكوى",
            "/complaint",
        )
        self.beneficiary_a.lang = "en_US"
        text = self.render_pdf_text(REQUEST_DECISION, request, user=self.officer_a)
        self.assertTextContains(
            text,
            "Decision on Your Request",
            "Rejected",
            "Reason for the Decision",
            "What You Can Do",
            "you may file a complaint",
            "07/20/2025 (25 Muharram 1447 AH)",
        )

    def test_letters_only_when_they_make_sense(self):
        request = self._request_at("complete")
        with self.assertRaisesRegex(UserError, f"decision letter of {request.name}"):
            self.env["ir.actions.report"]._render_qweb_html(REQUEST_DECISION, request.ids)
        draft = self._new_request()
        with self.assertRaisesRegex(UserError, f"acknowledgement of {draft.name}"):
            self.env["ir.actions.report"]._render_qweb_html(REQUEST_ACK, draft.ids)

    def test_printable_from_the_request_form(self):
        for xmlid in (REQUEST_ACK, REQUEST_DECISION):
            report = self.env.ref(xmlid)
            self.assertEqual(report.binding_model_id.model, "beneficiary.service.request")
            self.assertEqual(report.binding_type, "report")


@tagged("post_install", "-at_install")
class TestComplaintLetters(LetterFixtures, ReportCaseMixin, ServiceRequestHttpCase):
    """The acknowledgement and answer letters of a complaint, also to a complainant
    who is not a known beneficiary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.follow_up = cls.env["beneficiary.committee"].create(
            {"name": "لجنة المتابعة", "kind": "follow_up", "chair_id": cls.committee_user_2.id}
        )
        cls.category_service = cls.env["beneficiary.complaint.category"].create(
            {"name": "جودة الخدمة", "kind": "complaint", "sla_days": 10, "committee_id": cls.follow_up.id}
        )
        cls.category_inquiry = cls.env["beneficiary.complaint.category"].create(
            {"name": "استفسار عام", "kind": "inquiry", "sla_days": 3, "committee_id": cls.follow_up.id}
        )

    def _complaint(self, **vals):
        values = {
            "subject": "تأخر تسليم السلة الغذائية",
            "category_id": self.category_service.id,
            "channel_id": self.env.ref("beneficiary_relations.channel_phone").id,
            "beneficiary_id": self.beneficiary_a.id,
            "description": "<p>لم تصل السلة الغذائية هذا الشهر.</p>",
        }
        values.update(vals)
        with freeze_time(COMPLETE_AT):
            complaint = self.env["beneficiary.complaint"].create(values)
            complaint.action_acknowledge()
        return complaint

    def test_acknowledgement_in_arabic(self):
        complaint = self._complaint()
        text = self.render_pdf_text(COMPLAINT_ACK, complaint, user=self.officer_a)
        self.assertTextContains(
            text,
            "إشعار باستلام شكواكم",
            "عبدالله بن محمد القحطاني",
            complaint.name,
            "تأخر تسليم السلة الغذائية",
            "جودة الخدمة",
            "18 محرم 1447 هـ",
            "10",
            "10 أيام عمل",
            "لجنة المتابعة",
        )
        deadline = complaint.with_context(lang="ar_001").sla_deadline_hijri
        self.assertTextContains(text, deadline)

    def test_anonymous_complainant_addressed_by_name(self):
        complaint = self._complaint(
            beneficiary_id=False,
            category_id=self.category_inquiry.id,
            subject="مواعيد التسجيل في حلقات التحفيظ",
            contact_name="حمد بن علي الزهراني",
            contact_mobile="0554433221",
        )
        self.assertTrue(complaint.is_anonymous)
        text = self.render_pdf_text(COMPLAINT_ACK, complaint, user=self.manager)
        self.assertTextContains(
            text,
            "إشعار باستلام استفساركم",
            "حمد بن علي الزهراني",
            "+966554433221",
            "مواعيد التسجيل في حلقات التحفيظ",
            "استفسار",
            "3",
        )
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "حمد بن علي الزهراني")]), "no contact made"
        )

    def test_settlement_letter_with_the_compensation(self):
        complaint = self._complaint()
        complaint.write(
            {
                "settlement_terms": "تسليم السلة في المنزل مع تعويض عن التأخير",
                "settlement_accepted_by": "عبدالله بن محمد القحطاني",
                "settlement_accepted_on": "2025-07-15 09:00:00",
                "settlement_acceptance_method": "phone",
            }
        )
        with freeze_time(DECIDED_AT):
            complaint.action_settle()
        compensation = self.env["beneficiary.compensation"].create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "complaint_id": complaint.id,
                "basis": "authority_decision",
                "authority_name": "لجنة تسوية المنازعات",
                "decision_reference": "DSC-1447-19",
                "decision_date": "2025-07-14",
                "decision_final": True,
                "amount_agreed": 350,
                "evidence_attachment_ids": [(0, 0, {"name": "decision.pdf", "datas": b"JVBERi0xLjQ="})],
            }
        )
        compensation.action_start_negotiation()
        compensation.negotiation_ids = [(0, 0, {"offer": 350, "answer": "accepted"})]
        compensation.with_user(self.manager).action_approve()
        text = self.render_pdf_text(COMPLAINT_OUTCOME, complaint, user=self.manager)
        self.assertTextContains(
            text,
            "الرد على شكواكم",
            "التسوية الودية",
            "تسليم السلة في المنزل مع تعويض عن التأخير",
            "هاتفياً",
            "25 محرم 1447 هـ",
            "فقط ثلاثمائة وخمسون ريالاً لا غير",
        )

    def test_resolution_and_rejection_letters(self):
        resolved = self._complaint()
        resolved.resolution = "<p>سلمت السلة في منزلكم مع الاعتذار عن التأخير.</p>"
        resolved.action_resolve()
        text = self.render_pdf_text(COMPLAINT_OUTCOME, resolved, user=self.officer_a)
        self.assertTextContains(text, "تمت المعالجة", "سلمت السلة في منزلكم مع الاعتذار عن التأخير")
        rejected = self._complaint()
        rejected.rejection_reason = "الشكوى لا تتعلق بخدمات الجمعية"
        rejected.action_reject()
        rejected.action_close()
        text = self.render_pdf_text(COMPLAINT_OUTCOME, rejected, user=self.officer_a)
        self.assertTextContains(text, "لم تُقبل", "الشكوى لا تتعلق بخدمات الجمعية", "الإدارة العليا")
        self.beneficiary_a.lang = "en_US"
        text = self.render_pdf_text(COMPLAINT_OUTCOME, rejected, user=self.officer_a)
        self.assertTextContains(
            text, "Answer to Your Complaint", "Not accepted", "top management", "Greetings,"
        )

    def test_answer_only_once_handled(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, f"answer to {complaint.name}"):
            self.env["ir.actions.report"]._render_qweb_html(COMPLAINT_OUTCOME, complaint.ids)
