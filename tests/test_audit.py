from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_request import ServiceRequestCase


@tagged("post_install", "-at_install")
class TestAuditAndCompanies(ServiceRequestCase):
    def test_decision_cannot_be_edited_even_by_a_manager(self):
        request = self._bring_to(self._new_request(), "rejected")
        for field, value in (
            ("decision_reason", "Another reason"),
            ("committee_id", self.other_committee.id),
            ("service_type_id", self.service.copy().id),
        ):
            with self.subTest(field=field), self.assertRaisesRegex(UserError, "can no longer be changed"):
                request.with_user(self.manager).write({field: value})
        self.assertEqual(request.decision_reason, "Outside the association's area")
        request.cancel_reason = "Reconsidered after an appeal"
        request.with_user(self.manager).action_cancel()
        self.assertEqual(request.state, "cancelled")

    def test_state_changes_and_decisions_are_tracked(self):
        # the fixtures disable tracking; a record created so is never tracked
        self.Request = self.Request.with_context(tracking_disable=None)
        request = self._new_request()
        self.env.flush_all()
        self.env.cr.precommit.run()  # as if created in an earlier transaction
        self._bring_to(request, "accepted")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when the transaction commits
        request.invalidate_recordset(["message_ids"])
        tracked = request.message_ids.tracking_value_ids
        fields_tracked = set(tracked.field_id.mapped("name"))
        self.assertLessEqual(
            {"state", "date_decision", "declaration_signed_on", "sla_deadline"}, fields_tracked
        )
        states = tracked.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(states.sorted("id")[-1].new_value_char, "Accepted")
        self.assertTrue(states.create_uid, "who changed it is recorded")

    def test_each_company_numbers_on_its_own(self):
        other = self.env["res.company"].create(
            {"name": "جمعية أخرى", "country_id": self.env.ref("base.sa").id}
        )
        category = self.env["beneficiary.category"].create({"name": "Shared category"})
        ours = self.Beneficiary.create([{"name": f"B{i}", "category_id": category.id} for i in range(2)])
        theirs = self.Beneficiary.create(
            [{"name": f"T{i}", "category_id": category.id, "company_id": other.id} for i in range(2)]
        )
        suffix = [ref.rsplit("/", 1)[1] for ref in theirs.mapped("reference")]
        self.assertEqual(suffix, ["00001", "00002"], "the new association starts its own numbering")
        self.assertEqual(len(set(ours.mapped("reference")) | set(theirs.mapped("reference"))), 4)
        sequences = self.env["ir.sequence"].search([("code", "=", "beneficiary.beneficiary")])
        self.assertIn(other, sequences.company_id)
