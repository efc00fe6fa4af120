from odoo import fields, models


class BeneficiaryBeneficiary(models.Model):
    """The messages the association sent to the beneficiary, on every record of theirs."""

    _inherit = "beneficiary.beneficiary"

    notification_log_count = fields.Integer(string="Messages Sent", compute="_compute_notification_log_count")

    def _compute_notification_log_count(self):
        counts = dict(
            self.env["beneficiary.notification.log"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.notification_log_count = counts.get(beneficiary, 0)

    def action_view_notification_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_notification_log_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
