from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state"):
            # the e-mails to beneficiaries show their fate in the messages log
            self.env["beneficiary.notification.log"]._update_from_mails(self, vals["state"])
        return result
