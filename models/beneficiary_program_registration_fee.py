import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class BeneficiaryProgramRegistration(models.Model):
    """The subscription fee of a registration: its invoice, and the receipt voucher
    («سند القبض») issued when the invoice is paid (policy 002, steps 4 and 5)."""

    _inherit = "beneficiary.program.registration"

    fee_type = fields.Selection(related="program_id.fee_type")
    fee_amount = fields.Monetary(related="program_id.fee_amount")
    currency_id = fields.Many2one(related="program_id.currency_id")
    invoice_ids = fields.One2many(
        "account.move",
        "beneficiary_program_registration_id",
        string="Fee Invoices",
        groups="account.group_account_invoice",
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Fee Invoice",
        compute="_compute_invoice_id",
        store=True,
        index="btree_not_null",
    )
    payment_state = fields.Selection(related="invoice_id.payment_state", string="Payment Status")
    receipt_number = fields.Char(string="Receipt Voucher", readonly=True, copy=False, index="btree_not_null")
    receipt_date = fields.Date(string="Receipt Date", readonly=True, copy=False)
    receipt_amount = fields.Monetary(string="Amount Received", readonly=True, copy=False)

    @api.depends("invoice_ids.state")
    def _compute_invoice_id(self):
        for registration in self:
            invoices = registration.invoice_ids.filtered(lambda move: move.state != "cancel")
            registration.invoice_id = invoices.sorted("id", reverse=True)[:1]

    def _get_sale_journal(self):
        self.ensure_one()
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [*self.env["account.journal"]._check_company_domain(self.company_id), ("type", "=", "sale")],
                limit=1,
            )
        )
        if not journal:
            raise UserError(
                self.env._(
                    "%(company)s has no sales journal: set up Invoicing (its chart of accounts) before "
                    "invoicing program fees.",
                    company=self.company_id.name,
                )
            )
        return journal

    def _prepare_invoice_vals(self):
        self.ensure_one()
        program = self.program_id
        product = program.fee_product_id or self.env.ref(
            "beneficiary_relations.product_program_fee", raise_if_not_found=False
        )
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "journal_id": self._get_sale_journal().id,
            "currency_id": program.currency_id.id,
            "invoice_origin": self.name,
            "beneficiary_program_registration_id": self.id,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "product_id": product.id if product else False,
                        "name": self.env._(
                            "Subscription fee: %(program)s - %(beneficiary)s",
                            program=program.name,
                            beneficiary=self.beneficiary_id.name,
                        ),
                        "quantity": 1.0,
                        "price_unit": program.fee_amount,
                        "tax_ids": [fields.Command.clear()],
                    }
                )
            ],
        }

    def action_create_invoice(self):
        """Invoice the subscription fee to the participant, once.

        The officer handling the registration may not be an accountant: once their right
        to edit the registration is checked, the invoice is created and posted as superuser
        from the program's fee alone."""
        self.check_access("write")
        for registration in self:
            if registration.state != "awaiting_payment":
                raise UserError(
                    self.env._(
                        "Only registrations awaiting payment are invoiced (%(registration)s is not).",
                        registration=registration.display_name,
                    )
                )
        self._workflow_lock("wait")
        registrations_sudo = self.sudo()
        registrations_sudo.invalidate_recordset(["invoice_ids"])
        for registration in registrations_sudo:
            current = registration.invoice_ids.filtered(lambda move: move.state != "cancel")
            if current:
                raise UserError(
                    self.env._(
                        "The fee of %(registration)s is already invoiced (%(invoice)s). Cancel that "
                        "invoice first to issue another one.",
                        registration=registration.display_name,
                        invoice=current[0].name,
                    )
                )
        invoices_sudo = (
            self.env["account.move"]
            .sudo()
            .create([registration._prepare_invoice_vals() for registration in registrations_sudo])
        )
        invoices_sudo.action_post()
        for registration, invoice in zip(self, invoices_sudo, strict=True):
            registration.message_post(
                body=self.env._("Fee invoice %(invoice)s issued.", invoice=invoice.name)
            )
        if len(invoices_sudo) == 1 and invoices_sudo.with_env(self.env).has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "res_id": invoices_sudo.id,
                "view_mode": "form",
            }
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("beneficiary_program_registration_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    def _cancel_unpaid_invoices(self):
        invoices_sudo = self.sudo().invoice_ids.filtered(
            lambda move: (
                move.state != "cancel" and move.payment_state not in ("paid", "in_payment", "partial")
            )
        )
        posted = invoices_sudo.filtered(lambda move: move.state == "posted")
        posted.button_draft()
        invoices_sudo.button_cancel()

    def _on_fee_paid(self):
        """The fee invoice is paid: confirm the registration (its seat is already held)
        and issue the receipt voucher. Called as superuser from the payment; does nothing
        twice."""
        to_confirm = self.filtered(lambda r: r.state == "awaiting_payment")
        to_confirm._set_state("confirmed", confirmed_date=fields.Datetime.now())
        for registration in self.filtered(lambda r: r.state not in ("awaiting_payment", "confirmed")):
            registration.message_post(
                body=self.env._(
                    "The fee was paid although the registration is %(state)s: refund it with a credit note "
                    "if needed.",
                    state=dict(self._fields["state"]._description_selection(self.env))[registration.state],
                )
            )
        self.filtered(lambda r: not r.receipt_number)._issue_receipt()

    def _issue_receipt(self):
        sequence = self.env["ir.sequence"]
        today = self.env.company._beneficiary_today()
        for registration in self:
            invoice = registration.invoice_id
            registration._workflow_write(
                {
                    "receipt_number": sequence.next_by_code("beneficiary.program.receipt"),
                    "receipt_date": today,
                    "receipt_amount": invoice.amount_total if invoice else registration.fee_amount,
                }
            )
        self._send_receipt_safely()

    def _send_receipt_safely(self):
        """E-mail the receipt vouchers without ever blocking the payment that issued them:
        when the voucher cannot be rendered or sent, the staff is told on the registration
        to print it instead."""
        for registration in self:
            try:
                with self.env.cr.savepoint():
                    registration._workflow_notify("receipt")
            except (UserError, OSError) as error:
                _logger.warning("Receipt voucher %s not e-mailed: %s", registration.receipt_number, error)
                registration.message_post(
                    body=self.env._(
                        "The receipt voucher %(number)s could not be e-mailed; print it and hand it "
                        "over to the beneficiary.",
                        number=registration.receipt_number,
                    )
                )

    def action_print_receipt(self):
        registrations = self.filtered("receipt_number")
        if not registrations:
            raise UserError(
                self.env._("No receipt voucher was issued yet: it is issued when the fee is paid.")
            )
        return self.env.ref("beneficiary_relations.action_report_program_receipt").report_action(
            registrations
        )

    def action_send_receipt(self):
        self.filtered("receipt_number")._workflow_notify("receipt")
        return True
