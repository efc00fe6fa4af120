from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..lib import committee_votes, dates, saudi_id
from ..lib.actions import window_action
from ..lib.selection import selection_label, selection_labels
from .beneficiary_eligibility_assessment import ELIGIBILITY_METHODS
from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, TEXT_LIMIT, PortalThrottled
from .beneficiary_workflow_mixin import workflow_method

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

# first key of the advisory locks that serialise the applications of one ID number
APPLICATION_LOCK = 0x62720002
NAME_LIMIT = 100
STAFF = "beneficiary_relations.group_liaison_officer,beneficiary_relations.group_committee_member"
REQUEST_LETTERS = {
    "acknowledgement": "beneficiary_relations.beneficiary_service_request_action_report_acknowledgement",
    "decision": "beneficiary_relations.beneficiary_service_request_action_report_decision",
}


class BeneficiaryServiceRequest(models.Model):
    _name = "beneficiary.service.request"
    _description = "Service Request"
    _inherit = [
        "beneficiary.portal.mixin",
        "mail.activity.mixin",
        "beneficiary.link.mixin",
        "beneficiary.personal.data.mixin",
        "beneficiary.letter.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _sla_applies_to = "request"
    _workflow_states_open = ("draft", "submitted", "complete", "in_review")
    _workflow_states_decided = ("accepted", "rejected", "registered", "delivered")
    _workflow_states_closed = ("rejected", "delivered", "cancelled")
    _workflow_sequence_code = "beneficiary.service.request"
    _workflow_notification_templates = {
        "acknowledgement": (
            "beneficiary_relations.mail_template_request_acknowledgement",
            "beneficiary_relations.sms_template_request_acknowledgement",
        ),
        "documents_missing": (
            "beneficiary_relations.mail_template_request_documents_missing",
            "beneficiary_relations.sms_template_request_documents_missing",
        ),
        "referral": (
            "beneficiary_relations.mail_template_request_referral",
            "beneficiary_relations.sms_template_request_referral",
        ),
        "registration": (
            "beneficiary_relations.mail_template_request_registered",
            "beneficiary_relations.sms_template_request_registered",
        ),
        "delivery": (
            "beneficiary_relations.mail_template_request_delivered",
            "beneficiary_relations.sms_template_request_delivered",
        ),
        "rating": (
            "beneficiary_relations.mail_template_request_rating",
            "beneficiary_relations.sms_template_request_rating",
        ),
    }
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
        "followup_deadline",
        "followup_escalation_level",
        "from_application",
        "application_match",
        "decision_authority",
        "decision_override_reason",
        "clarification_answered_by_id",
        "clarification_answered_on",
    )
    _personal_fields = (
        "description",
        "decision_reason",
        "cancel_reason",
        "next_steps",
        "declaration_signer_name",
        "portal_ip_hash",
        "clarification_answer",
        "decision_override_reason",
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
    liaison_user_id = fields.Many2one(
        "res.users",
        string="Liaison Officer",
        compute="_compute_liaison_user_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="The officer responsible for the request: the liaison officer of the beneficiary's category "
        "for the service's domain, else the file's officer. Can be changed; supervision counts per officer.",
    )
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
    # after the decision: the deadline of the next step (registration, then delivery),
    # escalated along the same ladder as the response deadline
    followup_deadline = fields.Datetime(
        string="Next Step Due",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="When the accepted beneficiary must be registered, then the service delivered "
        "(the service type's deadlines, counted as the response deadline).",
    )
    followup_escalation_level = fields.Integer(string="Next Step Escalation Level", readonly=True, copy=False)

    @api.depends("service_type_id")
    def _compute_committee_id(self):
        for request in self:
            if request.state in ("draft", "submitted", "complete") or not request.committee_id:
                request.committee_id = request.service_type_id.committee_id
            else:
                request.committee_id = request.committee_id

    @api.depends("beneficiary_id", "service_type_id")
    def _compute_liaison_user_id(self):
        Liaison = self.env["beneficiary.liaison"]
        for request in self:
            beneficiary = request.beneficiary_id
            request.liaison_user_id = Liaison._get_officer(
                beneficiary.category_id,
                request.service_type_id.domain_id,
                beneficiary.company_id,
                fallback=beneficiary.liaison_user_id,
            )

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
        it settled (managers included); the officer's recorded answer stays as recorded:
        cancel with a reason and file again instead."""
        if "clarification_answer" in field_names:
            answered = self.filtered("clarification_answered_on")
            if answered:
                raise UserError(
                    self.env._(
                        "The officer's answer on %(requests)s is recorded: it can no longer be changed.",
                        requests=", ".join(answered.mapped("name")),
                    )
                )
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
        return self.liaison_user_id or self.beneficiary_id.liaison_user_id or self.received_by_id

    def _sla_committee(self):
        return self.committee_id

    def _sla_at_risk_days(self):
        return self.service_type_id.sla_at_risk_days

    @api.model
    def _sla_counts_calendar_days(self, company):
        # "two weeks" written as 14 days by the associations that count calendar days
        return super()._sla_counts_calendar_days(company) or company.beneficiary_sla_calendar_days

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
                    state=document._state_label(),
                )
            )
        blockers += self._get_expiry_blockers()
        if not self.data_verified:
            blockers.append(self.env._("the data has not been verified"))
        if self.declaration_required and not self.declaration_signed_on:
            blockers.append(self.env._("the declaration is not signed"))
        return blockers

    def _get_expiry_blockers(self):
        """The beneficiary's ID and the accepted documents no longer valid today (the
        association's day), as sentences for the user."""
        self.ensure_one()
        today = self.company_id._beneficiary_local_date()
        blockers = self.beneficiary_id._id_expiry_blockers(today)
        for document in self.document_ids.filtered(lambda d: d.state == "verified" and d._expired_on(today)):
            blockers.append(
                self.env._(
                    "document %(document)s expired on %(date)s",
                    document=document.document_type_id.name,
                    date=document._expiry_text(document.expiry_date),
                )
            )
        return blockers

    def _get_decision_blockers(self):
        """What prevents a decision: the eligibility assessments the service requires and
        that are not concluded."""
        self.ensure_one()
        blockers = []
        labels = selection_labels(self.env["beneficiary.eligibility.assessment"], "method")
        for method in self._get_missing_eligibility_methods():
            blockers.append(
                self.env._("the %(method)s eligibility assessment is not concluded", method=labels[method])
            )
        return blockers

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
        for request in self:
            blockers = request._get_expiry_blockers()
            if blockers:
                raise UserError(
                    self.env._(
                        "The data of %(request)s cannot be confirmed: %(blockers)s.",
                        request=request.name,
                        blockers="; ".join(blockers),
                    )
                )
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

    def _check_no_blockers(self, blockers_of, refusal):
        """Refuse a step for the first request something prevents: ``blockers_of(request)``
        lists what, ``refusal(request, blockers)`` says it."""
        for request in self:
            blockers = blockers_of(request)
            if blockers:
                raise UserError(refusal(request, "; ".join(blockers)))

    def action_complete(self):
        requests = self.filtered(lambda r: r.state == "submitted")
        requests._check_no_blockers(
            lambda request: request._get_completion_blockers(),
            lambda request, blockers: self.env._(
                "%(request)s cannot be completed yet: %(blockers)s.", request=request.name, blockers=blockers
            ),
        )
        now = fields.Datetime.now()
        requests._set_state("complete", date_complete=now)
        for request in requests:
            request._sla_start(
                request.service_type_id.sla_days, request.service_type_id.sla_at_risk_days, now
            )
        requests._workflow_notify("acknowledgement")

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
        requests._workflow_notify("referral")

    def action_accept(self):
        # a manager who is not deciding as the committee is asked why first
        if any(request.decides_in_committee_place and request.vote_outcome != "accepted" for request in self):
            return self._action_open_decide_in_place("accepted")
        self._set_default_next_steps()
        self._decide("accepted")
        return True

    def action_reject(self):
        self._check_rejection_reason()
        self._decide("rejected")

    def _set_default_next_steps(self):
        # the service's next steps, in the beneficiary's language, unless the request has its own
        for request in self.filtered(lambda r: r.state == "in_review" and not r.next_steps):
            next_steps = request.service_type_id.with_context(lang=request._letter_lang()).next_steps
            if next_steps:
                request.next_steps = next_steps

    def _check_rejection_reason(self):
        for request in self:
            if not (request.decision_reason or "").strip():
                raise UserError(
                    self.env._(
                        "A rejection needs its reason: write it before rejecting %(request)s.",
                        request=request.name,
                    )
                )

    def _decision_values(self, state, override_reason=None):
        """The audit values of the decision ``state`` of this request, besides who and
        when: the authority that took it, and a manager's reason for deciding in the
        committee's place (raise when it may not be taken)."""
        self.ensure_one()
        authority = self._decision_authority(state, override_reason)
        return {
            "decision_authority": authority,
            "decision_override_reason": (override_reason or "").strip() if authority == "manager" else False,
        }

    def _decide(self, state, override_reason=None):
        requests = self.filtered(lambda r: r.state == "in_review")
        if not requests:
            raise UserError(self.env._("Only requests under committee review can be decided."))
        requests._check_decider()
        values = {request: request._decision_values(state, override_reason) for request in requests}
        requests._check_no_blockers(
            lambda request: request._get_decision_blockers(),
            lambda request, blockers: self.env._(
                "%(request)s cannot be decided yet: %(blockers)s.", request=request.name, blockers=blockers
            ),
        )
        now = fields.Datetime.now()
        for request in requests:
            request._set_state(state, date_decision=now, decided_by_id=self.env.user.id, **values[request])
        requests._sla_stop(now)
        requests.filtered(lambda r: r.state == "accepted")._followup_start("registration_days", now)
        requests.activity_feedback(["mail.mail_activity_data_todo"])
        requests._workflow_notify("decision")
        requests.filtered(lambda r: r.state == "rejected" and r._portal_can_rate())._workflow_notify("rating")

    def action_register(self):
        requests = self.filtered(lambda r: r.state == "accepted")
        now = fields.Datetime.now()
        requests._set_state("registered", date_registered=now)
        requests._followup_start("delivery_days", now)
        requests._workflow_notify("registration")

    def action_deliver(self):
        requests = self.filtered(lambda r: r.state == "registered")
        requests._set_state("delivered", date_delivered=fields.Datetime.now())
        requests._workflow_write({"followup_deadline": False})
        requests._workflow_notify("delivery")
        requests.filtered(lambda r: r._portal_can_rate())._workflow_notify("rating")

    def action_ask_missing_documents(self):
        """Tell the beneficiary which documents the request still needs."""
        requests = self.filtered(
            lambda r: (
                r.state in ("draft", "submitted")
                and any(document.state in ("missing", "rejected") for document in r.document_ids)
            )
        )
        if not requests:
            raise UserError(self.env._("No document is missing from these requests."))
        requests._workflow_notify("documents_missing")
        return True

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
        requests.filtered("followup_deadline")._workflow_write({"followup_deadline": False})

    def action_hold(self):
        """Wait for the beneficiary (missing data after completion). By default the
        request returns to incomplete and its clock starts again when it is complete
        (the policy's cap counts from completion); where the association chose it in its
        settings, the clock pauses instead."""
        requests = self.filtered(lambda r: r.state in ("complete", "in_review") and not r.sla_paused_since)
        pausing = requests.filtered(lambda r: r.company_id.beneficiary_sla_hold == "pause")
        pausing._sla_pause()
        for request in pausing:
            request.message_post(body=self.env._("On hold: waiting for the beneficiary."))
        reopened = requests - pausing
        if reopened:
            reopened._set_state("submitted", date_complete=False, date_referred=False)
            reopened._sla_cancel()
            todo = self.env.ref("mail.mail_activity_data_todo")
            for request in reopened:
                # the chair's "decide" to-do goes; the request is referred again once complete
                chair = request.committee_id.chair_id or request.committee_id.member_ids[:1]
                request.activity_ids.filtered(
                    lambda a, chair=chair: a.activity_type_id == todo and a.user_id == chair
                ).unlink()
                request.message_post(
                    body=self.env._(
                        "Returned to incomplete: waiting for the beneficiary. The response deadline "
                        "starts again when the request is complete."
                    )
                )

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
        if self.env.context.get("reason_action", "reject") == "reject" and any(
            request.decides_in_committee_place and request.vote_outcome != "rejected" for request in self
        ):
            return self._action_open_decide_in_place("rejected")
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

    # ------------------------------------------------------------------ after the decision
    def _followup_start(self, days_field, start):
        """The next step's deadline: ``days_field`` of the service type (registration
        or delivery days) from ``start``, on the calendar of the response deadline."""
        calendars = self._sla_calendars()
        for request in self:
            days = request.service_type_id[days_field]
            deadline = calendars[request._sla_company().id].add(start, days) if days > 0 else False
            request._workflow_write({"followup_deadline": deadline, "followup_escalation_level": 0})

    @api.model
    def _cron_check_sla(self, batch_size=None):
        # the next steps after the decision climb the same ladder, in the same cron
        res = super()._cron_check_sla(batch_size=batch_size)
        self._followup_check(batch_size or self._sla_batch_size)
        return res

    @api.model
    def _followup_check(self, batch_size):
        """Escalate the registrations and deliveries past their deadline along the
        company's ladder, each rung once (as the response deadlines)."""
        now = fields.Datetime.now()
        ladders = self._sla_ladders(now)
        climbs = [
            [
                ("company_id", "=", company_id),
                ("followup_escalation_level", "<", level.level),
                ("followup_deadline", "<", cutoff),
            ]
            for company_id, rungs in ladders.items()
            for level, cutoff in rungs
        ]
        if not climbs:
            return
        domain = expression.AND(
            [
                [("state", "in", ("accepted", "registered")), ("followup_deadline", "!=", False)],
                expression.OR(climbs),
            ]
        )
        records = self._sla_lock(self.search(domain, limit=batch_size, order="followup_deadline, id"))
        if records:
            records._followup_notify(ladders)

    def _followup_notify(self, ladders):
        """Climb the rungs each request has reached, log one message per request and leave
        one summary to-do per person and rung."""
        climbed = {}
        for request in self:
            rungs = request._sla_rungs_reached(
                ladders, request.followup_escalation_level, request.followup_deadline
            )
            if rungs:
                climbed[request] = rungs
        self._sla_climb(climbed, "followup_escalation_level")

        def deadline_lines(request, env):
            deadline = request._followup_format_deadline()
            if request.state == "accepted":
                return [env._("The registration deadline (%(deadline)s) has passed.", deadline=deadline)]
            return [env._("The delivery deadline (%(deadline)s) has passed.", deadline=deadline)]

        self._sla_log_escalations(list(climbed), climbed, deadline_lines, fields.Datetime.now())

    def _followup_format_deadline(self):
        self.ensure_one()
        calendar = self._sla_calendars_for(self._sla_company())
        day = calendar.local_date(self.followup_deadline)
        lang = self.env.lang or "en_US"
        return dates.format_hijri_first(day, day.strftime(self._sla_date_format(lang)), lang)

    # ------------------------------------------------------------------ notifications
    def _notify_templates(self, kind):
        if kind == "decision":
            suffix = "accepted" if self.state == "accepted" else "rejected"
            return (
                f"beneficiary_relations.mail_template_request_{suffix}",
                f"beneficiary_relations.sms_template_request_{suffix}",
            )
        return super()._notify_templates(kind)

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

    # ------------------------------------------------------------
    # PORTAL
    # ------------------------------------------------------------
    # What a beneficiary does with their requests on the portal. Controllers check who
    # is asking and call these methods; the methods check the rest and write as
    # superuser only what the beneficiary is entitled to write.
    portal_status_steps = fields.Json(compute="_compute_portal_status_steps")

    @api.depends(
        "state", "date_received", "date_complete", "date_referred", "date_decision", "date_delivered"
    )
    @api.depends_context("lang")
    def _compute_portal_status_steps(self):
        """The steps of the request and the day each was reached, in the association's
        time zone (a request completed at 01:30 in Riyadh was completed that day)."""
        lang = self.env.lang or "en_US"
        for request in self:
            company = request._sla_company()
            steps = [
                ("submitted", self.env._("Received"), request.date_received),
                ("complete", self.env._("Complete"), request.date_complete),
                ("in_review", self.env._("With the committee"), request.date_referred),
                ("decided", self.env._("Decided"), request.date_decision),
                ("delivered", self.env._("Service delivered"), request.date_delivered),
            ]
            request.portal_status_steps = [
                {
                    "key": key,
                    "label": label,
                    "date": value and dates.format_day(company._beneficiary_local_date(value), lang),
                }
                for key, label, value in steps
            ]

    @api.model
    def _portal_service_types(self, beneficiary):
        """Service types the beneficiary may ask for on the portal."""
        types = self.env["beneficiary.service.type"].search(
            [("portal_published", "=", True), ("company_id", "=", beneficiary.company_id.id)]
        )
        return types.filtered(lambda service_type: service_type._is_allowed_for(beneficiary))

    @api.model
    def _portal_create(self, beneficiary, service_type, description, uploads):
        """Create the request of a portal beneficiary.

        :param beneficiary: the file it is for (the caller checked the user may act for it)
        :param uploads: ``{document type id: (file name, bytes, expiry date as typed)}``
        Everything is checked before anything is written."""
        if service_type not in self._portal_service_types(beneficiary):
            raise UserError(self.env._("This service cannot be requested on the portal."))
        description = self._portal_text(description, self.env._("Description"), LONG_TEXT_LIMIT)
        if not description:
            raise ValidationError(self.env._("Describe what you need."))
        required = service_type.document_type_ids
        unknown = set(uploads) - set(required.ids)
        if unknown:
            raise ValidationError(self.env._("A file was sent for a document this service does not need."))
        expiries = self._portal_check_uploads(required, uploads)
        request_sudo = self.sudo().create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service_type.id,
                "channel_id": self.env.ref("beneficiary_relations.channel_portal").id,
                # typed by the beneficiary: kept as text, never as markup
                "description": self._portal_text_to_html(description),
                "received_by_id": False,
                "company_id": beneficiary.company_id.id,
            }
        )
        request_sudo._portal_attach_uploads(uploads, expiries)
        request_sudo.message_subscribe(partner_ids=beneficiary.partner_id.ids)
        if not service_type.declaration_required:
            request_sudo.action_submit()
        return request_sudo

    @api.model
    def _portal_check_uploads(self, document_types, uploads):
        """Check the files and expiry dates sent with a new request or application
        (``uploads``: ``{document type id: (file name, bytes, expiry as typed)}``) before
        anything is written; returns ``{document type id: expiry date}``."""
        Document = self.env["beneficiary.request.document"]
        expiries = {}
        for document_type in document_types.filtered(lambda t: t.id in uploads):
            filename, data, *expiry = uploads[document_type.id]
            self._portal_check_upload(filename, data)
            expiries[document_type.id] = Document._parse_expiry(document_type, expiry and expiry[0])
        return expiries

    def _portal_attach_uploads(self, uploads, expiries):
        self.ensure_one()
        for document in self.document_ids:
            if document.document_type_id.id in uploads:
                filename, data, *_expiry = uploads[document.document_type_id.id]
                document._portal_attach(filename, data, expiries.get(document.document_type_id.id))

    def _portal_needs_signature(self):
        self.ensure_one()
        return self.state == "draft" and self.declaration_required and not self.declaration_signed_on

    def _portal_sign(self, name, signature):
        """The beneficiary signs the declaration on the portal: the request is submitted.

        :param signature: the drawn signature, a PNG or JPEG image in base64"""
        self.ensure_one()
        if not self._portal_needs_signature():
            raise UserError(self.env._("This request does not wait for your signature."))
        name = self._portal_text(name, self.env._("Name"), TEXT_LIMIT)
        if not name or not signature:
            raise ValidationError(self.env._("Write your name and sign before sending."))
        self._portal_check_signature(signature)
        self.sudo().write({"declaration_signer_name": name, "declaration_signature": signature})
        self.sudo().action_sign_declaration()
        self.sudo().action_submit()

    def _portal_can_upload(self):
        self.ensure_one()
        return self.state in self._workflow_states_open

    def _portal_upload(self, document, filename, data, expiry=None):
        """A missing (or rejected, or expired since accepted) document sent later from
        the portal; ``expiry`` is the expiry date as typed (checked here)."""
        self.ensure_one()
        if document.request_id != self or not self._portal_can_upload():
            raise UserError(self.env._("This document cannot be sent any more."))
        if document.state not in ("missing", "rejected") and not document._is_replaceable():
            raise UserError(self.env._("This document was already received."))
        expiry_date = document._parse_expiry(document.document_type_id, expiry)
        document._portal_attach(filename, data, expiry_date)

    # ------------------------------------------------------------
    # APPLICATION
    # ------------------------------------------------------------
    # Applications of people without a file, from the public page ``/apply``.
    #
    # The applicant's file is created as a draft, never twice for one ID number: an ID
    # already on file adds the request to that file, which is left as it is, and staff see
    # the match. The request arrives *Submitted*, hidden from the portal until staff have
    # verified its data, and its liaison officer gets a to-do to verify it.
    _portal_throttle_param = "beneficiary_relations.application_limit_per_hour"
    _portal_throttle_default = 3

    from_application = fields.Boolean(
        string="Public Application",
        readonly=True,
        copy=False,
        help="Sent on the public application page by someone without a file. Shown on the portal once "
        "its data is verified.",
    )
    application_match = fields.Boolean(
        string="ID Already on File",
        readonly=True,
        copy=False,
        help="The applicant gave the ID number of an existing file: the request was added to that file, "
        "which was not changed. Check that the applicant is its beneficiary before going on.",
    )

    # ------------------------------------------------------------------ what the page offers
    @api.model
    def _application_service_types(self, company):
        """The services new applicants may apply for."""
        return (
            self.env["beneficiary.service.type"]
            .sudo()
            .search([("application_published", "=", True), ("company_id", "=", company.id)])
        )

    @api.model
    def _application_categories(self, company):
        """The beneficiary categories an applicant may say they belong to."""
        return self.env["beneficiary.category"].sudo().search([("company_id", "in", (company.id, False))])

    @api.model
    def _portal_throttle_message(self):
        return self.env._("Too many applications were sent from your connection. Please try again later.")

    # ------------------------------------------------------------------ checks
    @api.model
    def _application_check_values(self, company, values):
        """The form's values, plain, bounded and checked, with a message naming what to
        correct."""
        Beneficiary = self.env["beneficiary.beneficiary"]
        clean = {
            "name": " ".join(
                self._portal_text(values.get("name"), self.env._("Full name"), NAME_LIMIT).split()
            ),
            "national_id": self._portal_text(values.get("national_id"), self.env._("ID number"), 30),
            "mobile": self._portal_text(values.get("mobile"), self.env._("Mobile"), 30),
            "city": self._portal_text(values.get("city"), self.env._("City"), NAME_LIMIT),
            "email": self._portal_text(values.get("email"), self.env._("E-mail"), 254),
            "description": self._portal_text(
                values.get("description"), self.env._("Description"), LONG_TEXT_LIMIT
            ),
        }
        if not clean["name"]:
            raise ValidationError(self.env._("Write your full name as on your ID card."))
        number, error = saudi_id.validate(clean["national_id"])
        if error in ("empty", "not_digits", "length", "prefix"):
            raise ValidationError(
                self.env._("Enter your Saudi national ID or Iqama number: 10 digits starting with 1 or 2.")
            )
        if error:
            raise ValidationError(
                self.env._("This ID number is not valid: please check it against your ID card.")
            )
        clean["national_id"] = number
        clean["id_type"] = saudi_id.id_type(number)
        if not clean["mobile"]:
            raise ValidationError(self.env._("Leave your mobile number so that we can contact you."))
        clean["mobile"] = Beneficiary._normalize_mobile(clean["mobile"])
        if not clean["city"]:
            raise ValidationError(self.env._("Tell us the city you live in."))
        if clean["email"]:
            email = tools.email_normalize(clean["email"])
            if not email:
                raise ValidationError(
                    self.env._("The e-mail address %(email)s is not valid.", email=clean["email"])
                )
            clean["email"] = email
        service = self._application_service_types(company).filtered(
            lambda s: s.id == values.get("service_type_id")
        )
        if not service:
            raise ValidationError(self.env._("Choose the service you apply for."))
        category = self._application_categories(company).filtered(lambda c: c.id == values.get("category_id"))
        if not category:
            raise ValidationError(self.env._("Choose the category you belong to."))
        if service.category_ids and category not in service.category_ids:
            raise ValidationError(
                self.env._(
                    "The service %(service)s is not offered to %(category)s: choose another service or category.",
                    service=service.name,
                    category=category.name,
                )
            )
        if not values.get("consent"):
            raise ValidationError(
                self.env._(
                    "Please confirm that your data is accurate and that we may use it to study your application."
                )
            )
        clean.update(service=service, category=category)
        return clean

    @api.model
    def _application_check_uploads(self, service, uploads):
        unknown = set(uploads) - set(service.document_type_ids.ids)
        if unknown:
            raise ValidationError(self.env._("A file was sent for a document this service does not need."))
        return self._portal_check_uploads(service.document_type_ids, uploads)

    # ------------------------------------------------------------------ the application
    @api.model
    def _application_create(self, company, values, uploads, address):
        """Register the application of a person without a file, within the sender's
        hourly allowance.

        :param values: the form's values (``service_type_id`` and ``category_id`` as ids)
        :param uploads: ``{document type id: (file name, bytes, expiry date as typed)}``
        :return: the request (as superuser), or an empty recordset when the ID number is
            on file for a category the service is not offered to (staff are told on the
            file). The applicant is told the same in every case: nothing says whether an
            ID number is on file."""
        clean = self._application_check_values(company, values)
        expiries = self._application_check_uploads(clean["service"], uploads)
        self._portal_check_throttle(address)
        beneficiary_sudo = self._application_find_file(company, clean["national_id"])
        matched = bool(beneficiary_sudo)
        if not matched:
            beneficiary_sudo = self._application_create_file(company, clean)
        elif not clean["service"]._is_allowed_for(beneficiary_sudo):
            beneficiary_sudo.with_user(SUPERUSER_ID)._application_note_refused(clean)
            return self.browse()
        request_sudo = self.sudo()._workflow_create(
            [
                {
                    "beneficiary_id": beneficiary_sudo.id,
                    "service_type_id": clean["service"].id,
                    "channel_id": self.env.ref("beneficiary_relations.channel_website").id,
                    # typed by the applicant: kept as text, never as markup
                    "description": self._portal_text_to_html(clean["description"]),
                    "received_by_id": False,
                    "company_id": company.id,
                    "portal_ip_hash": self._portal_hash_ip(address),
                    "from_application": True,
                    "application_match": matched,
                }
            ]
        )
        request_sudo._portal_attach_uploads(uploads, expiries)
        if not matched and beneficiary_sudo.email:
            request_sudo.message_subscribe(partner_ids=beneficiary_sudo.partner_id.ids)
        request_sudo.action_submit()
        # the association notes and assigns it (a visitor has no name to sign with)
        request_sudo.with_user(SUPERUSER_ID)._application_note(clean, matched)
        request_sudo.with_user(SUPERUSER_ID)._application_assign()
        return request_sudo

    @api.model
    def _application_find_file(self, company, number):
        """The file of ``number`` in ``company``, if any. Applications of one number are
        serialised by an advisory lock; a file another application committed after this
        transaction began (a double click) is invisible here but not to a transaction of
        its own: that application is refused instead of making a second file."""
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", APPLICATION_LOCK, f"{company.id}:{number}")
        )
        # sudo: the number may be on a file nobody reading the page may see; nothing of
        # that file is shown back
        found_sudo = (
            self.env["beneficiary.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("national_id", "=", number), ("company_id", "=", company.id)], limit=1)
        )
        if found_sudo:
            return found_sudo
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT 1 FROM beneficiary_beneficiary WHERE national_id = %s AND company_id = %s",
                    number,
                    company.id,
                )
            )
            if cr.fetchone():
                raise PortalThrottled(
                    self.env._(
                        "An application with this ID number was received a moment ago. Please wait a "
                        "minute before sending it again."
                    )
                )
        return found_sudo

    @api.model
    def _application_create_file(self, company, clean):
        """The applicant's file, a draft for staff to verify, with their consent to the
        study of the application and to being contacted about it."""
        purposes = (
            self.env["beneficiary.consent.purpose"]
            .sudo()
            .browse(
                [
                    self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
                    for xmlid in (
                        "beneficiary_relations.consent_purpose_service",
                        "beneficiary_relations.consent_purpose_contact",
                    )
                ]
            )
            .exists()
        )
        beneficiary_sudo = (
            self.env["beneficiary.beneficiary"]
            .sudo()
            .create(
                {
                    "name": clean["name"],
                    "national_id": clean["national_id"],
                    "id_type": clean["id_type"],
                    "mobile": clean["mobile"],
                    "city": clean["city"],
                    "email": clean["email"] or False,
                    "category_id": clean["category"].id,
                    "company_id": company.id,
                    "consent_purpose_ids": [fields.Command.set(purposes.ids)],
                }
            )
        )
        beneficiary_sudo.with_user(SUPERUSER_ID).message_post(
            body=self.env._(
                "File created from an application on the website: check the applicant's identity "
                "before activating it."
            ),
            subtype_xmlid="mail.mt_note",
        )
        return beneficiary_sudo

    @api.model
    def _application_typed_lines(self, clean):
        """What the applicant typed, as label/value pairs."""
        return [
            (self.env._("Full name"), clean["name"]),
            (self.env._("ID number"), clean["national_id"]),
            (self.env._("Mobile"), clean["mobile"]),
            (self.env._("City"), clean["city"]),
            (self.env._("E-mail"), clean["email"] or "-"),
            (self.env._("Category"), clean["category"].name),
        ]

    @api.model
    def _application_body(self, intro, lines):
        items = Markup().join(Markup("<li>%s: %s</li>") % (label, value) for label, value in lines)
        return Markup("<p>%s</p><ul>%s</ul>") % (intro, items)

    def _application_note(self, clean, matched):
        """An internal note for staff: what the applicant typed and, for an ID on file,
        that the file was left as it is."""
        self.ensure_one()
        if matched:
            intro = self.env._(
                "Application from the website with the ID number of the existing file %(file)s: the "
                "request was added to that file, which was not changed. Check that the applicant is its "
                "beneficiary before going on. What the applicant typed:",
                file=self.beneficiary_id.display_name,
            )
        else:
            intro = self.env._(
                "Application from the website: a new draft file was created. Check the ID number against "
                "the applicant's ID card, then press Data Verified. What the applicant typed:"
            )
        self.message_post(
            body=self._application_body(intro, self._application_typed_lines(clean)),
            subtype_xmlid="mail.mt_note",
        )

    def _application_assign(self):
        """The request's liaison officer verifies the application (the managers when the
        category has no officer)."""
        self.ensure_one()
        self._application_todo(
            self, lambda env: env._("Verify the application %(reference)s", reference=self.name)
        )

    @api.model
    def _application_todo(self, record, summary):
        """A to-do on ``record`` (the request, or the file an application matched) for its
        liaison officer, else the managers of its company; ``summary(env)`` is its title in
        the language of each."""
        owners = record.liaison_user_id or self._sla_managers().filtered(
            lambda u: record.company_id in u.company_ids
        )
        for owner in owners:
            record.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=owner.id,
                summary=summary(record.with_context(lang=owner.lang or self.env.lang).env),
            )

    # ------------------------------------------------------------
    # ELIGIBILITY
    # ------------------------------------------------------------
    # Eligibility verification on requests: the assessments made, what is still to do,
    # and no decision while a method the service requires has no concluded assessment.
    eligibility_assessment_ids = fields.One2many(
        "beneficiary.eligibility.assessment", "request_id", string="Eligibility Assessments", groups=STAFF
    )
    eligibility_assessment_count = fields.Integer(compute="_compute_eligibility", groups=STAFF)
    eligibility_status = fields.Selection(
        [("pending", "Assessments Pending"), ("eligible", "Eligible"), ("not_eligible", "Not Eligible")],
        compute="_compute_eligibility",
        groups=STAFF,
        help="Pending while a required assessment is not concluded; not eligible as soon as one "
        "concluded assessment says so (the committee still decides).",
    )
    eligibility_document_check_todo = fields.Boolean(
        string="Document Check to Start", compute="_compute_eligibility", groups=STAFF
    )
    eligibility_interview_todo = fields.Boolean(
        string="Personal Interview to Start", compute="_compute_eligibility", groups=STAFF
    )
    eligibility_field_visit_todo = fields.Boolean(
        string="Field Visit to Start", compute="_compute_eligibility", groups=STAFF
    )

    @api.depends(
        "service_type_id.require_document_check",
        "service_type_id.require_interview",
        "service_type_id.require_field_visit",
        "eligibility_assessment_ids.state",
        "eligibility_assessment_ids.result",
        "eligibility_assessment_ids.method",
    )
    def _compute_eligibility(self):
        for request in self:
            assessments = request.eligibility_assessment_ids
            concluded = assessments.filtered(lambda a: a.state == "done" and a.result)
            required = (
                request.service_type_id._get_required_eligibility_methods() if request.service_type_id else []
            )
            started = set(assessments.filtered(lambda a: a.state != "cancel").mapped("method"))
            missing = [method for method in required if method not in concluded.mapped("method")]
            request.eligibility_assessment_count = len(assessments)
            if "not_eligible" in concluded.mapped("result"):
                request.eligibility_status = "not_eligible"
            elif missing:
                request.eligibility_status = "pending"
            else:
                request.eligibility_status = "eligible" if concluded else False
            for method, _label in ELIGIBILITY_METHODS:
                request[f"eligibility_{method}_todo"] = method in required and method not in started

    def _get_missing_eligibility_methods(self):
        """The required methods with no concluded assessment (with a result) yet."""
        self.ensure_one()
        concluded = self.eligibility_assessment_ids.filtered(lambda a: a.state == "done" and a.result)
        return [
            method
            for method in self.service_type_id._get_required_eligibility_methods()
            if method not in concluded.mapped("method")
        ]

    def action_start_eligibility_assessment(self):
        """Open a new assessment filled from the request, of the method in the context
        (``eligibility_method``) or of the method the user will choose."""
        self.ensure_one()
        method = self.env.context.get("eligibility_method")
        if method and method not in dict(ELIGIBILITY_METHODS):
            raise UserError(self.env._("Unknown eligibility method: %(method)s.", method=method))
        context = {"default_request_id": self.id}
        if method:
            context["default_method"] = method
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Eligibility Assessment"),
            "res_model": "beneficiary.eligibility.assessment",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def action_view_eligibility_assessments(self):
        self.ensure_one()
        return window_action(
            self.env,
            "beneficiary_relations.beneficiary_eligibility_assessment_action",
            [("request_id", "=", self.id)],
            {"default_request_id": self.id},
        )

    # ------------------------------------------------------------
    # LETTER
    # ------------------------------------------------------------
    # The letters a request gives its beneficiary (acknowledgement, decision): when
    # they can be printed, in which language and on which day they are dated.
    _letter_reports = REQUEST_LETTERS

    def _letter_can_print(self, letter, portal=False):
        """Whether ``letter`` (a key of ``REQUEST_LETTERS``) makes sense for the request
        now. Staff may print the acknowledgement from the submission on, with the
        documents still missing; the beneficiary downloads it once the request is
        complete."""
        self.ensure_one()
        if letter == "acknowledgement":
            if portal:
                return bool(self.date_complete) and self.state != "cancelled"
            return self.state not in ("draft", "cancelled")
        if letter == "decision":
            return self.state in self._workflow_states_decided
        return False

    def _letter_refusal(self, letter):
        self.ensure_one()
        if letter == "acknowledgement":
            return self.env._(
                "The acknowledgement of %(request)s can be printed once the request is submitted "
                "(and as long as it is not cancelled).",
                request=self.name,
            )
        return self.env._(
            "The decision letter of %(request)s can be printed once the request is accepted or rejected.",
            request=self.name,
        )

    def _letter_labels(self):
        return dict(super()._letter_labels(), decision=self.env._("Decision Letter"))

    # ------------------------------------------------------------
    # DECISION
    # ------------------------------------------------------------
    # The competent committee decides (policies 000-004: «تُحال الطلبات إلى اللجنة
    # المختصة ... وتُبلغ القرار»): its members decide, or vote where the committee votes
    # (its *Decision* setting); a manager who decides in the committee's place records why.
    # Who decided, in whose place and why are set by the application, never typed in.
    decision_authority = fields.Selection(
        [("committee", "The Committee"), ("manager", "A Manager in the Committee's Place")],
        string="Decided By (Authority)",
        readonly=True,
        copy=False,
        tracking=True,
        help="Whether the competent committee took the decision, or a manager in its place "
        "(with the reason, printed in the decision letter).",
    )
    decision_override_reason = fields.Text(
        string="Why the Manager Decided",
        readonly=True,
        copy=False,
        help="Why a manager decided this request in the place of the competent committee.",
    )
    committee_decision_rule = fields.Selection(
        related="committee_id.decision_rule", string="Committee Decides"
    )
    vote_ids = fields.One2many("beneficiary.service.request.vote", "request_id", string="Members' Votes")
    vote_outcome = fields.Selection(
        [
            ("pending", "Votes Awaited"),
            ("accepted", "Accepted by the Votes"),
            ("rejected", "Rejected by the Votes"),
            ("no_decision", "No Decision Reached"),
        ],
        string="Result of the Votes",
        compute="_compute_vote_outcome",
    )
    vote_pending_member_ids = fields.Many2many(
        "res.users", string="Votes Awaited From", compute="_compute_vote_outcome"
    )
    can_vote = fields.Boolean(compute="_compute_vote_outcome")
    decides_in_committee_place = fields.Boolean(compute="_compute_vote_outcome")

    @api.depends(
        "committee_id.decision_rule",
        "committee_id.member_ids",
        "vote_ids.member_id",
        "vote_ids.vote",
        "state",
    )
    @api.depends_context("uid")
    def _compute_vote_outcome(self):
        user = self.env.user
        is_manager = user.has_group("beneficiary_relations.group_manager")
        for request in self:
            committee = request.committee_id
            members = committee.member_ids
            votes = request.vote_ids.filtered(lambda v, c=committee: v.committee_id == c)
            request.vote_outcome = committee_votes.outcome(
                committee.decision_rule, members.ids, {vote.member_id.id: vote.vote for vote in votes}
            )
            voting = committee.decision_rule in committee_votes.VOTING_RULES
            request.vote_pending_member_ids = (members - votes.member_id) if voting else False
            request.can_vote = (
                voting and request.state == "in_review" and user in members and user not in votes.member_id
            )
            request.decides_in_committee_place = (
                request.state == "in_review" and is_manager and (voting or user not in members)
            )

    # ------------------------------------------------------------------ votes
    def action_open_vote(self):
        self.ensure_one()
        self._check_can_vote()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Vote"),
            "res_model": "beneficiary.service.request.vote.cast",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _check_can_vote(self):
        self.ensure_one()
        committee = self.committee_id
        if committee.decision_rule not in committee_votes.VOTING_RULES:
            raise UserError(
                self.env._(
                    "%(committee)s does not vote: one of its members records its decision.",
                    committee=committee.name or self.env._("The committee"),
                )
            )
        if self.state != "in_review":
            raise UserError(
                self.env._(
                    "Votes are cast on requests under committee review only (%(request)s).", request=self.name
                )
            )
        if self.env.user not in committee.member_ids:
            raise UserError(
                self.env._(
                    "Only the members of %(committee)s vote on %(request)s.",
                    committee=committee.name,
                    request=self.name,
                )
            )
        if self.env.user in self.vote_ids.filtered(lambda v: v.committee_id == committee).member_id:
            raise UserError(self.env._("You have already voted on %(request)s.", request=self.name))

    @workflow_method
    def _cast_vote(self, vote, note=None):
        """The current user, a member of the request's committee, votes ``vote``
        (``accept`` or ``reject``); the date and the member are the server's."""
        self.ensure_one()
        self._workflow_lock("nowait")
        self._check_can_vote()
        if vote not in committee_votes.DECISIONS:
            raise UserError(self.env._("Choose whether you vote to accept or to reject the request."))
        note = (note or "").strip()
        if vote == "reject" and not note:
            raise UserError(self.env._("Write the reason for your vote to reject the request."))
        line = self.env["beneficiary.service.request.vote"].create(
            {
                "request_id": self.id,
                "committee_id": self.committee_id.id,
                "member_id": self.env.uid,
                "vote": vote,
                "note": note or False,
                "date": fields.Datetime.now(),
            }
        )
        if vote == "accept":
            body = self.env._("%(member)s voted to accept the request.", member=self.env.user.name)
        else:
            body = self.env._("%(member)s voted to reject the request.", member=self.env.user.name)
        self.message_post(body=body)
        return line

    # ------------------------------------------------------------------ decision
    def _decision_authority(self, state, override_reason=None):
        """Who takes the decision ``state`` on this request: ``committee`` (a member of a
        committee that does not vote, or the result of the votes of one that does) or
        ``manager`` (a manager in the committee's place, with ``override_reason``).
        Raises when neither may."""
        self.ensure_one()
        user = self.env.user
        committee = self.committee_id
        voting = committee.decision_rule in committee_votes.VOTING_RULES
        if voting and self.vote_outcome == state:
            return "committee"
        if not voting and user in committee.member_ids:
            return "committee"
        if not (self.env.is_superuser() or user.has_group("beneficiary_relations.group_manager")):
            if voting:
                raise UserError(
                    self.env._(
                        "%(committee)s decides %(request)s by the votes of its members: the votes do not give "
                        "this decision (%(outcome)s).",
                        committee=committee.name,
                        request=self.name,
                        outcome=selection_label(self, "vote_outcome", self.vote_outcome),
                    )
                )
            return "committee"  # _check_decider refused already whoever may not decide
        if not (override_reason or "").strip():
            raise UserError(
                self.env._(
                    "%(request)s is decided by %(committee)s: a manager deciding in its place gives the reason.",
                    request=self.name,
                    committee=committee.name or self.env._("the competent committee"),
                )
            )
        return "manager"

    def _action_open_decide_in_place(self, decision):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide in the Committee's Place"),
            "res_model": "beneficiary.service.request.decide",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_ids": self.ids, "default_decision": decision},
        }

    def action_decide_in_place(self):
        """Header button of managers: decide in the committee's place (with the reason)."""
        return self._action_open_decide_in_place("accepted")

    # ------------------------------------------------------------
    # CLARIFICATION
    # ------------------------------------------------------------
    # Unclear cases go to the named officer (policies 000-003: «إحالة الحالات غير
    # الواضحة إلى مسؤول ...»), and the officer's answer is kept on the request: what was
    # explained, by whom, when. Who and when are the application's; the answer is frozen
    # once recorded.
    clarification_answer = fields.Text(
        string="Officer's Answer",
        tracking=True,
        copy=False,
        help="What the officer explained to the beneficiary about the unclear case.",
    )
    clarification_answered_by_id = fields.Many2one(
        "res.users", string="Explained By", readonly=True, copy=False
    )
    clarification_answered_on = fields.Datetime(string="Explained On", readonly=True, copy=False)

    def action_record_clarification(self):
        """The officer named for the clarification (or a manager) records their answer."""
        is_manager = self.env.user.has_group("beneficiary_relations.group_manager")
        for request in self:
            if request.clarification_answered_on:
                raise UserError(
                    self.env._(
                        "The officer's answer on %(request)s is already recorded.", request=request.name
                    )
                )
            if not request.clarification_officer_id:
                raise UserError(self.env._("Choose the officer who will explain the procedure first."))
            if self.env.user != request.clarification_officer_id and not is_manager:
                raise UserError(
                    self.env._(
                        "Only %(officer)s, to whom %(request)s was referred, records the answer.",
                        officer=request.clarification_officer_id.name,
                        request=request.name,
                    )
                )
            if not (request.clarification_answer or "").strip():
                raise UserError(
                    self.env._("Write what was explained to the beneficiary before recording the answer.")
                )
        self._workflow_write(
            {
                "clarification_answered_by_id": self.env.user.id,
                "clarification_answered_on": fields.Datetime.now(),
            }
        )
        # the officer's to-do of the referral (action_refer_to_officer) is done
        summaries = {
            self.with_context(lang=lang).env._("Explain the procedure to the beneficiary")
            for lang in {self.env.lang or "en_US", "en_US", self.env.company.partner_id.lang or "en_US"}
        }
        for request in self:
            request.activity_ids.filtered(
                lambda a, r=request: a.user_id == r.clarification_officer_id and a.summary in summaries
            ).action_feedback(feedback=self.env._("Answer recorded."))
