from odoo import api, fields, models

from ..lib.channels import CHANNELS

# how the association answers a beneficiary who chose a channel, by the channel's code
METHOD_BY_CODE = {
    "email": "email",
    "portal": "email",
    "website": "email",
    "sms": "sms",
    "whatsapp": "whatsapp",
    "phone": "phone",
    "letter": "letter",
    "interview": "letter",
}


class BeneficiaryChannel(models.Model):
    """A way beneficiaries reach the association, or are reached by it."""

    _name = "beneficiary.channel"
    _description = "Communication Channel"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    is_contact_method = fields.Boolean(
        string="Usable to Contact Beneficiaries",
        help="Beneficiaries may choose this channel as the way the association keeps them informed.",
    )
    notification_method = fields.Selection(
        CHANNELS,
        string="Messages Sent By",
        compute="_compute_notification_method",
        store=True,
        readonly=False,
        help="How the association's messages reach a beneficiary who chose this channel: "
        "e-mail, SMS, a WhatsApp message or a call by the liaison officer, or a letter "
        "(handed over or posted).",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The channel code must be unique."),
    ]

    @api.depends("code")
    def _compute_notification_method(self):
        for channel in self:
            channel.notification_method = METHOD_BY_CODE.get(channel.code, channel.notification_method)
