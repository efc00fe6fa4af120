from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    beneficiary_policy_signature_required = fields.Boolean(
        string="Staff Sign the Policy",
        help="Staff acknowledge the policy with their signature, not only a confirmation "
        "(policy 004: «الاطلاع ... والتوقيع عليها»).",
    )
    beneficiary_policy_review_months = fields.Integer(
        string="Policy Review Every (months)",
        default=12,
        help="When a version is approved without a review date, it is due for review this many "
        "months after the board's approval. 0: no review date by default.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_policy_signature_required = fields.Boolean(
        related="company_id.beneficiary_policy_signature_required", readonly=False
    )
    beneficiary_policy_review_months = fields.Integer(
        related="company_id.beneficiary_policy_review_months", readonly=False
    )
