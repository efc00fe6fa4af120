from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

# the three mechanisms of the eligibility policy, in the order they are usually done
ELIGIBILITY_METHODS = [
    ("document_check", "Document Check"),
    ("interview", "Personal Interview"),
    ("field_visit", "Field Visit"),
]
ELIGIBILITY_RESULTS = [("eligible", "Eligible"), ("not_eligible", "Not Eligible")]


class BeneficiaryEligibilityAssessment(models.Model):
    """One check of whether the beneficiary of a request meets the conditions of the
    service: a document check, a personal interview or a field visit, with its checklist
    of criteria, the sources used, the assessor's result and recommendation. Once
    concluded it is kept as it is, for the committee and for audit."""

    _name = "beneficiary.eligibility.assessment"
    _description = "Eligibility Assessment"
    _inherit = [
        "beneficiary.workflow.mixin",
        "beneficiary.personal.data.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date desc, id desc"
    _workflow_states_open = ("draft",)
    _workflow_states_decided = ("done",)
    _workflow_states_closed = ("done", "cancel")
    _workflow_sequence_code = "beneficiary.eligibility.assessment"
    _workflow_protected_fields = ("state", "date_done")
    _personal_fields = ("findings", "recommendation", "visit_address")
    _personal_export_key = "eligibility_assessments"
    _personal_export_fields = (
        "name", "request_id", "method", "state", "date", "result", "recommendation", "visit_address", "findings",
    )  # fmt: skip

    name = fields.Char(string="Reference", readonly=True, copy=False, index="trigram")
    request_id = fields.Many2one(
        "beneficiary.service.request",
        string="Service Request",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True, precompute=True)
    beneficiary_id = fields.Many2one(related="request_id.beneficiary_id", store=True, index=True)
    category_id = fields.Many2one(related="request_id.category_id", store=True)
    service_type_id = fields.Many2one(related="request_id.service_type_id", store=True)
    method = fields.Selection(ELIGIBILITY_METHODS, required=True, tracking=True)
    method_required = fields.Boolean(
        string="Required by the Service",
        compute="_compute_method_required",
        help="The service type requires this method before its requests are decided.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Concluded"), ("cancel", "Cancelled")],
        string="Status",
        required=True,
        default="draft",
        copy=False,
        index=True,
        tracking=True,
    )
    assessor_id = fields.Many2one(
        "res.users", string="Assessor", required=True, default=lambda self: self.env.user, tracking=True
    )
    date = fields.Date(
        string="Assessment Date",
        required=True,
        default=lambda self: self.env.company._beneficiary_today(),
        tracking=True,
        help="The day the documents were checked, the interview held or the visit made.",
    )
    date_done = fields.Datetime(string="Concluded On", readonly=True, copy=False)
    line_ids = fields.One2many(
        "beneficiary.eligibility.assessment.line",
        "assessment_id",
        string="Checklist",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    source_ids = fields.Many2many(
        "beneficiary.eligibility.source",
        "beneficiary_eligibility_assessment_source_rel",
        "assessment_id",
        "source_id",
        string="Sources Used",
        help="Where the information the assessment relies on comes from.",
    )
    findings = fields.Html(
        sanitize=True,
        sanitize_overridable=False,
        help="What was seen and heard: interview notes, the visit report, remarks on the documents.",
    )
    proposed_result = fields.Selection(
        ELIGIBILITY_RESULTS,
        string="Checklist Proposal",
        compute="_compute_proposed_result",
        help="Eligible when every mandatory criterion is met. Only a proposal: the assessor decides.",
    )
    result = fields.Selection(ELIGIBILITY_RESULTS, tracking=True, copy=False)
    recommendation = fields.Text(
        tracking=True,
        help="What the assessor recommends to the committee. Required when the beneficiary is found "
        "not eligible, or when the result differs from the checklist's proposal.",
    )
    visit_address = fields.Text(
        string="Address Visited",
        compute="_compute_visit_address",
        store=True,
        readonly=False,
        precompute=True,
    )
    visit_photo_ids = fields.Many2many(
        "ir.attachment",
        "beneficiary_eligibility_assessment_photo_rel",
        "assessment_id",
        "attachment_id",
        string="Visit Photos",
    )

    @api.depends("method", "request_id.service_type_id")
    def _compute_method_required(self):
        for assessment in self:
            service = assessment.request_id.service_type_id
            assessment.method_required = bool(
                assessment.method
                and service
                and assessment.method in service._get_required_eligibility_methods()
            )

    @api.depends("request_id", "method")
    def _compute_line_ids(self):
        """Copy the criteria of the service type for this method (as an onchange would):
        answered lines of criteria that still apply and lines added by hand are kept."""
        for assessment in self:
            if assessment.state != "draft":
                continue
            criteria = assessment.request_id.service_type_id.eligibility_criterion_ids.filtered(
                lambda c, method=assessment.method: method and c.method in (False, method)
            )
            lines = assessment.line_ids
            obsolete = lines.filtered(
                lambda line, kept=criteria: line.criterion_id and line.criterion_id not in kept
            )
            commands = [Command.unlink(line.id) for line in obsolete]
            commands += [
                Command.create({"criterion_id": criterion.id}) for criterion in criteria - lines.criterion_id
            ]
            assessment.line_ids = commands

    @api.depends("line_ids.met", "line_ids.mandatory")
    def _compute_proposed_result(self):
        for assessment in self:
            mandatory = assessment.line_ids.filtered("mandatory")
            if any(line.met == "no" for line in mandatory):
                assessment.proposed_result = "not_eligible"
            elif mandatory and all(line.met == "yes" for line in mandatory):
                assessment.proposed_result = "eligible"
            else:
                assessment.proposed_result = False

    @api.depends("method", "request_id")
    def _compute_visit_address(self):
        for assessment in self:
            if assessment.method != "field_visit" or assessment.visit_address or assessment.state != "draft":
                continue
            partner = assessment.request_id.beneficiary_id.partner_id
            address = partner._display_address(without_company=True) if partner else ""
            assessment.visit_address = "\n".join(
                part.strip() for part in address.splitlines() if part.strip()
            )

    @api.constrains("visit_photo_ids")
    def _check_visit_photos(self):
        for assessment in self:
            others = assessment.visit_photo_ids.filtered(
                lambda a: not (a.mimetype or "").startswith("image/")
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "Only images can be kept as visit photos: %(files)s.",
                        files=", ".join(others.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        assessments = super().create(vals_list)
        assessments._link_visit_photos()
        return assessments

    def write(self, vals):
        res = super().write(vals)
        if vals.get("visit_photo_ids"):
            self._link_visit_photos()
        return res

    @api.model
    def _workflow_sequence_company(self, vals):
        request = self.env["beneficiary.service.request"].browse(vals.get("request_id"))
        return request.company_id or self.env.company

    def _workflow_check_frozen(self, field_names):
        locked = self.filtered(lambda a: a.state != "draft")
        if locked and field_names - self._get_fields_open_when_locked():
            raise UserError(
                self.env._(
                    "%(assessments)s is concluded or cancelled: it is kept as it is. "
                    "Start a new assessment if something has changed.",
                    assessments=", ".join(locked.mapped("name")),
                )
            )

    @api.model
    def _get_fields_open_when_locked(self):
        """Fields of the chatter and activities, still written on a concluded assessment."""
        return set(self.env["mail.thread"]._fields) | set(self.env["mail.activity.mixin"]._fields)

    def _link_visit_photos(self):
        """Attach uploaded photos to the assessment, so that whoever may read the
        assessment may see them (an attachment of no record is only its uploader's)."""
        for assessment in self:
            loose = assessment.visit_photo_ids.filtered(lambda a: not a.res_id)
            if loose:
                loose.write({"res_model": self._name, "res_id": assessment.id})

    # ------------------------------------------------------------------ checks
    def _get_conclusion_blockers(self):
        """What still prevents concluding the assessment, as sentences for the user."""
        self.ensure_one()
        blockers = []
        unanswered = self.line_ids.filtered(lambda line: not line.met)
        if unanswered:
            blockers.append(
                self.env._(
                    "criteria not checked yet: %(criteria)s", criteria=", ".join(unanswered.mapped("name"))
                )
            )
        if not self.source_ids:
            blockers.append(self.env._("the sources used are not given"))
        if self.method == "field_visit" and not (self.visit_address or "").strip():
            blockers.append(self.env._("the address visited is missing"))
        if not self.result:
            blockers.append(self.env._("the result (eligible or not eligible) is not chosen"))
        elif not (self.recommendation or "").strip():
            if self.result == "not_eligible":
                blockers.append(self.env._("a 'not eligible' result needs the recommendation explaining it"))
            elif self.proposed_result and self.result != self.proposed_result:
                blockers.append(
                    self.env._(
                        "the result differs from the checklist's proposal: explain why in the recommendation"
                    )
                )
        return blockers

    # ------------------------------------------------------------------ actions
    def action_done(self):
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    self.env._(
                        "%(assessment)s is not a draft: it cannot be concluded.", assessment=assessment.name
                    )
                )
            blockers = assessment._get_conclusion_blockers()
            if blockers:
                raise UserError(
                    self.env._(
                        "%(assessment)s cannot be concluded yet: %(blockers)s.",
                        assessment=assessment.name,
                        blockers="; ".join(blockers),
                    )
                )
        self._set_state("done", date_done=fields.Datetime.now())

    def action_cancel(self):
        concluded = self.filtered(lambda a: a.state == "done")
        if concluded and not (
            self.env.is_superuser() or self.env.user.has_group("beneficiary_relations.group_manager")
        ):
            raise UserError(self.env._("Only a manager can cancel a concluded assessment."))
        decided = concluded.filtered(lambda a: a.request_id.state in a.request_id._workflow_states_decided)
        if decided:
            raise UserError(
                self.env._(
                    "%(assessments)s supported the decision on its request: it cannot be cancelled.",
                    assessments=", ".join(decided.mapped("name")),
                )
            )
        self.filtered(lambda a: a.state != "cancel")._set_state("cancel")

    @api.model
    def _demo_conclude(self, assessment_ids, results, unmet_criterion_ids=()):
        """Demo data: answer the checklist (met, but for the criteria given), then conclude."""
        for assessment, result in zip(self.browse(assessment_ids), results, strict=True):
            for line in assessment.line_ids:
                line.met = "no" if line.criterion_id.id in unmet_criterion_ids else "yes"
            assessment.result = result
            assessment.action_done()
