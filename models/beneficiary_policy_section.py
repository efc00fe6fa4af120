from odoo import api, fields, models
from odoo.exceptions import UserError


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

    def _check_policy_is_draft(self, policies):
        frozen = policies.filtered(lambda p: p.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "The policy %(policy)s was approved by the board and can no longer be "
                    "changed. Create a new version, change it and have it approved.",
                    policy=frozen[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        sections = super().create(vals_list)
        self._check_policy_is_draft(sections.policy_id)
        return sections

    def write(self, vals):
        self._check_policy_is_draft(self.policy_id)
        res = super().write(vals)
        if "policy_id" in vals:
            self._check_policy_is_draft(self.policy_id)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_drafts(self):
        self._check_policy_is_draft(self.policy_id)
