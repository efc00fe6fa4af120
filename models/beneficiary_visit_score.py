from odoo import api, fields, models

# what a visitor gives each criterion
SCORES = [
    ("1", "1 - Poor"),
    ("2", "2 - Fair"),
    ("3", "3 - Good"),
    ("4", "4 - Very Good"),
    ("5", "5 - Excellent"),
]


class BeneficiaryVisitScore(models.Model):
    """The score a visit gives one criterion."""

    _name = "beneficiary.visit.score"
    _description = "Satisfaction Visit Score"
    _order = "visit_id, sequence, id"

    visit_id = fields.Many2one("beneficiary.visit", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    criterion_id = fields.Many2one(
        "beneficiary.visit.criterion", string="Questionnaire Criterion", ondelete="set null"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Criterion", required=True)
    score = fields.Selection(SCORES)
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") and vals.get("criterion_id"):
                vals["name"] = self.env["beneficiary.visit.criterion"].browse(vals["criterion_id"]).name
        return super().create(vals_list)

    @api.onchange("criterion_id")
    def _onchange_criterion_id(self):
        if self.criterion_id:
            self.name = self.criterion_id.name
