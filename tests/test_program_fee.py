from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .program_common import ProgramCase


@tagged("post_install", "-at_install")
@freeze_time("2026-12-01")
class TestProgramFee(ProgramCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.company.chart_template:
            cls.env["account.chart.template"].try_loading("generic_coa", cls.env.company, install_demo=False)
        cls.program = cls._make_program(name="Quran Course", fee_type="paid", fee_amount=150.0, seats=10)
        cls.registration = cls._register(cls.program, cls.child_1)
        cls.registration.action_submit()

    def _pay(self, invoice, user=None):
        return (
            self.env["account.payment.register"]
            .with_user(user or self.env.user)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": "2026-12-01"})
            ._create_payments()
        )

    def _fee_invoices(self, registration):
        return self.env["account.move"].search(
            [("beneficiary_program_registration_id", "=", registration.id)]
        )

    def test_fee_invoice_is_created_once(self):
        self.assertEqual(self.registration.state, "awaiting_payment")
        # the officer of the participant's category invoices without accounting rights
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.officer_a).search([])
        self.registration.with_user(self.officer_a).action_create_invoice()
        invoice = self._fee_invoices(self.registration)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.child_1.partner_id)
        self.assertEqual(invoice.amount_total, 150.0)
        self.assertEqual(self.registration.invoice_id, invoice)
        self.assertEqual(self.registration.payment_state, "not_paid")
        with self.assertRaisesRegex(UserError, "already invoiced"):
            self.registration.action_create_invoice()
        self.assertEqual(len(self._fee_invoices(self.registration)), 1)
        # a cancelled invoice lets a new one be issued
        invoice.button_draft()
        invoice.button_cancel()
        self.assertFalse(self.registration.invoice_id)
        self.registration.action_create_invoice()
        invoices = self._fee_invoices(self.registration)
        self.assertEqual(len(invoices), 2)
        self.assertEqual(self.registration.invoice_id, invoices - invoice)

    def test_other_officers_cannot_invoice(self):
        with self.assertRaises(AccessError):
            self.registration.with_user(self.officer_b).action_create_invoice()
        self.assertFalse(self._fee_invoices(self.registration))

    def test_only_registrations_awaiting_payment_are_invoiced(self):
        draft = self._register(self.program, self.child_2)
        with self.assertRaisesRegex(UserError, "Only registrations awaiting payment are invoiced"):
            draft.action_create_invoice()
        self.assertFalse(self._fee_invoices(draft))

    def test_payment_confirms_and_issues_the_receipt(self):
        self.registration.action_create_invoice()
        invoice = self.registration.invoice_id
        # the accountant registers it in Invoicing, reading the participant's contact
        self._pay(invoice, user=self.accountant)
        self.assertTrue(invoice.partner_id.with_user(self.accountant).has_access("read"))
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.registration.state, "confirmed")
        self.assertTrue(self.registration.receipt_number.startswith("RV/2026/"))
        self.assertEqual(self.registration.receipt_amount, 150.0)
        self.assertEqual(str(self.registration.receipt_date), "2026-12-01")
        receipt_mail = self.registration.message_ids.filtered(
            lambda m: self.registration.receipt_number in (m.subject or "")
        )
        self.assertEqual(len(receipt_mail), 1)
        self.assertEqual(receipt_mail.partner_ids, self.child_1.partner_id)
        self.assertEqual(len(receipt_mail.attachment_ids), 1, "the receipt voucher is attached")
        # the hook may run again (in payment, then paid): nothing is issued twice
        number = self.registration.receipt_number
        invoice._invoice_paid_hook()
        self.assertEqual(self.registration.receipt_number, number)
        self.assertEqual(
            len(self.registration.message_ids.filtered(lambda m: number in (m.subject or ""))), 1
        )

    def test_receipt_voucher_content(self):
        self.registration.action_create_invoice()
        self._pay(self.registration.invoice_id)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("beneficiary_relations.action_report_program_receipt", self.registration.ids)[
                0
            ]
            .decode()
        )
        self.assertIn(self.registration.receipt_number, html)
        self.assertIn("Salem Al-Harbi", html)
        self.assertIn("Quran Course", html)
        self.assertIn("150.00", html)
        with self.assertRaisesRegex(UserError, "No receipt voucher was issued yet"):
            self._register(self.program, self.child_2).action_print_receipt()

    def test_cancelling_cancels_the_unpaid_invoice(self):
        self.registration.action_create_invoice()
        invoice = self.registration.invoice_id
        self.registration.action_cancel()
        self.assertEqual(invoice.state, "cancel")
        self.assertEqual(self.program.seats_taken, 0)

    def test_receipt_failure_does_not_block_the_payment(self):
        self.registration.action_create_invoice()
        invoice = self.registration.invoice_id
        report_model = type(self.env["ir.actions.report"])
        logger = "odoo.addons.beneficiary_relations.models.beneficiary_program_registration"
        with (
            patch.object(report_model, "_render_qweb_pdf", side_effect=UserError("wkhtmltopdf is missing")),
            self.assertLogs(logger, "WARNING"),
        ):
            self._pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.registration.state, "confirmed")
        self.assertTrue(self.registration.receipt_number)
        self.assertTrue(
            self.registration.message_ids.filtered(lambda m: "could not be e-mailed" in str(m.body)),
            "the staff is told to print the receipt",
        )
