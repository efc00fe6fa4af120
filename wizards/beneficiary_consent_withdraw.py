from odoo import fields, models


class BeneficiaryConsentWithdraw(models.TransientModel):
    """Records that a beneficiary withdraws consents, and why."""

    _name = "beneficiary.consent.withdraw"
    _description = "Withdraw Data Processing Consent"

    consent_ids = fields.Many2many("beneficiary.consent", required=True)
    date = fields.Datetime(string="Withdrawn On", required=True, default=fields.Datetime.now)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.consent_ids._withdraw(self.reason, self.date)
        return {"type": "ir.actions.act_window_close"}
