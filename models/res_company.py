from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import formataddr

from ..lib import dates
from ..lib.channels import CHANNEL_CODES, DEFAULT_ORDER
from ..lib.working_days import WorkingCalendar
from .ir_qweb_field_count import count_text

ORDER_POSITIONS = 5


class ResCompany(models.Model):
    _inherit = "res.company"

    beneficiary_license_number = fields.Char(
        string="NCNP License Number",
        help="The association's registration (license) number at the National Center for "
        "Non-Profit Sector, printed on the letterhead of every letter and report.",
    )
    beneficiary_sla_days = fields.Integer(
        string="Response Deadline (working days)",
        default=15,
        help="Working days the association gives itself to decide a complete request, "
        "unless the service type sets its own.",
    )
    beneficiary_sla_calendar_days = fields.Boolean(
        string="Count the Response Deadline in Calendar Days",
        help='The policy gives its deadline in days or weeks ("two weeks": 14 days) rather '
        "than working days: every day counts, weekends and holidays included.",
    )
    beneficiary_sla_hold = fields.Selection(
        [
            ("restart", "The request returns to incomplete; the deadline restarts at completion"),
            ("pause", "The clock pauses; the days on hold push the deadline back"),
        ],
        string="Waiting for the Beneficiary",
        required=True,
        default="restart",
        help="What happens to a complete request when the association waits for the "
        "beneficiary. A policy whose deadline counts from the request being complete and "
        "caps it (policy 004: 15 working days) keeps its cap only when the request returns to "
        "incomplete; choose the pause only if your policy says so.",
    )
    beneficiary_id_expiry_required = fields.Boolean(
        string="ID Expiry Date Required",
        help="A request's data cannot be confirmed, nor the request completed, for a beneficiary "
        "with a Saudi national ID or an Iqama whose expiry date is not recorded.",
    )
    beneficiary_id_expiry_reminder_days = fields.Integer(
        string="ID Expiry Reminder (days)",
        default=30,
        help="Days before the ID expires when the beneficiary is reminded to renew it, once, on "
        "their channel. 0: no reminder.",
    )
    beneficiary_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar for Deadlines",
        help="Working days and holidays used to count deadlines. Defaults to the Saudi "
        "Sunday-Thursday calendar shipped with the module.",
    )

    beneficiary_compensation_journal_id = fields.Many2one(
        "account.journal",
        string="Compensation Journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
        help="Purchase journal of the vendor bills paying compensations.",
    )
    beneficiary_compensation_account_id = fields.Many2one(
        "account.account",
        string="Compensation Expense Account",
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost')), ('deprecated', '=', False)]",
        help="Expense account debited by compensation bills.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["ir.sequence"]._beneficiary_create_company_sequences(companies)
        self.env["beneficiary.committee"]._beneficiary_create_company_committees(companies)
        return companies

    @api.constrains("beneficiary_sla_days")
    def _check_beneficiary_sla_days(self):
        for company in self:
            if company.beneficiary_sla_days <= 0:
                raise ValidationError(
                    self.env._("The response deadline of the policy must be at least one day.")
                )
        self.env["beneficiary.service.type"].sudo().search(
            [("company_id", "in", self.ids)]
        )._check_sla_days_within_policy()

    @api.constrains("beneficiary_id_expiry_reminder_days")
    def _check_beneficiary_id_expiry_reminder_days(self):
        if any(company.beneficiary_id_expiry_reminder_days < 0 for company in self):
            raise ValidationError(self.env._("The ID expiry reminder cannot be a negative number of days."))

    def _beneficiary_sla_days_text(self):
        """The policy's response deadline in words, in the unit it is counted in."""
        self.ensure_one()
        unit = "day" if self.beneficiary_sla_calendar_days else "working_day"
        return count_text(self.env, self.beneficiary_sla_days, unit)

    def _get_beneficiary_calendar(self):
        """The calendar deadlines are counted on: the company's choice, else the module's
        Saudi Sunday-Thursday calendar."""
        self.ensure_one()
        return self.beneficiary_calendar_id or self.env.ref(
            "beneficiary_relations.resource_calendar_saudi", raise_if_not_found=False
        )

    def _beneficiary_tz(self):
        """The association's time zone: the one of its deadline calendar, else Riyadh.
        Deadlines, the portal's dates and the e-mails' dates are the association's."""
        self.ensure_one()
        # as _get_beneficiary_calendar, without env.ref()'s query: pages and crons ask
        # this for every record they show or process
        calendar = self.sudo().beneficiary_calendar_id
        if not calendar:
            calendar_id = self.env["ir.model.data"]._xmlid_to_res_id(
                "beneficiary_relations.resource_calendar_saudi", raise_if_not_found=False
            )
            calendar = self.env["resource.calendar"].sudo().browse(calendar_id or [])
        return calendar.tz or dates.DEFAULT_TZ

    def _beneficiary_local_date(self, value=None):
        """The association's date of ``value`` (a UTC datetime as stored, default now):
        22:30 UTC on 7 December is 8 December in Riyadh."""
        self.ensure_one()
        return dates.local_date(value or fields.Datetime.now(), self._beneficiary_tz())

    def _beneficiary_today(self):
        """Today for the current user: in their time zone when they have one, else in the
        association's (``fields.Date.context_today`` would fall back to the UTC day)."""
        self.ensure_one()
        tz = self.env.context.get("tz") or self.env.user.tz or self._beneficiary_tz()
        return dates.local_date(fields.Datetime.now(), tz)

    def _beneficiary_sender_values(self):
        """``author_id`` and ``email_from`` of what the association sends to beneficiaries
        (acknowledgements, decisions, answers): it comes from the association, whoever
        triggered it (a beneficiary filing a complaint on the portal, a member of staff).
        Sent from the association's e-mail, else the server's default sender, else the
        user's own address; nothing changes when there is none."""
        self.ensure_one()
        partner = self.partner_id
        if partner.email:
            email_from = partner.email_formatted
        elif default_from := self.env["ir.mail_server"].sudo()._get_default_from_address():
            email_from = formataddr((partner.name, default_from))
        else:
            email_from = self.env.user.email_formatted
        if not email_from:
            return {}
        return {"author_id": partner.id, "email_from": email_from}

    def _beneficiary_working_calendar(self, calendar_days=False):
        """The company's deadline calendar as a
        :class:`~..lib.working_days.WorkingCalendar`, built once and kept until a
        calendar, its attendances or its public holidays change (lists compute hundreds
        of deadlines with it without a query). ``calendar_days``: every day counts, in
        the calendar's time zone (legal deadlines)."""
        self.ensure_one()
        return self._beneficiary_working_calendar_cached(self.id, bool(calendar_days))

    @api.model
    @tools.ormcache("company_id", "calendar_days")
    def _beneficiary_working_calendar_cached(self, company_id, calendar_days):
        calendar = self.sudo().browse(company_id)._get_beneficiary_calendar()
        if calendar_days:
            return WorkingCalendar.calendar_days(calendar.tz if calendar else None)
        if not calendar:
            return WorkingCalendar.weekly()
        return calendar._beneficiary_working_calendar()

    @api.model
    def _beneficiary_calendar_changed(self):
        self.env.registry.clear_cache()

    def write(self, vals):
        res = super().write(vals)
        if {"beneficiary_calendar_id", "beneficiary_sla_calendar_days"} & set(vals):
            self._beneficiary_calendar_changed()
        return res

    # ------------------------------------------------------------
    # SATISFACTION
    # ------------------------------------------------------------
    beneficiary_low_rating_threshold = fields.Selection(
        [("1", "Dissatisfied"), ("3", "Dissatisfied or Okay")],
        string="Low Rating",
        default="1",
        required=True,
        help="Ratings at or under this level are followed up: the liaison officer calls the "
        "beneficiary back (and a complaint is opened when configured).",
    )
    beneficiary_low_rating_complaint = fields.Boolean(
        string="Open a Complaint on a Low Rating",
        help="A low rating of a request or a complaint also opens a complaint for the "
        "beneficiary, linked to the rated record.",
    )
    beneficiary_low_rating_category_id = fields.Many2one(
        "beneficiary.complaint.category",
        string="Category of Low-Rating Complaints",
        domain="[('company_id', 'in', (id, False))]",
        help="Category of the complaints opened on a low rating; the first category of the "
        "association when empty.",
    )

    # ------------------------------------------------------------
    # POLICY
    # ------------------------------------------------------------
    beneficiary_policy_signature_required = fields.Boolean(
        string="Staff Sign the Policy",
        help="Staff acknowledge the policy with their signature, not only a confirmation "
        "(policy 004: «الاطلاع ... والتوقيع عليها»).",
    )
    beneficiary_policy_review_months = fields.Integer(
        string="Policy Review Every (months)",
        default=12,
        help="When a version is approved without a review date, it is due for review this many "
        "months after the board's approval. 0: no review date by default.",
    )

    # ------------------------------------------------------------
    # NOTIFICATION
    # ------------------------------------------------------------
    beneficiary_notify_order = fields.Char(
        string="Channels When the Agreed One Is Missing",
        default=",".join(DEFAULT_ORDER),
        help="The channels tried in turn, comma-separated, when a beneficiary chose none or "
        "cannot be reached on the one they chose (no e-mail address, no mobile).",
    )
    beneficiary_notify_file_update = fields.Boolean(
        string="Tell Beneficiaries of Changes to Their File",
        default=True,
        help="When staff change what a beneficiary gave or relies on (name, ID, contact, "
        "address, category, family...), the beneficiary is told which items changed and how "
        "to ask for a correction (policies 002 and 004).",
    )

    def _beneficiary_notify_order(self):
        """The channels to try in turn: the association's order, then the channels it left
        out (a letter reaches every beneficiary on file)."""
        self.ensure_one()
        codes = [code.strip() for code in (self.beneficiary_notify_order or "").split(",")]
        order = [code for code in dict.fromkeys(codes) if code in CHANNEL_CODES]
        return tuple(order + [code for code in DEFAULT_ORDER if code not in order])
