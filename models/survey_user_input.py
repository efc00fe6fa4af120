from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    beneficiary_campaign_id = fields.Many2one(
        "beneficiary.survey.campaign",
        string="Satisfaction Campaign",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
