import logging

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib import dates
from ..lib.actions import window_action
from ..lib.outside_text import file_name
from ..lib.selection import selection_label, selection_labels
from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, TEXT_LIMIT
from .ir_qweb_field_count import count_text

ADULT_AGE = 18


ACTIVE_STATES = ("draft", "submitted", "shortlisted", "interviewed", "awaiting_payment", "confirmed")

_logger = logging.getLogger(__name__)


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
    _workflow_notification_templates = {
        "interview": (
            "beneficiary_relations.mail_template_program_interview_invitation",
            "beneficiary_relations.sms_template_program_interview",
        ),
        "call": (
            "beneficiary_relations.mail_template_program_complete_registration",
            "beneficiary_relations.sms_template_program_call_confirmed",
        ),
        "receipt": (
            "beneficiary_relations.mail_template_program_receipt",
            "beneficiary_relations.sms_template_program_receipt",
        ),
    }
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
            registration.update(registration.attendance_ids._attendance_figures())

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
        registrations._workflow_notify("interview")
        # the interview's checklist: the program's conditions, copied on the registration
        shortlisted = self.filtered(lambda r: r.state == "shortlisted" and not r.interview_line_ids)
        self.env["beneficiary.program.interview.line"].create(
            [
                {
                    "registration_id": registration.id,
                    "criterion_id": criterion.id,
                    "sequence": criterion.sequence,
                    "name": criterion.name,
                    "mandatory": criterion.mandatory,
                }
                for registration in shortlisted
                for criterion in registration.program_id.criterion_ids
            ]
        )
        return True

    def action_interview_pass(self):
        shortlisted = self.filtered(lambda r: r.state == "shortlisted")
        shortlisted._check_checklist_answered()
        for registration in shortlisted:
            unmet = registration._get_unmet_conditions()
            if unmet:
                raise UserError(
                    self.env._(
                        "%(beneficiary)s does not meet %(conditions)s: the interview is failed, not passed.",
                        beneficiary=registration.beneficiary_id.name,
                        conditions=", ".join(unmet.mapped("name")),
                    )
                )
        shortlisted._record_interviewer()
        shortlisted._set_state("interviewed", interview_result="passed")
        return True

    def action_interview_fail(self):
        shortlisted = self.filtered(lambda r: r.state == "shortlisted")
        for registration in shortlisted:
            unmet = registration._get_unmet_conditions()
            if unmet and not (registration.rejection_reason or "").strip():
                registration.rejection_reason = registration._get_unmet_reason(unmet)
        shortlisted._record_interviewer()
        for registration in shortlisted:
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
        registrations._workflow_notify("call")
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

    # ------------------------------------------------------------------ notifications
    def _notify_recipient(self):
        """The participant, reached on the registration's contact mobile (a minor's is
        their guardian's)."""
        self.ensure_one()
        return self.env["beneficiary.notification"]._recipient(
            self.beneficiary_id, mobile=self.mobile or self.beneficiary_id.mobile
        )

    def _notify_templates(self, kind):
        mail_xmlid, sms_xmlid = super()._notify_templates(kind)
        if kind == "interview" and self.interview_date:
            sms_xmlid = "beneficiary_relations.sms_template_program_interview_date"
        elif kind == "call" and self.state == "awaiting_payment":
            sms_xmlid = "beneficiary_relations.sms_template_program_call_fee"
        return mail_xmlid, sms_xmlid

    def _notify_officer(self):
        return super()._notify_officer() or self.program_id.user_id

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Receipt Voucher - %(number)s", number=self.receipt_number or self.name)

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------
    # The conditions a registration must meet (policy 002, steps 2 and 3, and the
    # personal interview of the programs that require one): one registration per
    # participant, a complete form, an age within the program's age group on its start
    # date, a targeted category and gender, and for confirmation a passed interview and a
    # paid fee.
    def _check_not_registered(self, pairs):
        """Refuse ``(program_id, beneficiary_id)`` pairs that already have an active
        registration other than ``self``, before writing them.

        Checked before the insert so the user reads this message rather than the unique
        index's, which stays as the guard against concurrent registrations."""
        if not pairs:
            return
        seen = set()
        for pair in pairs:
            if pair in seen:
                self._raise_already_registered(*pair)
            seen.add(pair)
        # sudo: the other registration may belong to a category the user does not serve;
        # only its existence is reported, with names the user already sees.
        others_sudo = self.sudo().search(
            [
                ("program_id", "in", list({program for program, _beneficiary in pairs})),
                ("beneficiary_id", "in", list({beneficiary for _program, beneficiary in pairs})),
                ("state", "in", ACTIVE_STATES),
                ("id", "not in", self.ids),
            ]
        )
        taken = {(r.program_id.id, r.beneficiary_id.id) for r in others_sudo}
        for pair in pairs:
            if pair in taken:
                self._raise_already_registered(*pair)

    @api.model
    def _raise_already_registered(self, program_id, beneficiary_id):
        raise ValidationError(
            self.env._(
                "%(beneficiary)s is already registered in %(program)s.",
                beneficiary=self.env["beneficiary.beneficiary"].browse(beneficiary_id).sudo().name,
                program=self.env["beneficiary.program"].browse(program_id).sudo().name,
            )
        )

    @api.model
    def _get_portal_form_fields(self):
        """Fields of the registration form a beneficiary fills on the portal."""
        return [
            "mobile",
            "guardian_name",
            "guardian_phone",
            "guardian_relation",
            "motivation",
            "id_copy",
            "id_copy_filename",
        ]

    @api.model
    def _portal_form_value(self, name, value):
        """A value of the portal form as it may be stored: texts plain and bounded, a
        choice among the field's own, a file name without folders or invisible marks (the
        file itself is checked by the controller)."""
        field = self._fields[name]
        texts = self.env["beneficiary.portal.mixin"]
        label = field.get_description(self.env)["string"]
        if field.type == "binary":
            return value
        if name == "id_copy_filename":
            return file_name(value)
        if field.type == "selection":
            choices = selection_labels(self, name)
            if value not in choices:
                raise ValidationError(self.env._("Choose %(field)s from the list.", field=label))
            return value
        return texts._portal_text(value, label, LONG_TEXT_LIMIT if field.type == "text" else TEXT_LIMIT)

    def _get_missing_form_fields(self):
        """Labels of the registration form's required answers that are missing."""
        self.ensure_one()
        required = ["mobile"]
        if self.is_minor:
            required += ["guardian_name", "guardian_phone"]
        if self.program_id.require_motivation:
            required.append("motivation")
        if self.program_id.require_id_copy:
            required.append("id_copy")
        missing = []
        for name in required:
            value = self[name]
            if isinstance(value, str):
                value = value.strip()
            if not value:
                missing.append(self._fields[name].get_description(self.env)["string"])
        return missing

    def _check_eligibility(self):
        """Raise a clear error when the participant cannot join the program: form
        incomplete, age outside the target age group on the start date, category or gender
        not targeted, or file suspended."""
        for registration in self:
            program = registration.program_id
            beneficiary = registration.beneficiary_id
            if beneficiary.state in ("suspended", "archived"):
                raise UserError(
                    self.env._(
                        "The file of %(beneficiary)s is %(state)s: reactivate it before registering.",
                        beneficiary=beneficiary.name,
                        state=selection_label(beneficiary, "state", beneficiary.state),
                    )
                )
            missing = registration._get_missing_form_fields()
            if missing:
                raise ValidationError(
                    self.env._(
                        "The registration form of %(beneficiary)s is incomplete. Please fill in: %(fields)s.",
                        beneficiary=beneficiary.name,
                        fields=", ".join(missing),
                    )
                )
            registration._check_age()
            if program.category_ids and beneficiary.category_id not in program.category_ids:
                raise ValidationError(
                    self.env._(
                        "%(program)s is for the categories %(categories)s; "
                        "%(beneficiary)s belongs to %(category)s.",
                        program=program.name,
                        categories=", ".join(program.category_ids.mapped("name")),
                        beneficiary=beneficiary.name,
                        category=beneficiary.category_id.name,
                    )
                )
            if program.target_gender not in ("all", beneficiary.gender):
                raise ValidationError(
                    self.env._(
                        "%(program)s is open to %(target)s only.",
                        program=program.name,
                        target=selection_label(program, "target_gender", program.target_gender),
                    )
                )

    def _check_age(self):
        self.ensure_one()
        program = self.program_id
        if not (program.age_min or program.age_max):
            return
        if not self.beneficiary_id.birth_date:
            raise ValidationError(
                self.env._(
                    "%(program)s is for a given age group: add the birth date of %(beneficiary)s "
                    "to their file first.",
                    program=program.name,
                    beneficiary=self.beneficiary_id.name,
                )
            )
        age = self.age_at_start
        too_young = program.age_min and age < program.age_min
        too_old = program.age_max and age > program.age_max
        if not (too_young or too_old):
            return
        values = {
            "beneficiary": self.beneficiary_id.name,
            "program": program.name,
            "age": count_text(self.env, age, "year", case="oblique"),
            "date": dates.format_day(program.date_start, self.env.lang or "en_US"),
            "allowed": program._age_group_text(),
        }
        if too_young:
            message = self.env._(
                "%(beneficiary)s is too young for %(program)s: %(age)s old on its start date "
                "(%(date)s), and the program accepts ages %(allowed)s.",
                **values,
            )
        else:
            message = self.env._(
                "%(beneficiary)s is too old for %(program)s: %(age)s old on its start date "
                "(%(date)s), and the program accepts ages %(allowed)s.",
                **values,
            )
        raise ValidationError(message)

    def _check_can_confirm(self):
        for registration in self:
            if registration.program_id.interview_required and registration.interview_result != "passed":
                raise UserError(
                    self.env._(
                        "%(program)s requires a personal interview: %(beneficiary)s can be confirmed "
                        "only after passing it.",
                        program=registration.program_id.name,
                        beneficiary=registration.beneficiary_id.name,
                    )
                )
            if registration.fee_type == "paid" and registration.payment_state not in ("paid", "in_payment"):
                raise UserError(
                    self.env._(
                        "The subscription fee of %(beneficiary)s is not paid yet: the registration is "
                        "confirmed when its invoice is paid.",
                        beneficiary=registration.beneficiary_id.name,
                    )
                )

    # ------------------------------------------------------------
    # FEE
    # ------------------------------------------------------------
    # The subscription fee of a registration: its invoice, and the receipt voucher
    # («سند القبض») issued when the invoice is paid (policy 002, steps 4 and 5).
    fee_type = fields.Selection(related="program_id.fee_type")
    fee_amount = fields.Monetary(related="program_id.fee_amount")
    currency_id = fields.Many2one(related="program_id.currency_id")
    invoice_ids = fields.One2many(
        "account.move",
        "beneficiary_program_registration_id",
        string="Fee Invoices",
        groups="account.group_account_invoice",
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Fee Invoice",
        compute="_compute_invoice_id",
        store=True,
        index="btree_not_null",
    )
    payment_state = fields.Selection(related="invoice_id.payment_state", string="Payment Status")
    receipt_number = fields.Char(string="Receipt Voucher", readonly=True, copy=False, index="btree_not_null")
    receipt_date = fields.Date(string="Receipt Date", readonly=True, copy=False)
    receipt_amount = fields.Monetary(string="Amount Received", readonly=True, copy=False)

    @api.depends("invoice_ids.state")
    def _compute_invoice_id(self):
        for registration in self:
            invoices = registration.invoice_ids.filtered(lambda move: move.state != "cancel")
            registration.invoice_id = invoices.sorted("id", reverse=True)[:1]

    def _get_sale_journal(self):
        self.ensure_one()
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [*self.env["account.journal"]._check_company_domain(self.company_id), ("type", "=", "sale")],
                limit=1,
            )
        )
        if not journal:
            raise UserError(
                self.env._(
                    "%(company)s has no sales journal: set up Invoicing (its chart of accounts) before "
                    "invoicing program fees.",
                    company=self.company_id.name,
                )
            )
        return journal

    def _prepare_invoice_vals(self):
        self.ensure_one()
        program = self.program_id
        product = program.fee_product_id or self.env.ref(
            "beneficiary_relations.product_program_fee", raise_if_not_found=False
        )
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "journal_id": self._get_sale_journal().id,
            "currency_id": program.currency_id.id,
            "invoice_origin": self.name,
            "beneficiary_program_registration_id": self.id,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "product_id": product.id if product else False,
                        "name": self.env._(
                            "Subscription fee: %(program)s - %(beneficiary)s",
                            program=program.name,
                            beneficiary=self.beneficiary_id.name,
                        ),
                        "quantity": 1.0,
                        "price_unit": program.fee_amount,
                        "tax_ids": [fields.Command.clear()],
                    }
                )
            ],
        }

    def action_create_invoice(self):
        """Invoice the subscription fee to the participant, once.

        The officer handling the registration may not be an accountant: once their right
        to edit the registration is checked, the invoice is created and posted as superuser
        from the program's fee alone."""
        self.check_access("write")
        for registration in self:
            if registration.state != "awaiting_payment":
                raise UserError(
                    self.env._(
                        "Only registrations awaiting payment are invoiced (%(registration)s is not).",
                        registration=registration.display_name,
                    )
                )
        self._workflow_lock("wait")
        registrations_sudo = self.sudo()
        registrations_sudo.invalidate_recordset(["invoice_ids"])
        for registration in registrations_sudo:
            current = registration.invoice_ids.filtered(lambda move: move.state != "cancel")
            if current:
                raise UserError(
                    self.env._(
                        "The fee of %(registration)s is already invoiced (%(invoice)s). Cancel that "
                        "invoice first to issue another one.",
                        registration=registration.display_name,
                        invoice=current[0].name,
                    )
                )
        invoices_sudo = (
            self.env["account.move"]
            .sudo()
            .create([registration._prepare_invoice_vals() for registration in registrations_sudo])
        )
        invoices_sudo.action_post()
        for registration, invoice in zip(self, invoices_sudo, strict=True):
            registration.message_post(
                body=self.env._("Fee invoice %(invoice)s issued.", invoice=invoice.name)
            )
        if len(invoices_sudo) == 1 and invoices_sudo.with_env(self.env).has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "res_id": invoices_sudo.id,
                "view_mode": "form",
            }
        return True

    def action_view_invoices(self):
        self.ensure_one()
        return window_action(
            self.env,
            "account.action_move_out_invoice_type",
            [("beneficiary_program_registration_id", "=", self.id)],
            {"default_move_type": "out_invoice", "create": False},
        )

    def _cancel_unpaid_invoices(self):
        invoices_sudo = self.sudo().invoice_ids.filtered(
            lambda move: (
                move.state != "cancel" and move.payment_state not in ("paid", "in_payment", "partial")
            )
        )
        posted = invoices_sudo.filtered(lambda move: move.state == "posted")
        posted.button_draft()
        invoices_sudo.button_cancel()

    def _on_fee_paid(self):
        """The fee invoice is paid: confirm the registration (its seat is already held)
        and issue the receipt voucher. Called as superuser from the payment; does nothing
        twice."""
        to_confirm = self.filtered(lambda r: r.state == "awaiting_payment")
        to_confirm._set_state("confirmed", confirmed_date=fields.Datetime.now())
        for registration in self.filtered(lambda r: r.state not in ("awaiting_payment", "confirmed")):
            registration.message_post(
                body=self.env._(
                    "The fee was paid although the registration is %(state)s: refund it with a credit note "
                    "if needed.",
                    state=registration._state_label(),
                )
            )
        self.filtered(lambda r: not r.receipt_number)._issue_receipt()

    def _issue_receipt(self):
        sequence = self.env["ir.sequence"]
        today = self.env.company._beneficiary_today()
        for registration in self:
            invoice = registration.invoice_id
            registration._workflow_write(
                {
                    "receipt_number": sequence.next_by_code("beneficiary.program.receipt"),
                    "receipt_date": today,
                    "receipt_amount": invoice.amount_total if invoice else registration.fee_amount,
                }
            )
        self._send_receipt_safely()

    def _send_receipt_safely(self):
        """E-mail the receipt vouchers without ever blocking the payment that issued them:
        when the voucher cannot be rendered or sent, the staff is told on the registration
        to print it instead."""
        for registration in self:
            try:
                with self.env.cr.savepoint():
                    registration._workflow_notify("receipt")
            except (UserError, OSError) as error:
                _logger.warning("Receipt voucher %s not e-mailed: %s", registration.receipt_number, error)
                registration.message_post(
                    body=self.env._(
                        "The receipt voucher %(number)s could not be e-mailed; print it and hand it "
                        "over to the beneficiary.",
                        number=registration.receipt_number,
                    )
                )

    def action_print_receipt(self):
        registrations = self.filtered("receipt_number")
        if not registrations:
            raise UserError(
                self.env._("No receipt voucher was issued yet: it is issued when the fee is paid.")
            )
        return self.env.ref("beneficiary_relations.action_report_program_receipt").report_action(
            registrations
        )

    def action_send_receipt(self):
        self.filtered("receipt_number")._workflow_notify("receipt")
        return True

    # ------------------------------------------------------------
    # INTERVIEW
    # ------------------------------------------------------------
    # The personal interview with the checklist of the program's admission conditions
    # (policy 002): the conditions are copied on the registration when it is shortlisted,
    # the interviewer answers each, and the interview is passed only when every mandatory
    # one is met; otherwise it fails, with the conditions not met as the reason.
    interview_line_ids = fields.One2many(
        "beneficiary.program.interview.line", "registration_id", string="Interview Checklist", copy=False
    )

    def _get_unanswered_conditions(self):
        self.ensure_one()
        return self.interview_line_ids.filtered(lambda line: not line.result)

    def _get_unmet_conditions(self):
        self.ensure_one()
        return self.interview_line_ids.filtered(lambda line: line.mandatory and line.result == "not_met")

    def _check_checklist_answered(self):
        for registration in self:
            unanswered = registration._get_unanswered_conditions()
            if unanswered:
                raise UserError(
                    self.env._(
                        "Answer every admission condition of the interview of %(beneficiary)s first "
                        "(not answered: %(conditions)s).",
                        beneficiary=registration.beneficiary_id.name,
                        conditions=", ".join(unanswered.mapped("name")),
                    )
                )

    def action_interview_conclude(self):
        """Conclude the interviews from their checklists: passed when every mandatory
        condition is met, failed otherwise with the conditions not met as the reason."""
        shortlisted = self.filtered(lambda r: r.state == "shortlisted")
        shortlisted._check_checklist_answered()
        failed = shortlisted.filtered(lambda r: r._get_unmet_conditions())
        for registration in failed:
            registration.rejection_reason = registration._get_unmet_reason(
                registration._get_unmet_conditions()
            )
        failed.action_interview_fail()
        (shortlisted - failed).action_interview_pass()
        return True

    def _get_unmet_reason(self, unmet):
        return self.env._(
            "Did not meet the program's admission conditions at the interview: %(conditions)s.",
            conditions=", ".join(unmet.mapped("name")),
        )

    def _record_interviewer(self):
        """Who interviewed and when, if not written before the interview."""
        now = fields.Datetime.now()
        for registration in self:
            vals = {}
            if not registration.interviewer_id:
                vals["interviewer_id"] = self.env.uid
            if not registration.interview_date:
                vals["interview_date"] = now
            if vals:
                registration.write(vals)
