import base64
import datetime
import re
from unittest.mock import patch

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import tagged

from odoo.addons.beneficiary_relations.models.ir_actions_report import IrActionsReport

from .common_request import PNG, ServiceRequestHttpCase
from .report_common import ReportCaseMixin, normalize_text, pdf_pages_text, text_contains
from .test_letters import (
    COMPLAINT_ACK,
    COMPLAINT_OUTCOME,
    REQUEST_ACK,
    REQUEST_DECISION,
    LetterFixtures,
)

SUMMARY = "beneficiary_relations.beneficiary_beneficiary_action_report_summary"
SETTLEMENT = "beneficiary_relations.beneficiary_compensation_action_report_settlement"
COMPLIANCE = "beneficiary_relations.beneficiary_compliance_report_action_report"
POLICY = "beneficiary_relations.beneficiary_policy_report"
PROGRAM = "beneficiary_relations.action_report_beneficiary_program"
RECEIPT = "beneficiary_relations.action_report_program_receipt"
LICENSE = "2187"
ASSOCIATION = "جمعية البر الأهلية بالرياض"


@tagged("post_install", "-at_install")
class TestReportLetterhead(LetterFixtures, ReportCaseMixin, ServiceRequestHttpCase):
    """Every letter and report of the module opens with the association's letterhead
    (logo, name, NCNP license number, address, phone), prints amounts in riyals as an
    Arabic reader writes them, and carries its reference on every page, also with
    Debian's wkhtmltopdf, which prints no page header."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # staff read Arabic: the reports printed in the reader's language are Arabic too
        (cls.manager | cls.officer_a).lang = "ar_001"
        cls.company.write(
            {
                "name": ASSOCIATION,
                "beneficiary_license_number": LICENSE,
                "street": "طريق الأمير محمد بن سلمان",
                "city": "الرياض",
                "zip": "14243",
                "country_id": cls.env.ref("base.sa").id,
                "phone": "+966112345600",
                "logo": PNG,
            }
        )
        cls.follow_up = cls.env["beneficiary.committee"].create(
            {"name": "لجنة المتابعة", "kind": "follow_up", "chair_id": cls.committee_user_2.id}
        )
        cls.category = cls.env["beneficiary.complaint.category"].create(
            {"name": "جودة الخدمة", "kind": "complaint", "sla_days": 10, "committee_id": cls.follow_up.id}
        )

    # ------------------------------------------------------------------ fixtures
    def _complaint_settled_with_compensation(self, rounds=1):
        complaint = self.env["beneficiary.complaint"].create(
            {
                "subject": "تحويل الإعانة إلى حساب خاطئ",
                "category_id": self.category.id,
                "channel_id": self.env.ref("beneficiary_relations.channel_letter").id,
                "beneficiary_id": self.beneficiary_a.id,
                "description": "<p>لم تصل الإعانة.</p>",
            }
        )
        complaint.action_acknowledge()
        compensation = self.env["beneficiary.compensation"].create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "complaint_id": complaint.id,
                "basis": "authority_decision",
                "authority_name": "لجنة تسوية المنازعات",
                "decision_reference": "DSC-1447-19",
                "decision_date": "2025-07-14",
                "decision_final": True,
            }
        )
        # as the form's upload widget does: the files belong to the compensation
        compensation.evidence_attachment_ids = [
            (
                0,
                0,
                {
                    "name": name,
                    "datas": base64.b64encode(b"%PDF-1.4"),
                    "res_model": compensation._name,
                    "res_id": compensation.id,
                },
            )
            for name in ("محضر اللجنة.pdf", "receipt-19.pdf")
        ]
        compensation.action_start_negotiation()
        self.env["beneficiary.compensation.negotiation"].create(
            [
                {
                    "compensation_id": compensation.id,
                    "date": "2025-07-14",
                    "offer": 1000 + index,
                    "answer": "counter",
                    "counter_offer": 1500,
                    "notes": "طلبت المستفيدة تعويضاً يغطي غرامة التأخير وتكاليف المراجعات كاملة",
                }
                for index in range(rounds - 1)
            ]
            + [
                {
                    "compensation_id": compensation.id,
                    "date": "2025-07-16",
                    "offer": 1250.5,
                    "answer": "accepted",
                }
            ]
        )
        compensation.with_user(self.manager).action_approve()
        complaint.write(
            {
                "settlement_terms": "إعادة صرف الإعانة مع تعويض عن التأخير",
                "settlement_accepted_by": "عبدالله بن محمد القحطاني",
                "settlement_accepted_on": "2025-07-16 09:00:00",
                "settlement_acceptance_method": "signature",
            }
        )
        complaint.action_settle()
        return complaint, compensation

    def _program_and_receipt(self):
        program = self.env["beneficiary.program"]._workflow_create(
            {
                "name": "دورة حفظ القرآن الكريم للأطفال",
                "date_start": datetime.date(2027, 1, 3),
                "date_end": datetime.date(2027, 1, 14),
                "fee_type": "paid",
                "fee_amount": 150,
                "state": "open",
            }
        )
        registration = self.env["beneficiary.program.registration"].create(
            {
                "program_id": program.id,
                "beneficiary_id": self.beneficiary_a.id,
                "guardian_name": "محمد القحطاني",
                "guardian_phone": "0559876543",
            }
        )
        registration._workflow_write(  # as the fee's payment does
            {"receipt_number": "RV/2026/00042", "receipt_date": fields.Date.today(), "receipt_amount": 150.0}
        )
        return program, registration

    def _every_report(self):
        """(report, records, user, reference printed on every page or None)."""
        acknowledged = self._request_at("complete")
        accepted = self._request_at("accepted", next_steps="مراجعة مقر الجمعية")
        complaint, compensation = self._complaint_settled_with_compensation()
        program, registration = self._program_and_receipt()
        policy = self.env["beneficiary.policy"].create({"introduction": "<p>تنظم هذه السياسة العلاقة.</p>"})
        wizard = self.env["beneficiary.compliance.report"].with_user(self.manager).create({})
        return (
            (SUMMARY, self.beneficiary_a, self.officer_a, self.beneficiary_a.reference),
            (REQUEST_ACK, acknowledged, self.officer_a, acknowledged.name),
            (REQUEST_DECISION, accepted, self.officer_a, accepted.name),
            (COMPLAINT_ACK, complaint, self.manager, complaint.name),
            (COMPLAINT_OUTCOME, complaint, self.manager, complaint.name),
            (SETTLEMENT, compensation, self.manager, compensation.name),
            (COMPLIANCE, wizard, self.manager, None),
            (POLICY, policy, self.manager, None),
            (PROGRAM, program, self.manager, None),
            (RECEIPT, registration, self.manager, "RV/2026/00042"),
        )

    def assertLetterhead(self, text, report):
        for phrase in (
            ASSOCIATION,
            LICENSE,
            "المركز الوطني لتنمية القطاع غير الربحي",
            "+966112345600",
            "14243",
        ):
            self.assertTrue(
                text_contains(text, phrase), f"{report}: {phrase!r} not in the letterhead:\n{text}"
            )

    # ------------------------------------------------------------------ letterhead
    @patch.object(IrActionsReport, "_br_letterhead_in_body", return_value=True)
    def test_letterhead_on_every_letter_and_report(self, _in_body):
        """As Debian's wkhtmltopdf prints them (no page header)."""
        for report, records, user, reference in self._every_report():
            with self.subTest(report=report):
                pages = pdf_pages_text(self.render_pdf(report, records, user=user))
                self.assertLetterhead(pages[0], report)
                for number, page in enumerate(pages, start=1):
                    self.assertRegex(
                        page, rf"\b{number} ?/ ?{len(pages)}\b", f"{report}: page {number} numbered"
                    )
                    if reference:
                        self.assertTrue(
                            text_contains(page, reference), f"{report}: reference on page {number}"
                        )

    @patch.object(IrActionsReport, "_br_letterhead_in_body", return_value=True)
    def test_reference_on_every_page_of_long_minutes(self, _in_body):
        _complaint, compensation = self._complaint_settled_with_compensation(rounds=30)
        pages = pdf_pages_text(self.render_pdf(SETTLEMENT, compensation, user=self.manager))
        self.assertGreater(len(pages), 1, "thirty negotiation rounds take more than a page")
        for number, page in enumerate(pages, start=1):
            self.assertTrue(text_contains(page, compensation.name), f"the reference on page {number}")
            self.assertRegex(page, rf"\b{number} ?/ ?{len(pages)}\b")
        last = pages[-1]
        # the final clause stays with the signatures it introduces
        self.assertTrue(text_contains(last, "يقبل المستفيد المبلغ المتفق عليه"), last)
        self.assertTrue(text_contains(last, "التوقيعات"), last)

    def test_letterhead_in_the_page_header_when_wkhtmltopdf_prints_one(self):
        request = self._request_at("complete")
        with patch.object(IrActionsReport, "_br_letterhead_in_body", return_value=False):
            html = self.env["ir.actions.report"]._render_qweb_html(
                REQUEST_ACK, request.ids, data={"report_type": "pdf"}
            )[0]
        root = lxml_html.fromstring(html)
        header = root.xpath('//div[contains(concat(" ", @class, " "), " header ")]')
        footer = root.xpath('//div[contains(concat(" ", @class, " "), " footer ")]')
        article = root.xpath('//div[contains(concat(" ", @class, " "), " article ")]')
        self.assertEqual(len(header), 1)
        self.assertIn(LICENSE, header[0].text_content())
        self.assertFalse(article[0].xpath('.//table[@name="letterhead"]'), "not twice")
        self.assertIn(request.name, footer[0].text_content(), "the reference in the page footer")
        # without page headers: the letterhead opens the first page, no paper kept for a header
        with patch.object(IrActionsReport, "_br_letterhead_in_body", return_value=True):
            html = self.env["ir.actions.report"]._render_qweb_html(
                REQUEST_ACK, request.ids, data={"report_type": "pdf"}
            )[0]
        root = lxml_html.fromstring(html)
        self.assertFalse(root.xpath('//div[contains(concat(" ", @class, " "), " header ")]'))
        self.assertIn(LICENSE, root.xpath('//table[@name="letterhead"]')[0].text_content())
        report = self.env["ir.actions.report"]._get_report(REQUEST_ACK)
        with patch.object(IrActionsReport, "_br_letterhead_in_body", return_value=True):
            *_rest, paper = report._prepare_html(html, report_model=report.model)
        self.assertLess(int(paper["data-report-margin-top"]), 20, "no empty fifth of a page on top")

    def test_license_number_in_the_settings(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.beneficiary_license_number, LICENSE)
        settings.beneficiary_license_number = "3301"
        settings.execute()
        self.assertEqual(self.company.beneficiary_license_number, "3301")

    # ------------------------------------------------------------------ riyals
    def test_riyals_in_arabic_letters_and_sar_in_english(self):
        complaint, compensation = self._complaint_settled_with_compensation(rounds=2)
        self.assertEqual(compensation.currency_id.name, "SAR")
        for report, record in ((SETTLEMENT, compensation), (COMPLAINT_OUTCOME, complaint)):
            with self.subTest(report=report):
                text = self.render_pdf_text(report, record, user=self.manager)
                self.assertTextContains(
                    text, "1,250.50 ر.س", "فقط ألف ومئتان وخمسون ريالاً وخمسون هللة لا غير"
                )
                self.assertIsNone(re.search(r"\bSR\b|\$|\bSAR\b|USD", text), text)
        text = self.render_pdf_text(SETTLEMENT, compensation, user=self.manager)
        self.assertTextContains(text, "1,000.00 ر.س", "1,500.00 ر.س")
        wizard = (
            self.env["beneficiary.compliance.report"]
            .with_user(self.manager)
            .create({"date_from": "2000-01-01", "date_to": fields.Date.today()})
        )
        text = self.render_pdf_text(COMPLIANCE, wizard.with_context(lang="ar_001"), user=self.manager)
        self.assertIsNone(re.search(r"\bSR\b|\$|\bSAR\b", text), text)
        self.beneficiary_a.lang = "en_US"
        text = self.render_pdf_text(SETTLEMENT, compensation, user=self.manager)
        self.assertTextContains(text, "SAR 1,250.50")
        self.assertIsNone(re.search(r"\bSR\b|\$", text), text)

    def test_arabic_evidence_names_read_right_to_left(self):
        _complaint, compensation = self._complaint_settled_with_compensation()
        self.assertEqual(
            sorted(compensation._report_evidence_names(compensation.evidence_attachment_ids)),
            [("receipt-19.pdf", "ltr"), ("محضر اللجنة", "rtl")],
        )
        text = normalize_text(self.render_html(SETTLEMENT, compensation, user=self.manager))
        self.assertIn("محضر اللجنة", text)
        self.assertNotIn("محضر اللجنة.pdf", text)
