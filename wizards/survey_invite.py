from odoo import models


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    def _get_answers_values(self):
        values = super()._get_answers_values()
        if self.env.context.get("beneficiary_campaign_id"):
            values["beneficiary_campaign_id"] = self.env.context["beneficiary_campaign_id"]
        return values
