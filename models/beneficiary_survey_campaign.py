import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from .ir_qweb_field_count import count_text

_logger = logging.getLogger(__name__)

# months between two campaigns of a recurring series
RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


class BeneficiarySurveyCampaign(models.Model):
    """A periodic satisfaction survey sent to the beneficiaries of categories or of a
    program: who was invited, who answered, and the scores, campaign after campaign.

    A recurring campaign (every quarter, say: policy 004, «رفع استبانة قياس الرضا بشكل
    دوري») is followed, on its next date, by the next campaign of the series, created and
    sent by a daily cron; the previous one is then closed."""

    _name = "beneficiary.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        string="Survey",
        required=True,
        tracking=True,
        domain=[("survey_type", "in", ("survey", "custom"))],
    )
    category_ids = fields.Many2many(
        "beneficiary.category",
        string="Target Categories",
        check_company=True,
        help="The active beneficiaries of these categories are invited.",
    )
    program_id = fields.Many2one(
        "beneficiary.program",
        string="Target Program",
        check_company=True,
        help="The confirmed participants of this program are invited (within the target categories, if any).",
    )
    date = fields.Date(
        required=True, default=lambda self: self.env.company._beneficiary_today(), tracking=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Closed")],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    recurrence = fields.Selection(
        [
            ("none", "Once"),
            ("monthly", "Every Month"),
            ("quarterly", "Every Quarter"),
            ("half_yearly", "Every Six Months"),
            ("yearly", "Every Year"),
        ],
        required=True,
        default="none",
        tracking=True,
        help="A recurring campaign is followed by the next one of the series on its next date: "
        "created, sent to the beneficiaries targeted then, and this one closed.",
    )
    next_date = fields.Date(
        string="Next Campaign On",
        compute="_compute_next_date",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
    )
    previous_id = fields.Many2one(
        "beneficiary.survey.campaign", string="Previous Campaign", readonly=True, copy=False, index=True
    )
    next_campaign_ids = fields.One2many("beneficiary.survey.campaign", "previous_id", string="Next Campaign")
    user_input_ids = fields.One2many(
        "survey.user_input", "beneficiary_campaign_id", string="Invitations", readonly=True, copy=False
    )
    invited_count = fields.Integer(
        string="Invited", compute="_compute_results", store=True, compute_sudo=True
    )
    responded_count = fields.Integer(
        string="Responded", compute="_compute_results", store=True, compute_sudo=True
    )
    response_rate = fields.Float(
        string="Response Rate (%)",
        compute="_compute_results",
        store=True,
        compute_sudo=True,
        aggregator="avg",
    )
    average_score = fields.Float(
        string="Average Score (%)",
        compute="_compute_results",
        store=True,
        compute_sudo=True,
        aggregator="avg",
        help="Average score of the completed answers, as the survey scores them.",
    )
    satisfaction = fields.Float(
        string="Satisfaction (%)",
        compute="_compute_results",
        store=True,
        compute_sudo=True,
        aggregator="avg",
        help="Average of the answers to the rating-scale questions, from 0 (lowest) to 100 (highest).",
    )

    notification_log_count = fields.Integer(string="Messages Sent", compute="_compute_notification_log_count")

    @api.depends("date", "recurrence")
    def _compute_next_date(self):
        for campaign in self:
            months = RECURRENCE_MONTHS.get(campaign.recurrence)
            campaign.next_date = (
                campaign.date + relativedelta(months=months) if months and campaign.date else False
            )

    @api.depends("user_input_ids.state", "user_input_ids.scoring_percentage")
    def _compute_results(self):
        Program = self.env["beneficiary.program"]
        for campaign in self:
            answers = campaign.user_input_ids
            done = answers.filtered(lambda answer: answer.state == "done")
            campaign.invited_count = len(answers)
            campaign.responded_count = len(done)
            campaign.response_rate = 100.0 * len(done) / len(answers) if answers else 0.0
            scored = campaign.survey_id.scoring_type != "no_scoring"
            campaign.average_score = (
                sum(done.mapped("scoring_percentage")) / len(done) if done and scored else 0.0
            )
            campaign.satisfaction = Program._get_satisfaction(done)

    def _compute_notification_log_count(self):
        counts = self.env["beneficiary.notification.log"]._count_per_record(self)
        for campaign in self:
            campaign.notification_log_count = counts.get(campaign.id, 0)

    def _get_target_beneficiaries(self):
        """The active beneficiaries the campaign is sent to."""
        self.ensure_one()
        if not (self.category_ids or self.program_id):
            raise UserError(
                self.env._(
                    "Choose the categories or the program whose beneficiaries %(name)s surveys.",
                    name=self.name,
                )
            )
        domain = [("company_id", "=", self.company_id.id), ("state", "=", "active")]
        if self.category_ids:
            domain.append(("category_id", "in", self.category_ids.ids))
        if self.program_id:
            registrations = self.program_id.registration_ids.filtered(lambda r: r.state == "confirmed")
            domain.append(("id", "in", registrations.beneficiary_id.ids))
        return self.env["beneficiary.beneficiary"].search(domain)

    def action_invite(self):
        """Invite the targeted beneficiaries not invited yet: one personal link each,
        sent on each beneficiary's channel (e-mail, SMS, or through their liaison
        officer) by the notification service."""
        self.ensure_one()
        if self.state == "done":
            raise UserError(self.env._("%(name)s is closed.", name=self.name))
        self.survey_id.check_validity()
        partners = self._get_target_beneficiaries().partner_id - self.user_input_ids.partner_id
        if not partners:
            raise UserError(
                self.env._("Every beneficiary targeted by %(name)s has already been invited.", name=self.name)
            )
        answers = self.env["survey.user_input"]
        for partner in partners:
            answers |= self.survey_id._create_answer(
                partner=partner, check_attempts=False, beneficiary_campaign_id=self.id
            )
        self.env["beneficiary.notification"]._send(answers, "survey")
        self.state = "running"
        self.message_post(
            body=self.env._(
                "%(beneficiaries)s invited.", beneficiaries=count_text(self.env, len(partners), "beneficiary")
            )
        )
        return True

    def action_view_notification_logs(self):
        self.ensure_one()
        return self.env["beneficiary.notification.log"]._action_list(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        )

    def action_close(self):
        self.filtered(lambda campaign: campaign.state == "running").state = "done"

    def action_view_answers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invitations"),
            "res_model": "survey.user_input",
            "view_mode": "list,form",
            "domain": [("beneficiary_campaign_id", "=", self.id)],
        }

    # ------------------------------------------------------------------ recurrence
    def _get_series_name(self):
        """The name of the first campaign of the series."""
        self.ensure_one()
        first = self
        while first.previous_id:
            first = first.previous_id
        return first.name

    def _prepare_next_campaign_vals(self):
        self.ensure_one()
        return {
            "name": self.env._(
                "%(series)s - %(date)s",
                series=self._get_series_name(),
                date=format_date(self.env, self.next_date),
            ),
            "date": self.next_date,
            "previous_id": self.id,
        }

    def _create_next_campaign(self):
        """The next campaign of the series, sent at once; this one is closed. When it
        cannot be sent (nobody to invite, survey closed), it is kept as a draft with the
        reason on it, for a manager to see."""
        self.ensure_one()
        new = self.copy(self._prepare_next_campaign_vals())
        self.action_close()
        try:
            with self.env.cr.savepoint():
                new.action_invite()
        except UserError as error:
            new.message_post(
                body=self.env._("The campaign could not be sent: %(reason)s", reason=error.args[0])
            )
        return new

    @api.model
    def _cron_run_recurring_campaigns(self, batch_size=20):
        """Create and send the next campaign of every recurring series whose next date has
        come, ``batch_size`` at a time; a series gets one next campaign, whichever worker
        and however many runs."""
        today = fields.Date.context_today(self)
        due = self.search(
            [
                ("recurrence", "!=", "none"),
                ("state", "in", ("running", "done")),
                ("next_date", "<=", today),
                ("next_campaign_ids", "=", False),
            ],
            order="next_date, id",
        )
        batch, remaining = due[:batch_size], due[batch_size:]
        if batch:
            # other workers skip the campaigns this one is working on
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM beneficiary_survey_campaign WHERE id IN %s FOR UPDATE SKIP LOCKED",
                    tuple(batch.ids),
                )
            )
            locked = self.browse([row[0] for row in self.env.cr.fetchall()])
            locked.invalidate_recordset()
            for campaign in locked.filtered(lambda c: not c.next_campaign_ids):
                new = campaign._create_next_campaign()
                _logger.info("Recurring satisfaction campaign %s followed by %s", campaign.id, new.id)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(remaining))
