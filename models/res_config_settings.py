from odoo import api, fields, models

from ..lib.channels import CHANNELS
from .sms_sms import DEFAULT_TIMEOUT

ORDER_POSITIONS = 5


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    beneficiary_license_number = fields.Char(related="company_id.beneficiary_license_number", readonly=False)
    beneficiary_sla_days = fields.Integer(related="company_id.beneficiary_sla_days", readonly=False)
    beneficiary_sla_calendar_days = fields.Boolean(
        related="company_id.beneficiary_sla_calendar_days", readonly=False
    )
    beneficiary_sla_hold = fields.Selection(related="company_id.beneficiary_sla_hold", readonly=False)
    beneficiary_calendar_id = fields.Many2one(related="company_id.beneficiary_calendar_id", readonly=False)
    beneficiary_id_expiry_required = fields.Boolean(
        related="company_id.beneficiary_id_expiry_required", readonly=False
    )
    beneficiary_id_expiry_reminder_days = fields.Integer(
        related="company_id.beneficiary_id_expiry_reminder_days", readonly=False
    )

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

    # ------------------------------------------------------------
    # SATISFACTION
    # ------------------------------------------------------------
    beneficiary_low_rating_threshold = fields.Selection(
        related="company_id.beneficiary_low_rating_threshold", readonly=False
    )
    beneficiary_low_rating_complaint = fields.Boolean(
        related="company_id.beneficiary_low_rating_complaint", readonly=False
    )
    beneficiary_low_rating_category_id = fields.Many2one(
        related="company_id.beneficiary_low_rating_category_id", readonly=False
    )

    # ------------------------------------------------------------
    # POLICY
    # ------------------------------------------------------------
    beneficiary_policy_signature_required = fields.Boolean(
        related="company_id.beneficiary_policy_signature_required", readonly=False
    )
    beneficiary_policy_review_months = fields.Integer(
        related="company_id.beneficiary_policy_review_months", readonly=False
    )

    # ------------------------------------------------------------
    # NOTIFICATION
    # ------------------------------------------------------------
    beneficiary_notify_channel_1 = fields.Selection(CHANNELS, string="First Channel")
    beneficiary_notify_channel_2 = fields.Selection(CHANNELS, string="Second Channel")
    beneficiary_notify_channel_3 = fields.Selection(CHANNELS, string="Third Channel")
    beneficiary_notify_channel_4 = fields.Selection(CHANNELS, string="Fourth Channel")
    beneficiary_notify_channel_5 = fields.Selection(CHANNELS, string="Fifth Channel")
    beneficiary_notify_file_update = fields.Boolean(
        related="company_id.beneficiary_notify_file_update", readonly=False
    )

    beneficiary_sms_provider = fields.Selection(
        [("iap", "Odoo SMS Service (IAP)"), ("http", "The Association's SMS Provider (HTTP)")],
        string="SMS Gateway",
        config_parameter="beneficiary_relations.sms_provider",
        help="No SMS leaves the database until a gateway is chosen: they wait in the queue.",
    )
    beneficiary_sms_http_url = fields.Char(
        string="Gateway Address", config_parameter="beneficiary_relations.sms_http_url"
    )
    beneficiary_sms_http_method = fields.Selection(
        [("post_json", "POST, JSON body"), ("post_form", "POST, form fields"), ("get", "GET, query string")],
        string="Request Method",
        default="post_json",
        config_parameter="beneficiary_relations.sms_http_method",
    )
    beneficiary_sms_http_body = fields.Char(
        string="Request Template",
        config_parameter="beneficiary_relations.sms_http_body",
        help="The body (or query string) of the request, with the placeholders {number}, "
        "{number_e164}, {message}, {sender}, {username} and {password}.",
    )
    beneficiary_sms_http_auth_header = fields.Char(
        string="Authorization Header",
        config_parameter="beneficiary_relations.sms_http_auth_header",
        help="Value of the Authorization header, if the provider asks for one, e.g. Bearer {password}.",
    )
    beneficiary_sms_http_sender = fields.Char(
        string="Sender Name", config_parameter="beneficiary_relations.sms_http_sender"
    )
    beneficiary_sms_http_username = fields.Char(
        string="Account or User Name", config_parameter="beneficiary_relations.sms_http_username"
    )
    beneficiary_sms_http_password = fields.Char(
        string="Password or API Key", config_parameter="beneficiary_relations.sms_http_password"
    )
    beneficiary_sms_http_success_text = fields.Char(
        string="Success Text",
        config_parameter="beneficiary_relations.sms_http_success_text",
        help="Text the provider's answer contains when the SMS is accepted (for providers that "
        "answer HTTP 200 to errors too). Empty: any 2xx answer is a success.",
    )
    beneficiary_sms_http_timeout = fields.Integer(
        string="Timeout (seconds)",
        default=DEFAULT_TIMEOUT,
        config_parameter="beneficiary_relations.sms_http_timeout",
    )
    beneficiary_sms_queued = fields.Integer(
        string="SMS Waiting in the Queue", compute="_compute_beneficiary_sms_queued"
    )

    @api.depends("beneficiary_sms_provider")
    def _compute_beneficiary_sms_queued(self):
        count = (
            self.env["sms.sms"].sudo().search_count([("state", "=", "outgoing"), ("to_delete", "=", False)])
        )
        for settings in self:
            settings.beneficiary_sms_queued = count

    @api.model
    def get_values(self):
        values = super().get_values()
        order = self.env.company._beneficiary_notify_order()
        for position in range(ORDER_POSITIONS):
            values[f"beneficiary_notify_channel_{position + 1}"] = (
                order[position] if position < len(order) else False
            )
        return values

    def set_values(self):
        result = super().set_values()
        chosen = [self[f"beneficiary_notify_channel_{position + 1}"] for position in range(ORDER_POSITIONS)]
        order = ",".join(code for code in dict.fromkeys(chosen) if code)
        if order != (self.company_id.beneficiary_notify_order or ""):
            self.company_id.beneficiary_notify_order = order
        return result

    def action_beneficiary_sms_queue(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("SMS Queue"),
            "res_model": "sms.sms",
            "view_mode": "list,form",
            "domain": [("to_delete", "=", False)],
        }
