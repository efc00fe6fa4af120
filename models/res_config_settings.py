from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_license_number = fields.Char(related="company_id.beneficiary_license_number", readonly=False)
    beneficiary_sla_days = fields.Integer(related="company_id.beneficiary_sla_days", readonly=False)
    beneficiary_sla_calendar_days = fields.Boolean(
        related="company_id.beneficiary_sla_calendar_days", readonly=False
    )
    beneficiary_sla_hold = fields.Selection(related="company_id.beneficiary_sla_hold", readonly=False)
    beneficiary_calendar_id = fields.Many2one(related="company_id.beneficiary_calendar_id", readonly=False)

    beneficiary_compensation_journal_id = fields.Many2one(
        related="company_id.beneficiary_compensation_journal_id", readonly=False
    )
    beneficiary_compensation_account_id = fields.Many2one(
        related="company_id.beneficiary_compensation_account_id", readonly=False
    )

    def action_beneficiary_generate_holidays(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Saudi Public Holidays"),
            "res_model": "beneficiary.holidays.generate",
            "view_mode": "form",
            "target": "new",
        }
