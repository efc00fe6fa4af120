from odoo import api, fields, models
from odoo.exceptions import UserError


class BeneficiaryDataRequest(models.Model):
    """A beneficiary exercising a right over their personal data (Saudi Personal Data
    Protection Law): access, correction or erasure, answered within 30 days."""

    _name = "beneficiary.data.request"
    _description = "Personal Data Request"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "beneficiary.sla.mixin",
        "beneficiary.personal.data.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _sla_applies_to = "data_request"
    _sla_calendar_days = True
    _sla_legal_days = 30
    _workflow_states_open = ("new", "in_progress")
    _workflow_states_decided = ("done", "refused")
    _workflow_states_closed = ("done", "refused")
    _workflow_sequence_code = "beneficiary.data.request"
    _personal_fields = ("description", "response")
    _personal_export_key = "data_requests"
    _personal_export_fields = ("name", "request_type", "state", "response")
    _workflow_notification_templates = {
        "decision": (
            "beneficiary_relations.mail_template_data_request_answer",
            "beneficiary_relations.sms_template_data_request_done",
        ),
    }

    name = fields.Char(string="Reference", readonly=True, copy=False, index="trigram")
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", required=True, index=True, check_company=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    category_id = fields.Many2one(related="beneficiary_id.category_id", store=True, index=True)
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    request_type = fields.Selection(
        [
            ("access", "Copy of My Data"),
            ("correction", "Correction"),
            ("erasure", "Erasure"),
        ],
        string="Type",
        required=True,
        default="correction",
        tracking=True,
    )
    description = fields.Text(required=True, help="What the beneficiary asks: the data to correct, and how.")
    channel_id = fields.Many2one("beneficiary.channel", string="Received Through")
    state = fields.Selection(
        [("new", "New"), ("in_progress", "In Progress"), ("done", "Done"), ("refused", "Refused")],
        string="Status",
        required=True,
        default="new",
        tracking=True,
        index=True,
    )
    response = fields.Text(tracking=True, help="The answer given to the beneficiary.")
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True)

    def _compute_access_url(self):
        for data_request in self:
            data_request.access_url = "/my/beneficiary"

    @api.model
    def _workflow_sequence_company(self, vals):
        beneficiary = self.env["beneficiary.beneficiary"].browse(vals.get("beneficiary_id"))
        return beneficiary.company_id or self.env.company

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for data_request in requests:
            data_request._sla_start(self._sla_legal_days)
        return requests

    def _sla_responsible_user(self):
        return self.user_id or self.beneficiary_id.liaison_user_id

    def action_start(self):
        self.filtered(lambda r: r.state == "new")._set_state("in_progress")

    def action_done(self):
        for data_request in self:
            if not (data_request.response or "").strip():
                raise UserError(
                    self.env._(
                        "Write the answer given to the beneficiary before closing %(name)s.",
                        name=data_request.name,
                    )
                )
        requests = self.filtered(lambda r: r.state in self._workflow_states_open)
        requests._set_state("done")
        requests._sla_stop()
        requests._workflow_notify("decision")

    def action_refuse(self):
        for data_request in self:
            if not (data_request.response or "").strip():
                raise UserError(self.env._("Give the reason for refusing %(name)s.", name=data_request.name))
        requests = self.filtered(lambda r: r.state in self._workflow_states_open)
        requests._set_state("refused")
        requests._sla_stop()
        requests._workflow_notify("decision")

    def _notify_templates(self, kind):
        mail_xmlid, sms_xmlid = super()._notify_templates(kind)
        if kind == "decision" and self.state == "refused":
            sms_xmlid = "beneficiary_relations.sms_template_data_request_refused"
        return mail_xmlid, sms_xmlid

    # ------------------------------------------------------------
    # ANONYMIZE
    # ------------------------------------------------------------
    def action_anonymize(self):
        """Accept an erasure request: anonymise the beneficiary and close the request."""
        self.ensure_one()
        if self.request_type != "erasure" or self.state not in self._workflow_states_open:
            raise UserError(self.env._("Only an open erasure request anonymises the beneficiary."))
        self.beneficiary_id.action_anonymize()
        # the request's own text was erased with the rest: record the answer given
        self.write({"response": self.env._("Personal data anonymised.")})
        self._set_state("done")
        self._sla_stop()
        return True
