from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import rtl_words
from .beneficiary_workflow_mixin import workflow_method

# what the investigation committee's minutes state: changing one of them after a member
# approved the minutes withdraws the members' approvals (they approved another text)
MINUTES_FIELDS = (
    "basis",
    "investigation_committee_id",
    "minutes_date",
    "damage_description",
    "damage_amount",
    "damage_causes",
)


class BeneficiaryCompensation(models.Model):
    """Compensation of a beneficiary harmed by the association, granted only on proof:
    the investigation committee's minutes approved by each of its members, a final court
    judgment or a dispute authority's final decision; negotiated with the beneficiary
    (an accepted offer, or a manager's reasoned waiver of the negotiation), approved by a
    manager and paid through a vendor bill in Invoicing."""

    _name = "beneficiary.compensation"
    _description = "Compensation"
    _inherit = [
        "beneficiary.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "beneficiary.link.mixin",
        "beneficiary.personal.data.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _workflow_states_open = ("draft", "investigation", "negotiation")
    _workflow_states_decided = ("approved", "paid", "rejected")
    _workflow_states_closed = ("paid", "rejected", "cancelled")
    _workflow_sequence_code = "beneficiary.compensation"
    _workflow_protected_fields = (
        "state",
        "approved_by_id",
        "approved_on",
        "move_id",
        "date_paid",
        "minutes_approval_ids",
        "negotiation_waived_by_id",
        "negotiation_waived_on",
    )
    _personal_fields = (
        "damage_description",
        "damage_causes",
        "rejection_reason",
        "cancel_reason",
        "negotiation_waiver_reason",
    )
    _personal_export_key = "compensations"
    _personal_export_fields = ("name", "basis", "state", "amount_agreed")

    name = fields.Char(string="Reference", readonly=True, copy=False, index="trigram")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("investigation", "Investigation"),
            ("negotiation", "Negotiation"),
            ("approved", "Approved"),
            ("paid", "Paid"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, string="Payee")
    category_id = fields.Many2one(related="beneficiary_id.category_id", store=True, index=True)
    complaint_id = fields.Many2one("beneficiary.complaint", index=True, check_company=True, tracking=True)
    request_id = fields.Many2one("beneficiary.service.request", check_company=True, tracking=True)
    basis = fields.Selection(
        [
            ("association_fault", "Association Proven at Fault"),
            ("court_judgment", "Court Judgment"),
            ("authority_decision", "Final Decision of the Dispute Authority"),
        ],
        required=True,
        default="association_fault",
        tracking=True,
    )
    damage_description = fields.Text(string="Damage", tracking=True)
    damage_causes = fields.Text(string="Causes of the Damage", tracking=True)
    damage_amount = fields.Monetary(string="Assessed Damage", tracking=True)

    # association at fault: the investigation committee's minutes
    investigation_committee_id = fields.Many2one(
        "beneficiary.committee",
        string="Investigation Committee",
        check_company=True,
        tracking=True,
        domain=[("kind", "=", "investigation")],
    )
    minutes_date = fields.Date(string="Minutes Dated", tracking=True)
    minutes_approval_ids = fields.One2many(
        "beneficiary.compensation.minutes.approval",
        "compensation_id",
        string="Members' Approvals",
        readonly=True,
        copy=False,
        help="Each member of the investigation committee approves the minutes, with or without "
        "reservations, with the Approve the Minutes button.",
    )
    minutes_pending_member_ids = fields.Many2many(
        "res.users",
        string="Members Yet to Approve",
        compute="_compute_minutes_approval",
    )
    minutes_fully_approved = fields.Boolean(
        string="Minutes Approved by Every Member",
        compute="_compute_minutes_approval",
    )
    can_approve_minutes = fields.Boolean(compute="_compute_minutes_approval")
    # court judgment
    court_name = fields.Char(string="Court", tracking=True)
    judgment_number = fields.Char(tracking=True)
    judgment_date = fields.Date(tracking=True)
    judgment_final = fields.Boolean(string="Final Judgment", tracking=True)
    # dispute authority
    authority_name = fields.Char(string="Authority", tracking=True)
    decision_reference = fields.Char(string="Decision Reference", tracking=True)
    decision_date = fields.Date(tracking=True)
    decision_final = fields.Boolean(
        string="Final Decision",
        tracking=True,
        help="The authority's decision can no longer be appealed, like a final judgment.",
    )
    evidence_attachment_ids = fields.Many2many(
        "ir.attachment",
        "beneficiary_compensation_evidence_rel",
        "compensation_id",
        "attachment_id",
        string="Evidence",
        help="Minutes, judgment or decision documents.",
    )

    negotiation_ids = fields.One2many(
        "beneficiary.compensation.negotiation", "compensation_id", string="Negotiation"
    )
    has_accepted_offer = fields.Boolean(compute="_compute_has_accepted_offer")
    negotiation_waiver_reason = fields.Text(
        string="Reason for Waiving the Negotiation",
        tracking=True,
        help="Why the compensation is approved without an offer accepted by the beneficiary "
        "(e.g. the final judgment fixes the amount).",
    )
    negotiation_waived_by_id = fields.Many2one(
        "res.users", string="Negotiation Waived By", readonly=True, copy=False
    )
    negotiation_waived_on = fields.Datetime(string="Negotiation Waived On", readonly=True, copy=False)
    amount_agreed = fields.Monetary(string="Agreed Amount", tracking=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)
    rejection_reason = fields.Text(tracking=True)
    cancel_reason = fields.Text(tracking=True)
    move_id = fields.Many2one("account.move", string="Vendor Bill", readonly=True, copy=False, index=True)
    move_ids = fields.One2many("account.move", "beneficiary_compensation_id", string="Bills")
    payment_state = fields.Selection(related="move_id.payment_state", string="Payment Status")
    move_cancelled = fields.Boolean(compute="_compute_move_cancelled")
    date_paid = fields.Datetime(readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount_agreed IS NULL OR amount_agreed >= 0)",
            "The agreed amount cannot be negative.",
        ),
        (
            "damage_positive",
            "CHECK(damage_amount IS NULL OR damage_amount >= 0)",
            "The damage cannot be negative.",
        ),
    ]

    @api.depends("move_id.state")
    def _compute_move_cancelled(self):
        for compensation in self:
            compensation.move_cancelled = compensation.move_id.state == "cancel"

    @api.depends("investigation_committee_id.member_ids", "minutes_approval_ids.member_id", "state", "basis")
    @api.depends_context("uid")
    def _compute_minutes_approval(self):
        for compensation in self:
            members = compensation.investigation_committee_id.member_ids
            pending = members - compensation.minutes_approval_ids.member_id
            compensation.minutes_pending_member_ids = pending
            compensation.minutes_fully_approved = bool(members) and not pending
            compensation.can_approve_minutes = (
                compensation.basis == "association_fault"
                and compensation.state in self._workflow_states_open
                and self.env.user in pending
            )

    @api.depends("negotiation_ids.answer")
    def _compute_has_accepted_offer(self):
        for compensation in self:
            compensation.has_accepted_offer = any(
                negotiation.answer == "accepted" for negotiation in compensation.negotiation_ids
            )

    @api.constrains("investigation_committee_id")
    def _check_investigation_committee(self):
        for compensation in self:
            committee = compensation.investigation_committee_id
            if committee and committee.kind != "investigation":
                raise ValidationError(
                    self.env._(
                        "%(committee)s is not an investigation committee: only the investigation and "
                        "follow-up committee establishes that the association is at fault.",
                        committee=committee.name,
                    )
                )

    def write(self, vals):
        # the minutes' text changes after members approved it: their approvals are withdrawn
        changed = [name for name in MINUTES_FIELDS if name in vals]
        withdrawn = self.browse()
        # (the model's own code and modules' data files write as they mean to)
        if changed and not self._workflow_is_unlocked():
            withdrawn = self.filtered(
                lambda c: (
                    c.minutes_approval_ids and any(c._workflow_changes(name, vals[name]) for name in changed)
                )
            )
        res = super().write(vals)
        if withdrawn:
            withdrawn._withdraw_minutes_approvals()
        return res

    @workflow_method
    def _withdraw_minutes_approvals(self):
        # the writer changed the minutes (their write went through the access rules and the
        # guard above): the approvals of exactly these compensations go
        approvals_sudo = self.sudo().minutes_approval_ids
        approvals_sudo.unlink()
        for compensation in self:
            compensation.message_post(
                body=self.env._(
                    "The minutes changed: the members' approvals were withdrawn and must be given again."
                )
            )

    def _workflow_check_frozen(self, field_names):
        frozen = self.filtered(lambda c: c.state in ("approved", "paid"))
        if frozen and field_names & self._get_frozen_fields():
            raise UserError(
                self.env._(
                    "%(compensations)s is approved: its basis, evidence and amount can no longer change. "
                    "Cancel it with a reason if it is wrong.",
                    compensations=", ".join(frozen.mapped("name")),
                )
            )
        waived = self.filtered("negotiation_waived_by_id")
        if waived and "negotiation_waiver_reason" in field_names:
            raise UserError(
                self.env._(
                    "The negotiation of %(compensations)s was waived for the reason given: withdraw the "
                    "waiver to change it.",
                    compensations=", ".join(waived.mapped("name")),
                )
            )

    def _get_frozen_fields(self):
        return {
            "basis", "beneficiary_id", "amount_agreed", "damage_amount", "damage_description", "damage_causes",
            "investigation_committee_id", "minutes_date", "court_name", "judgment_number", "judgment_date",
            "judgment_final", "authority_name", "decision_reference", "decision_date", "decision_final",
            "evidence_attachment_ids", "negotiation_waiver_reason",
        }  # fmt: skip

    # ------------------------------------------------------------------ evidence
    def _get_missing_evidence(self):
        """What the basis still needs before approval, as phrases for the user."""
        self.ensure_one()
        missing = []
        if self.basis == "association_fault":
            if not self.investigation_committee_id:
                missing.append(self.env._("the investigation committee"))
            elif not self.investigation_committee_id.member_ids:
                missing.append(self.env._("the members of the investigation committee"))
            if not self.minutes_date:
                missing.append(self.env._("the date of the investigation committee's minutes"))
            if self.minutes_pending_member_ids:
                missing.append(
                    self.env._(
                        "the approval of the minutes by %(members)s",
                        members=", ".join(self.minutes_pending_member_ids.mapped("name")),
                    )
                )
        # the fields each basis needs, with the phrase that names a missing one
        required = {
            "association_fault": (
                ("damage_description", self.env._("the damage")),
                ("damage_amount", self.env._("the size of the damage")),
                ("damage_causes", self.env._("the causes of the damage")),
            ),
            "court_judgment": (
                ("court_name", self.env._("the court")),
                ("judgment_number", self.env._("the judgment number")),
                ("judgment_date", self.env._("the judgment date")),
                ("judgment_final", self.env._("confirmation that the judgment is final")),
            ),
            "authority_decision": (
                ("authority_name", self.env._("the authority")),
                ("decision_reference", self.env._("the decision reference")),
                ("decision_date", self.env._("the decision date")),
                ("decision_final", self.env._("confirmation that the decision is final")),
            ),
        }
        missing.extend(label for field, label in required.get(self.basis, ()) if not self[field])
        if not self.evidence_attachment_ids:
            missing.append(self.env._("the evidence documents"))
        return missing

    # ------------------------------------------------------------------ actions
    def action_start_investigation(self):
        self.filtered(lambda c: c.state == "draft")._set_state("investigation")

    def action_start_negotiation(self):
        self.filtered(lambda c: c.state in ("draft", "investigation"))._set_state("negotiation")

    def action_approve(self):
        if not (self.env.is_superuser() or self.env.user.has_group("beneficiary_relations.group_manager")):
            raise UserError(self.env._("Only a manager can approve a compensation."))
        self._workflow_lock("nowait")
        for compensation in self:
            if compensation.state not in ("investigation", "negotiation"):
                raise UserError(
                    self.env._(
                        "%(compensation)s cannot be approved in its current status (%(state)s).",
                        compensation=compensation.name,
                        state=compensation._state_label(),
                    )
                )
            missing = compensation._get_missing_evidence()
            if missing:
                raise UserError(
                    self.env._(
                        "%(compensation)s cannot be approved: the evidence is incomplete (missing %(missing)s).",
                        compensation=compensation.name,
                        missing=", ".join(missing),
                    )
                )
            if compensation.amount_agreed <= 0:
                raise UserError(
                    self.env._(
                        "%(compensation)s cannot be approved: the agreed amount must be positive.",
                        compensation=compensation.name,
                    )
                )
            compensation._check_negotiation()
        self._set_state("approved", approved_by_id=self.env.user.id, approved_on=fields.Datetime.now())

    # ------------------------------------------------------------------ minutes
    def action_open_approve_minutes(self):
        self.ensure_one()
        self._check_can_approve_minutes()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approve the Minutes"),
            "res_model": "beneficiary.compensation.minutes.approve",
            "view_mode": "form",
            "target": "new",
            "context": {"default_compensation_id": self.id},
        }

    def _check_can_approve_minutes(self):
        """The current user may approve these minutes: a member of the compensation's
        investigation committee who has not approved them yet, while the case is open and
        the minutes state the damage, its size and its causes."""
        self.ensure_one()
        user = self.env.user
        if self.basis != "association_fault":
            raise UserError(
                self.env._("%(name)s is not based on the investigation committee's minutes.", name=self.name)
            )
        if self.state not in self._workflow_states_open:
            raise UserError(
                self.env._("The minutes of %(name)s can no longer be approved in its status.", name=self.name)
            )
        if user not in self.investigation_committee_id.member_ids:
            raise UserError(
                self.env._(
                    "Only the members of the investigation committee of %(name)s approve its minutes.",
                    name=self.name,
                )
            )
        if user in self.minutes_approval_ids.member_id:
            raise UserError(self.env._("You have already approved the minutes of %(name)s.", name=self.name))
        missing = [
            label
            for name, label in (
                ("minutes_date", self.env._("their date")),
                ("damage_description", self.env._("the damage")),
                ("damage_amount", self.env._("the size of the damage")),
                ("damage_causes", self.env._("the causes of the damage")),
            )
            if not self[name]
        ]
        if missing:
            raise UserError(
                self.env._(
                    "The minutes of %(name)s are not complete: write %(missing)s before approving them.",
                    name=self.name,
                    missing=", ".join(missing),
                )
            )

    @workflow_method
    def _approve_minutes(self, decision="approved", reservations=None):
        """The current user, a member of the investigation committee, approves the minutes
        (with reservations, stated, when ``decision`` is ``reservations``)."""
        self.ensure_one()
        self._workflow_lock("nowait")
        self._check_can_approve_minutes()
        reservations = (reservations or "").strip()
        if decision not in ("approved", "reservations"):
            raise UserError(
                self.env._("Choose whether you approve the minutes with or without reservations.")
            )
        if decision == "reservations" and not reservations:
            raise UserError(self.env._("Write your reservations about the minutes."))
        approval = self.env["beneficiary.compensation.minutes.approval"].create(
            {
                "compensation_id": self.id,
                "member_id": self.env.uid,
                "decision": decision,
                "reservations": reservations if decision == "reservations" else False,
                "date": fields.Datetime.now(),
            }
        )
        if decision == "reservations":
            body = self.env._("%(member)s approved the minutes with reservations.", member=self.env.user.name)
        else:
            body = self.env._("%(member)s approved the minutes.", member=self.env.user.name)
        self.message_post(body=body)
        return approval

    # ------------------------------------------------------------------ negotiation
    def _check_negotiation(self):
        """Approval needs the beneficiary's acceptance of an offer (the agreed amount) or a
        manager's reasoned waiver of the negotiation."""
        self.ensure_one()
        accepted = self.negotiation_ids.filtered(lambda n: n.answer == "accepted").sorted(
            lambda n: (n.date, n.id)
        )
        if accepted:
            if self.currency_id.compare_amounts(accepted[-1].offer, self.amount_agreed):
                raise UserError(
                    self.env._(
                        "%(compensation)s cannot be approved: the agreed amount differs from the offer "
                        "the beneficiary accepted (%(offer)s).",
                        compensation=self.name,
                        offer=accepted[-1].offer,
                    )
                )
            return
        if not self.negotiation_waived_by_id:
            raise UserError(
                self.env._(
                    "%(compensation)s cannot be approved: the beneficiary has not accepted an offer. Record "
                    "the negotiation round they accepted, or have a manager waive the negotiation with a reason.",
                    compensation=self.name,
                )
            )

    def action_waive_negotiation(self):
        """A manager records that the compensation is approved without negotiating with
        the beneficiary, for the reason written on the form."""
        if not (self.env.is_superuser() or self.env.user.has_group("beneficiary_relations.group_manager")):
            raise UserError(self.env._("Only a manager can waive the negotiation with the beneficiary."))
        for compensation in self:
            if compensation.state not in self._workflow_states_open:
                raise UserError(
                    self.env._(
                        "The negotiation of %(name)s can no longer be waived in its status.",
                        name=compensation.name,
                    )
                )
            if compensation.has_accepted_offer:
                raise UserError(
                    self.env._(
                        "The beneficiary accepted an offer on %(name)s: there is no negotiation to waive.",
                        name=compensation.name,
                    )
                )
            if not (compensation.negotiation_waiver_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write why the negotiation of %(name)s is waived before waiving it.",
                        name=compensation.name,
                    )
                )
        waived = self.filtered(lambda c: not c.negotiation_waived_by_id)
        waived._workflow_write(
            {"negotiation_waived_by_id": self.env.uid, "negotiation_waived_on": fields.Datetime.now()}
        )
        for compensation in waived:
            compensation.message_post(
                body=self.env._(
                    "%(user)s waived the negotiation with the beneficiary: %(reason)s",
                    user=self.env.user.name,
                    reason=compensation.negotiation_waiver_reason,
                )
            )
        return True

    def action_withdraw_waiver(self):
        if not (self.env.is_superuser() or self.env.user.has_group("beneficiary_relations.group_manager")):
            raise UserError(self.env._("Only a manager can withdraw the waiver of the negotiation."))
        withdrawn = self.filtered(
            lambda c: c.negotiation_waived_by_id and c.state in self._workflow_states_open
        )
        withdrawn._workflow_write({"negotiation_waived_by_id": False, "negotiation_waived_on": False})
        for compensation in withdrawn:
            compensation.message_post(body=self.env._("The waiver of the negotiation was withdrawn."))
        return True

    # ------------------------------------------------------------------ decision
    def action_reject(self):
        for compensation in self:
            if not (compensation.rejection_reason or "").strip():
                raise UserError(self.env._("Give the reason for rejecting %(name)s.", name=compensation.name))
        self.filtered(lambda c: c.state in self._workflow_states_open)._set_state("rejected")

    def action_cancel(self):
        for compensation in self:
            if compensation.state == "paid":
                raise UserError(
                    self.env._("%(name)s is paid: it cannot be cancelled.", name=compensation.name)
                )
            if compensation.state == "approved" and not (compensation.cancel_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason for cancelling the approved %(name)s.", name=compensation.name
                    )
                )
            if compensation.move_id and compensation.move_id.state != "cancel":
                raise UserError(
                    self.env._("Cancel the vendor bill of %(name)s first.", name=compensation.name)
                )
        self._set_state("cancelled")

    def action_create_bill(self):
        """One vendor bill to the beneficiary for the agreed amount, on the journal and
        expense account of the settings."""
        self._workflow_lock("nowait")
        moves = self.env["account.move"]
        for compensation in self:
            if compensation.state != "approved":
                raise UserError(
                    self.env._(
                        "Only an approved compensation can be billed (%(name)s).", name=compensation.name
                    )
                )
            if compensation.move_id and compensation.move_id.state != "cancel":
                raise UserError(
                    self.env._(
                        "%(name)s already has the vendor bill %(bill)s. Cancel it to make a new one.",
                        name=compensation.name,
                        bill=compensation.move_id.display_name,
                    )
                )
            company = compensation.company_id
            journal = company.beneficiary_compensation_journal_id
            account = company.beneficiary_compensation_account_id
            if not journal or not account:
                raise UserError(
                    self.env._(
                        "Choose the compensation journal and expense account in Beneficiary Relations settings first."
                    )
                )
            move = (
                self.env["account.move"]
                .with_company(company)
                .create(compensation._prepare_bill_vals(journal, account))
            )
            compensation._workflow_write({"move_id": move.id})
            compensation.message_post(
                body=self.env._("Vendor bill %(bill)s created.", bill=move.display_name)
            )
            moves |= move
        return (
            {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "view_mode": "form",
                "res_id": moves[:1].id,
            }
            if len(moves) == 1
            else True
        )

    def _prepare_bill_vals(self, journal, account):
        self.ensure_one()
        return {
            "move_type": "in_invoice",
            "partner_id": self.partner_id.id,
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "invoice_date": fields.Date.context_today(self),
            "ref": self.name,
            "beneficiary_compensation_id": self.id,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "name": self.env._("Compensation %(name)s", name=self.name),
                        "account_id": account.id,
                        "quantity": 1,
                        "price_unit": self.amount_agreed,
                        "tax_ids": [fields.Command.clear()],
                    }
                )
            ],
        }

    def _mark_paid(self):
        to_pay = self.filtered(lambda c: c.state == "approved")
        to_pay._set_state("paid", date_paid=fields.Datetime.now())
        for compensation in to_pay:
            compensation.message_post(
                body=self.env._("Paid through %(bill)s.", bill=compensation.move_id.display_name)
            )

    def action_view_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "form",
            "res_id": self.move_id.id,
        }

    # ------------------------------------------------------------
    # REPORT
    # ------------------------------------------------------------
    # What the settlement minutes of a compensation need.
    def _letter_lang(self):
        """The beneficiary's language, else the association's."""
        self.ensure_one()
        return self.partner_id.lang or self.company_id.partner_id.lang or self.env.lang or "en_US"

    def _report_signatories(self):
        """[(role, name)] of who signs the minutes: the investigation committee (chair
        first), or the manager who approved the compensation, then the beneficiary."""
        self.ensure_one()
        committee = self.investigation_committee_id
        signatories = []
        if committee:
            if committee.chair_id:
                signatories.append((self.env._("Chair of the Committee"), committee.chair_id.name))
            for member in committee.member_ids - committee.chair_id:
                signatories.append((self.env._("Committee Member"), member.name))
        else:
            signatories.append(
                (self.env._("For the Association"), self.approved_by_id.name or self.company_id.name)
            )
        signatories.append((self.env._("The Beneficiary"), self.beneficiary_id.name))
        return signatories

    def _report_evidence_names(self, attachments):
        """[(name, direction)] of the evidence files as the minutes list them: an Arabic
        file name reads right to left, without its extension ("محضر اللجنة", not
        "pdf.محضر اللجنة"); other names left to right, as they are."""
        names = []
        for attachment in attachments:
            name = attachment.name or ""
            if rtl_words.ARABIC.search(name):
                stem, dot, _extension = name.rpartition(".")
                names.append((stem if dot and stem else name, "rtl"))
            else:
                names.append((name, "ltr"))
        return names
