from odoo import fields, models


class BeneficiaryPolicyAcknowledge(models.TransientModel):
    """The staff member confirms having read the current policy, and may sign it."""

    _name = "beneficiary.policy.acknowledge"
    _description = "Acknowledge the Beneficiary Relationship Policy"

    policy_id = fields.Many2one("beneficiary.policy", required=True, readonly=True)
    signature = fields.Binary(help="Optional: sign with the mouse or a finger.")

    def action_confirm(self):
        self.ensure_one()
        self.policy_id._acknowledge(signature=self.signature)
        return {"type": "ir.actions.act_window_close"}
