from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BeneficiaryPolicyDistribution(models.Model):
    """A copy of the policy given to a department (policy 004: human resources give every
    department and section a copy): which department, when, by whom and how."""

    _name = "beneficiary.policy.distribution"
    _description = "Policy Distribution to a Department"
    _order = "date desc, id desc"
    _rec_name = "department"

    policy_id = fields.Many2one(
        "beneficiary.policy", string="Policy", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    version = fields.Integer(related="policy_id.version")
    department = fields.Char(required=True, help="The department or section that received the copy.")
    date = fields.Date(required=True, default=fields.Date.context_today)
    distributed_by_id = fields.Many2one(
        "res.users",
        string="Distributed By",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    method = fields.Selection(
        [
            ("email", "E-mail"),
            ("printed", "Printed Copy"),
            ("meeting", "Meeting or Briefing"),
            ("shared_folder", "Shared Folder or Intranet"),
            ("other", "Other"),
        ],
        string="How",
        required=True,
        default="email",
    )
    received_by = fields.Char(help="Who received the copy in the department.")
    note = fields.Text()

    @api.constrains("policy_id")
    def _check_policy_approved(self):
        for distribution in self:
            if distribution.policy_id.state == "draft":
                raise ValidationError(
                    self.env._(
                        "%(policy)s is a draft: only a version approved by the board is distributed.",
                        policy=distribution.policy_id.display_name,
                    )
                )
