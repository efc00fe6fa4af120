import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import BeneficiaryFixtures


@tagged("post_install", "-at_install")
class TestCompensation(BeneficiaryFixtures, AccountTestInvoicingCommon):
    _beneficiary_test_company = False  # the accounting test base provides it

    @classmethod
    def get_default_groups(cls):
        # the test user of AccountTestInvoicingCommon also manages beneficiary relations
        return super().get_default_groups() | cls.env.ref("beneficiary_relations.group_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.Compensation = cls.env["beneficiary.compensation"]
        cls.investigation = cls.env["beneficiary.committee"].create(
            {"name": "Investigation Committee", "kind": "investigation", "chair_id": cls.committee_user.id}
        )
        cls.expense_account = cls.company_data["default_account_expense"]
        cls.purchase_journal = cls.company_data["default_journal_purchase"]
        cls.company.write(
            {
                "beneficiary_compensation_journal_id": cls.purchase_journal.id,
                "beneficiary_compensation_account_id": cls.expense_account.id,
            }
        )
        cls.evidence = cls.env["ir.attachment"].create(
            {"name": "minutes.pdf", "datas": base64.b64encode(b"%PDF-1.4 minutes")}
        )

    def _compensation(self, basis="association_fault", **vals):
        values = {"beneficiary_id": self.beneficiary_a.id, "basis": basis}
        values.update(vals)
        return self.Compensation.create(values)

    def _complete_evidence(self, compensation):
        evidence = {
            "association_fault": {
                "investigation_committee_id": self.investigation.id,
                "minutes_date": "2026-02-10",
                "minutes_approved": True,
                "damage_description": "The monthly aid was paid to the wrong account",
                "damage_amount": 1500,
                "damage_causes": "Data entry error",
            },
            "court_judgment": {
                "court_name": "Hofuf General Court",
                "judgment_number": "4471234",
                "judgment_date": "2026-01-20",
                "judgment_final": True,
            },
            "authority_decision": {
                "authority_name": "Dispute Settlement Committee",
                "decision_reference": "DSC-1447-19",
                "decision_date": "2026-01-25",
            },
        }[compensation.basis]
        compensation.write(dict(evidence, evidence_attachment_ids=[Command.set(self.evidence.ids)]))

    def _approved(self, amount=1200.0):
        compensation = self._compensation()
        compensation.action_start_investigation()
        self._complete_evidence(compensation)
        compensation.amount_agreed = amount
        compensation.with_user(self.manager).action_approve()
        return compensation

    # ------------------------------------------------------------------ approval
    def test_approval_blocked_for_each_missing_evidence_of_each_basis(self):
        required = {
            "association_fault": [
                ("minutes_date", "date of the investigation committee's minutes"),
                ("minutes_approved", "approval of the minutes"),
                ("damage_description", "the damage"),
                ("damage_amount", "size of the damage"),
                ("damage_causes", "causes of the damage"),
                ("evidence_attachment_ids", "evidence documents"),
            ],
            "court_judgment": [
                ("court_name", "the court"),
                ("judgment_number", "judgment number"),
                ("judgment_date", "judgment date"),
                ("judgment_final", "judgment is final"),
                ("evidence_attachment_ids", "evidence documents"),
            ],
            "authority_decision": [
                ("authority_name", "the authority"),
                ("decision_reference", "decision reference"),
                ("decision_date", "decision date"),
                ("evidence_attachment_ids", "evidence documents"),
            ],
        }
        for basis, pieces in required.items():
            for field, message in pieces:
                with self.subTest(basis=basis, missing=field):
                    compensation = self._compensation(basis=basis, amount_agreed=1000)
                    compensation.action_start_negotiation()
                    self._complete_evidence(compensation)
                    empty = [Command.clear()] if field == "evidence_attachment_ids" else False
                    compensation.write({field: empty})
                    with self.assertRaisesRegex(UserError, message):
                        compensation.with_user(self.manager).action_approve()
                    self.assertEqual(compensation.state, "negotiation")
            with self.subTest(basis=basis, complete=True):
                compensation = self._compensation(basis=basis, amount_agreed=1000)
                compensation.action_start_negotiation()
                self._complete_evidence(compensation)
                compensation.with_user(self.manager).action_approve()
                self.assertEqual(compensation.state, "approved")
                self.assertEqual(compensation.approved_by_id, self.manager)

    def test_approval_needs_a_positive_amount_and_a_manager(self):
        compensation = self._compensation()
        compensation.action_start_investigation()
        self._complete_evidence(compensation)
        with self.assertRaisesRegex(UserError, "must be positive"):
            compensation.with_user(self.manager).action_approve()
        compensation.amount_agreed = 500
        with self.assertRaisesRegex(UserError, "Only a manager"):
            compensation.with_user(self.committee_user).action_approve()
        compensation.with_user(self.manager).action_approve()
        self.assertEqual(compensation.state, "approved")
        with self.assertRaisesRegex(UserError, "is approved"):
            compensation.amount_agreed = 5000
        self.assertEqual(compensation.amount_agreed, 500)

    def test_accepted_offer_becomes_the_agreed_amount(self):
        compensation = self._compensation()
        compensation.action_start_negotiation()
        compensation.negotiation_ids = [
            Command.create({"offer": 800, "answer": "refused"}),
            Command.create({"offer": 1000, "answer": "counter", "counter_offer": 1300}),
        ]
        self.assertFalse(compensation.amount_agreed)
        compensation.negotiation_ids = [Command.create({"offer": 1200, "answer": "accepted"})]
        self.assertEqual(compensation.amount_agreed, 1200)

    # ------------------------------------------------------------------ accounting
    def test_one_bill_then_paid(self):
        compensation = self._approved(1200.0)
        compensation.with_user(self.accountant).action_create_bill()
        bill = compensation.move_id
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.beneficiary_a.partner_id)
        self.assertEqual(bill.journal_id, self.purchase_journal)
        self.assertEqual(bill.amount_total, 1200.0)
        self.assertEqual(bill.invoice_line_ids.account_id, self.expense_account)
        self.assertEqual(bill.beneficiary_compensation_id, compensation, "linked both ways")
        with self.assertRaisesRegex(UserError, "already has the vendor bill"):
            compensation.with_user(self.accountant).action_create_bill()
        self.assertEqual(
            self.env["account.move"].search_count([("beneficiary_compensation_id", "=", compensation.id)]), 1
        )

        # the accountant posts and pays it in Invoicing, reading the payee's contact
        bill.with_user(self.accountant).action_post()
        self.env["account.payment.register"].with_user(self.accountant).with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"payment_date": bill.invoice_date})._create_payments()
        values = bill.with_user(self.accountant).web_read(
            {"partner_id": {"fields": {"display_name": {}, "email": {}}}}
        )
        self.assertEqual(values[0]["partner_id"]["email"], self.beneficiary_a.email)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertEqual(compensation.state, "paid", "registering the payment marks the compensation paid")

    def test_cancelled_bill_allows_a_new_one(self):
        compensation = self._approved()
        compensation.action_create_bill()
        first = compensation.move_id
        first.button_cancel()
        compensation.action_create_bill()
        self.assertNotEqual(compensation.move_id, first)
        self.assertEqual(compensation.move_ids, first | compensation.move_id)

    def test_bill_needs_approval_and_settings(self):
        compensation = self._compensation(amount_agreed=100)
        with self.assertRaisesRegex(UserError, "Only an approved compensation"):
            compensation.action_create_bill()
        approved = self._approved()
        self.company.beneficiary_compensation_journal_id = False
        with self.assertRaisesRegex(UserError, "compensation journal"):
            approved.action_create_bill()
        self.assertFalse(approved.move_id)

    # ------------------------------------------------------------------ access
    def test_access_per_role(self):
        draft = self._compensation()
        approved = self._approved()
        other = self._compensation(beneficiary_id=self.beneficiary_b.id)
        all_ = draft | approved | other
        # officers read their categories' compensations, read-only
        self.assertEqual(
            self.Compensation.with_user(self.officer_a).search([("id", "in", all_.ids)]), draft | approved
        )
        with self.assertRaises(AccessError):
            draft.with_user(self.officer_a).write({"damage_description": "x"})
        # accountants see approved (and paid) ones and can bill them, not the sensitive fields
        self.assertEqual(
            self.Compensation.with_user(self.accountant).search([("id", "in", all_.ids)]), approved
        )
        beneficiary = approved.with_user(self.accountant).beneficiary_id
        self.assertEqual(beneficiary.name, self.beneficiary_a.name)
        with self.assertRaises(AccessError):
            beneficiary.read(["health_notes"])
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.accountant).read(["name"])
        # and the contacts of the payees only
        self.assertTrue(self.beneficiary_a.partner_id.with_user(self.accountant).has_access("read"))
        self.assertFalse(self.beneficiary_b.partner_id.with_user(self.accountant).has_access("read"))
        # investigation committee members work on their cases
        self.assertEqual(
            self.Compensation.with_user(self.committee_user).search([("id", "in", all_.ids)]), approved
        )
        draft.investigation_committee_id = self.investigation
        self.assertEqual(
            self.Compensation.with_user(self.committee_user).search([("id", "in", all_.ids)]),
            draft | approved,
        )
        # portal users see their own once approved
        portal_a = self._make_portal_user(self.beneficiary_a, "t_portal_comp_a")
        self.assertEqual(self.Compensation.with_user(portal_a).search([]), approved)
        with self.assertRaises(AccessError):
            self.Compensation.with_user(self.internal_user).search([])
