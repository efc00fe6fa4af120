import base64
import importlib.util
import pathlib
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import BeneficiaryFixtures
from .test_workflow_guard import hostile_context

MIGRATION = pathlib.Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.1.0" / "post-migrate.py"


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
        cls.member_2 = new_test_user(
            cls.env,
            "t_committee_comp_2",
            groups="base.group_user,beneficiary_relations.group_committee_member",
        )
        cls.investigation = cls.env["beneficiary.committee"].create(
            {
                "name": "Investigation Committee",
                "kind": "investigation",
                "chair_id": cls.committee_user.id,
                "member_ids": [Command.set(cls.member_2.ids)],
            }
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
                "decision_final": True,
            },
        }[compensation.basis]
        compensation.write(dict(evidence, evidence_attachment_ids=[Command.set(self.evidence.ids)]))
        if compensation.basis == "association_fault":
            for member in compensation.investigation_committee_id.member_ids:
                compensation.with_user(member)._approve_minutes()

    def _agree(self, compensation, amount):
        """The beneficiary accepts an offer of ``amount``: it becomes the agreed amount."""
        compensation.negotiation_ids = [Command.create({"offer": amount, "answer": "accepted"})]

    def _approved(self, amount=1200.0):
        compensation = self._compensation()
        compensation.action_start_investigation()
        self._complete_evidence(compensation)
        self._agree(compensation, amount)
        compensation.with_user(self.manager).action_approve()
        return compensation

    # ------------------------------------------------------------------ approval
    def test_approval_blocked_for_each_missing_evidence_of_each_basis(self):
        required = {
            "association_fault": [
                ("investigation_committee_id", r"missing the investigation committee\)"),
                ("minutes_date", "date of the investigation committee's minutes"),
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
                ("decision_final", "decision is final"),
                ("evidence_attachment_ids", "evidence documents"),
            ],
        }
        for basis, pieces in required.items():
            for field, message in pieces:
                with self.subTest(basis=basis, missing=field):
                    compensation = self._compensation(basis=basis)
                    compensation.action_start_negotiation()
                    self._complete_evidence(compensation)
                    self._agree(compensation, 1000)
                    empty = [Command.clear()] if field == "evidence_attachment_ids" else False
                    compensation.write({field: empty})
                    with self.assertRaisesRegex(UserError, message):
                        compensation.with_user(self.manager).action_approve()
                    self.assertEqual(compensation.state, "negotiation")
            with self.subTest(basis=basis, complete=True):
                compensation = self._compensation(basis=basis)
                compensation.action_start_negotiation()
                self._complete_evidence(compensation)
                self._agree(compensation, 1000)
                compensation.with_user(self.manager).action_approve()
                self.assertEqual(compensation.state, "approved")
                self.assertEqual(compensation.approved_by_id, self.manager)

    def test_approval_needs_a_positive_amount_and_a_manager(self):
        compensation = self._compensation()
        compensation.action_start_investigation()
        self._complete_evidence(compensation)
        with self.assertRaisesRegex(UserError, "must be positive"):
            compensation.with_user(self.manager).action_approve()
        self._agree(compensation, 500)
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

    # ------------------------------------------------------------------ policies 002 and 004
    # «إقرار الجمعية بمحضر من لجنة التحقيق والمتابعة مؤرخ ومعتمد من أعضائها»
    def test_fault_finding_needs_the_investigation_committee(self):
        compensation = self._compensation()
        compensation.action_start_investigation()
        self._complete_evidence(compensation)
        self._agree(compensation, 900)
        compensation.investigation_committee_id = False
        with self.assertRaisesRegex(UserError, r"missing the investigation committee\)"):
            compensation.with_user(self.manager).action_approve()
        follow_up = self.env["beneficiary.committee"].create({"name": "Follow-up", "kind": "follow_up"})
        with (
            self.assertRaisesRegex(ValidationError, "not an investigation committee"),
            self.env.cr.savepoint(),
        ):
            compensation.investigation_committee_id = follow_up
        empty = self.env["beneficiary.committee"].create({"name": "Empty", "kind": "investigation"})
        compensation.investigation_committee_id = empty
        with self.assertRaisesRegex(UserError, "members of the investigation committee"):
            compensation.with_user(self.manager).action_approve()
        self.assertEqual(compensation.state, "investigation")

    @freeze_time("2026-02-11 08:30:00")
    def test_each_member_approves_the_minutes(self):
        compensation = self._compensation(investigation_committee_id=self.investigation.id)
        compensation.action_start_investigation()
        as_member = compensation.with_user(self.committee_user)
        with self.assertRaisesRegex(UserError, "not complete: write their date, the damage"):
            as_member._approve_minutes()
        compensation.write(
            {
                "minutes_date": "2026-02-10",
                "damage_description": "The monthly aid was paid to the wrong account",
                "damage_amount": 1500,
                "damage_causes": "Data entry error",
                "evidence_attachment_ids": [Command.set(self.evidence.ids)],
            }
        )
        self._agree(compensation, 1200)
        self.assertTrue(as_member.can_approve_minutes)
        # the chair approves through the form's dialog
        action = as_member.action_open_approve_minutes()
        Form(
            self.env[action["res_model"]].with_user(self.committee_user).with_context(**action["context"])
        ).save().action_confirm()
        self.assertFalse(compensation.minutes_fully_approved)
        self.assertEqual(compensation.minutes_pending_member_ids, self.member_2)
        with self.assertRaisesRegex(UserError, "approval of the minutes by t_committee_comp_2"):
            compensation.with_user(self.manager).action_approve()
        # a user outside the committee does not approve; a member approves once
        with self.assertRaisesRegex(UserError, "Only the members of the investigation committee"):
            compensation.with_user(self.manager)._approve_minutes()
        with self.assertRaisesRegex(UserError, "already approved"):
            as_member._approve_minutes()
        with self.assertRaisesRegex(UserError, "Write your reservations"):
            compensation.with_user(self.member_2)._approve_minutes("reservations", "  ")
        compensation.with_user(self.member_2)._approve_minutes("reservations", "Check the IBAN procedure")
        self.assertTrue(compensation.minutes_fully_approved)
        lines = compensation.minutes_approval_ids
        self.assertEqual(
            [(line.member_id, line.decision, line.reservations or False, line.date) for line in lines],
            [
                (self.committee_user, "approved", False, datetime(2026, 2, 11, 8, 30)),
                (self.member_2, "reservations", "Check the IBAN procedure", datetime(2026, 2, 11, 8, 30)),
            ],
        )
        # the minutes change: the approvals were given to another text and are withdrawn
        compensation.with_user(self.committee_user).damage_causes = "Data entry error, unchecked"
        self.assertFalse(compensation.minutes_approval_ids)
        self.assertIn("approvals were withdrawn", compensation.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "approval of the minutes by"):
            compensation.with_user(self.manager).action_approve()
        for member in self.investigation.member_ids:
            compensation.with_user(member)._approve_minutes()
        compensation.with_user(self.manager).action_approve()
        self.assertEqual(compensation.state, "approved")
        with self.assertRaisesRegex(UserError, "can no longer be approved"):
            compensation.with_user(self.committee_user)._approve_minutes()

    def test_members_approvals_are_never_typed_in(self):
        """Who approved and when are written by the Approve button only: not by creating,
        changing or deleting an approval, nor through the compensation, whatever the
        context keys sent."""
        compensation = self._compensation(basis="association_fault")
        compensation.action_start_investigation()
        self._complete_evidence(compensation)
        Approval = self.env["beneficiary.compensation.minutes.approval"]
        approval = compensation.minutes_approval_ids[:1]
        context = hostile_context({"date": "2020-01-01 08:00:00", "member_id": self.manager.id})
        forged = {
            "compensation_id": compensation.id,
            "member_id": self.manager.id,
            "decision": "approved",
            "date": "2020-01-01 08:00:00",
        }
        for user in (self.committee_user, self.manager, self.env.ref("base.user_root")):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    Approval.with_user(user).with_context(**context).create(forged)
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    approval.with_user(user).with_context(**context).write({"date": "2020-01-01 08:00:00"})
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    approval.with_user(user).with_context(**context).unlink()
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    compensation.with_user(user).with_context(**context).write(
                        {"minutes_approval_ids": [Command.create(forged)]}
                    )
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    compensation.with_user(user).with_context(**context).write(
                        {"minutes_approval_ids": [Command.clear()]}
                    )
        result = Approval.with_user(self.manager).load(
            ["compensation_id/.id", "member_id/.id", "decision", "date"],
            [[str(compensation.id), str(self.manager.id), "approved", "2020-01-01 08:00:00"]],
        )
        self.assertFalse(result["ids"])
        self.assertEqual(compensation.minutes_approval_ids.member_id, self.investigation.member_ids)
        self.assertEqual(len(compensation.minutes_approval_ids), 2)

    # «صدور حكم قضائي أو حكم نهائي من الجهات والسلطات المعنية بتسوية المنازعات»
    def test_authority_decision_must_be_final(self):
        compensation = self._compensation(basis="authority_decision")
        compensation.action_start_investigation()
        self._complete_evidence(compensation)
        self._agree(compensation, 700)
        compensation.decision_final = False
        with self.assertRaisesRegex(UserError, "confirmation that the decision is final"):
            compensation.with_user(self.manager).action_approve()
        compensation.decision_final = True
        compensation.with_user(self.manager).action_approve()
        self.assertEqual(compensation.state, "approved")
        with self.assertRaisesRegex(UserError, "is approved"):
            compensation.decision_final = False

    # «التفاوض مع المستفيد المتضرر لحل الخلاف والتعويض بما يضمن الحقوق»
    @freeze_time("2026-03-01 10:00:00")
    def test_approval_needs_an_accepted_offer_or_a_reasoned_waiver(self):
        compensation = self._compensation(basis="court_judgment")
        compensation.action_start_negotiation()
        self._complete_evidence(compensation)
        compensation.negotiation_ids = [
            Command.create({"offer": 800, "answer": "refused"}),
            Command.create({"offer": 1000, "answer": "counter", "counter_offer": 1300}),
        ]
        compensation.amount_agreed = 1000
        as_manager = compensation.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "has not accepted an offer"):
            as_manager.action_approve()
        # a waiver needs a manager and a reason
        with self.assertRaisesRegex(UserError, "Only a manager can waive"):
            compensation.with_user(self.committee_user).action_waive_negotiation()
        with self.assertRaisesRegex(UserError, "Write why the negotiation"):
            as_manager.action_waive_negotiation()
        compensation.negotiation_waiver_reason = "The final judgment fixes the amount at 1,000 riyals"
        as_manager.action_waive_negotiation()
        self.assertEqual(compensation.negotiation_waived_by_id, self.manager)
        self.assertEqual(compensation.negotiation_waived_on, datetime(2026, 3, 1, 10, 0))
        with self.assertRaisesRegex(UserError, "withdraw the waiver to change it"):
            compensation.negotiation_waiver_reason = "Another reason"
        as_manager.action_withdraw_waiver()
        self.assertFalse(compensation.negotiation_waived_by_id)
        with self.assertRaisesRegex(UserError, "has not accepted an offer"):
            as_manager.action_approve()
        as_manager.action_waive_negotiation()
        as_manager.action_approve()
        self.assertEqual(compensation.state, "approved")
        with self.assertRaisesRegex(UserError, "is approved"):
            compensation.negotiation_waiver_reason = "Rewritten after approval"

    def test_agreed_amount_is_the_offer_the_beneficiary_accepted(self):
        compensation = self._compensation(basis="court_judgment")
        compensation.action_start_negotiation()
        self._complete_evidence(compensation)
        self._agree(compensation, 1100)
        with self.assertRaisesRegex(UserError, "no negotiation to waive"):
            compensation.with_user(self.manager).action_waive_negotiation()
        compensation.amount_agreed = 5000
        with self.assertRaisesRegex(UserError, "differs from the offer the beneficiary accepted"):
            compensation.with_user(self.manager).action_approve()
        compensation.amount_agreed = 1100
        compensation.with_user(self.manager).action_approve()
        self.assertEqual(compensation.state, "approved")

    # ------------------------------------------------------------------ upgrade from 18.0.1.0.0
    def test_migration_turns_the_checkbox_into_members_approvals(self):
        """post-migrate of 18.0.1.1.0: a compensation whose single "approved by the
        members" box was ticked gets an approval of each member of its committee."""
        ticked = self._compensation(
            investigation_committee_id=self.investigation.id, minutes_date="2025-07-13"
        )
        unticked = self._compensation(investigation_committee_id=self.investigation.id)
        orphan = self._compensation()
        self.env.flush_all()
        self.env.cr.execute(
            "ALTER TABLE beneficiary_compensation ADD COLUMN br_legacy_minutes_approved boolean"
        )
        self.env.cr.execute(
            SQL(
                "UPDATE beneficiary_compensation SET br_legacy_minutes_approved = id IN %s",
                (ticked.id, orphan.id),
            )
        )
        spec = importlib.util.spec_from_file_location("br_post_migrate_18_0_1_1_0", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(ticked.minutes_approval_ids.member_id, self.investigation.member_ids)
        self.assertEqual(set(ticked.minutes_approval_ids.mapped("decision")), {"approved"})
        self.assertEqual(set(ticked.minutes_approval_ids.mapped("date")), {datetime(2025, 7, 13, 9, 0)})
        self.assertTrue(ticked.minutes_fully_approved)
        self.assertIn("an approval is now recorded for each member", ticked.message_ids[0].body)
        self.assertFalse(unticked.minutes_approval_ids)
        self.assertIn("no investigation committee is set", orphan.message_ids[0].body)
        self.env.cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'beneficiary_compensation' "
            "AND column_name = 'br_legacy_minutes_approved'"
        )
        self.assertFalse(self.env.cr.fetchall(), "the kept column is dropped")
