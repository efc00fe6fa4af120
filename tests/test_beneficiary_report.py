import datetime
import re

from hijridate import Gregorian

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BeneficiaryHttpCase, make_id
from .report_common import ReportCaseMixin

SUMMARY = "beneficiary_relations.beneficiary_beneficiary_action_report_summary"


@tagged("post_install", "-at_install")
class TestBeneficiarySummaryReport(ReportCaseMixin, BeneficiaryHttpCase):
    """The beneficiary file summary, rendered by wkhtmltopdf and read back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        cls.abdullah = cls.Beneficiary.create(
            {
                "name": "عبدالله بن محمد القحطاني",
                "national_id": make_id(30000001),
                "category_id": cls.category_a.id,
                "gender": "male",
                "birth_date": datetime.date(1984, 3, 12),  # 10 Jumada al-Akhirah 1404
                "mobile": "0553082876",
                "city": "الرياض",
                "lang": "ar_001",
                "consent_date": datetime.datetime(2025, 7, 13, 6, 0),  # 18 Muharram 1447
                "consent_purpose_ids": [
                    (6, 0, cls.env.ref("beneficiary_relations.consent_purpose_service").ids)
                ],
                "monthly_income": 2500,
                "health_notes": "سكري من النوع الثاني",
                "social_research_notes": "تحتاج الأسرة إلى زيارة ميدانية",
            }
        )
        cls.family = cls.Beneficiary.create(
            {
                "name": "أسرة القحطاني",
                "kind": "family",
                "category_id": cls.category_a.id,
                "family_head_id": cls.abdullah.id,
                "lang": "ar_001",
                "member_line_ids": [
                    (0, 0, {"name": "سارة عبدالله القحطاني", "relation": "daughter", "gender": "female"}),
                ],
            }
        )
        cls.abdullah.family_id = cls.family

    def test_arabic_summary(self):
        text = self.render_pdf_text(SUMMARY, self.abdullah, user=self.researcher)
        today = Gregorian.today().to_hijri()
        self.assertTextContains(
            text,
            "ملخص ملف المستفيد",
            "عبدالله بن محمد القحطاني",
            self.abdullah.reference,
            "الهوية الوطنية",
            self.abdullah.national_id,
            "12/03/1984",
            "10 جمادى الآخرة 1404 هـ",
            "18 محرم 1447 هـ",
            "+966553082876",
            "الرياض",
            "فرد",
            "ضابط الاتصال",
            "الموافقة على معالجة البيانات",
            "أسرة القحطاني",
            f"{today.year} هـ",
        )
        self.assertTextNotContains(text, "Beneficiary File Summary", "National ID", "Muharram")

    def test_english_summary(self):
        self.abdullah.lang = "en_US"
        text = self.render_pdf_text(SUMMARY, self.abdullah, user=self.researcher)
        self.assertTextContains(
            text,
            "Beneficiary File Summary",
            "عبدالله بن محمد القحطاني",
            "National ID",
            self.abdullah.national_id,
            "03/12/1984 (10 Jumada al-Akhirah 1404 AH)",
            "(18 Muharram 1447 AH)",
            "Consent to Data Processing",
            "Two thousand, five hundred Saudi riyals",
        )
        self.assertTextNotContains(text, "ملخص ملف المستفيد", "الهوية الوطنية")

    def test_sensitive_data_only_for_its_group(self):
        sensitive = ("سكري من النوع الثاني", "تحتاج الأسرة إلى زيارة ميدانية", "ألفان وخمسمائة ريال")
        text = self.render_pdf_text(SUMMARY, self.abdullah, user=self.researcher)
        self.assertTextContains(text, "البيانات السرية", *sensitive)
        # an officer of the same category reads the file, never its sensitive data
        self.assertTrue(self.abdullah.with_user(self.officer_a).has_access("read"))
        text = self.render_pdf_text(SUMMARY, self.abdullah, user=self.officer_a)
        self.assertTextContains(text, "عبدالله بن محمد القحطاني", "الهوية الوطنية")
        self.assertTextNotContains(text, "البيانات السرية", "الدخل الشهري", *sensitive)

    def test_sensitive_data_not_reachable_through_the_report_routes(self):
        sensitive = ("سكري من النوع الثاني", "تحتاج الأسرة إلى زيارة ميدانية", "2,500.00")
        url = f"/report/html/beneficiary_relations.report_beneficiary_summary/{self.abdullah.id}"
        self.authenticate(self.officer_a.login, self.officer_a.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("عبدالله بن محمد القحطاني", response.text)
        for value in sensitive:
            self.assertNotIn(value, response.text)
        self.authenticate(self.researcher.login, self.researcher.login)
        response = self.url_open(url)
        for value in sensitive:
            self.assertIn(value, response.text)

    def test_other_category_cannot_print(self):
        self.authenticate(self.officer_b.login, self.officer_b.login)
        url = f"/report/pdf/beneficiary_relations.report_beneficiary_summary/{self.abdullah.id}"
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("عبدالله", response.text)

    def test_family_members(self):
        text = self.render_pdf_text(SUMMARY, self.family, user=self.officer_a)
        self.assertTextContains(
            text,
            "أسرة القحطاني",
            "الأسرة",
            "عائل الأسرة",
            "عبدالله بن محمد القحطاني",
            "سارة عبدالله القحطاني",
            "ابنة",
        )

    def test_printable_from_the_beneficiary_form(self):
        report = self.env.ref(SUMMARY)
        self.assertEqual(report.binding_model_id.model, "beneficiary.beneficiary")
        self.assertEqual(report.binding_type, "report")
        self.assertEqual(
            report._get_report_from_name("beneficiary_relations.report_beneficiary_summary"), report
        )


LETTER_ARCH = """
<t t-name="beneficiary_relations.test_report_letter">
    <t t-call="web.html_container">
        <t t-foreach="docs" t-as="doc">
            <t t-call="beneficiary_relations.test_report_letter_document" t-lang="doc.lang"/>
        </t>
    </t>
</t>"""
LETTER_DOCUMENT_ARCH = """
<t t-name="beneficiary_relations.test_report_letter_document">
    <t t-set="o" t-value="doc.with_context(lang=doc.lang)"/>
    <t t-call="beneficiary_relations.report_letter_layout">
        <t t-set="report_reference" t-value="'LTR/2025/0042'"/>
        <t t-set="report_date" t-value="datetime.date(2025, 7, 13)"/>
        <t t-set="letter_partner" t-value="o.partner_id"/>
        <t t-set="letter_subject" t-value="o.reference"/>
        <t t-set="letter_signatory" t-value="user"/>
        <p>BODY-MARKER</p>
        <p t-out="1250.5"
           t-options="{'widget': 'amount_words', 'only': True, 'display_currency': o.currency_id}"/>
    </t>
</t>"""


@tagged("post_install", "-at_install")
class TestLetterLayout(ReportCaseMixin, BeneficiaryHttpCase):
    """The letter layout future letters use: one PDF, each letter in its recipient's
    language and direction, with the Hijri date and the amount in words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        View = cls.env["ir.ui.view"]
        for key, arch in (
            ("beneficiary_relations.test_report_letter", LETTER_ARCH),
            ("beneficiary_relations.test_report_letter_document", LETTER_DOCUMENT_ARCH),
        ):
            View.create({"name": key, "key": key, "type": "qweb", "arch": arch})
        cls.report = cls.env["ir.actions.report"].create(
            {
                "name": "Test letter",
                "model": "beneficiary.beneficiary",
                "report_type": "qweb-pdf",
                "report_name": "beneficiary_relations.test_report_letter",
            }
        )
        cls.beneficiary_a.write({"name": "عبدالله بن محمد القحطاني", "lang": "ar_001"})
        cls.beneficiary_b.lang = "en_US"
        cls.letters = cls.beneficiary_a | cls.beneficiary_b

    def test_each_letter_in_its_recipient_language(self):
        # one PDF per letter: Debian's wkhtmltopdf (unpatched Qt) cannot merge several
        # pages in one run; the HTML test below covers several letters in one document
        text = self.render_pdf_text(self.report.report_name, self.beneficiary_a, user=self.manager)
        self.assertTextContains(
            text,
            "السلام عليكم ورحمة الله وبركاته",
            "عبدالله بن محمد القحطاني",
            "+966551234567",
            "الموضوع",
            self.beneficiary_a.reference,
            "18 محرم 1447 هـ الموافق 13/07/2025 م",
            "فقط ألف ومئتان وخمسون ريالاً وخمسون هللة لا غير",
            "التوقيع والختم",
        )
        self.assertTextNotContains(text, "Greetings", "Signature and stamp")
        text = self.render_pdf_text(self.report.report_name, self.beneficiary_b, user=self.manager)
        self.assertTextContains(
            text,
            "Greetings,",
            "Noura Al-Otaibi",
            "+966561234567",
            self.beneficiary_b.reference,
            "07/13/2025 (18 Muharram 1447 AH)",
            "One thousand, two hundred and fifty Saudi riyals and fifty halalas only",
            "Signature and stamp",
        )
        self.assertTextContains(text, "LTR/2025/0042", "BODY-MARKER")
        self.assertTextNotContains(text, "السلام عليكم", "التوقيع والختم")

    def test_direction_follows_the_recipient_language(self):
        html = self.render_html(self.report.report_name, self.letters, user=self.manager)
        self.assertTextContains(html, "السلام عليكم ورحمة الله وبركاته", "Greetings,")
        pages = re.findall(r'<div class="page o_br_report"[^>]*>', html)
        self.assertEqual(
            [(re.search(r'dir="(\w+)"', tag)[1], re.search(r'lang="([\w-]+)"', tag)[1]) for tag in pages],
            [("rtl", "ar-001"), ("ltr", "en-US")],
        )
