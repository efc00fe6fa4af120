from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..lib import dates, hijri
from .beneficiary_workflow_mixin import workflow_method

SLA_RUNNING = ("on_track", "at_risk")
SLA_OPEN = (*SLA_RUNNING, "on_hold")
# records named one by one in a summary activity; its link lists them all
SUMMARY_NAMED = 50


class BeneficiarySlaMixin(models.AbstractModel):
    """A response deadline counted in working days on the company's calendar, paused
    while waiting for the beneficiary, and escalated along the ladder when passed.

    The model using it starts the clock (``_sla_start``), stops it at the decision
    (``_sla_stop``) or when the record is withdrawn (``_sla_cancel``), may pause and
    resume it, and says who is responsible (``_sla_responsible_user``) and which
    committee is involved (``_sla_committee``). Only these methods write the SLA fields.

    ``_cron_check_sla`` flags breaches and climbs the ladder, each exactly once: in a
    pass, each record gets one message for its breach and all the rungs it climbs, and
    each person notified gets one summary activity per rung, on the rung, listing the
    records with a link to them (``<table>_action_sla_escalated``, a list of the records
    whose ids the link gives).
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
        """Partial indexes for the cron, chosen from ``make bench`` (docs/PERFORMANCE.md):
        with 300,000 requests the plain indexes on ``sla_deadline`` and
        ``sla_at_risk_date`` also walk the decided requests, and with 10,000 breaches
        already escalated an index of all open clocks made the pass with nothing new read
        each of them. Each search of the cron has its own index: running clocks by
        deadline, breached clocks by rung and deadline, on-track clocks by their at-risk
        date."""
        super().init()
        if self._abstract:
            return
        table = self._table
        self.env.cr.execute(
            SQL("DROP INDEX IF EXISTS %s", SQL.identifier(f"{table}__sla_open_deadline_index"))
        )
        create_index(
            self.env.cr,
            f"{table}__sla_running_deadline_index",
            table,
            ["sla_deadline", "id"],
            where="sla_stop_date IS NULL AND sla_status IN ('on_track', 'at_risk')",
        )
        create_index(
            self.env.cr,
            f"{table}__sla_breached_rung_index",
            table,
            ["escalation_level", "sla_deadline", "id"],
            where="sla_stop_date IS NULL AND sla_status = 'breached'",
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
        date_format = self._sla_date_format(lang)
        for record in self:
            if record.sla_deadline:
                day = calendars[record._sla_company().id].local_date(record.sla_deadline)
                record.sla_deadline_hijri = hijri.format_hijri(day, lang=lang)
                record.sla_deadline_display = dates.format_hijri_first(day, day.strftime(date_format), lang)
            else:
                record.sla_deadline_hijri = False
                record.sla_deadline_display = False

    @api.depends("sla_deadline", "sla_status", "sla_paused_since")
    def _compute_sla_days_left(self):
        now = fields.Datetime.now()
        calendars = self._sla_calendars()
        for record in self:
            if record.sla_deadline and record.sla_status in SLA_OPEN:
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

    def _sla_at_risk_days(self):
        return 0

    # ------------------------------------------------------------------ clock
    def _sla_calendars(self):
        """{company id: WorkingCalendar} for the companies of these records (kept per
        company, see ``res.company._beneficiary_working_calendar``)."""
        companies = {record._sla_company() for record in self} or {self.env.company}
        return {company.id: self._sla_calendars_for(company) for company in companies}

    def _sla_calendars_for(self, company):
        return company._beneficiary_working_calendar(self._sla_counts_calendar_days(company))

    @api.model
    def _sla_counts_calendar_days(self, company):
        """Whether ``company``'s deadlines of this model count every day rather than
        working days: always for a legal deadline (``_sla_calendar_days``)."""
        return self._sla_calendar_days

    @api.model
    def _sla_running_status(self, deadline, at_risk_date, now):
        if now > deadline:
            return "breached"
        if at_risk_date and now >= at_risk_date:
            return "at_risk"
        return "on_track"

    def _sla_write_grouped(self, values_by_record):
        """Write ``{record: vals}`` with one ``write`` per distinct ``vals``."""
        groups = defaultdict(list)
        for record, vals in values_by_record.items():
            groups[tuple(sorted(vals.items()))].append(record.id)
        for vals, ids in groups.items():
            self.browse(ids).write(dict(vals))

    @workflow_method
    def _sla_start(self, days, at_risk_days=0, start=None):
        start = start or fields.Datetime.now()
        calendars = self._sla_calendars()
        values = {}
        for record in self:
            calendar = calendars[record._sla_company().id]
            deadline = calendar.add(start, days)
            at_risk = calendar.at_risk_from(deadline, at_risk_days)
            values[record] = {
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
        self._sla_write_grouped(values)

    @workflow_method
    def _sla_stop(self, stop=None):
        """Stop the clock (the decision is made): met when on time, breached otherwise."""
        stop = stop or fields.Datetime.now()
        records = self.filtered(lambda r: r.sla_start_date and not r.sla_stop_date)
        records.filtered("sla_paused_since")._sla_resume(now=stop)
        calendars = records._sla_calendars()
        values = {}
        for record in records:
            calendar = calendars[record._sla_company().id]
            in_time = stop <= record.sla_deadline and record.sla_status != "breached"
            used = max(calendar.count(record.sla_start_date, stop) - record.sla_paused_days, 0)
            values[record] = {
                "sla_stop_date": stop,
                "sla_status": "met" if in_time else "breached",
                "sla_working_days_used": used,
                "sla_in_time": 100 if in_time else 0,
            }
        records._sla_write_grouped(values)

    @workflow_method
    def _sla_cancel(self):
        """The record is withdrawn before its decision: a running or paused clock is
        cleared (there is no deadline to meet any more); a breach already flagged stays
        on record."""
        self.filtered(lambda r: r.sla_status in SLA_OPEN).write(
            {"sla_status": False, "sla_paused_since": False}
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
        records = self.filtered("sla_paused_since")
        calendars = records._sla_calendars()
        values = {}
        for record in records:
            calendar = calendars[record._sla_company().id]
            paused_days = record.sla_paused_days + calendar.count(record.sla_paused_since, now)
            deadline = calendar.add(record.sla_start_date, record.sla_days + paused_days)
            at_risk = calendar.at_risk_from(deadline, record._sla_at_risk_days())
            values[record] = {
                "sla_paused_since": False,
                "sla_paused_days": paused_days,
                "sla_deadline": deadline,
                "sla_at_risk_date": at_risk,
                "sla_status": self._sla_running_status(deadline, at_risk, now),
            }
        records._sla_write_grouped(values)

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_check_sla(self, batch_size=None):
        """Flag new breaches and climb the escalation ladder, each exactly once.

        In a cron job, one batch (a pass) is processed per call and progress is reported
        so that Odoo calls again (committing in between); called directly, it runs to
        the end.
        """
        batch_size = batch_size or self._sla_batch_size
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            done, remaining = self._sla_process_batch(batch_size)
            if in_cron:
                self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
                return
            if not remaining or not done:
                return

    @api.model
    def _sla_process_batch(self, batch_size):
        """One pass: the records with a new breach or a rung to climb (oldest deadlines
        first, ``batch_size`` at most), then the clocks becoming at risk."""
        now = fields.Datetime.now()
        ladders = self._sla_ladders(now)
        # two searches, each on its partial index: new breaches by deadline, then rungs to
        # climb, lowest rung first
        records = self._sla_lock(
            self.search(self._sla_due_domain(now), limit=batch_size, order="sla_deadline, id")
        )
        climb_domain = self._sla_climb_domain(ladders)
        if climb_domain and len(records) < batch_size:
            records |= self._sla_lock(
                self.search(
                    climb_domain, limit=batch_size - len(records), order="escalation_level, sla_deadline, id"
                )
            )
        if records:
            records._sla_notify_pass(now, ladders)
        done = len(records)
        left = batch_size - done
        if left > 0:
            at_risk = self._sla_lock(
                # ordered as its partial index (the model's order made PostgreSQL walk
                # the primary key of all requests)
                self.search(
                    [("sla_status", "=", "on_track"), ("sla_at_risk_date", "<=", now)],
                    limit=left,
                    order="sla_at_risk_date",
                )
            )
            at_risk.with_context(mail_notrack=True)._workflow_write({"sla_status": "at_risk"})
            done += len(at_risk)
        remaining = 0
        if done >= batch_size:
            remaining = (
                self.search_count(
                    expression.OR([self._sla_due_domain(now), climb_domain or expression.FALSE_DOMAIN])
                )
                or 1
            )
        return done, remaining

    @api.model
    def _sla_ladders(self, now):
        """{company id: [(escalation level, cutoff)]}, the rungs in ascending order, each
        with the deadline before which a record has reached it at ``now``."""
        ladders = {}
        for company_id, levels in self._sla_escalation_levels().items():
            calendar = self._sla_calendars_for(self.env["res.company"].browse(company_id))
            ladders[company_id] = [
                (level, calendar.cutoff(now, level.days_after_deadline)) for level in levels
            ]
        return ladders

    @api.model
    def _sla_due_domain(self, now):
        """Running clocks past their deadline: a breach to flag (the conditions are those
        of the partial index of running clocks)."""
        return [
            ("sla_stop_date", "=", False),
            ("sla_status", "in", SLA_RUNNING),
            ("sla_deadline", "<", now),
        ]

    @api.model
    def _sla_climb_domain(self, ladders):
        """Breached clocks of records still open with a rung of their company's ladder
        reached and not climbed yet (on the partial index of breached clocks by rung), or
        None without a ladder."""
        climbs = []
        for company_id, rungs in ladders.items():
            for level, cutoff in rungs:
                climb = [("escalation_level", "<", level.level), ("sla_deadline", "<", cutoff)]
                if "company_id" in self._fields:
                    climb.append(("company_id", "=", company_id))
                climbs.append(climb)
        if not climbs:
            return None
        # the highest rung and the latest cutoff bound the walk of the index (the
        # breaches already at the top of the ladder are never read)
        top = max(level.level for rungs in ladders.values() for level, _cutoff in rungs)
        latest = max(cutoff for rungs in ladders.values() for _level, cutoff in rungs)
        scope = [
            ("sla_stop_date", "=", False),
            ("sla_status", "=", "breached"),
            ("escalation_level", "<", top),
            ("sla_deadline", "<", latest),
        ]
        if self._workflow_states_open and "state" in self._fields:
            # a record withdrawn after its breach (cancelled) climbs no further
            scope.append(("state", "in", list(self._workflow_states_open)))
        return expression.AND([scope, expression.OR(climbs)])

    @api.model
    def _sla_escalation_levels(self):
        """{company id: escalation levels in ascending order} for this kind of record
        (for a model without company, the current company's ladder)."""
        domain = [("applies_to", "in", ("all", self._sla_applies_to))]
        if "company_id" not in self._fields:
            domain.append(("company_id", "=", self.env.company.id))
        levels = self.env["beneficiary.escalation.level"].sudo().search(domain, order="company_id, level")
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
    def _sla_notify_pass(self, now, ladders):
        """Flag the new breaches among these (locked) records, climb the rungs each has
        reached, log one message per record for all of it, and leave one summary
        activity per person and rung."""
        breached = self.filtered(lambda r: r.sla_status in SLA_RUNNING and r.sla_deadline < now)
        breached_ids = set(breached.ids)  # a set: `in` on a recordset reads its ids one by one
        climbed = {}
        for record in self:
            if record.id not in breached_ids and record.sla_status != "breached":
                continue
            rungs = record._sla_rungs_reached(ladders, record.escalation_level, record.sla_deadline)
            if rungs:
                climbed[record] = rungs
        if not breached and not climbed:
            return
        # the message below tells the breach and the escalation: no tracking message
        # besides it (one message per record instead of several, the cron's main cost)
        quiet = self.with_context(mail_notrack=True)
        if breached:
            quiet.browse(breached.ids).write({"sla_status": "breached", "sla_breached_on": now})
        self._sla_climb(climbed, "escalation_level")

        calendars = self._sla_calendars()

        def breach_lines(record, env):
            if record.id not in breached_ids:
                return []
            return [
                env._(
                    "The response deadline (%(deadline)s) has passed without a decision.",
                    deadline=record._sla_format_deadline(calendars[record._sla_company().id]),
                )
            ]

        self._sla_log_escalations(
            breached | self.browse([record.id for record in climbed]), climbed, breach_lines, now
        )

    def _sla_rungs_reached(self, ladders, climbed_level, deadline):
        """The rungs of its company's ladder this record reached and did not climb yet:
        above ``climbed_level``, their cutoff after ``deadline``."""
        self.ensure_one()
        return [
            level
            for level, cutoff in ladders.get(self._sla_company().id, ())
            if level.level > climbed_level and deadline < cutoff
        ]

    def _sla_climb(self, climbed, level_field):
        """Write in ``level_field`` the highest rung each record of ``climbed`` climbed,
        without a tracking message (the escalation's own message tells it)."""
        by_level = defaultdict(list)
        for record, rungs in climbed.items():
            by_level[rungs[-1].level].append(record.id)
        quiet = self.with_context(mail_notrack=True)
        for number, ids in by_level.items():
            quiet.browse(ids)._workflow_write({level_field: number})

    def _sla_log_escalations(self, records, climbed, first_lines, now):
        """Log one message on each of these records (nothing to say on the others of
        ``self`` but the empty note of a batch log): ``first_lines(record, env)`` in the
        record's notification language, then each rung of ``climbed`` it climbed with who
        is told; and leave one summary to-do per person and rung."""
        recipients = self._sla_recipients(climbed)
        bodies = {}
        for record in records:
            lang = record._sla_notification_lang()
            env = record.with_context(lang=lang).env
            lines = first_lines(record.with_context(lang=lang), env)
            for level in climbed.get(record, ()):
                lines.append(
                    env._(
                        "Escalated to %(level)s (level %(number)s): %(users)s.",
                        level=level.with_context(lang=lang).name,
                        number=level.level,
                        users=", ".join(recipients[record, level].mapped("name")) or "-",
                    )
                )
            bodies[record.id] = Markup("").join(Markup("<p>%s</p>") % line for line in lines)
        self._message_log_batch(bodies=bodies)

        summaries = defaultdict(list)
        for (record, level), users in recipients.items():
            for user in users:
                summaries[level, user].append(record.id)
        self._sla_create_summaries({key: self.browse(ids) for key, ids in summaries.items()}, now)

    def _sla_recipients(self, climbed):
        """{(record, level): users to notify} for the rungs climbed."""
        managers = {}
        recipients = {}
        for record, levels in climbed.items():
            for level in levels:
                if level.notify == "managers":
                    company = record._sla_company()
                    if company not in managers:
                        managers[company] = record._sla_escalation_users(level)
                    users = managers[company]
                else:
                    users = record._sla_escalation_users(level)
                recipients[record, level] = users
        return recipients

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

    def _sla_create_summaries(self, summaries, now):
        """One to-do per ``(level, user)`` of ``summaries``, on the rung, naming the
        records (the first ones) with a link to the list of them all."""
        if not summaries:
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        level_model_id = self.env["ir.model"]._get_id("beneficiary.escalation.level")
        action = f"beneficiary_relations.{self._table}_action_sla_escalated"
        has_action = bool(self.env.ref(action, raise_if_not_found=False))
        vals_list = []
        for (level, user), records in summaries.items():
            lang = user.lang or self.env.lang
            env = records.with_context(lang=lang).env
            model_name = env["ir.model"]._get(self._name).name
            note = Markup("<p>%s</p>") % env._(
                "Records of %(model)s past their response deadline, escalated to %(level)s (level %(number)s):",
                model=model_name,
                level=level.with_context(lang=lang).name,
                number=level.level,
            )
            note += Markup("<ul>%s</ul>") % Markup("").join(
                Markup('<li><a href="/odoo/%s/%s">%s</a></li>')
                % (self._name, record.id, record._sla_record_label())
                for record in records[:SUMMARY_NAMED]
            )
            if len(records) > SUMMARY_NAMED:
                note += Markup("<p>%s</p>") % env._(
                    "Not named above: %(count)s", count=len(records) - SUMMARY_NAMED
                )
            if has_action:
                link = f"/odoo/action-{action}?active_ids={','.join(map(str, records.ids))}"
                note += Markup('<p><a href="%s">%s</a></p>') % (
                    link,
                    env._("Open them all in a list"),
                )
            vals_list.append(
                {
                    "res_model_id": level_model_id,
                    "res_id": level.id,
                    "activity_type_id": todo.id,
                    "user_id": user.id,
                    "date_deadline": records[:1]._sla_company()._beneficiary_local_date(now),
                    "summary": env._(
                        "Deadlines passed: %(model)s (%(count)s)", model=model_name, count=len(records)
                    ),
                    "note": note,
                }
            )
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)

    def _sla_notification_lang(self):
        company = self._sla_company()
        return company.partner_id.lang or self.env.lang or "en_US"

    def _sla_format_deadline(self, calendar=None):
        self.ensure_one()
        if not self.sla_deadline:
            return ""
        calendar = calendar or self._sla_calendars_for(self._sla_company())
        day = calendar.local_date(self.sla_deadline)
        lang = self.env.lang or "en_US"
        # the policies write the Hijri date first: "6 رجب 1448 هـ الموافق 15/12/2026 م"
        return dates.format_hijri_first(day, day.strftime(self._sla_date_format(lang)), lang)

    @api.model
    def _sla_date_format(self, lang):
        """The Gregorian date format of deadlines in ``lang``."""
        if lang.startswith("ar"):
            # Arabic letters write the Gregorian date as day/month/year
            return "%d/%m/%Y"
        return self.env["res.lang"]._get_data(code=lang).date_format or "%m/%d/%Y"
