from odoo import api, fields, models
from odoo.exceptions import UserError

# fields the beneficiary attests by signing the declaration
DECLARED_FIELDS = {
    "beneficiary_id",
    "service_type_id",
    "description",
    "declaration_signer_name",
    "declaration_signature",
    "declaration_signed_on",
}
# what a decision settles: nobody edits it afterwards, managers included
DECISION_FIELDS = {
    "beneficiary_id",
    "service_type_id",
    "committee_id",
    "decision_reason",
    "decided_by_id",
    "date_decision",
}


class BeneficiaryServiceRequest(models.Model):
    _name = "beneficiary.service.request"
    _description = "Service Request"
    _inherit = [
        "beneficiary.portal.mixin",
        "mail.activity.mixin",
        "beneficiary.link.mixin",
        "beneficiary.personal.data.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _sla_applies_to = "request"
    _workflow_states_open = ("draft", "submitted", "complete", "in_review")
    _workflow_states_decided = ("accepted", "rejected", "registered", "delivered")
    _workflow_states_closed = ("rejected", "delivered", "cancelled")
    _workflow_sequence_code = "beneficiary.service.request"
    _workflow_protected_fields = (
        "state",
        "data_verified",
        "data_verified_by_id",
        "data_verified_on",
        "declaration_signed_on",
        "date_complete",
        "date_referred",
        "date_decision",
        "decided_by_id",
        "date_registered",
        "date_delivered",
    )
    _personal_fields = (
        "description",
        "decision_reason",
        "cancel_reason",
        "next_steps",
        "declaration_signer_name",
    )
    _personal_export_key = "requests"
    _personal_export_fields = (
        "name", "service_type_id", "channel_id", "state", "date_received", "date_decision", "description",
        "decision_reason",
    )  # fmt: skip

    name = fields.Char(string="Reference", readonly=True, copy=False, index="trigram")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("complete", "Complete"),
            ("in_review", "In Committee Review"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("registered", "Registered"),
            ("delivered", "Delivered"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_group_expand_states",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    category_id = fields.Many2one(related="beneficiary_id.category_id", store=True, index=True)
    liaison_user_id = fields.Many2one(related="beneficiary_id.liaison_user_id", string="Liaison Officer")
    service_type_id = fields.Many2one(
        "beneficiary.service.type",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    channel_id = fields.Many2one(
        "beneficiary.channel", string="Received Through", required=True, tracking=True
    )
    received_by_id = fields.Many2one(
        "res.users", string="Received By", default=lambda self: self.env.user, tracking=True
    )
    date_received = fields.Datetime(string="Received On", required=True, default=fields.Datetime.now)
    description = fields.Html(sanitize=True, sanitize_overridable=False)
    document_ids = fields.One2many("beneficiary.request.document", "request_id", string="Documents")
    documents_missing = fields.Integer(string="Documents Still Missing", compute="_compute_documents_missing")

    # data verification and clarification
    data_verified = fields.Boolean(readonly=True, copy=False, tracking=True)
    data_verified_by_id = fields.Many2one("res.users", string="Data Verified By", readonly=True, copy=False)
    data_verified_on = fields.Datetime(readonly=True, copy=False)
    clarification_officer_id = fields.Many2one(
        "res.users",
        string="Referred for Clarification To",
        tracking=True,
        help="When the procedure is unclear to the beneficiary, the officer who explains it.",
    )

    # declaration
    declaration_required = fields.Boolean(related="service_type_id.declaration_required")
    declaration_text = fields.Html(related="service_type_id.declaration_text", string="Declaration")
    declaration_signer_name = fields.Char(string="Signed By", tracking=True, copy=False)
    declaration_signature = fields.Binary(string="Signature", copy=False, attachment=True)
    declaration_signed_on = fields.Datetime(string="Signed On", readonly=True, copy=False, tracking=True)

    # committee and decision
    committee_id = fields.Many2one(
        "beneficiary.committee",
        compute="_compute_committee_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        index=True,
    )
    date_complete = fields.Datetime(string="Completed On", readonly=True, copy=False, tracking=True)
    date_referred = fields.Datetime(string="Referred On", readonly=True, copy=False)
    date_decision = fields.Datetime(string="Decided On", readonly=True, copy=False, tracking=True)
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    decision_reason = fields.Text(string="Decision Reason", tracking=True, copy=False)
    cancel_reason = fields.Text(tracking=True, copy=False)
    next_steps = fields.Text(help="What the beneficiary should do next, told with the decision.")
    date_registered = fields.Datetime(string="Registered On", readonly=True, copy=False, tracking=True)
    date_delivered = fields.Datetime(string="Delivered On", readonly=True, copy=False, tracking=True)

    @api.depends("service_type_id")
    def _compute_committee_id(self):
        for request in self:
            if request.state in ("draft", "submitted", "complete") or not request.committee_id:
                request.committee_id = request.service_type_id.committee_id
            else:
                request.committee_id = request.committee_id

    @api.depends("document_ids.state")
    def _compute_documents_missing(self):
        for request in self:
            request.documents_missing = len(request.document_ids.filtered(lambda d: d.state != "verified"))

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection if key != "cancelled"]

    def _personal_export_values(self):
        values = super()._personal_export_values()
        values["documents"] = [
            {
                "document": doc.document_type_id.name,
                "state": doc.state,
                "files": doc.attachment_ids.mapped("name"),
            }
            for doc in self.document_ids
        ]
        return values

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._check_service_allowed()
        requests._sync_required_documents()
        return requests

    def write(self, vals):
        res = super().write(vals)
        if "service_type_id" in vals or "beneficiary_id" in vals:
            self._check_service_allowed()
        if "service_type_id" in vals:
            self._sync_required_documents()
        return res

    def _workflow_check_frozen(self, field_names):
        """A signed declaration keeps what the beneficiary attested; a decision keeps what
        it settled (managers included): cancel with a reason and file again instead."""
        signed = self.filtered("declaration_signed_on") if DECLARED_FIELDS & field_names else self.browse()
        if signed:
            raise UserError(
                self.env._(
                    "The declaration of %(requests)s is signed: its data can no longer be changed. "
                    "Cancel the request and file a new one if it is wrong.",
                    requests=", ".join(signed.mapped("name")),
                )
            )
        if DECISION_FIELDS & field_names:
            decided = self.filtered(lambda r: r.state in self._workflow_states_decided)
            if decided:
                raise UserError(
                    self.env._(
                        "%(requests)s was decided: the decision can no longer be changed. "
                        "Cancel the request with a reason if it must be reconsidered.",
                        requests=", ".join(decided.mapped("name")),
                    )
                )

    def _check_service_allowed(self):
        for request in self:
            if not request.service_type_id._is_allowed_for(request.beneficiary_id):
                raise UserError(
                    self.env._(
                        "The service %(service)s is not offered to the category %(category)s.",
                        service=request.service_type_id.name,
                        category=request.beneficiary_id.category_id.name,
                    )
                )

    def _sync_required_documents(self):
        """Add a line, marked missing, for each document the service type requires."""
        vals_list = []
        for request in self:
            present = request.document_ids.document_type_id
            for document_type in request.service_type_id.document_type_ids - present:
                vals_list.append({"request_id": request.id, "document_type_id": document_type.id})
        if vals_list:
            self.env["beneficiary.request.document"].create(vals_list)

    # ------------------------------------------------------------------ SLA hooks
    def _sla_responsible_user(self):
        return self.beneficiary_id.liaison_user_id or self.received_by_id

    def _sla_committee(self):
        return self.committee_id

    def _sla_at_risk_days(self):
        return self.service_type_id.sla_at_risk_days

    # ------------------------------------------------------------------ checks
    def _get_completion_blockers(self):
        """What still prevents completing the request, as sentences for the user."""
        self.ensure_one()
        blockers = []
        for document in self.document_ids.filtered(lambda d: d.state != "verified"):
            blockers.append(
                self.env._(
                    "document %(document)s is %(state)s",
                    document=document.document_type_id.name,
                    state=dict(document._fields["state"]._description_selection(self.env))[document.state],
                )
            )
        if not self.data_verified:
            blockers.append(self.env._("the data has not been verified"))
        if self.declaration_required and not self.declaration_signed_on:
            blockers.append(self.env._("the declaration is not signed"))
        return blockers

    def _get_decision_blockers(self):
        """Hook: what prevents a decision (eligibility assessments add theirs)."""
        self.ensure_one()
        return []

    def _check_decider(self):
        if self.env.is_superuser() or self.env.user.has_group("beneficiary_relations.group_manager"):
            return
        for request in self:
            if self.env.user not in request.committee_id.member_ids:
                raise UserError(
                    self.env._(
                        "Only the members of %(committee)s or a manager can decide %(request)s.",
                        committee=request.committee_id.name or self.env._("the competent committee"),
                        request=request.name,
                    )
                )

    # ------------------------------------------------------------------ actions
    def action_submit(self):
        self.filtered(lambda r: r.state == "draft")._set_state("submitted")

    def action_verify_data(self):
        self.filtered(lambda r: not r.data_verified)._workflow_write(
            {
                "data_verified": True,
                "data_verified_by_id": self.env.user.id,
                "data_verified_on": fields.Datetime.now(),
            }
        )

    def action_sign_declaration(self):
        for request in self:
            if request.declaration_signed_on:
                raise UserError(
                    self.env._("The declaration of %(request)s is already signed.", request=request.name)
                )
            if not request.declaration_signer_name or not request.declaration_signature:
                raise UserError(
                    self.env._(
                        "Enter the name of the signer and the signature before confirming the declaration."
                    )
                )
        self._workflow_write({"declaration_signed_on": fields.Datetime.now()})

    def action_refer_to_officer(self):
        for request in self:
            if not request.clarification_officer_id:
                raise UserError(self.env._("Choose the officer who will explain the procedure first."))
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=request.clarification_officer_id.id,
                summary=self.env._("Explain the procedure to the beneficiary"),
                note=self.env._(
                    "The procedure of %(service)s is unclear to %(beneficiary)s: please answer their questions.",
                    service=request.service_type_id.name,
                    beneficiary=request.beneficiary_id.name,
                ),
            )

    def action_complete(self):
        requests = self.filtered(lambda r: r.state == "submitted")
        for request in requests:
            blockers = request._get_completion_blockers()
            if blockers:
                raise UserError(
                    self.env._(
                        "%(request)s cannot be completed yet: %(blockers)s.",
                        request=request.name,
                        blockers="; ".join(blockers),
                    )
                )
        now = fields.Datetime.now()
        requests._set_state("complete", date_complete=now)
        for request in requests:
            request._sla_start(
                request.service_type_id.sla_days, request.service_type_id.sla_at_risk_days, now
            )
        requests._notify_beneficiary("beneficiary_relations.mail_template_request_acknowledgement")

    def action_refer(self):
        requests = self.filtered(lambda r: r.state == "complete")
        for request in requests:
            if not request.committee_id:
                raise UserError(
                    self.env._(
                        "Choose the committee that will study %(request)s (or set one on the service type).",
                        request=request.name,
                    )
                )
        requests._set_state("in_review", date_referred=fields.Datetime.now())
        for request in requests:
            members = request.committee_id.member_ids
            request.message_subscribe(partner_ids=members.partner_id.ids)
            chair = request.committee_id.chair_id or members[:1]
            if chair:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=chair.id,
                    date_deadline=request.sla_deadline
                    and request._sla_company()._beneficiary_local_date(request.sla_deadline),
                    summary=self.env._("Decide the request"),
                )

    def action_accept(self):
        self._decide("accepted")

    def action_reject(self):
        for request in self:
            if not (request.decision_reason or "").strip():
                raise UserError(
                    self.env._(
                        "A rejection needs its reason: write it before rejecting %(request)s.",
                        request=request.name,
                    )
                )
        self._decide("rejected")

    def _decide(self, state):
        requests = self.filtered(lambda r: r.state == "in_review")
        if not requests:
            raise UserError(self.env._("Only requests under committee review can be decided."))
        requests._check_decider()
        for request in requests:
            blockers = request._get_decision_blockers()
            if blockers:
                raise UserError(
                    self.env._(
                        "%(request)s cannot be decided yet: %(blockers)s.",
                        request=request.name,
                        blockers="; ".join(blockers),
                    )
                )
        now = fields.Datetime.now()
        requests._set_state(state, date_decision=now, decided_by_id=self.env.user.id)
        requests._sla_stop(now)
        requests.activity_feedback(["mail.mail_activity_data_todo"])
        template = (
            "beneficiary_relations.mail_template_request_accepted"
            if state == "accepted"
            else "beneficiary_relations.mail_template_request_rejected"
        )
        requests._notify_beneficiary(template)

    def action_register(self):
        self.filtered(lambda r: r.state == "accepted")._set_state(
            "registered", date_registered=fields.Datetime.now()
        )

    def action_deliver(self):
        self.filtered(lambda r: r.state == "registered")._set_state(
            "delivered", date_delivered=fields.Datetime.now()
        )

    def action_cancel(self):
        for request in self:
            if request.state in self._workflow_states_decided and not (request.cancel_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(request)s was decided: give the reason for cancelling it.", request=request.name
                    )
                )
        requests = self.filtered(lambda r: r.state != "cancelled")
        requests._set_state("cancelled")
        requests._sla_cancel()

    def action_hold(self):
        """Wait for the beneficiary (missing data after completion): the clock pauses."""
        requests = self.filtered(lambda r: r.state in ("complete", "in_review") and not r.sla_paused_since)
        requests._sla_pause()
        for request in requests:
            request.message_post(body=self.env._("On hold: waiting for the beneficiary."))

    def action_resume(self):
        requests = self.filtered("sla_paused_since")
        requests._sla_resume()
        for request in requests:
            request.message_post(
                body=self.env._(
                    "Resumed. New deadline: %(deadline)s.", deadline=request._sla_format_deadline()
                )
            )

    def action_open_reason(self):
        """Open the reason wizard for a rejection (context key ``reason_action``) or a cancellation."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Give the Reason"),
            "res_model": "beneficiary.service.request.reason",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_request_ids": self.ids,
                "default_action": self.env.context.get("reason_action", "reject"),
            },
        }

    # ------------------------------------------------------------------ notifications
    def _notify_beneficiary(self, template_xmlid):
        """Post the template's message to each beneficiary and queue its e-mail and SMS
        (sent by the queues' crons, in batches)."""
        sms_bodies = {
            request.id: request._sms_body_for(template_xmlid)
            for request in self
            if request.beneficiary_id.mobile
        }
        self.env["beneficiary.notification"]._notify(
            self, self.env.ref(template_xmlid, raise_if_not_found=False), sms_bodies
        )

    def _sms_body_for(self, template_xmlid):
        self.ensure_one()
        request = self.with_context(lang=self.partner_id.lang or self.env.lang)
        if template_xmlid.endswith("acknowledgement"):
            return request.env._(
                "Your request %(ref)s is complete. Decision by %(deadline)s.",
                ref=self.name,
                deadline=request._sla_format_deadline(),
            )
        return request.env._("A decision was made on your request %(ref)s.", ref=self.name)

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=self.env._("Beneficiary")
            )
        return recipients

    def _get_report_base_filename(self):
        self.ensure_one()
        return f"{self.name}"

    @api.model
    def _demo_advance(self, request_ids, states):
        """Demo data: take requests through the workflow as staff would."""
        signature = self.env.ref("base.user_admin").partner_id.image_128 or b"R0lGODlhAQABAAAAACw="
        for request, state in zip(self.browse(request_ids), states, strict=True):
            request.action_submit()
            request.document_ids.action_mark_received()
            request.document_ids.action_verify()
            request.action_verify_data()
            if request.declaration_required:
                request.declaration_signature = signature
                request.action_sign_declaration()
            request.action_complete()
            request.action_refer()
            if state == "accepted":
                request.next_steps = "مراجعة الجمعية لاستلام الكسوة يوم الأحد القادم."
                request.action_accept()
            elif state == "rejected":
                request.decision_reason = "الطلب خارج نطاق الخدمات التي تقدمها الجمعية."
                request.action_reject()
