from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BeneficiaryCase


@tagged("post_install", "-at_install")
class TestBeneficiaryVisit(BeneficiaryCase):
    def test_officer_records_a_supervisory_visit(self):
        Visit = self.env["beneficiary.visit"].with_user(self.officer_a)
        visit = Visit.create(
            {
                "kind": "supervisory_visit",
                "office": "Al-Mubarraz branch office",
                "date": "2025-09-14",
                "beneficiary_ids": [(6, 0, self.beneficiary_a.ids)],
                "findings": "<p>The channels board is outdated.<script>alert(1)</script></p>",
                "actions": "<ul><li>Update the board</li></ul>",
            }
        )
        self.assertTrue(visit.name.startswith("VIS/"), "a reference is given on creation")
        self.assertEqual(visit.visitor_id, self.officer_a, "the visitor defaults to the user")
        self.assertEqual(visit.state, "planned")
        self.assertNotIn("<script", visit.findings)
        self.assertIn("The channels board is outdated.", visit.findings)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        visit.action_reset()
        self.assertEqual(visit.state, "planned")
        other = Visit.create({"kind": "interview", "date": "2025-09-15"})
        self.assertNotEqual(other.name, visit.name)

    def test_access_by_role_and_company(self):
        visit = self.env["beneficiary.visit"].create({"kind": "field_survey", "office": "Riyadh"})
        self.assertEqual(
            self.env["beneficiary.visit"].with_user(self.manager).search([("id", "=", visit.id)]), visit
        )
        for user in (self.internal_user, self.accountant, self.committee_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["beneficiary.visit"].with_user(user).search([])
        with self.assertRaises(AccessError):
            visit.with_user(self.officer_a).unlink()
        other_company = self.env["res.company"].create({"name": "Other Association"})
        elsewhere = self.env["beneficiary.visit"].create(
            {"kind": "interview", "company_id": other_company.id}
        )
        self.assertFalse(
            self.env["beneficiary.visit"].with_user(self.officer_a).search([("id", "=", elsewhere.id)])
        )
