from datetime import datetime, time

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .beneficiary_workflow_mixin import workflow_method

PUBLISHING_PURPOSE = "beneficiary_relations.consent_purpose_intellectual_property"


class BeneficiaryPublishedWork(models.Model):
    """A work or an image of a beneficiary that the association publishes (policies 002
    and 004: the beneficiaries' intellectual property is kept, their works are used only
    with their consent). Published only while the beneficiary consents to the publishing
    purpose; withdrawn when they withdraw that consent or ask it on the portal."""

    _name = "beneficiary.published.work"
    _description = "Beneficiary's Published Work"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "beneficiary.workflow.mixin",
        "beneficiary.personal.data.mixin",
    ]
    _order = "date_published desc, id desc"
    _check_company_auto = True
    _workflow_states_open = ("draft", "published", "to_withdraw")
    _workflow_states_decided = ("published", "to_withdraw", "withdrawn")
    _workflow_states_closed = ("withdrawn",)
    _workflow_protected_fields = (
        "state",
        "consent_id",
        "withdrawal_requested_date",
        "date_withdrawn",
        "withdrawn_by_id",
    )
    _workflow_notification_templates = {
        "work_withdrawn": (
            "beneficiary_relations.mail_template_published_work_withdrawn",
            "beneficiary_relations.sms_template_published_work_withdrawn",
        ),
    }
    # what identifies the beneficiary in the work goes on erasure; its kind, dates and
    # status stay: the trace that a work was published, then withdrawn
    _personal_fields = ("name", "description", "location", "url", "file_name", "withdrawal_reason")
    _personal_export_key = "published_works"
    _personal_export_fields = (
        "name",
        "kind",
        "description",
        "location",
        "url",
        "date_published",
        "consent_id",
        "state",
        "withdrawal_requested_date",
        "withdrawal_reason",
        "date_withdrawn",
    )

    name = fields.Char(string="Work Title", required=True, tracking=True)
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        required=True,
        index=True,
        check_company=True,
        ondelete="cascade",
        tracking=True,
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    category_id = fields.Many2one(related="beneficiary_id.category_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("photo", "Photo"),
            ("video", "Video"),
            ("audio", "Audio Recording"),
            ("text", "Text"),
            ("artwork", "Artwork"),
            ("other", "Other"),
        ],
        required=True,
        default="photo",
        tracking=True,
    )
    description = fields.Text()
    location = fields.Char(
        string="Where Published",
        tracking=True,
        help="Where the association publishes the work: its website, an account on social media, "
        "the annual report, an exhibition...",
    )
    url = fields.Char(string="Link", help="The address of the publication, when it is online.")
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char(copy=False)
    date_published = fields.Date(
        string="Published On", default=fields.Date.context_today, required=True, tracking=True
    )
    consent_id = fields.Many2one(
        "beneficiary.consent",
        string="Consent",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The beneficiary's consent to the publishing of their works that the publication relies on.",
    )
    state = fields.Selection(
        [
            ("draft", "To Publish"),
            ("published", "Published"),
            ("to_withdraw", "To Withdraw"),
            ("withdrawn", "Withdrawn from Publication"),
        ],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="The member of staff who withdraws the work when asked (the liaison officer when empty).",
    )
    withdrawal_requested_date = fields.Datetime(string="Withdrawal Asked On", readonly=True, copy=False)
    withdrawal_reason = fields.Text(copy=False)
    date_withdrawn = fields.Datetime(string="Withdrawn On", readonly=True, copy=False)
    withdrawn_by_id = fields.Many2one("res.users", string="Withdrawn By", readonly=True, copy=False)
    withdrawal_notice_titles = fields.Char(
        compute="_compute_withdrawal_notice_titles",
        help="The titles of the beneficiary's works withdrawn with this one, as their message lists them.",
    )

    @api.depends("date_withdrawn", "beneficiary_id")
    def _compute_withdrawal_notice_titles(self):
        for work in self:
            if not work.date_withdrawn:
                work.withdrawal_notice_titles = work.name
                continue
            batch = self.search(
                [
                    ("beneficiary_id", "=", work.beneficiary_id.id),
                    ("date_withdrawn", "=", work.date_withdrawn),
                ],
                order="id",
            )
            work.withdrawal_notice_titles = ", ".join(f"«{title}»" for title in batch.mapped("name"))

    # ------------------------------------------------------------------ checks
    @api.constrains("url")
    def _check_url(self):
        for work in self:
            if work.url and not work.url.strip().lower().startswith(("https://", "http://")):
                raise ValidationError(
                    self.env._(
                        "The link of “%(title)s” must be a web address starting with https://.",
                        title=work.name,
                    )
                )

    @api.constrains("state", "consent_id", "date_published", "beneficiary_id")
    def _check_consent(self):
        for work in self.filtered(lambda w: w.state != "draft"):
            if work.consent_id != work._publishing_consent(work.date_published, work.consent_id):
                raise ValidationError(
                    self.env._(
                        "“%(title)s” cannot be published on %(date)s: %(beneficiary)s had not consented "
                        "to “%(purpose)s” on that date.",
                        title=work.name,
                        date=work.date_published,
                        beneficiary=work.beneficiary_id.display_name,
                        purpose=self._publishing_purpose().display_name,
                    )
                )

    def _workflow_check_frozen(self, field_names):
        frozen = {"beneficiary_id", "date_published"} & set(field_names)
        published = self.filtered(lambda work: work.state != "draft")
        if frozen and published:
            raise UserError(
                self.env._(
                    "“%(title)s” is published: its beneficiary and publication date stay as they were.",
                    title=published[0].name,
                )
            )

    # ------------------------------------------------------------------ consent
    @api.model
    def _publishing_purpose(self):
        return self.env.ref(PUBLISHING_PURPOSE)

    def _publishing_consent(self, date, consent=None):
        """The consent of the work's beneficiary to the publishing of their works that
        was in force on ``date`` (given by the end of that day, not withdrawn by then):
        ``consent`` when it is one, else the one in force now."""
        self.ensure_one()
        if not date:
            return self.env["beneficiary.consent"]
        end = datetime.combine(date, time.max)
        start = datetime.combine(date, time.min)
        candidates = consent or self.env["beneficiary.consent"].search(
            [
                ("beneficiary_id", "=", self.beneficiary_id.id),
                ("purpose_id", "=", self._publishing_purpose().id),
                ("withdrawn_date", "=", False),
            ]
        )
        return candidates.filtered(
            lambda c: (
                c.beneficiary_id == self.beneficiary_id
                and c.purpose_id == self._publishing_purpose()
                and c.date <= end
                and (not c.withdrawn_date or c.withdrawn_date > start)
            )
        )[:1]

    # ------------------------------------------------------------------ actions
    def action_publish(self):
        """Publish the works: refused without the beneficiary's consent to the
        publishing of their works in force on the publication date."""
        today = fields.Date.context_today(self)
        for work in self.filtered(lambda w: w.state == "draft"):
            if work.date_published > today:
                raise UserError(
                    self.env._(
                        "“%(title)s” cannot be recorded as published on a day still to come.", title=work.name
                    )
                )
            consent = work._publishing_consent(work.date_published)
            if not consent:
                raise UserError(
                    self.env._(
                        "“%(title)s” cannot be published: %(beneficiary)s has not consented to “%(purpose)s” "
                        "on %(date)s. Record their consent on their file (Data Consent tab) first.",
                        title=work.name,
                        beneficiary=work.beneficiary_id.display_name,
                        purpose=self._publishing_purpose().display_name,
                        date=work.date_published,
                    )
                )
            work._set_state("published", consent_id=consent.id)
        return True

    def action_request_withdrawal(self, reason=None):
        """Staff: the work is to be taken down (the beneficiary asked, by phone...)."""
        self._request_withdrawal(reason)
        return True

    @workflow_method
    def _request_withdrawal(self, reason=None):
        """Move the published works to "to withdraw" and give their responsible one
        activity per beneficiary listing them."""
        works = self.filtered(lambda w: w.state == "published")
        if not works:
            return works
        vals = {"state": "to_withdraw", "withdrawal_requested_date": fields.Datetime.now()}
        if reason:
            vals["withdrawal_reason"] = reason
        works.write(vals)
        works._schedule_withdrawal_activities()
        return works

    def _notify_officer(self):
        self.ensure_one()
        return self.user_id or self.beneficiary_id.liaison_user_id

    def _withdrawal_responsible(self):
        """Who takes the work down: its responsible, the liaison officer, else the
        officer the notification service falls back on (never a portal user)."""
        self.ensure_one()
        return self.env["beneficiary.notification"]._officer(self)

    def _schedule_withdrawal_activities(self):
        """One activity per beneficiary and responsible on the beneficiary's file (not
        one per work), listing the works left to take down: created, brought up to date,
        or done when none is left."""
        activity_type = self.env.ref("beneficiary_relations.mail_activity_type_withdraw_works")
        for beneficiary in self.beneficiary_id:
            beneficiary_sudo = beneficiary.sudo()
            pending = self.sudo().search(
                [("beneficiary_id", "=", beneficiary.id), ("state", "=", "to_withdraw")], order="id"
            )
            by_user = {}
            for work in pending:
                user = work._withdrawal_responsible()
                by_user[user] = by_user.get(user, self.browse()) | work
            activities = beneficiary_sudo.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            done = activities.filtered(lambda a, users=set(by_user): a.user_id not in users)
            if done:
                done.action_feedback(feedback=self.env._("Every work was withdrawn."))
            for user, works in by_user.items():
                note = Markup("<ul>%s</ul>") % Markup().join(
                    Markup("<li>%s</li>") % " - ".join(filter(None, (work.name, work.location)))
                    for work in works
                )
                summary = self.env._("Published works to withdraw: %(count)s", count=len(works))
                existing = activities.filtered(lambda a, user=user: a.user_id == user)[:1]
                if existing:
                    existing.write({"summary": summary, "note": note})
                else:
                    beneficiary_sudo.activity_schedule(
                        activity_type_id=activity_type.id, user_id=user.id, summary=summary, note=note
                    )

    def action_mark_withdrawn(self):
        """Staff: the works are no longer published. The beneficiary is told once, with
        every work withdrawn; the activity is brought up to date (done when none is left)."""
        works = self.filtered(lambda w: w.state in ("published", "to_withdraw"))
        if not works:
            return True
        works._set_state("withdrawn", date_withdrawn=fields.Datetime.now(), withdrawn_by_id=self.env.uid)
        works._schedule_withdrawal_activities()
        for beneficiary in works.beneficiary_id:
            # one message per beneficiary, listing the works of this withdrawal
            works.filtered(lambda w, beneficiary=beneficiary: w.beneficiary_id == beneficiary)[
                :1
            ]._workflow_notify("work_withdrawn")
        return True

    # ------------------------------------------------------------------ consent withdrawn
    @api.model
    def _consent_withdrawn(self, consents):
        """The beneficiary withdrew ``consents``: the works published on the publishing
        consents go to "to withdraw". Called by the consent's withdrawal (staff's
        wizard or the beneficiary on the portal), which checked who may withdraw."""
        purpose = self._publishing_purpose()
        publishing = consents.filtered(lambda c: c.purpose_id == purpose)
        if not publishing:
            return self.browse()
        # sudo: the consequence of a withdrawal already allowed, on these consents' works only
        works_sudo = self.sudo().search([("consent_id", "in", publishing.ids), ("state", "=", "published")])
        return works_sudo._request_withdrawal(self.env._("The beneficiary withdrew their consent."))

    # ------------------------------------------------------------------ portal
    def _portal_request_withdrawal(self):
        """The beneficiary asks the withdrawal of one work on the portal (their access to
        it was checked by the caller)."""
        self.ensure_one()
        if self.state != "published":
            raise UserError(self.env._("This work is not published: there is nothing to withdraw."))
        self._request_withdrawal(self.env._("Asked by the beneficiary on the portal."))
        self.message_post(body=self.env._("The beneficiary asked on the portal that this work be withdrawn."))
