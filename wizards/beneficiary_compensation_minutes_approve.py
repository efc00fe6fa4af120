from odoo import fields, models


class BeneficiaryCompensationMinutesApprove(models.TransientModel):
    """A member of the investigation committee approves its minutes, with or without
    reservations."""

    _name = "beneficiary.compensation.minutes.approve"
    _description = "Approve the Investigation Minutes"

    compensation_id = fields.Many2one("beneficiary.compensation", required=True, readonly=True)
    minutes_date = fields.Date(related="compensation_id.minutes_date")
    damage_description = fields.Text(related="compensation_id.damage_description")
    damage_amount = fields.Monetary(related="compensation_id.damage_amount")
    damage_causes = fields.Text(related="compensation_id.damage_causes")
    currency_id = fields.Many2one(related="compensation_id.currency_id")
    decision = fields.Selection(
        [("approved", "I approve the minutes"), ("reservations", "I approve them with reservations")],
        required=True,
        default="approved",
    )
    reservations = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        self.compensation_id._approve_minutes(self.decision, self.reservations)
        return {"type": "ir.actions.act_window_close"}
