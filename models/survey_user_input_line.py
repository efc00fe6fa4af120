from odoo import api, models


class SurveyUserInputLine(models.Model):
    _name = "survey.user_input.line"
    _inherit = ["survey.user_input.line", "beneficiary.personal.data.mixin"]
    # free answers; the chosen answers and scores stay
    _personal_fields = ("value_char_box", "value_text_box", "value_date", "value_datetime")

    @api.model
    def _personal_records(self, beneficiary):
        return self.env["survey.user_input"]._personal_records(beneficiary).user_input_line_ids
