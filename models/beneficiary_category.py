from odoo import fields, models

from ..lib.actions import window_action
from ..lib.grouped import count_per


class BeneficiaryCategory(models.Model):
    _name = "beneficiary.category"
    _description = "Beneficiary Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in reports and imports.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the category between all companies.",
    )
    liaison_ids = fields.One2many("beneficiary.liaison", "category_id", string="Liaison Officers")
    beneficiary_count = fields.Integer(compute="_compute_beneficiary_count")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The category code must be unique."),
    ]

    def _compute_beneficiary_count(self):
        counts = count_per(self, "beneficiary.beneficiary", "category_id")
        for category in self:
            category.beneficiary_count = counts.get(category, 0)

    def _get_beneficiary_action_domain(self):
        return [("category_id", "in", self.ids)]

    def action_view_beneficiaries(self):
        return window_action(
            self.env,
            "beneficiary_relations.beneficiary_beneficiary_action",
            self._get_beneficiary_action_domain(),
            {"default_category_id": self[:1].id},
        )
