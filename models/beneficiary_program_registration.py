import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib import dates

ADULT_AGE = 18
ACTIVE_STATES = ("draft", "submitted", "shortlisted", "interviewed", "awaiting_payment", "confirmed")


class BeneficiaryProgramRegistration(models.Model):
    """A beneficiary's registration form for a program, from submission to confirmation.

    Policy 002: the form must be complete, the participant's age must fit the program's
    target age group, programs with a personal interview shortlist and interview the
    applicants before calling the accepted ones to complete their registration, and the
    subscription fee (if any) is paid against a receipt voucher."""

    _name = "beneficiary.program.registration"
    _description = "Program Registration"
    _inherit = [
        "beneficiary.workflow.mixin",
        "beneficiary.personal.data.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "beneficiary_id", "program_id"]
    _workflow_states_open = ACTIVE_STATES[:-1]
    _workflow_states_decided = ("confirmed", "rejected")
    _workflow_states_closed = ("rejected", "cancelled")
    # a rejected or cancelled form may be reset to draft and submitted again
    _workflow_states_deletable = ("draft",)
    _workflow_sequence_code = "beneficiary.program.registration"
    _workflow_protected_fields = (
        "state",
        "source",
        "submitted_date",
        "confirmed_date",
        "interview_result",
        "evaluation_input_id",
        "receipt_number",
        "receipt_date",
        "receipt_amount",
    )
    _personal_fields = (
        "mobile", "guardian_name", "guardian_phone", "motivation", "interview_notes", "rejection_reason",
        "id_copy_filename",
    )  # fmt: skip
    _personal_export_key = "program_registrations"
    _personal_export_fields = (
        "name", "program_id", "state", "submitted_date", "confirmed_date", "mobile", "guardian_name",
        "guardian_phone", "motivation",
    )  # fmt: skip

    name = fields.Char(string="Reference", readonly=True, copy=False, index="trigram")
    program_id = fields.Many2one(
        "beneficiary.program",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        string="Participant",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain=[("kind", "=", "individual")],
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    category_id = fields.Many2one(related="beneficiary_id.category_id", store=True, index=True)
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    state = fields.Selection(
        string="Status",
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("shortlisted", "Shortlisted for Interview"),
            ("interviewed", "Interview Passed"),
            ("awaiting_payment", "Awaiting Payment"),
            ("confirmed", "Confirmed"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    source = fields.Selection(
        [("backend", "Association Staff"), ("portal", "Portal")],
        string="Registered Through",
        required=True,
        default="backend",
        readonly=True,
    )
    submitted_date = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    confirmed_date = fields.Datetime(string="Confirmed On", readonly=True, copy=False)

    # registration form
    mobile = fields.Char(
        string="Contact Mobile",
        compute="_compute_mobile",
        store=True,
        readonly=False,
        precompute=True,
    )
    guardian_name = fields.Char(string="Guardian Name")
    guardian_phone = fields.Char(string="Guardian Mobile")
    guardian_relation = fields.Selection(
        [
            ("father", "Father"),
            ("mother", "Mother"),
            ("brother", "Brother"),
            ("sister", "Sister"),
            ("other", "Other Relative"),
        ],
        string="Guardian Relation",
    )
    motivation = fields.Text(string="Why do you want to join?")
    id_copy = fields.Binary(string="Copy of the ID", attachment=True, copy=False)
    id_copy_filename = fields.Char()
    age_at_start = fields.Integer(
        string="Age on Start Date",
        compute="_compute_age_at_start",
        store=True,
    )
    is_minor = fields.Boolean(compute="_compute_age_at_start", store=True)

    # interview
    interview_required = fields.Boolean(related="program_id.interview_required")
    interview_date = fields.Datetime(tracking=True, copy=False)
    interviewer_id = fields.Many2one(
        "res.users", string="Interviewer", domain=[("share", "=", False)], copy=False
    )
    interview_result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")],
        tracking=True,
        copy=False,
    )
    interview_notes = fields.Text(copy=False)
    rejection_reason = fields.Char(tracking=True, copy=False)

    # attendance
    attendance_ids = fields.One2many("beneficiary.program.attendance", "registration_id", string="Attendance")
    present_count = fields.Integer(string="Present", compute="_compute_attendance", store=True)
    absent_count = fields.Integer(string="Absent", compute="_compute_attendance", store=True)
    excused_count = fields.Integer(string="Excused", compute="_compute_attendance", store=True)
    attendance_rate = fields.Float(
        compute="_compute_attendance",
        store=True,
        aggregator="avg",
        help="Share of the recorded sessions the participant attended. Excused absences are not "
        "counted against them.",
    )

    # evaluation
    evaluation_input_id = fields.Many2one(
        "survey.user_input", string="Evaluation Answer", readonly=True, copy=False
    )
    evaluation_state = fields.Selection(related="evaluation_input_id.state", string="Evaluation Status")

    @api.depends("beneficiary_id", "guardian_phone")
    def _compute_mobile(self):
        for registration in self:
            if registration.mobile:
                continue
            beneficiary = registration.beneficiary_id
            registration.mobile = (
                beneficiary.mobile
                or beneficiary.phone
                or beneficiary.family_id.family_head_id.mobile
                or registration.guardian_phone
            )

    @api.depends("beneficiary_id.birth_date", "program_id.date_start")
    def _compute_age_at_start(self):
        for registration in self:
            birth_date = registration.beneficiary_id.birth_date
            start = registration.program_id.date_start
            if birth_date and start and birth_date <= start:
                registration.age_at_start = relativedelta(start, birth_date).years
                registration.is_minor = registration.age_at_start < ADULT_AGE
            else:
                registration.age_at_start = 0
                registration.is_minor = False

    @api.depends("attendance_ids.status")
    def _compute_attendance(self):
        for registration in self:
            statuses = registration.attendance_ids.mapped("status")
            present = statuses.count("present")
            absent = statuses.count("absent")
            registration.present_count = present
            registration.absent_count = absent
            registration.excused_count = statuses.count("excused")
            registration.attendance_rate = 100.0 * present / (present + absent) if present + absent else 0.0

    @api.constrains("beneficiary_id")
    def _check_beneficiary_kind(self):
        for registration in self:
            if registration.beneficiary_id.kind != "individual":
                raise ValidationError(
                    self.env._(
                        "%(beneficiary)s is not an individual: programs are registered for persons.",
                        beneficiary=registration.beneficiary_id.name,
                    )
                )

    def init(self):
        # guard against two concurrent registrations of one beneficiary in one program
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS beneficiary_program_registration_active_uniq "
                "ON beneficiary_program_registration (program_id, beneficiary_id) "
                "WHERE state NOT IN ('rejected', 'cancelled')"
            )
        )

    @api.model
    def _prepare_normalized_vals(self, vals):
        vals = dict(vals)
        Beneficiary = self.env["beneficiary.beneficiary"]
        for name in ("mobile", "guardian_phone"):
            if vals.get(name):
                vals[name] = Beneficiary._normalize_mobile(vals[name])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        vals_list = [self._prepare_normalized_vals(vals) for vals in vals_list]
        self._check_not_registered(
            [
                (vals.get("program_id"), vals.get("beneficiary_id"))
                for vals in vals_list
                if vals.get("state", "draft") in ACTIVE_STATES
            ]
        )
        return super().create(vals_list)

    def write(self, vals):
        vals = self._prepare_normalized_vals(vals)
        if {"program_id", "beneficiary_id", "state"} & set(vals):
            self._check_not_registered(
                [
                    (vals.get("program_id", r.program_id.id), vals.get("beneficiary_id", r.beneficiary_id.id))
                    for r in self
                    if vals.get("state", r.state) in ACTIVE_STATES
                    and (
                        r.state not in ACTIVE_STATES
                        or vals.get("program_id", r.program_id.id) != r.program_id.id
                        or vals.get("beneficiary_id", r.beneficiary_id.id) != r.beneficiary_id.id
                    )
                ]
            )
        return super().write(vals)

    @api.model
    def _workflow_sequence_company(self, vals):
        program = self.env["beneficiary.program"].browse(vals.get("program_id"))
        return program.company_id or self.env.company

    @api.depends("name", "beneficiary_id")
    def _compute_display_name(self):
        for registration in self:
            parts = [registration.name, registration.beneficiary_id.name]
            registration.display_name = " - ".join(part for part in parts if part)

    # ------------------------------------------------------------------ workflow

    def action_submit(self):
        """Submit the registration form. Programs without an interview move on at once to
        the payment of the fee, or to confirmation when they are free."""
        registrations = self.filtered(lambda r: r.state == "draft")
        for registration in registrations:
            if not registration.program_id._is_open_for_registration():
                raise UserError(
                    self.env._(
                        "%(program)s is not open for registration.",
                        program=registration.program_id.name,
                    )
                )
        registrations._check_eligibility()
        direct = registrations.filtered(lambda r: not r.program_id.interview_required)
        # checked before anything is written, so a full program leaves the form as it was
        direct.program_id._check_seats(direct)
        registrations._set_state("submitted", submitted_date=fields.Datetime.now())
        direct._accept()
        return True

    def action_shortlist(self):
        registrations = self.filtered(lambda r: r.state == "submitted" and r.program_id.interview_required)
        registrations._set_state("shortlisted")
        registrations._notify_with_template(
            "beneficiary_relations.mail_template_program_interview_invitation"
        )
        return True

    def action_interview_pass(self):
        self.filtered(lambda r: r.state == "shortlisted")._set_state("interviewed", interview_result="passed")
        return True

    def action_interview_fail(self):
        for registration in self.filtered(lambda r: r.state == "shortlisted"):
            registration._set_state(
                "rejected",
                interview_result="failed",
                rejection_reason=registration.rejection_reason
                or self.env._("Did not meet the program's conditions in the personal interview."),
            )
        return True

    def action_call_to_complete(self):
        """Call the applicants who passed their interview to complete their registration:
        pay the fee, or be confirmed at once when the program is free."""
        registrations = self.filtered(lambda r: r.state == "interviewed")
        registrations._accept()
        registrations._notify_with_template(
            "beneficiary_relations.mail_template_program_complete_registration"
        )
        return True

    def action_confirm(self):
        registrations = self.filtered(
            lambda r: r.state in ("submitted", "shortlisted", "interviewed", "awaiting_payment")
        )
        registrations._check_can_confirm()
        registrations.program_id._check_seats(registrations)
        registrations._set_state("confirmed", confirmed_date=fields.Datetime.now())
        return True

    def action_reject(self):
        registrations = self.filtered(
            lambda r: r.state in ("submitted", "shortlisted", "interviewed", "awaiting_payment")
        )
        if any(not (r.rejection_reason or "").strip() for r in registrations):
            raise UserError(self.env._("Write the reason for the rejection first."))
        registrations._cancel_unpaid_invoices()
        registrations._set_state("rejected")
        return True

    def action_cancel(self):
        registrations = self.filtered(lambda r: r.state in ACTIVE_STATES)
        registrations._cancel_unpaid_invoices()
        registrations._set_state("cancelled")
        return True

    def action_reset_draft(self):
        self.filtered(lambda r: r.state in ("rejected", "cancelled"))._set_state(
            "draft", interview_result=False, rejection_reason=False
        )
        return True

    def _accept(self):
        """Hold a seat for accepted applicants: confirmed at once for free programs,
        awaiting the payment of their fee otherwise."""
        if not self:
            return
        self.program_id._check_seats(self)
        paid = self.filtered(lambda r: r.fee_type == "paid")
        paid._set_state("awaiting_payment")
        (self - paid)._set_state("confirmed", confirmed_date=fields.Datetime.now())

    def _interview_date_text(self):
        """The interview's day and time as the association gives them: ``8 ديسمبر 2026،
        الساعة 10:00`` (its time zone, no seconds)."""
        self.ensure_one()
        if not self.interview_date:
            return ""
        tz = self.company_id._beneficiary_tz()
        local = pytz.utc.localize(self.interview_date).astimezone(pytz.timezone(tz))
        return self.env._(
            "%(day)s at %(time)s",
            day=dates.format_day(local.date(), self.env.lang or "en_US"),
            time=local.strftime("%H:%M"),
        )

    def _notify_with_template(self, xmlid):
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return
        for registration in self:
            registration.message_post_with_source(
                template,
                email_layout_xmlid="mail.mail_notification_light",
                subtype_xmlid="mail.mt_comment",
                **registration.company_id._beneficiary_sender_values(),
            )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Receipt Voucher - %(number)s", number=self.receipt_number or self.name)
