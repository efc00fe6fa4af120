from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.sql import create_index

from ..lib import dates, hijri
from .beneficiary_workflow_mixin import workflow_method
from .resource_calendar import WorkingCalendar

SLA_RUNNING = ("on_track", "at_risk")


class BeneficiarySlaMixin(models.AbstractModel):
    """A response deadline counted in working days on the company's calendar, paused
    while waiting for the beneficiary, and escalated along the ladder when passed.

    The model using it starts the clock (``_sla_start``), stops it at the decision
    (``_sla_stop``), may pause and resume it, and says who is responsible
    (``_sla_responsible_user``) and which committee is involved
    (``_sla_committee``). ``_cron_check_sla`` flags breaches and escalates, once each.
    """

    _name = "beneficiary.sla.mixin"
    _inherit = "beneficiary.workflow.mixin"
    _description = "Working-Day Deadline and Escalation"
    # the clock is the application's: written by the methods below only
    _workflow_protected_fields = (
        "sla_start_date",
        "sla_days",
        "sla_deadline",
        "sla_at_risk_date",
        "sla_status",
        "sla_paused_since",
        "sla_paused_days",
        "sla_stop_date",
        "sla_breached_on",
        "escalation_level",
        "sla_working_days_used",
        "sla_in_time",
    )
    _sla_applies_to = "request"
    _sla_batch_size = 1000
    # count calendar days instead of working days (legal deadlines such as the 30 days
    # of the personal data protection law)
    _sla_calendar_days = False

    sla_start_date = fields.Datetime(string="Clock Started On", readonly=True, copy=False)
    sla_days = fields.Integer(string="Deadline (working days)", readonly=True, copy=False)
    sla_deadline = fields.Datetime(string="Deadline", readonly=True, copy=False, index=True, tracking=True)
    sla_deadline_hijri = fields.Char(string="Deadline (Hijri)", compute="_compute_sla_deadline_hijri")
    sla_deadline_display = fields.Char(
        string="Deadline (Hijri and Gregorian)",
        compute="_compute_sla_deadline_hijri",
        help="The deadline's date in the association's time zone and the reader's language: "
        "Hijri then Gregorian in Arabic, as the policies write dates.",
    )
    sla_at_risk_date = fields.Datetime(string="At Risk From", readonly=True, copy=False, index=True)
    sla_status = fields.Selection(
        [
            ("on_track", "On Track"),
            ("at_risk", "At Risk"),
            ("breached", "Breached"),
            ("met", "Met"),
            ("on_hold", "On Hold"),
        ],
        string="Deadline Status",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    sla_paused_since = fields.Datetime(string="On Hold Since", readonly=True, copy=False)
    sla_paused_days = fields.Integer(
        string="Working Days on Hold",
        readonly=True,
        copy=False,
        help="Working days the clock was paused while waiting for the beneficiary.",
    )
    sla_stop_date = fields.Datetime(string="Clock Stopped On", readonly=True, copy=False)
    sla_breached_on = fields.Datetime(string="Breach Flagged On", readonly=True, copy=False)
    escalation_level = fields.Integer(readonly=True, copy=False, default=0, tracking=True, index=True)
    sla_days_left = fields.Integer(string="Working Days Left", compute="_compute_sla_days_left")
    sla_working_days_used = fields.Integer(
        string="Working Days to Decision",
        readonly=True,
        copy=False,
        aggregator="avg",
    )
    sla_in_time = fields.Integer(
        string="Decided in Time (%)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="100 when decided within the deadline, 0 otherwise; averages give the share in time.",
    )

    def init(self):
        """Partial indexes for the cron, chosen from ``make bench`` (README, Performance):
        with 300,000 requests the plain indexes on ``sla_deadline`` and
        ``sla_at_risk_date`` also walk the decided requests, and a pass with nothing new
        took seconds. Only running clocks are indexed here."""
        super().init()
        if self._abstract:
            return
        table = self._table
        create_index(
            self.env.cr,
            f"{table}__sla_open_deadline_index",
            table,
            ["sla_deadline", "id"],
            where="sla_stop_date IS NULL",
        )
        create_index(
            self.env.cr,
            f"{table}__sla_on_track_at_risk_index",
            table,
            ["sla_at_risk_date"],
            where="sla_status = 'on_track'",
        )

    @api.depends("sla_deadline")
    @api.depends_context("lang")
    def _compute_sla_deadline_hijri(self):
        calendars = self._sla_calendars()
        lang = self.env.lang or "en_US"
        for record in self:
            if record.sla_deadline:
                day = calendars[record._sla_company().id].local_date(record.sla_deadline)
                record.sla_deadline_hijri = hijri.format_hijri(day, lang=lang)
                record.sla_deadline_display = record._sla_format_deadline(calendars[record._sla_company().id])
            else:
                record.sla_deadline_hijri = False
                record.sla_deadline_display = False

    @api.depends("sla_deadline", "sla_status", "sla_paused_since")
    def _compute_sla_days_left(self):
        now = fields.Datetime.now()
        calendars = self._sla_calendars()
        for record in self:
            if record.sla_deadline and record.sla_status in (*SLA_RUNNING, "on_hold"):
                calendar = calendars[record._sla_company().id]
                if record.sla_deadline >= now:
                    record.sla_days_left = calendar.count(now, record.sla_deadline)
                else:
                    record.sla_days_left = -calendar.count(record.sla_deadline, now)
            else:
                record.sla_days_left = 0

    # ------------------------------------------------------------------ hooks
    def _sla_company(self):
        return self.company_id if "company_id" in self._fields and self.company_id else self.env.company

    def _sla_responsible_user(self):
        """The officer answering for this record (first escalation rung)."""
        return self.env["res.users"]

    def _sla_committee(self):
        return self.env["beneficiary.committee"]

    def _sla_record_label(self):
        return self.display_name

    def _notify_officer(self):
        # the officer answering for the record follows its messages up
        return self._sla_responsible_user() or super()._notify_officer()

    def _notify_deadline(self):
        # the messages are counted against the record's response deadline
        return self.sla_deadline or None

    # ------------------------------------------------------------------ clock
    def _sla_calendars(self):
        """{company id: WorkingCalendar} for the companies of these records."""
        companies = self.env["res.company"]
        for record in self:
            companies |= record._sla_company()
        if not companies:
            companies = self.env.company
        result = {}
        for company in companies:
            calendar = company.sudo()._get_beneficiary_calendar()
            if self._sla_calendar_days:
                result[company.id] = WorkingCalendar(range(7), (), calendar.tz, 23.99)
            else:
                result[company.id] = calendar._beneficiary_working_calendar()
        return result

    def _sla_calendars_for(self, company):
        return self.with_company(company).browse()._sla_calendars()[company.id]

    @workflow_method
    def _sla_start(self, days, at_risk_days=0, start=None):
        start = start or fields.Datetime.now()
        calendars = self._sla_calendars()
        for record in self:
            calendar = calendars[record._sla_company().id]
            deadline = calendar.add(start, days)
            at_risk = calendar.at_risk_from(deadline, at_risk_days)
            record.write(
                {
                    "sla_start_date": start,
                    "sla_days": days,
                    "sla_deadline": deadline,
                    "sla_at_risk_date": at_risk,
                    "sla_paused_days": 0,
                    "sla_paused_since": False,
                    "sla_stop_date": False,
                    "sla_breached_on": False,
                    "escalation_level": 0,
                    "sla_status": self._sla_running_status(deadline, at_risk, start),
                }
            )

    @api.model
    def _sla_running_status(self, deadline, at_risk_date, now):
        if now > deadline:
            return "breached"
        if at_risk_date and now >= at_risk_date:
            return "at_risk"
        return "on_track"

    @workflow_method
    def _sla_stop(self, stop=None):
        """Stop the clock (the decision is made): met when on time, breached otherwise."""
        stop = stop or fields.Datetime.now()
        calendars = self._sla_calendars()
        for record in self.filtered(lambda r: r.sla_start_date and not r.sla_stop_date):
            if record.sla_paused_since:
                record._sla_resume(now=stop)
            calendar = calendars[record._sla_company().id]
            in_time = stop <= record.sla_deadline and record.sla_status != "breached"
            used = max(calendar.count(record.sla_start_date, stop) - record.sla_paused_days, 0)
            record.write(
                {
                    "sla_stop_date": stop,
                    "sla_status": "met" if in_time else "breached",
                    "sla_working_days_used": used,
                    "sla_in_time": 100 if in_time else 0,
                }
            )

    @workflow_method
    def _sla_pause(self, now=None):
        now = now or fields.Datetime.now()
        self.filtered(lambda r: r.sla_status in SLA_RUNNING).write(
            {"sla_paused_since": now, "sla_status": "on_hold"}
        )

    @workflow_method
    def _sla_resume(self, now=None):
        """Resume the clock: the working days spent on hold push the deadline back."""
        now = now or fields.Datetime.now()
        calendars = self._sla_calendars()
        for record in self.filtered("sla_paused_since"):
            calendar = calendars[record._sla_company().id]
            paused_days = record.sla_paused_days + calendar.count(record.sla_paused_since, now)
            deadline = calendar.add(record.sla_start_date, record.sla_days + paused_days)
            at_risk = calendar.at_risk_from(deadline, record._sla_at_risk_days())
            record.write(
                {
                    "sla_paused_since": False,
                    "sla_paused_days": paused_days,
                    "sla_deadline": deadline,
                    "sla_at_risk_date": at_risk,
                    "sla_status": self._sla_running_status(deadline, at_risk, now),
                }
            )

    @workflow_method
    def _sla_cancel(self):
        """The record is cancelled: a running or paused clock no longer counts."""
        self.filtered(lambda r: r.sla_status in (*SLA_RUNNING, "on_hold")).write({"sla_status": False})

    def _sla_at_risk_days(self):
        return 0

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_check_sla(self, batch_size=None):
        """Flag new breaches and climb the escalation ladder, each exactly once.

        In a cron job, one batch is processed per call and progress is reported so that
        Odoo calls again (committing in between); called directly, it runs to the end.
        """
        batch_size = batch_size or self._sla_batch_size
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        total_done = 0
        while True:
            done, remaining = self._sla_process_batch(batch_size)
            total_done += done
            if in_cron:
                self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
                return
            if not remaining or not done:
                return

    @api.model
    def _sla_process_batch(self, batch_size):
        now = fields.Datetime.now()
        done = 0
        # 1. breaches
        breached = self._sla_lock(
            self.search(self._sla_due_domain(now), limit=batch_size, order="sla_deadline, id")
        )
        if breached:
            breached._sla_flag_breach(now)
            done += len(breached)
        # 2. at risk (cheap, no notification)
        left = batch_size - done
        if left > 0:
            at_risk = self.search(
                [("sla_status", "=", "on_track"), ("sla_at_risk_date", "<=", now)],
                limit=left,
            )
            at_risk = self._sla_lock(at_risk)
            at_risk.with_context(mail_notrack=True)._workflow_write({"sla_status": "at_risk"})
            done += len(at_risk)
        # 3. escalation, rung by rung
        levels = self._sla_escalation_levels()
        for company_id, company_levels in levels.items():
            calendar = None
            for level in company_levels:
                left = batch_size - done
                if left <= 0:
                    break
                if calendar is None:
                    calendar = self.browse()._sla_calendars_for(self.env["res.company"].browse(company_id))
                cutoff = calendar.cutoff(now, level.days_after_deadline)
                due = self._sla_lock(
                    self.search(
                        self._sla_escalation_domain(company_id, level, cutoff),
                        limit=left,
                        order="sla_deadline, id",
                    )
                )
                if due:
                    due._sla_escalate(level)
                    done += len(due)
        remaining = 0
        if done >= batch_size:
            remaining = self.search_count(self._sla_due_domain(now)) or 1
        return done, remaining

    @api.model
    def _sla_due_domain(self, now):
        """Running clocks past their deadline (the stop date condition lets PostgreSQL use
        the partial index of open clocks)."""
        return [
            ("sla_status", "in", SLA_RUNNING),
            ("sla_stop_date", "=", False),
            ("sla_deadline", "<", now),
        ]

    @api.model
    def _sla_escalation_domain(self, company_id, level, cutoff):
        domain = [
            ("sla_status", "=", "breached"),
            ("sla_stop_date", "=", False),
            ("escalation_level", "<", level.level),
            ("sla_deadline", "<", cutoff),
        ]
        if "company_id" in self._fields:
            domain.append(("company_id", "=", company_id))
        return domain

    @api.model
    def _sla_escalation_levels(self):
        """{company id: escalation levels in ascending order} for this kind of record."""
        levels = (
            self.env["beneficiary.escalation.level"]
            .sudo()
            .search([("applies_to", "in", ("all", self._sla_applies_to))], order="company_id, level")
        )
        result = {}
        for level in levels:
            result.setdefault(level.company_id.id, self.env["beneficiary.escalation.level"].sudo())
            result[level.company_id.id] |= level
        return result

    def _sla_lock(self, records):
        """Lock the rows to process so that two cron workers never notify twice; rows
        locked by another worker are left to it."""
        return records._workflow_lock("skip")

    @workflow_method
    def _sla_flag_breach(self, now):
        records = self.filtered(lambda r: r.sla_status in SLA_RUNNING and r.sla_deadline < now)
        if not records:
            return
        # the message below tells the breach: no tracking message besides it (one message
        # per record instead of two, the cron's main cost at scale)
        records.with_context(mail_notrack=True).write({"sla_status": "breached", "sla_breached_on": now})
        # the calendars once for the batch, not once per record
        calendars = records._sla_calendars()
        bodies = {}
        for record in records:
            with_lang = record.with_context(lang=record._sla_notification_lang())
            bodies[record.id] = Markup("<p>%s</p>") % with_lang.env._(
                "The response deadline (%(deadline)s) has passed without a decision.",
                deadline=record._sla_format_deadline(calendars[record._sla_company().id]),
            )
        records._message_log_batch(bodies=bodies)

    @workflow_method
    def _sla_escalate(self, level):
        records = self.filtered(lambda r: r.escalation_level < level.level and r.sla_status == "breached")
        if not records:
            return
        # the escalation message below is the record of it: no tracking message besides
        records.with_context(mail_notrack=True).write({"escalation_level": level.level})
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_vals = []
        bodies = {}
        for record in records:
            users = record._sla_escalation_users(level)
            lang = record._sla_notification_lang()
            level_name = level.with_context(lang=lang).name
            bodies[record.id] = Markup("<p>%s</p>") % record.with_context(lang=lang).env._(
                "Escalated to %(level)s (level %(number)s): %(users)s.",
                level=level_name,
                number=level.level,
                users=", ".join(users.mapped("name")) or "-",
            )
            for user in users:
                activity_vals.append(
                    {
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "activity_type_id": todo.id,
                        "user_id": user.id,
                        "date_deadline": record._sla_company()._beneficiary_local_date(),
                        "summary": record.with_context(lang=user.lang).env._(
                            "Deadline passed: %(record)s", record=record._sla_record_label()
                        ),
                    }
                )
        records._message_log_batch(bodies=bodies)
        if activity_vals:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                activity_vals
            )

    @api.model
    def _sla_managers(self):
        """The module's managers (top management), looked up once per transaction."""
        group = (
            self.env["res.groups"]
            .sudo()
            .browse(self.env["ir.model.data"]._xmlid_to_res_id("beneficiary_relations.group_manager"))
        )
        return group.users.filtered(lambda u: not u.share and u.id != 1)

    def _sla_escalation_users(self, level):
        self.ensure_one()
        if level.notify == "responsible":
            users = self._sla_responsible_user()
        elif level.notify == "committee_chair":
            users = self._sla_committee().chair_id or self._sla_responsible_user()
        elif level.notify == "managers":
            users = self._sla_managers().filtered(lambda u: self._sla_company() in u.company_ids)
        else:
            users = level.user_ids
        return users.filtered("active")

    def _sla_notification_lang(self):
        company = self._sla_company()
        return company.partner_id.lang or self.env.lang or "en_US"

    def _sla_format_deadline(self, calendar=None):
        self.ensure_one()
        if not self.sla_deadline:
            return ""
        calendar = calendar or self._sla_calendars()[self._sla_company().id]
        day = calendar.local_date(self.sla_deadline)
        lang = self.env.lang or "en_US"
        if lang.startswith("ar"):
            # Arabic letters write the Gregorian date as day/month/year
            gregorian = day.strftime("%d/%m/%Y")
        else:
            gregorian = day.strftime(self.env["res.lang"]._get_data(code=lang).date_format or "%m/%d/%Y")
        # the policies write the Hijri date first: "6 رجب 1448 هـ الموافق 15/12/2026 م"
        return dates.format_hijri_first(day, gregorian, lang)
