from odoo import fields, models


class BeneficiaryBeneficiarySuspend(models.TransientModel):
    """Asks why a beneficiary file is suspended or archived."""

    _name = "beneficiary.beneficiary.suspend"
    _description = "Suspend or Archive Beneficiary Files"

    beneficiary_ids = fields.Many2many("beneficiary.beneficiary", required=True)
    target_state = fields.Selection(
        [("suspended", "Suspended"), ("archived", "Archived")],
        required=True,
        default="suspended",
    )
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.beneficiary_ids._set_state_with_reason(self.target_state, self.reason)
        return {"type": "ir.actions.act_window_close"}
