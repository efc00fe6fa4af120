from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    beneficiary_program_registration_id = fields.Many2one(
        "beneficiary.program.registration",
        string="Program Registration",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    def _invoice_paid_hook(self):
        res = super()._invoice_paid_hook()
        # sudo: payments are registered by accountants who may not see the registration;
        # a paid fee invoice is what entitles its registration to be confirmed.
        paid_sudo = self.sudo().filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.beneficiary_program_registration_id
                and move.payment_state in ("paid", "in_payment")
            )
        )
        paid_sudo.beneficiary_program_registration_id._on_fee_paid()
        return res
