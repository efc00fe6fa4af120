from odoo import models


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("notification_status"):
            # the SMS to beneficiaries (sent, delivered, refused) show their fate in the messages log
            sms = self.filtered(lambda notification: notification.notification_type == "sms")
            if sms:
                self.env["beneficiary.notification.log"]._update_from_notifications(
                    sms, vals["notification_status"], vals.get("failure_reason")
                )
        return result
