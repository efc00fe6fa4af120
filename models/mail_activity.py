from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # the WhatsApp message, call or letter of an officer is done
        self.env["beneficiary.notification.log"]._update_from_activities(self)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
