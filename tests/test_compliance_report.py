import base64
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import make_id
from .common_request import ServiceRequestHttpCase
from .report_common import ReportCaseMixin

COMPLIANCE = "beneficiary_relations.beneficiary_compliance_report_action_report"
MARCH = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


def riyadh(month, day, hour=10):
    """Naive UTC of a Riyadh wall-clock time in 2025 (UTC+3)."""
    return datetime.datetime(2025, month, day, hour) - datetime.timedelta(hours=3)


@tagged("post_install", "-at_install")
class TestComplianceReport(ReportCaseMixin, ServiceRequestHttpCase):
    """The policy-compliance figures of March 2025 for a small known association:

    requests (received in March): R1 phone, decided in time, rated 5; R2 phone, decided
    after its deadline, rated 1; R3 phone, never decided, breached and escalated; R4
    e-mail, another service, only submitted. R0 (February, rated 5) is outside.
    complaints (received in March): C1 resolved in time, rated 3; C2 rejected in time
    (both "service quality"); C3 an inquiry left unanswered, breached and escalated.
    compensations: K1 approved and paid in March; K2 approved in March; K3 approved in
    February and paid in March. Another association's request is never counted.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Complaint = cls.env["beneficiary.complaint"]
        cls.Compensation = cls.env["beneficiary.compensation"]
        cls.channel_email = cls.env.ref("beneficiary_relations.channel_email")
        cls.service_2 = cls.env["beneficiary.service.type"].create(
            {"name": "Education support", "committee_id": cls.committee.id, "sla_days": 15}
        )
        cls.env["beneficiary.escalation.level"].search([]).active = False
        cls.env["beneficiary.escalation.level"].create(
            {"name": "Liaison officer", "level": 1, "days_after_deadline": 0, "notify": "responsible"}
        )
        follow_up = cls.env["beneficiary.committee"].create(
            {"name": "Follow-up Committee", "kind": "follow_up", "chair_id": cls.committee_user_2.id}
        )
        cls.category_service = cls.env["beneficiary.complaint.category"].create(
            {"name": "Service quality", "sla_days": 10, "committee_id": follow_up.id, "sequence": 1}
        )
        cls.category_inquiry = cls.env["beneficiary.complaint.category"].create(
            {"name": "Inquiry", "kind": "inquiry", "sla_days": 3, "committee_id": follow_up.id, "sequence": 2}
        )
        cls._activate_arabic()
        for record, name in (
            (cls.service, "السلة الغذائية الشهرية"),
            (cls.service_2, "دعم الطلاب"),
            (cls.category_service, "جودة الخدمة"),
            (cls.category_inquiry, "استفسار عام"),
        ):
            record.with_context(lang="ar_001").name = name
        cls.evidence = cls.env["ir.attachment"].create(
            {"name": "decision.pdf", "datas": base64.b64encode(b"%PDF-1.4 decision")}
        )
        cls._build_dataset()

    @classmethod
    def _helper(cls):
        """An instance to call the fixtures' request helpers from setUpClass."""
        return object.__new__(cls)

    @classmethod
    def _request(cls, complete_at, decide_at=None, decision=None, rating=None, **vals):
        with freeze_time(complete_at):
            request = cls._helper()._new_request(**vals)
            cls._helper()._bring_to(request, "in_review")
        if decision:
            with freeze_time(decide_at):
                request.decision_reason = "Outside the service area"
                getattr(request.with_user(cls.committee_user), f"action_{decision}")()
        if rating:
            request.rating_apply(rating, token=request._portal_rating_token())
        return request

    @classmethod
    def _complaint(cls, received_at, outcome=None, rating=None, **vals):
        values = {
            "subject": "Late food basket",
            "category_id": cls.category_service.id,
            "channel_id": cls.channel_phone.id,
            "beneficiary_id": cls.beneficiary_a.id,
        }
        values.update(vals)
        with freeze_time(received_at):
            complaint = cls.Complaint.create(values)
            complaint.action_acknowledge()
        if outcome:
            with freeze_time(received_at + datetime.timedelta(days=1)):
                complaint.write({"resolution": "<p>Delivered</p>", "rejection_reason": "Not ours"})
                getattr(complaint, f"action_{outcome}")()
        if rating:
            complaint.rating_apply(rating, token=complaint._portal_rating_token())
        return complaint

    @classmethod
    def _compensation(cls, amount, approved_at, paid_at=None):
        compensation = cls.Compensation.create(
            {
                "beneficiary_id": cls.beneficiary_a.id,
                "basis": "authority_decision",
                "authority_name": "Dispute Settlement Committee",
                "decision_reference": "DSC-1446-19",
                "decision_date": "2025-02-01",
                "decision_final": True,
                "amount_agreed": amount,
                "evidence_attachment_ids": [(6, 0, cls.evidence.ids)],
            }
        )
        compensation.action_start_negotiation()
        compensation.negotiation_ids = [Command.create({"offer": amount, "answer": "accepted"})]
        with freeze_time(approved_at):
            compensation.with_user(cls.manager).action_approve()
        if paid_at:
            with freeze_time(paid_at):
                compensation._mark_paid()
        return compensation

    @classmethod
    def _build_dataset(cls):
        cls.r0 = cls._request(riyadh(2, 20), riyadh(2, 24), "accept", rating=5)
        # completed Sunday 2 March: the deadline is Sunday 23 March, 16:00
        cls.r1 = cls._request(riyadh(3, 2), riyadh(3, 5), "accept", rating=5)
        cls.r2 = cls._request(riyadh(3, 2), riyadh(3, 27), "reject", rating=1)
        cls.r3 = cls._request(riyadh(3, 2))
        with freeze_time(riyadh(3, 10)):
            cls.r4 = cls._helper()._new_request(
                channel_id=cls.channel_email.id, service_type_id=cls.service_2.id
            )
            cls.r4.action_submit()
        cls.c1 = cls._complaint(riyadh(3, 3), "resolve", rating=3)
        cls.c2 = cls._complaint(riyadh(3, 4), "reject")
        cls.c3 = cls._complaint(riyadh(3, 5), category_id=cls.category_inquiry.id)
        cls.c0 = cls._complaint(riyadh(4, 2), "resolve", rating=1)
        with freeze_time(riyadh(3, 30, 12)):
            cls.Request._cron_check_sla()
            cls.Complaint._cron_check_sla()
        cls.k1 = cls._compensation(1250.5, riyadh(3, 10), riyadh(3, 15))
        cls.k2 = cls._compensation(1000, riyadh(3, 20))
        cls.k3 = cls._compensation(400, riyadh(2, 15), riyadh(3, 5))
        # another association's request, in March too
        other = cls.env["res.company"].create(
            {"name": "Other association", "currency_id": cls.company.currency_id.id}
        )
        Other = cls.env(context=dict(cls.env.context, allowed_company_ids=other.ids))
        beneficiary = Other["beneficiary.beneficiary"].create(
            {
                "name": "Other beneficiary",
                "national_id": make_id(10000099),
                "category_id": Other["beneficiary.category"].create({"name": "Other", "code": "T-O"}).id,
            }
        )
        with freeze_time(riyadh(3, 10)):
            Other["beneficiary.service.request"].create(
                {
                    "beneficiary_id": beneficiary.id,
                    "service_type_id": Other["beneficiary.service.type"].create({"name": "Other service"}).id,
                    "channel_id": cls.channel_phone.id,
                }
            )

    def _figures(self, user=None):
        Report = self.env["beneficiary.compliance.report"].with_user(user or self.manager)
        return Report._get_compliance_data(*MARCH, self.company)

    # ------------------------------------------------------------------ figures
    def test_request_figures(self):
        self.assertEqual((self.r2.sla_status, self.r3.sla_status), ("breached", "breached"))
        requests = self._figures()["requests"]
        self.assertEqual(requests["received"], 4)
        self.assertEqual(dict(requests["by_channel"]), {self.channel_phone: 3, self.channel_email: 1})
        self.assertEqual(
            {state: count for state, _label, count in requests["by_state"]},
            {"accepted": 1, "rejected": 1, "in_review": 1, "submitted": 1},
        )
        self.assertEqual(requests["decided"], 2)
        self.assertEqual(requests["decided_in_time"], 1)
        self.assertAlmostEqual(requests["in_time_rate"], 50.0)
        used = (self.r1.sla_working_days_used, self.r2.sla_working_days_used)
        self.assertEqual(used, (3, 19), "working days, Fridays and Saturdays excluded")
        self.assertAlmostEqual(requests["average_working_days"], 11.0)
        self.assertEqual(requests["breached"], 2, "decided late, and never decided")
        self.assertEqual(requests["escalated"], 1)
        self.assertEqual(requests["by_escalation_level"], [(1, 1)])
        by_type = {row["service_type"]: row for row in requests["by_service_type"]}
        self.assertEqual((by_type[self.service]["received"], by_type[self.service]["decided"]), (3, 2))
        self.assertAlmostEqual(by_type[self.service]["in_time_rate"], 50.0)
        self.assertEqual((by_type[self.service_2]["received"], by_type[self.service_2]["decided"]), (1, 0))
        self.assertIsNone(by_type[self.service_2]["average_working_days"])

    def test_complaint_compensation_and_satisfaction_figures(self):
        figures = self._figures()
        complaints = figures["complaints"]
        self.assertEqual(complaints["received"], 3)
        self.assertEqual(complaints["by_category"], [(self.category_service, 2), (self.category_inquiry, 1)])
        self.assertEqual(
            {state: count for state, _label, count in complaints["by_state"]},
            {"resolved": 1, "rejected": 1, "acknowledged": 1},
        )
        self.assertEqual((complaints["decided"], complaints["decided_in_time"]), (2, 2))
        self.assertAlmostEqual(complaints["in_time_rate"], 100.0)
        self.assertEqual((complaints["breached"], complaints["escalated"]), (1, 1))

        compensations = figures["compensations"]
        self.assertEqual((compensations["approved"], compensations["approved_amount"]), (2, 2250.5))
        self.assertEqual((compensations["paid"], compensations["paid_amount"]), (2, 1650.5))

        satisfaction = figures["satisfaction"]
        self.assertEqual(satisfaction["requests"]["count"], 2, "R0 was received in February")
        self.assertAlmostEqual(satisfaction["requests"]["average"], 3.0)
        self.assertAlmostEqual(satisfaction["requests"]["satisfied_rate"], 50.0)
        self.assertEqual(satisfaction["complaints"]["count"], 1, "C0 was received in April")
        self.assertAlmostEqual(satisfaction["complaints"]["average"], 3.0)
        self.assertAlmostEqual(satisfaction["complaints"]["satisfied_rate"], 0.0)

    def test_empty_period_and_wrong_period(self):
        figures = self.env["beneficiary.compliance.report"]._get_compliance_data(
            datetime.date(2024, 1, 1), datetime.date(2024, 1, 31), self.company
        )
        self.assertEqual(figures["requests"]["received"], 0)
        self.assertIsNone(figures["requests"]["in_time_rate"])
        self.assertEqual(figures["compensations"]["approved_amount"], 0.0)
        self.assertIsNone(figures["satisfaction"]["requests"]["average"])
        with self.assertRaisesRegex(UserError, "start before it ends"):
            self.env["beneficiary.compliance.report"]._get_compliance_data(MARCH[1], MARCH[0], self.company)

    def test_queries_do_not_grow_with_the_records(self):
        def count_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            figures = self._figures()
            return self.cr.sql_log_count - start, figures

        self._figures()  # warm the caches (record rules, fields)
        queries, figures = count_queries()
        self.assertEqual(figures["requests"]["received"], 4)
        with freeze_time(riyadh(3, 12)):
            for index in range(27):
                channel = self.channel_email if index % 2 else self.channel_phone
                self._new_request(channel_id=channel.id).action_submit()
                if index % 9 == 0:
                    self._complaint(riyadh(3, 12), "resolve")
        more_queries, figures = count_queries()
        self.assertEqual(figures["requests"]["received"], 31)
        self.assertEqual(figures["complaints"]["received"], 6)
        self.assertEqual(more_queries, queries, "grouped queries: as many with 31 requests as with 4")
        self.assertLessEqual(queries, 25)

    # ------------------------------------------------------------------ access and printing
    def test_managers_only(self):
        self.assertEqual(
            self.env.ref(COMPLIANCE).groups_id, self.env.ref("beneficiary_relations.group_manager")
        )
        for user in (self.officer_a, self.committee_user, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["beneficiary.compliance.report"].with_user(user).create(
                    {"date_from": MARCH[0], "date_to": MARCH[1]}
                )
        wizard = (
            self.env["beneficiary.compliance.report"]
            .with_user(self.manager)
            .create({"date_from": MARCH[0], "date_to": MARCH[1]})
        )
        self.assertEqual(wizard.company_id, self.company)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "beneficiary_relations.report_policy_compliance")

    def test_pdf_in_arabic_and_english(self):
        self.manager.lang = "ar_001"
        wizard = (
            self.env["beneficiary.compliance.report"]
            .with_user(self.manager)
            .create({"date_from": MARCH[0], "date_to": MARCH[1]})
        )
        text = self.render_pdf_text(COMPLIANCE, wizard, user=self.manager)
        self.assertTextContains(
            text,
            "تقرير الالتزام بسياسة تنظيم العلاقة مع المستفيدين",
            "جمعية الاختبار الخيرية",
            "01/03/2025",
            "1 رمضان 1446 هـ",
            "الطلبات الواردة",
            "الاتصال الهاتفي",
            "75.0%",
            "50.0%",
            "11.0",
            "الشكاوى والاستفسارات",
            "السلة الغذائية الشهرية",
            "جودة الخدمة",
            "التعويضات",
            "ألفان ومئتان وخمسون ريالاً وخمسون هللة",
            "رضا المستفيدين",
            "3.0",
        )
        self.manager.lang = "en_US"
        text = self.render_pdf_text(COMPLIANCE, wizard, user=self.manager)
        self.assertTextContains(
            text,
            "Policy Compliance Report",
            "Support request",
            "Service quality",
            "03/01/2025 (1 Ramadan 1446 AH)",
            "Requests Received 4",
            "Within the Deadline 1 (50.0%)",
            "Deadlines Breached 2",
            "Two thousand, two hundred and fifty Saudi riyals and fifty halalas",
            "Beneficiary Satisfaction",
        )
