from odoo import api, fields, models


class BeneficiaryPolicyAcknowledge(models.TransientModel):
    """The staff member confirms having read the current policy and its code of
    professional ethics, and signs it (required where the association says so)."""

    _name = "beneficiary.policy.acknowledge"
    _description = "Acknowledge the Beneficiary Relationship Policy"

    policy_id = fields.Many2one("beneficiary.policy", required=True, readonly=True)
    signature_required = fields.Boolean(related="policy_id.signature_required")
    ethics_code = fields.Html(related="policy_id.ethics_code")
    has_ethics_code = fields.Boolean(compute="_compute_has_ethics_code")
    ethics_acknowledged = fields.Boolean(
        string="I have read the code of professional ethics and commit to it",
    )
    signature = fields.Binary(help="Sign with the mouse or a finger.")
    document_ids = fields.One2many(related="policy_id.document_ids", string="Documents Received")

    @api.depends("policy_id")
    def _compute_has_ethics_code(self):
        for wizard in self:
            wizard.has_ethics_code = wizard.policy_id._has_ethics_code()

    def action_confirm(self):
        self.ensure_one()
        self.policy_id._acknowledge(signature=self.signature, ethics_acknowledged=self.ethics_acknowledged)
        return {"type": "ir.actions.act_window_close"}
