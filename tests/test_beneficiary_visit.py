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
        for line in visit.score_ids:
            line.score = "4"
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

    def test_officers_work_on_the_visits_of_their_categories(self):
        """A visit's findings speak of the beneficiaries met: an officer reads the visits
        they made and those that met beneficiaries of their categories (issue 13)."""
        Visit = self.env["beneficiary.visit"]
        met_a = Visit.create(
            {
                "kind": "field_survey",
                "visitor_id": self.manager.id,
                "beneficiary_ids": [(6, 0, self.beneficiary_a.ids)],
                "findings": "<p>Fahad's home needs repairs.</p>",
            }
        )
        office_b = Visit.with_user(self.officer_b).create(
            {"kind": "supervisory_visit", "office": "Hofuf branch"}
        )
        self.assertEqual(
            Visit.with_user(self.officer_a).search([("id", "in", (met_a | office_b).ids)]), met_a
        )
        self.assertEqual(
            Visit.with_user(self.researcher).search([("id", "in", (met_a | office_b).ids)]), met_a
        )
        self.assertEqual(
            Visit.with_user(self.officer_b).search([("id", "in", (met_a | office_b).ids)]), office_b
        )
        self.assertEqual(
            Visit.with_user(self.manager).search([("id", "in", (met_a | office_b).ids)]), met_a | office_b
        )
        for operation in (lambda v: v.read(["findings"]), lambda v: v.write({"findings": "<p>Changed</p>"})):
            with self.assertRaises(AccessError):
                operation(met_a.with_user(self.officer_b))
        with self.assertRaises(AccessError):
            Visit.with_user(self.officer_b).create(
                {
                    "kind": "interview",
                    "visitor_id": self.manager.id,
                    "beneficiary_ids": [(6, 0, self.beneficiary_a.ids)],
                }
            )
        # a visit that met both: each officer opens it and sees the beneficiaries they may read
        both = Visit.create(
            {"kind": "interview", "beneficiary_ids": [(6, 0, (self.beneficiary_a | self.beneficiary_b).ids)]}
        )
        for officer, beneficiary in (
            (self.officer_a, self.beneficiary_a),
            (self.officer_b, self.beneficiary_b),
        ):
            self.env.invalidate_all()  # a new request of the web client
            values = both.with_user(officer).web_read({"beneficiary_ids": {"fields": {"display_name": {}}}})
            self.assertEqual(
                values[0]["beneficiary_ids"],
                [{"id": beneficiary.id, "display_name": beneficiary.display_name}],
            )
        self.assertIn("Fahad", met_a.findings)
