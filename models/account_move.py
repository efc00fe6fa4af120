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

    def _invoice_paid_hook(self):
        res = super()._invoice_paid_hook()
        compensations = self.filtered(
            lambda move: move.beneficiary_compensation_id.move_id == move
        ).beneficiary_compensation_id
        # the accountant paying the bill may not edit compensations otherwise
        compensations.sudo()._mark_paid()
        return res
