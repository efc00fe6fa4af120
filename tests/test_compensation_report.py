import base64
import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import BeneficiaryHttpCase
from .report_common import ReportCaseMixin

SETTLEMENT = "beneficiary_relations.beneficiary_compensation_action_report_settlement"


@tagged("post_install", "-at_install")
class TestCompensationSettlementReport(ReportCaseMixin, BeneficiaryHttpCase):
    """The settlement minutes of a compensation: basis and evidence, damage, the
    negotiation log, the agreed amount in figures and in words, and who signs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_arabic()
        cls.beneficiary_a.write({"name": "أمل بنت سعد العنزي", "lang": "ar_001"})
        cls.member = cls.committee_user
        cls.member.name = "خالد بن عبدالرحمن الشهري"
        cls.chair = cls.manager
        cls.chair.write(
            {
                "name": "فهد بن ناصر الدوسري",
                "groups_id": [(4, cls.env.ref("beneficiary_relations.group_committee_member").id)],
            }
        )
        cls.investigation = cls.env["beneficiary.committee"].create(
            {
                "name": "لجنة التحقيق والمتابعة",
                "kind": "investigation",
                "chair_id": cls.chair.id,
                "member_ids": [(6, 0, cls.member.ids)],
            }
        )
        with freeze_time(datetime.datetime(2025, 7, 13, 7, 0)):
            cls.compensation = cls.env["beneficiary.compensation"].create(
                {
                    "beneficiary_id": cls.beneficiary_a.id,
                    "basis": "association_fault",
                    "investigation_committee_id": cls.investigation.id,
                    "minutes_date": "2025-07-13",
                    "damage_description": "تأخر صرف المساعدة الشهرية شهراً كاملاً",
                    "damage_amount": 1500,
                    "damage_causes": "خطأ في إدخال رقم الآيبان",
                }
            )
            cls._attach_evidence(cls.compensation, "minutes-1447-02.pdf")
            cls.compensation.action_start_negotiation()
            cls.env["beneficiary.compensation.negotiation"].create(
                [
                    {
                        "compensation_id": cls.compensation.id,
                        "date": "2025-07-14",
                        "offer": 1000,
                        "answer": "counter",
                        "counter_offer": 1500,
                        "notes": "طلبت المستفيدة تعويض كامل المبلغ",
                    },
                    {
                        "compensation_id": cls.compensation.id,
                        "date": "2025-07-16",
                        "offer": 1250.5,
                        "answer": "accepted",
                    },
                ]
            )
            cls.compensation.with_user(cls.member)._approve_minutes()
            cls.compensation.with_user(cls.chair)._approve_minutes(
                "reservations", "يراجع إجراء التحقق من الآيبان"
            )
        with freeze_time(datetime.datetime(2025, 7, 20, 8, 0)):
            cls.compensation.with_user(cls.manager).action_approve()

    @classmethod
    def _attach_evidence(cls, compensation, name):
        """As the form's upload widget does: the file belongs to the compensation."""
        compensation.evidence_attachment_ids = [
            (
                0,
                0,
                {
                    "name": name,
                    "datas": base64.b64encode(b"%PDF-1.4 evidence"),
                    "res_model": compensation._name,
                    "res_id": compensation.id,
                },
            )
        ]

    def test_settlement_minutes_in_arabic(self):
        self.assertEqual(self.compensation.amount_agreed, 1250.5, "the accepted offer")
        text = self.render_pdf_text(SETTLEMENT, self.compensation, user=self.manager)
        self.assertTextContains(
            text,
            "محضر تسوية التعويض",
            self.compensation.name,
            "أمل بنت سعد العنزي",
            self.beneficiary_a.national_id,
            "ثبوت تسبب الجمعية في الخلل",
            "لجنة التحقيق والمتابعة",
            "18 محرم 1447 هـ",
            "اعتماد أعضاء اللجنة للمحضر",
            "معتمد مع تحفظات",
            "يراجع إجراء التحقق من الآيبان",
            "18/01/1447",  # a member's approval, Hijri first as in the other tables
            "minutes-1447-02.pdf",
            "تأخر صرف المساعدة الشهرية شهراً كاملاً",
            "خطأ في إدخال رقم الآيبان",
            "ألف وخمسمائة ريال",
            "التفاوض مع المستفيد",
            "19/01/1447 هـ",
            "طلبت المستفيدة تعويض كامل المبلغ",
            "عرض مقابل",
            "مقبول",
            "1,250.50",
            "فقط ألف ومئتان وخمسون ريالاً وخمسون هللة لا غير",
            "25 محرم 1447 هـ",
            "التوقيعات",
            "رئيس اللجنة",
            "فهد بن ناصر الدوسري",
            "عضو لجنة",
            "خالد بن عبدالرحمن الشهري",
            "المستفيد",
        )
        self.assertTextNotContains(text, "Compensation Settlement Minutes", "Saudi riyals")

    def test_settlement_minutes_in_english(self):
        self.beneficiary_a.lang = "en_US"
        text = self.render_pdf_text(SETTLEMENT, self.compensation, user=self.manager)
        self.assertTextContains(
            text,
            "Compensation Settlement Minutes",
            "Association Proven at Fault",
            "07/13/2025 (18 Muharram 1447 AH)",
            "Negotiation with the Beneficiary",
            "Counter-Offer",
            "One thousand, two hundred and fifty Saudi riyals and fifty halalas only",
            "Chair of the Committee",
            "Committee Member",
            "The Beneficiary",
        )

    def test_court_judgment_basis_and_accountant_view(self):
        compensation = self.env["beneficiary.compensation"].create(
            {
                "beneficiary_id": self.beneficiary_a.id,
                "basis": "court_judgment",
                "court_name": "المحكمة العامة بالأحساء",
                "judgment_number": "4471234",
                "judgment_date": "2025-07-13",
                "judgment_final": True,
                "amount_agreed": 2000,
                "negotiation_waiver_reason": "الحكم النهائي حدد مبلغ التعويض",
            }
        )
        self._attach_evidence(compensation, "judgment-4471234.pdf")
        compensation.action_start_negotiation()
        compensation.with_user(self.manager).action_waive_negotiation()
        compensation.with_user(self.manager).action_approve()
        compensation._mark_paid()
        # the accountant pays it: they print it without reading the complaint or request
        text = self.render_pdf_text(SETTLEMENT, compensation, user=self.accountant)
        self.assertTextContains(
            text,
            "حكم قضائي",
            "المحكمة العامة بالأحساء",
            "4471234",
            "حكم نهائي",
            "judgment-4471234.pdf",
            "فقط ألفا ريال لا غير",
            "سبب التنازل عن التفاوض",
            "الحكم النهائي حدد مبلغ التعويض",
            "تاريخ الصرف",
            "عن الجمعية",
        )
        self.assertTextNotContains(text, "رئيس اللجنة")
