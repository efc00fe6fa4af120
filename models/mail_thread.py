from odoo import models
from odoo.tools import html2plaintext


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _routing_handle_bounce(self, email_message, message_dict):
        result = super()._routing_handle_bounce(email_message, message_dict)
        # an e-mail to a beneficiary or a complainant came back: its officer is told
        self.env["beneficiary.notification.log"]._update_from_bounce(
            message_dict.get("bounced_message"),
            message_dict.get("bounced_email"),
            html2plaintext(message_dict.get("body") or "")[:300],
        )
        return result
