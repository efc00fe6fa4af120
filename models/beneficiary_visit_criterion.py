from odoo import fields, models

VISIT_KINDS = [
    ("field_survey", "Field Survey"),
    ("supervisory_visit", "Supervisory Visit to an Office"),
    ("interview", "Interview"),
    ("management_follow_up", "Top-Management Follow-up"),
]


class BeneficiaryVisitCriterion(models.Model):
    """A question of the scored questionnaire of field surveys, supervisory visits or
    interviews (policy 004, «قياس رضا المستفيدين»): each visit of that kind scores it from
    1 to 5."""

    _name = "beneficiary.visit.criterion"
    _description = "Satisfaction Visit Criterion"
    _order = "sequence, id"

    name = fields.Char(string="Criterion", required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        VISIT_KINDS, string="Kind of Visit", help="The kind of visit it is scored in; every kind when empty."
    )
    description = fields.Text(translate=True, help="What the visitor looks at.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the criterion with every association."
    )
