from odoo import api, fields, models


class BeneficiaryPolicySection(models.Model):
    """A further chapter of a policy: definitions, eligibility, programs, closing..."""

    _name = "beneficiary.policy.section"
    _description = "Policy Section"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one("beneficiary.policy", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Heading", required=True)
    body = fields.Html()

    @api.model_create_multi
    def create(self, vals_list):
        sections = super().create(vals_list)
        sections.policy_id._check_content_editable()
        return sections

    def write(self, vals):
        self.policy_id._check_content_editable()
        res = super().write(vals)
        if "policy_id" in vals:
            self.policy_id._check_content_editable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_drafts(self):
        self.policy_id._check_content_editable()
