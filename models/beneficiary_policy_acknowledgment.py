from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BeneficiaryPolicyAcknowledgment(models.Model):
    """A staff member's declaration of having read one version of the policy."""

    _name = "beneficiary.policy.acknowledgment"
    _description = "Policy Acknowledgment"
    _order = "date desc, id desc"
    _rec_name = "user_id"

    policy_id = fields.Many2one(
        "beneficiary.policy",
        string="Policy",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    version = fields.Integer(related="policy_id.version")
    user_id = fields.Many2one(
        "res.users",
        string="Staff Member",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    date = fields.Datetime(
        string="Acknowledged On", required=True, default=fields.Datetime.now, readonly=True
    )
    signature = fields.Image(max_width=1024, max_height=1024, attachment=True)

    _sql_constraints = [
        (
            "policy_user_uniq",
            "unique(policy_id, user_id)",
            "This staff member has already acknowledged this version of the policy.",
        ),
    ]

    @api.constrains("policy_id")
    def _check_policy_is_current(self):
        for acknowledgment in self:
            if acknowledgment.policy_id.state != "approved":
                raise ValidationError(
                    self.env._(
                        "Only the current policy can be acknowledged; %(policy)s is not current.",
                        policy=acknowledgment.policy_id.display_name,
                    )
                )
