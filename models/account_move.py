from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    beneficiary_compensation_id = fields.Many2one(
        "beneficiary.compensation",
        string="Beneficiary Compensation",
        index="btree_not_null",
        copy=False,
        readonly=True,
        ondelete="restrict",
    )
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
        # sudo: payments are registered by accountants who may neither edit compensations
        # nor see registrations; a paid bill or fee invoice is what settles them.
        compensations = self.filtered(
            lambda move: move.beneficiary_compensation_id.move_id == move
        ).beneficiary_compensation_id
        compensations.sudo()._mark_paid()
        paid_sudo = self.sudo().filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.beneficiary_program_registration_id
                and move.payment_state in ("paid", "in_payment")
            )
        )
        paid_sudo.beneficiary_program_registration_id._on_fee_paid()
        return res
