from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_eligibility import EligibilityCase


@tagged("post_install", "-at_install")
class TestEligibilityAccess(EligibilityCase):
    """Assessments are internal: they follow their request for staff, never reach portal
    users, and stay in their company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._make_portal_user(cls.beneficiary_a, "t_portal_elig_a")

    def setUp(self):
        super().setUp()
        self.request = self._bring_to(self._new_request(), "complete")
        self.assessment = self._new_assessment(self.request, "document_check", user=self.officer_a)

    def test_officers_work_on_the_categories_they_serve(self):
        Assessment = self.Assessment.with_user(self.officer_b)
        self.assertFalse(Assessment.search([("id", "=", self.assessment.id)]))
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.officer_b).read(["recommendation"])
        with self.assertRaises(AccessError):
            self.assessment.line_ids.with_user(self.officer_b).read(["met"])
        with self.assertRaises(AccessError):
            self._new_assessment(self.request, "interview", user=self.officer_b)
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.officer_b).write({"recommendation": "Not mine"})
        # the officer of the category works on it
        mine = self.assessment.with_user(self.officer_a)
        mine.line_ids[0].met = "yes"
        mine.recommendation = "Documents in order"
        self.assertEqual(mine.read(["recommendation"])[0]["recommendation"], "Documents in order")
        with self.assertRaises(AccessError):
            mine.unlink()

    def test_committee_members_read_only_what_is_referred_to_them(self):
        Assessment = self.Assessment.with_user(self.committee_user)
        self.assertFalse(Assessment.search([("id", "=", self.assessment.id)]), "not referred yet")
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.committee_user).read(["result"])
        self.request.action_refer()
        self.assertEqual(Assessment.search([("id", "=", self.assessment.id)]), self.assessment)
        lines = self.assessment.with_user(self.committee_user).line_ids.read(["name", "met"])
        self.assertEqual(len(lines), 3)
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.committee_user).write(
                {"recommendation": "Changed by the committee"}
            )
        with self.assertRaises(AccessError):
            self._new_assessment(self.request, "interview", user=self.committee_user)
        # another committee's member sees nothing of it
        with self.assertRaises(AccessError):
            self.assessment.with_user(self.committee_user_2).read(["result"])
        self.assertFalse(self.Assessment.with_user(self.committee_user_2).search([]))

    def test_portal_users_and_other_staff_have_no_access(self):
        for user in (self.portal_a, self.internal_user, self.accountant):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Assessment.with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.assessment.with_user(user).read(["result"])
                with self.assertRaises(AccessError):
                    self.env["beneficiary.eligibility.assessment.line"].with_user(user).search([])
        # the beneficiary reads their request, but not what staff assessed on it
        self.assertEqual(self.request.with_user(self.portal_a).read(["name"])[0]["name"], self.request.name)
        for field in ("eligibility_assessment_ids", "eligibility_status"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.request.with_user(self.portal_a).read([field])

    def test_managers_see_all(self):
        other = self._new_assessment(
            self._new_request(beneficiary=self.beneficiary_b), "field_visit", user=self.officer_b
        )
        visible = self.Assessment.with_user(self.manager).search([])
        self.assertIn(self.assessment, visible)
        self.assertIn(other, visible)

    def test_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Second Association"})
        service = self.env["beneficiary.service.type"].create(
            {"name": "Support elsewhere", "company_id": other_company.id, "declaration_required": False}
        )
        category = self.env["beneficiary.category"].create({"name": "Shared", "company_id": False})
        beneficiary = self.Beneficiary.create(
            {"name": "Elsewhere", "company_id": other_company.id, "category_id": category.id}
        )
        self.env["beneficiary.eligibility.criterion"].create(
            {"service_type_id": service.id, "name": "Income"}
        )
        request = self.Request.create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service.id,
                "channel_id": self.channel_phone.id,
                "company_id": other_company.id,
            }
        )
        assessment = self._new_assessment(request, "interview")
        self.assertEqual(assessment.company_id, other_company)
        self.assertEqual(assessment.line_ids.company_id, other_company)
        self.manager.company_ids = [(4, other_company.id)]
        here = self.Assessment.with_user(self.manager).with_context(allowed_company_ids=self.company.ids)
        self.assertNotIn(assessment, here.search([]))
        self.assertFalse(
            self.env["beneficiary.eligibility.assessment.line"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=self.company.ids)
            .search([("id", "in", assessment.line_ids.ids)])
        )
        there = self.Assessment.with_user(self.manager).with_context(allowed_company_ids=other_company.ids)
        self.assertIn(assessment, there.search([]))
