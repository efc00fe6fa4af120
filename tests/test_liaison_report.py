"""Top management supervises the liaison officers (issue 16, COVERAGE H7): per officer,
their requests and how many were decided in time, the complaints and inquiries of their
beneficiaries, the complaints about them and the ratings of their work."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import make_id
from .common_request import ServiceRequestCase

MEASURES = [
    "request_count:sum",
    "request_decided_count:sum",
    "request_breached_count:sum",
    "in_time:avg",
    "complaint_count:sum",
    "complaint_about_count:sum",
    "rating:avg",
    "rating_count:sum",
    "dissatisfied_count:sum",
]


@tagged("post_install", "-at_install")
class TestLiaisonReport(ServiceRequestCase):
    """Officer A: R1 accepted in time, R2 rejected late, R3 still open, complaint C1 of
    their beneficiary answered in time; R1 rated 5 and C1 rated 1; one complaint about
    them (by beneficiary B). Officer B: R5 delivered in time, R4 cancelled (not counted),
    and the complaint about officer A, of their beneficiary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        helper = object.__new__(cls)
        Complaint = cls.env["beneficiary.complaint"]
        category = cls.env["beneficiary.complaint.category"].create({"name": "Service quality"})

        def complaint(beneficiary, **vals):
            return Complaint.create(
                {
                    "subject": "Late basket",
                    "category_id": category.id,
                    "channel_id": cls.channel_phone.id,
                    "beneficiary_id": beneficiary.id,
                    **vals,
                }
            )

        cls.r1, cls.r2, cls.r3 = (helper._new_request() for _i in range(3))
        cls.r4 = helper._new_request(beneficiary=cls.beneficiary_b)
        cls.r5 = helper._new_request(beneficiary=cls.beneficiary_b)
        cls.c1 = complaint(cls.beneficiary_a)
        # read back from the database: a 0 written on a record created in the same
        # transaction would stay NULL (its cache holds 0 already)
        cls.env.flush_all()
        cls.env.invalidate_all()
        cls.r1._workflow_write({"state": "accepted", "sla_status": "met", "sla_in_time": 100})
        cls.r2._workflow_write({"state": "rejected", "sla_status": "breached", "sla_in_time": 0})
        cls.r4._workflow_write({"state": "cancelled"})
        cls.r5._workflow_write({"state": "delivered", "sla_status": "met", "sla_in_time": 100})
        cls.c1._workflow_write({"state": "resolved", "sla_status": "met", "sla_in_time": 100})
        cls.about_a = complaint(cls.beneficiary_b, staff_user_id=cls.officer_a.id)
        for record, value in ((cls.r1, 5), (cls.c1, 1)):
            record.rating_apply(value, token=record._portal_rating_token())
        # another association's officer work is not shown here
        other = cls.env["res.company"].create({"name": "Other association"})
        Other = cls.env(context=dict(cls.env.context, allowed_company_ids=other.ids))
        beneficiary = Other["beneficiary.beneficiary"].create(
            {
                "name": "Other beneficiary",
                "national_id": make_id(10000098),
                "category_id": cls.category_a.id,
            }
        )
        Other["beneficiary.service.request"].create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": Other["beneficiary.service.type"].create({"name": "Other service"}).id,
                "channel_id": cls.channel_phone.id,
                "liaison_user_id": cls.officer_a.id,
            }
        )
        cls.env.flush_all()

    def _figures(self, user=None):
        Report = self.env["beneficiary.liaison.report"].with_user(user or self.manager)
        groups = Report._read_group(
            [("user_id", "in", (self.officer_a | self.officer_b).ids)], ["user_id"], MEASURES
        )
        return {officer: dict(zip(MEASURES, figures, strict=True)) for officer, *figures in groups}

    def test_figures_per_officer(self):
        figures = self._figures()
        self.assertAlmostEqual(figures[self.officer_a].pop("in_time:avg"), 200 / 3, places=6)
        self.assertEqual(
            figures[self.officer_a],
            {
                "request_count:sum": 3,
                "request_decided_count:sum": 2,
                "request_breached_count:sum": 1,
                "complaint_count:sum": 1,
                "complaint_about_count:sum": 1,
                "rating:avg": 3.0,
                "rating_count:sum": 2,
                "dissatisfied_count:sum": 1,
            },
        )
        officer_b = figures[self.officer_b]
        self.assertEqual(officer_b["request_count:sum"], 1, "the cancelled request is not counted")
        self.assertEqual(officer_b["request_decided_count:sum"], 1)
        self.assertEqual(officer_b["in_time:avg"], 100)
        self.assertEqual(officer_b["complaint_count:sum"], 1, "the complaints of their beneficiaries")
        self.assertEqual(officer_b["complaint_about_count:sum"], 0)
        self.assertEqual(officer_b["rating_count:sum"], 0)
        lines = (
            self.env["beneficiary.liaison.report"]
            .with_user(self.manager)
            .search([("user_id", "=", self.officer_a.id)])
        )
        self.assertEqual(lines.request_id, self.r1 | self.r2 | self.r3 | self.c1.request_id)
        self.assertIn(self.about_a, lines.complaint_id)

    def test_changing_the_officer_moves_the_figures(self):
        self.r3.liaison_user_id = self.officer_b
        self.env.flush_all()
        figures = self._figures()
        self.assertEqual(figures[self.officer_a]["request_count:sum"], 2)
        self.assertEqual(figures[self.officer_b]["request_count:sum"], 2)

    def test_for_top_management_only(self):
        self.assertTrue(self._figures(self.manager))
        for user in (self.officer_a, self.committee_user, self.internal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["beneficiary.liaison.report"].with_user(user).search([])
        other_company = self.env["beneficiary.liaison.report"].search([("company_id", "!=", self.company.id)])
        self.assertTrue(other_company)
        self.assertFalse(
            self.env["beneficiary.liaison.report"]
            .with_user(self.manager)
            .search([("id", "in", other_company.ids)]),
            "another association's figures are not shown",
        )
