import datetime

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.base.models.ir_qweb import QWebException

from .common import BeneficiaryCase
from .report_common import normalize_text

AMOUNT_ARCH = """<t><span t-out="amount"
    t-options="{'widget': 'amount_words', 'display_currency': currency}"/></t>"""


@tagged("post_install", "-at_install")
class TestReportWidgets(BeneficiaryCase):
    """The QWeb widgets every report uses: ``hijri_date`` and ``amount_words``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        cls.sar = cls.env.ref("base.SAR")
        cls.sar.active = True
        cls.usd = cls.env.ref("base.USD")
        cls.usd.active = True

    def render(self, arch, lang, **values):
        """Render a QWeb snippet in ``lang`` and return its text, tags removed."""
        html = self.env["ir.qweb"].with_context(lang=lang)._render(etree.fromstring(arch), values)
        return normalize_text(etree.fromstring(f"<div>{html}</div>").xpath("string()"))

    def render_markup(self, arch, lang, **values):
        return str(self.env["ir.qweb"].with_context(lang=lang)._render(etree.fromstring(arch), values))

    # ------------------------------------------------------------------ hijri_date
    def test_date_in_gregorian_and_hijri(self):
        arch = """<t><span t-out="day" t-options="{'widget': 'hijri_date'}"/></t>"""
        day = datetime.date(2025, 7, 13)  # 18 Muharram 1447 (Umm al-Qura)
        self.assertEqual(self.render(arch, "ar_001", day=day), "18 محرم 1447 هـ الموافق 13/07/2025 م")
        self.assertEqual(self.render(arch, "en_US", day=day), "07/13/2025 (18 Muharram 1447 AH)")
        self.assertEqual(self.render(arch, "en_US", day=False), "")

    def test_numbers_are_wrapped_left_to_right(self):
        day = datetime.date(2025, 7, 13)
        arch = """<t><span t-out="day" t-options="{'widget': 'hijri_date', 'hijri_style': 'short'}"/></t>"""
        html = self.render_markup(arch, "ar_001", day=day)
        self.assertIn('<span dir="ltr" class="o_force_ltr">13/07/2025</span>', html)
        self.assertIn('<span dir="ltr" class="o_force_ltr">1447/01/18</span>', html)
        arch = """<t><span t-out="day" t-options="{'widget': 'hijri_date', 'hijri_only': True}"/></t>"""
        ltr = '<span dir="ltr" class="o_force_ltr">%s</span>'
        self.assertIn(f"{ltr % 18} محرم {ltr % 1447} هـ", self.render_markup(arch, "ar_001", day=day))

    def test_numeric_hijri_first_in_letter_tables(self):
        arch = """<t><span t-out="day" t-options="{'widget': 'hijri_date', 'hijri_style': 'numeric'}"/></t>"""
        day = datetime.date(2025, 7, 13)
        self.assertEqual(self.render(arch, "ar_001", day=day), "18/01/1447 هـ الموافق 13/07/2025 م")
        self.assertEqual(self.render(arch, "en_US", day=day), "07/13/2025 (18/01/1447 AH)")

    def test_hijri_only_and_custom_gregorian_format(self):
        day = datetime.date(2025, 7, 13)
        only = """<t><span t-out="day" t-options="{'widget': 'hijri_date', 'hijri_only': True}"/></t>"""
        self.assertEqual(self.render(only, "ar_001", day=day), "18 محرم 1447 هـ")
        custom = """<t><span t-out="day" t-options="{'widget': 'hijri_date', 'format': 'yyyy-MM-dd'}"/></t>"""
        self.assertEqual(self.render(custom, "en_US", day=day), "2025-07-13 (18 Muharram 1447 AH)")

    def test_datetime_uses_the_reader_time_zone(self):
        arch = """<t><span t-out="moment" t-options="{'widget': 'hijri_date', 'tz_name': tz}"/></t>"""
        moment = datetime.datetime(2025, 7, 12, 22, 30)  # UTC: already the 13th in Riyadh
        self.assertEqual(
            self.render(arch, "en_US", moment=moment, tz="Asia/Riyadh"), "07/13/2025 (18 Muharram 1447 AH)"
        )
        self.assertEqual(
            self.render(arch, "en_US", moment=moment, tz="UTC"), "07/12/2025 (17 Muharram 1447 AH)"
        )

    def test_field_widget_on_a_record(self):
        self.beneficiary_a.birth_date = datetime.date(1984, 3, 12)
        arch = """<t><span t-field="doc.birth_date" t-options="{'widget': 'hijri_date'}"/></t>"""
        self.assertEqual(
            self.render(arch, "ar_001", doc=self.beneficiary_a),
            "10 جمادى الآخرة 1404 هـ الموافق 12/03/1984 م",
        )

    def test_date_outside_umm_al_qura_prints_gregorian_only(self):
        arch = """<t><span t-out="day" t-options="{'widget': 'hijri_date'}"/></t>"""
        self.assertEqual(self.render(arch, "en_US", day=datetime.date(1900, 1, 1)), "01/01/1900")

    # ------------------------------------------------------------------ riyal
    def test_riyal_amount_as_the_reader_writes_it(self):
        """«ر.س» in Arabic, SAR in English: never Odoo's symbol of the riyal (SR) nor a
        dollar sign, the figures left-to-right."""
        self.assertEqual(self.sar.symbol, "SR", "Odoo's own symbol, which letters must not print")
        arch = (
            """<t><span t-out="amount" t-options="{'widget': 'riyal', 'display_currency': currency}"/></t>"""
        )
        self.assertEqual(self.render(arch, "ar_001", amount=1250.5, currency=self.sar), "1,250.50 ر.س")
        self.assertEqual(self.render(arch, "en_US", amount=1250.5, currency=self.sar), "SAR 1,250.50")
        self.assertIn(
            '<span dir="ltr" class="o_force_ltr">1,250.50</span>',
            self.render_markup(arch, "ar_001", amount=1250.5, currency=self.sar),
        )
        self.beneficiary_a.monthly_income = 3000
        field = """<t><span t-field="doc.monthly_income" t-options="{'widget': 'riyal'}"/></t>"""
        self.assertEqual(self.render(field, "ar_001", doc=self.beneficiary_a), "3,000.00 ر.س")
        # another currency: Odoo's monetary format
        self.assertIn("$", self.render(arch, "en_US", amount=5, currency=self.usd))

    # ------------------------------------------------------------------ amount_words
    def test_amount_in_words_in_riyals(self):
        arch = AMOUNT_ARCH
        self.assertEqual(
            self.render(arch, "ar_001", amount=1250.5, currency=self.sar),
            "ألف ومئتان وخمسون ريالاً وخمسون هللة",
        )
        self.assertEqual(
            self.render(arch, "en_US", amount=1250.5, currency=self.sar),
            "One thousand, two hundred and fifty Saudi riyals and fifty halalas",
        )

    def test_cheque_style(self):
        arch = """<t><span t-out="amount"
            t-options="{'widget': 'amount_words', 'display_currency': currency, 'only': True}"/></t>"""
        self.assertEqual(self.render(arch, "ar_001", amount=2, currency=self.sar), "فقط ريالان لا غير")
        self.assertEqual(self.render(arch, "en_US", amount=2, currency=self.sar), "Two Saudi riyals only")

    def test_monetary_field_uses_its_currency(self):
        self.assertEqual(self.env.company.currency_id, self.sar, "the fixtures' association counts in riyals")
        self.beneficiary_a.monthly_income = 3000
        arch = """<t><span t-field="doc.monthly_income" t-options="{'widget': 'amount_words'}"/></t>"""
        self.assertEqual(self.render(arch, "ar_001", doc=self.beneficiary_a), "ثلاثة آلاف ريال")

    def test_other_currency_falls_back_to_odoo(self):
        arch = """<t><span t-out="amount"
            t-options="{'widget': 'amount_words', 'display_currency': currency, 'only': True}"/></t>"""
        expected = self.usd.with_context(lang="en_US").amount_to_text(12.5)
        self.assertIn("Dollars", expected)
        self.assertEqual(self.render(arch, "en_US", amount=12.5, currency=self.usd), f"{expected} only")

    def test_negative_amount_is_refused_clearly(self):
        arch = AMOUNT_ARCH
        with self.assertRaises(QWebException) as caught:
            self.render(arch, "en_US", amount=-5, currency=self.sar)
        self.assertIsInstance(caught.exception.__cause__, UserError)
        self.assertIn("cannot be written in words", str(caught.exception.__cause__))
