from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount, format_date

from ..lib import dates, hijri
from ..lib.actions import window_action
from ..lib.grouped import count_per
from ..lib.selection import selection_label
from .ir_qweb_field_count import count_text

# date.weekday() -> the program's boolean field for that day
WEEKDAY_FIELDS = (
    "session_mon",
    "session_tue",
    "session_wed",
    "session_thu",
    "session_fri",
    "session_sat",
    "session_sun",
)


# registrations in these states hold a seat of the program
SEAT_STATES = ("awaiting_payment", "confirmed")

# states in which an announced program shows on the public pages
PUBLIC_STATES = ("open", "running", "done", "reported")


class BeneficiaryProgram(models.Model):
    """A program or activity that beneficiaries register for (policy 002, «البرامج
    والأنشطة التي تتطلب تسجيل أو اشتراك»): announced with its conditions, open to an age
    range and target categories, with or without a personal interview and a fee."""

    _name = "beneficiary.program"
    _description = "Program"
    _inherit = ["beneficiary.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _workflow_states_open = ("draft", "open", "running")
    _workflow_states_closed = ("done", "reported")
    _workflow_protected_fields = ("state", "report_published_date")

    name = fields.Char(string="Program", required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Coordinator",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    domain_id = fields.Many2one("beneficiary.domain", string="Domain", check_company=True)
    state = fields.Selection(
        string="Status",
        selection=[
            ("draft", "Draft"),
            ("open", "Open for Registration"),
            ("running", "Running"),
            ("done", "Done"),
            ("reported", "Reported"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    announcement = fields.Html(
        sanitize=True,
        translate=True,
        help="The text published to beneficiaries: what the program offers and for whom.",
    )
    conditions = fields.Html(string="Registration Conditions", sanitize=True, translate=True)
    location = fields.Char(translate=True)

    # who may register
    category_ids = fields.Many2many(
        "beneficiary.category",
        string="Target Categories",
        check_company=True,
        help="Leave empty to open the program to beneficiaries of every category.",
    )
    target_gender = fields.Selection(
        [("all", "Men and Women"), ("male", "Men and Boys"), ("female", "Women and Girls")],
        string="Open To",
        required=True,
        default="all",
    )
    age_min = fields.Integer(
        string="Minimum Age",
        help="Age on the program's start date. 0 means no minimum.",
    )
    age_max = fields.Integer(
        string="Maximum Age",
        help="Age on the program's start date. 0 means no maximum.",
    )
    seats = fields.Integer(help="Number of participants the program can take. 0 means unlimited.")
    seats_taken = fields.Integer(
        compute="_compute_seats_taken",
        store=True,
        help="Registrations confirmed or awaiting the payment of their fee.",
    )
    seats_available = fields.Integer(compute="_compute_seats_available")
    interview_required = fields.Boolean(
        string="Personal Interview Required",
        help="Registrations are shortlisted and interviewed before they can be confirmed.",
    )
    require_motivation = fields.Boolean(
        string="Ask for a Motivation Statement",
        help="The registration form must say why the participant wants to join.",
    )
    require_id_copy = fields.Boolean(
        string="Ask for a Copy of the ID",
        help="The registration form must carry a copy of the participant's ID card.",
    )

    # fee
    fee_type = fields.Selection(
        [("free", "Free"), ("paid", "Subscription Fee")],
        string="Fee",
        required=True,
        default="free",
        tracking=True,
    )
    fee_amount = fields.Monetary(string="Fee Amount", tracking=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    fee_product_id = fields.Many2one(
        "product.product",
        string="Fee Product",
        default=lambda self: self.env.ref(
            "beneficiary_relations.product_program_fee", raise_if_not_found=False
        ),
        help="Product used on the fee invoices; its income account receives the fees.",
    )

    # dates and sessions
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    registration_deadline = fields.Date(
        help="Last day the portal accepts registrations. Leave empty to accept them while the "
        "program is open for registration."
    )
    session_sun = fields.Boolean(string="Sunday", default=True)
    session_mon = fields.Boolean(string="Monday", default=True)
    session_tue = fields.Boolean(string="Tuesday", default=True)
    session_wed = fields.Boolean(string="Wednesday", default=True)
    session_thu = fields.Boolean(string="Thursday", default=True)
    session_fri = fields.Boolean(string="Friday")
    session_sat = fields.Boolean(string="Saturday")
    session_hour_from = fields.Float(string="From")
    session_hour_to = fields.Float(string="To")
    session_ids = fields.One2many("beneficiary.program.session", "program_id", string="Session Days")
    session_count = fields.Integer(compute="_compute_session_count")

    registration_ids = fields.One2many(
        "beneficiary.program.registration", "program_id", string="Registrations"
    )
    registration_count = fields.Integer(compute="_compute_registration_count")
    attendance_rate = fields.Float(
        compute="_compute_attendance_rate",
        store=True,
        aggregator="avg",
        help="Share of the recorded attendances that were present. Excused absences are not "
        "counted against the participants.",
    )

    is_published = fields.Boolean(
        string="Report Published",
        compute="_compute_is_published",
        store=True,
        help="The program report can be downloaded by beneficiaries on the portal.",
    )
    report_published_date = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        ("seats_positive", "CHECK(seats >= 0)", "The number of seats cannot be negative."),
        (
            "ages_positive",
            "CHECK(age_min >= 0 AND age_max >= 0)",
            "The ages of a program cannot be negative.",
        ),
    ]

    @api.depends("registration_ids.state")
    def _compute_seats_taken(self):
        counts = count_per(
            self, "beneficiary.program.registration", "program_id", [("state", "in", SEAT_STATES)]
        )
        for program in self:
            program.seats_taken = counts.get(program, 0)

    @api.depends("seats", "seats_taken")
    def _compute_seats_available(self):
        for program in self:
            program.seats_available = max(program.seats - program.seats_taken, 0) if program.seats else 0

    def _compute_session_count(self):
        counts = count_per(self, "beneficiary.program.session", "program_id")
        for program in self:
            program.session_count = counts.get(program, 0)

    def _compute_registration_count(self):
        counts = count_per(self, "beneficiary.program.registration", "program_id")
        for program in self:
            program.registration_count = counts.get(program, 0)

    @api.depends("session_ids.attendance_ids.status")
    def _compute_attendance_rate(self):
        counts = {
            (program.id, status): count
            for program, status, count in self.env["beneficiary.program.attendance"]._read_group(
                [("program_id", "in", self.ids), ("status", "in", ("present", "absent"))],
                ["program_id", "status"],
                ["__count"],
            )
        }
        for program in self:
            present = counts.get((program.id, "present"), 0)
            counted = present + counts.get((program.id, "absent"), 0)
            program.attendance_rate = 100.0 * present / counted if counted else 0.0

    @api.depends("state")
    def _compute_is_published(self):
        for program in self:
            program.is_published = program.state == "reported"

    @api.constrains("date_start", "date_end", "registration_deadline")
    def _check_dates(self):
        for program in self:
            if program.date_start and program.date_end and program.date_end < program.date_start:
                raise ValidationError(
                    self.env._("The program %(program)s cannot end before it starts.", program=program.name)
                )
            if (
                program.registration_deadline
                and program.date_end
                and program.registration_deadline > program.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The registration deadline of %(program)s must be before the program ends.",
                        program=program.name,
                    )
                )

    @api.constrains("age_min", "age_max")
    def _check_ages(self):
        for program in self:
            if program.age_min and program.age_max and program.age_min > program.age_max:
                raise ValidationError(
                    self.env._(
                        "The minimum age of %(program)s (%(min)s) is above its maximum age (%(max)s).",
                        program=program.name,
                        min=program.age_min,
                        max=program.age_max,
                    )
                )

    @api.constrains("fee_type", "fee_amount")
    def _check_fee(self):
        for program in self:
            if program.fee_type == "paid" and program.fee_amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Enter the subscription fee of %(program)s, or mark the program as free.",
                        program=program.name,
                    )
                )

    @api.onchange("fee_type")
    def _onchange_fee_type(self):
        if self.fee_type == "free":
            self.fee_amount = 0.0

    # ------------------------------------------------------------------ actions

    def action_open_registration(self):
        self.filtered(lambda p: p.state == "draft")._set_state("open")

    def action_start(self):
        programs = self.filtered(lambda p: p.state in ("draft", "open"))
        programs._set_state("running")
        programs.filtered(lambda p: not p.session_ids).action_generate_sessions()

    def action_done(self):
        self.filtered(lambda p: p.state == "running")._set_state("done")

    def action_publish_report(self):
        programs = self.filtered(lambda p: p.state == "done")
        programs._set_state("reported", report_published_date=self.env.company._beneficiary_today())
        # a published report is on the association's website (policy 002, step 8)
        self.filtered(lambda p: p.state == "reported" and not p.website_published).website_published = True

    def action_unpublish_report(self):
        self.filtered(lambda p: p.state == "reported")._set_state("done", report_published_date=False)

    def action_reset_draft(self):
        self.filtered(lambda p: p.state == "open")._set_state("draft")

    def action_generate_sessions(self):
        """Create one session day per selected weekday between the start and end dates.

        Days that already have a session are kept as they are, so the action can be run
        again after the dates or weekdays change."""
        vals_list = []
        for program in self:
            weekdays = {index for index, name in enumerate(WEEKDAY_FIELDS) if program[name]}
            if not weekdays:
                raise UserError(
                    self.env._(
                        "Choose the days of the week the program %(program)s meets on.",
                        program=program.name,
                    )
                )
            existing = set(program.session_ids.mapped("date"))
            day = program.date_start
            while day <= program.date_end:
                if day.weekday() in weekdays and day not in existing:
                    vals_list.append({"program_id": program.id, "date": day})
                day += timedelta(days=1)
        return self.env["beneficiary.program.session"].create(vals_list)

    def _action_view_per_program(self, action_xmlid):
        """The list of ``action_xmlid`` (sessions, registrations) of these programs."""
        return window_action(
            self.env, action_xmlid, [("program_id", "in", self.ids)], {"default_program_id": self[:1].id}
        )

    def action_view_registrations(self):
        return self._action_view_per_program("beneficiary_relations.beneficiary_program_registration_action")

    def action_view_sessions(self):
        return self._action_view_per_program("beneficiary_relations.beneficiary_program_session_action")

    def action_print_report(self):
        return self.env.ref("beneficiary_relations.action_report_beneficiary_program").report_action(self)

    # ------------------------------------------------------------------ business methods

    def _check_seats(self, registrations):
        """Raise when giving a seat to ``registrations`` would exceed a program's seats.

        Counted in SQL after locking the programs' rows: the count sees every registration,
        whatever the user may read, and no concurrent transaction can take a seat meanwhile."""
        programs = registrations.program_id.filtered("seats")
        if not programs:
            return
        programs._workflow_lock("wait")
        self.env["beneficiary.program.registration"].flush_model(["program_id", "state"])
        self.env.cr.execute(
            SQL(
                "SELECT program_id, count(*) FROM beneficiary_program_registration "
                "WHERE program_id IN %s AND state IN %s AND id NOT IN %s GROUP BY program_id",
                tuple(programs.ids),
                SEAT_STATES,
                tuple(registrations.ids) or (0,),
            )
        )
        taken = dict(self.env.cr.fetchall())
        for program in programs:
            new = registrations.filtered(
                lambda r, p=program: r.program_id == p and r.state not in SEAT_STATES
            )
            if taken.get(program.id, 0) + len(new) > program.seats:
                raise ValidationError(
                    self.env._(
                        "%(program)s is full: all its seats are taken (%(seats)s). The registration "
                        "cannot be accepted unless a seat is freed or seats are added.",
                        program=program.name,
                        seats=count_text(self.env, program.seats, "seat"),
                    )
                )

    def _is_open_for_registration(self):
        self.ensure_one()
        today = self.company_id._beneficiary_today()
        return self.state == "open" and (
            not self.registration_deadline or today <= self.registration_deadline
        )

    def _weekday_names_text(self):
        """The session days as a list the reader's language writes: «الأحد، الاثنين»."""
        self.ensure_one()
        separator = "، " if (self.env.lang or "").startswith("ar") else ", "
        return separator.join(self._get_weekday_names())

    def _get_weekday_names(self):
        """The program's session days, in the week order of Saudi Arabia (Sunday first)."""
        self.ensure_one()
        order = (WEEKDAY_FIELDS[-1], *WEEKDAY_FIELDS[:-1])
        return [self._fields[name].get_description(self.env)["string"] for name in order if self[name]]

    def _age_group_text(self):
        """The ages the program accepts, the noun agreeing with the numbers: ``من 7 إلى 14
        سنة``, ``12 سنة فأكثر``, ``حتى سنتين``; empty for all ages."""
        self.ensure_one()
        if self.age_min and self.age_max:
            return self.env._(
                "from %(min)s to %(max)s",
                min=self.age_min,
                max=count_text(self.env, self.age_max, "year", case="oblique"),
            )
        if self.age_min:
            return self.env._("%(min)s and older", min=count_text(self.env, self.age_min, "year"))
        if self.age_max:
            return self.env._("up to %(max)s", max=count_text(self.env, self.age_max, "year", case="oblique"))
        return ""

    def _date_range_text(self):
        """``من 8 ديسمبر 2026 إلى 6 فبراير 2027``: the program's dates, months in letters."""
        self.ensure_one()
        return dates.format_range(self.date_start, self.date_end, self.env.lang or "en_US")

    def _get_report_participants(self):
        self.ensure_one()
        return self.registration_ids.filtered(lambda r: r.state == "confirmed").sorted(
            lambda r: r.beneficiary_id.name or ""
        )

    def _get_report_sessions_held(self):
        self.ensure_one()
        return len(self.session_ids.filtered(lambda s: s.state == "done"))

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Program Report - %(program)s", program=self.name)

    # ------------------------------------------------------------------ portal

    @api.model
    def _get_portal_beneficiaries(self):
        """Files the current portal user may register: the people among the files they
        may act for (their own, and those of the members of the families they head)."""
        files = self.env["beneficiary.beneficiary"]._portal_acting_files()
        return files.filtered(lambda beneficiary: beneficiary.kind == "individual")

    def _portal_register(self, beneficiary, form):
        """Register ``beneficiary`` from the portal form values ``form`` and submit it.

        The current user must be allowed to register this beneficiary (their own file or a
        member of a family they head); the registration is then created and submitted as
        superuser, since portal users may not write registrations themselves. Only the
        form's fields are taken from ``form``."""
        self.ensure_one()
        self.check_access("read")
        if beneficiary not in self._get_portal_beneficiaries():
            raise UserError(self.env._("You can only register yourself or the members of your family."))
        if not self._is_open_for_registration():
            raise UserError(self.env._("%(program)s is not open for registration.", program=self.name))
        registration_model = self.env["beneficiary.program.registration"]
        vals = {
            name: registration_model._portal_form_value(name, form[name])
            for name in registration_model._get_portal_form_fields()
            if form.get(name)
        }
        vals.update(program_id=self.id, beneficiary_id=beneficiary.id)
        registration_sudo = registration_model.sudo().create(vals)
        registration_sudo._workflow_write({"source": "portal"})
        registration_sudo.action_submit()
        return registration_sudo.with_env(self.env)

    # ------------------------------------------------------------
    # EVALUATION
    # ------------------------------------------------------------
    # The program's evaluation form («استمارة تقييم البرنامج»), sent to the participants
    # when the program ends (policy 002, step 7), and its results for the program report.
    survey_id = fields.Many2one(
        "survey.survey",
        string="Evaluation Form",
        domain=[("survey_type", "in", ("survey", "custom"))],
        help="Survey sent to the participants when the program ends.",
    )
    evaluation_sent_date = fields.Datetime(string="Evaluation Sent On", readonly=True, copy=False)
    evaluation_invited_count = fields.Integer(
        string="Evaluation Invitations", compute="_compute_evaluation_stats", compute_sudo=True
    )
    evaluation_answer_count = fields.Integer(
        string="Evaluation Answers", compute="_compute_evaluation_stats", compute_sudo=True
    )
    evaluation_satisfaction = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_evaluation_stats",
        compute_sudo=True,
        help="Average of the answers to the rating-scale questions, from 0 (lowest) to 100 (highest).",
    )

    @api.depends("survey_id", "registration_ids.evaluation_input_id.state")
    def _compute_evaluation_stats(self):
        for program in self:
            inputs = program.registration_ids.evaluation_input_id
            done = inputs.filtered(lambda answer: answer.state == "done")
            program.evaluation_invited_count = len(inputs)
            program.evaluation_answer_count = len(done)
            program.evaluation_satisfaction = program._get_satisfaction(done)

    def action_send_evaluation(self):
        """Invite every confirmed participant to answer the program's evaluation form."""
        self.ensure_one()
        if self.state not in ("running", "done"):
            raise UserError(self.env._("The evaluation form is sent when the program is running or done."))
        if not self.survey_id:
            raise UserError(self.env._("Choose the evaluation form of %(program)s first.", program=self.name))
        registrations = self.registration_ids.filtered(lambda r: r.state == "confirmed")
        if not registrations:
            raise UserError(
                self.env._("%(program)s has no confirmed participant to evaluate it.", program=self.name)
            )
        self.survey_id.check_validity()
        partners = registrations.partner_id
        invite = (
            self.env["survey.invite"]
            .with_context(default_email_layout_xmlid="mail.mail_notification_light")
            .create(
                {
                    "survey_id": self.survey_id.id,
                    "partner_ids": [fields.Command.set(partners.ids)],
                    "template_id": self.env.ref("survey.mail_template_user_input_invite").id,
                    "existing_mode": "resend",
                }
            )
        )
        invite.action_invite()
        answers = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey_id.id), ("partner_id", "in", partners.ids)],
            order="create_date desc, id desc",
        )
        answer_by_partner = {}
        for answer in answers:
            answer_by_partner.setdefault(answer.partner_id, answer)
        for registration in registrations:
            registration._workflow_write(
                {
                    "evaluation_input_id": answer_by_partner.get(
                        registration.partner_id, self.env["survey.user_input"]
                    ).id
                }
            )
        self.evaluation_sent_date = fields.Datetime.now()
        self.message_post(
            body=self.env._(
                "Evaluation form sent to %(participants)s.",
                participants=count_text(self.env, len(registrations), "participant", case="oblique"),
            )
        )
        return True

    @api.model
    def _get_satisfaction(self, answers):
        """Average of the rating-scale answers of ``answers``, as 0-100."""
        lines = answers.user_input_line_ids.filtered(
            lambda line: line.answer_type == "scale" and not line.skipped
        )
        scores = []
        for line in lines:
            question = line.question_id
            span = question.scale_max - question.scale_min
            if span > 0:
                scores.append(100.0 * (line.value_scale - question.scale_min) / span)
        return sum(scores) / len(scores) if scores else 0.0

    def _get_evaluation_summary(self):
        """Per-question results of the evaluation form, for the program report.

        Only averages and counts leave this method, never who answered what; it reads the
        survey answers as superuser once the caller's access to the program is checked."""
        self.ensure_one()
        self.check_access("read")
        program_sudo = self.sudo()
        answers = program_sudo.registration_ids.evaluation_input_id.filtered(lambda a: a.state == "done")
        summary = []
        for question in program_sudo.survey_id.question_ids.filtered(
            lambda q: q.question_type in ("scale", "numerical_box")
        ):
            lines = answers.user_input_line_ids.filtered(
                lambda line, q=question: line.question_id == q and not line.skipped
            )
            values = [
                line.value_scale if question.question_type == "scale" else line.value_numerical_box
                for line in lines
            ]
            summary.append(
                {
                    "question": question.title,
                    "answers": len(values),
                    "average": sum(values) / len(values) if values else 0.0,
                    "scale_max": question.scale_max if question.question_type == "scale" else False,
                }
            )
        return summary

    # ------------------------------------------------------------
    # PUBLIC
    # ------------------------------------------------------------
    # The program on the association's public pages (policy 002: «نشر إعلان البرنامج
    # مرفق معه استمارة التسجيل متضمنة الشروط» and «نشر تقرير البرنامج في موقع الجمعية»):
    # the announcement with its conditions while registration is open, then the published
    # report's figures. No personal data leaves: no participant, no coordinator.
    website_published = fields.Boolean(
        string="Announced on the Website",
        tracking=True,
        copy=False,
        help="The program is shown on the public page /programs (no login) from the opening of its "
        "registration; its report too once published.",
    )
    criterion_ids = fields.One2many(
        "beneficiary.program.criterion",
        "program_id",
        string="Admission Conditions",
        copy=True,
        help="Checked one by one at the personal interview; announced on the public page.",
    )

    def _public_fee(self, currency):
        """The fee as the visitor's language writes it: ``150.00 ر.س`` in Arabic, not the
        ``SR`` of Odoo's riyal."""
        fee = format_amount(self.env, self.fee_amount, currency)
        symbol = currency._beneficiary_symbol(self.env.lang)
        return fee.replace(currency.symbol, symbol) if currency.symbol and symbol != currency.symbol else fee

    def _get_public_domain(self):
        return [("website_published", "=", True), ("state", "in", PUBLIC_STATES)]

    def _get_public_values(self):
        """What the public page of the program shows, as plain values: the announcement,
        its conditions, and once the report is published its figures (counts and rates,
        never who took part). The caller has checked that the visitor may read the
        program; its configuration records are read as superuser for their names only."""
        self.ensure_one()
        self.check_access("read")
        program_sudo = self.sudo()
        lang = self.env.lang or "en_US"
        if self.age_min and self.age_max:
            ages = self.env._("from %(min)s to %(max)s years", min=self.age_min, max=self.age_max)
        elif self.age_min:
            ages = self.env._("%(min)s years and older", min=self.age_min)
        elif self.age_max:
            ages = self.env._("up to %(max)s years", max=self.age_max)
        else:
            ages = False
        values = {
            "dates": [
                {
                    "gregorian": format_date(self.env, day, date_format="dd/MM/yyyy"),
                    "hijri": hijri.format_hijri(day, lang=lang),
                }
                for day in (self.date_start, self.date_end)
            ],
            "deadline": self.registration_deadline
            and format_date(self.env, self.registration_deadline, date_format="dd/MM/yyyy"),
            "ages": ages,
            "gender": selection_label(self, "target_gender", self.target_gender),
            "categories": program_sudo.category_ids.mapped("name"),
            "fee": self.fee_type == "paid" and self._public_fee(program_sudo.company_id.currency_id),
            "seats_left": self.seats and self.seats_available,
            "criteria": [
                {
                    "name": criterion.name,
                    "description": criterion.description,
                    "mandatory": criterion.mandatory,
                }
                for criterion in program_sudo.criterion_ids
            ],
            "interview": self.interview_required,
            "is_open": self._is_open_for_registration(),
            "report": False,
        }
        if self.is_published:
            values["report"] = {
                "published_on": format_date(self.env, self.report_published_date, date_format="dd/MM/yyyy"),
                "participants": len(program_sudo._get_report_participants()),
                "sessions": program_sudo._get_report_sessions_held(),
                "attendance": round(self.attendance_rate),
                "satisfaction": program_sudo.evaluation_answer_count
                and round(program_sudo.evaluation_satisfaction),
                "answers": program_sudo.evaluation_answer_count,
            }
        return values
