from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, is_html_empty

from ..lib import hijri
from ..lib.actions import window_action
from .ir_qweb_field_count import count_text

# The module's groups: every user in one of them must acknowledge the current policy.
STAFF_GROUPS = (
    "beneficiary_relations.group_liaison_officer",
    "beneficiary_relations.group_committee_member",
    "beneficiary_relations.group_compensation_accountant",
    "beneficiary_relations.group_manager",
    "beneficiary_relations.group_sensitive_data",
)
ACKNOWLEDGMENT_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_acknowledgment"
REVIEW_ACTIVITY = "beneficiary_relations.mail_activity_type_policy_review"
# the manager is reminded this many days before the review date
REVIEW_NOTICE_DAYS = 30
# What the board approves: frozen once a version is approved (a new version changes it).
CONTENT_FIELDS = (
    "name",
    "company_id",
    "introduction",
    "scope",
    "general_goal",
    "detailed_goals",
    "channel_ids",
    "channels_note",
    "tools",
    "handling",
    "compensation",
    "complaints",
    "committees",
    "relationship",
    "intellectual_property",
    "ethics_code",
    "information",
    "satisfaction",
    "responsibilities",
    "section_ids",
    "document_ids",
    "board_session",
    "approval_date",
    "board_chair",
)
# Printed in this order; the channels come before the tools, the deadline before the committees.
TEXT_SECTIONS = (
    "introduction",
    "scope",
    "general_goal",
    "detailed_goals",
    "tools",
    "handling",
    "committees",
    "compensation",
    "complaints",
    "relationship",
    "intellectual_property",
    "ethics_code",
    "information",
    "satisfaction",
    "responsibilities",
)


class BeneficiaryPolicy(models.Model):
    """One version of an association's beneficiary relationship policy.

    Channels and the response deadline are not typed in: they come from the channel
    records and the company's deadline setting, so the printed and published policy says
    what the module does."""

    _name = "beneficiary.policy"
    _description = "Beneficiary Relationship Policy"
    _inherit = ["beneficiary.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "company_id, version desc, id desc"
    _check_company_auto = True
    _workflow_states_open = ("draft",)
    _workflow_states_decided = ("approved", "superseded")
    _workflow_states_closed = ("superseded",)
    _workflow_protected_fields = (
        "state",
        "version",
        "approved_by_id",
        "superseded_date",
        "published_response_days",
        "last_review_date",
    )

    def _default_name(self):
        return self.env._("Beneficiary Relationship Policy")

    def _default_channel_ids(self):
        return self.env["beneficiary.channel"].search([])

    name = fields.Char(
        string="Policy Title", required=True, default=lambda self: self._default_name(), tracking=True
    )
    version = fields.Integer(readonly=True, copy=False, default=0, aggregator=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        string="Status",
        selection=[
            ("draft", "Draft"),
            ("approved", "Current"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    active = fields.Boolean(default=True)

    # board approval
    board_session = fields.Char(
        string="Board Session",
        tracking=True,
        copy=False,
        help="The board meeting that approved this version, as the minutes name it "
        "(e.g. 8th session, or second meeting of the first term).",
    )
    approval_date = fields.Date(string="Approval Date", tracking=True, copy=False)
    approval_date_hijri = fields.Char(string="Approval Date (Hijri)", compute="_compute_approval_date_hijri")
    board_chair = fields.Char(
        string="Chair of the Board",
        tracking=True,
        help="Name of the chair of the board of directors who signs the approval.",
    )
    approved_by_id = fields.Many2one("res.users", string="Recorded By", readonly=True, copy=False)
    superseded_date = fields.Date(readonly=True, copy=False)

    # sections the association writes
    introduction = fields.Html()
    scope = fields.Html(help="Who and what the policy applies to.")
    general_goal = fields.Html(string="General Goal")
    detailed_goals = fields.Html(string="Detailed Goals")
    channel_ids = fields.Many2many(
        "beneficiary.channel",
        string="Communication Channels",
        default=lambda self: self._default_channel_ids(),
        help="Listed in the policy in the order of the channel records. Archived channels "
        "disappear from the printed policy.",
    )
    channels_note = fields.Html(string="About the Channels")
    tools = fields.Html(string="Tools Available to Staff")
    handling = fields.Html(string="Handling a Beneficiary")
    response_days = fields.Integer(
        string="Response Deadline (working days)",
        compute="_compute_response_days",
        help="Taken from the company's deadline setting while the version is draft or current; "
        "a superseded version keeps the deadline it was published with.",
    )
    response_days_text = fields.Char(
        string="Response Deadline", compute="_compute_response_days_text", help="The deadline, in words."
    )
    published_response_days = fields.Integer(readonly=True, copy=False)
    compensation = fields.Html()
    complaints = fields.Html(string="Complaints and Disputes")
    committees = fields.Html(help="The committees that study requests, complaints and compensation.")
    relationship = fields.Html(string="Building the Relationship")
    intellectual_property = fields.Html(
        string="Beneficiaries' Intellectual Property",
        help="How the association keeps the intellectual property of beneficiaries (their works, "
        "designs, texts and images produced in its programs) and when it asks their consent to use it.",
    )
    ethics_code = fields.Html(
        string="Code of Professional Ethics",
        help="The standards of conduct staff commit to. Staff confirm it explicitly when they "
        "acknowledge the policy.",
    )
    information = fields.Html(string="Providing Information")
    satisfaction = fields.Html(string="Satisfaction Measurement")
    responsibilities = fields.Html()
    section_ids = fields.One2many(
        "beneficiary.policy.section",
        "policy_id",
        string="Other Sections",
        copy=True,
        help="Further chapters of the policy (definitions, eligibility, closing...), printed "
        "after the standard ones.",
    )
    document_ids = fields.One2many(
        "beneficiary.policy.document",
        "policy_id",
        string="Documents",
        copy=True,
        help="The documents staff are given with the policy (bylaws, services guide, request "
        "forms...), printed as its annexes. Those visible to beneficiaries are offered on the "
        "public policy page.",
    )
    content_html = fields.Html(
        string="Policy Text",
        compute="_compute_content_html",
        sanitize=False,
        help="The policy as it is printed and published.",
    )

    # review and distribution
    review_date = fields.Date(
        string="Next Review",
        tracking=True,
        copy=False,
        help="When the policy is due for review. The review responsible gets a reminder a month "
        "before; Mark as Reviewed records the review and sets the next date.",
    )
    review_user_id = fields.Many2one(
        "res.users",
        string="Review Responsible",
        tracking=True,
        domain=[("share", "=", False)],
        help="Who is reminded to review the policy; the manager who recorded the approval when empty.",
    )
    last_review_date = fields.Date(string="Last Reviewed", readonly=True, copy=False, tracking=True)
    distribution_ids = fields.One2many(
        "beneficiary.policy.distribution",
        "policy_id",
        string="Distribution",
        copy=False,
        help="The copies given to the departments: which department, when, by whom and how.",
    )

    # acknowledgment
    acknowledgment_ids = fields.One2many(
        "beneficiary.policy.acknowledgment",
        "policy_id",
        string="Acknowledgments",
        copy=False,
    )
    external_acknowledgment_ids = fields.One2many(
        "beneficiary.policy.acknowledgment",
        "policy_id",
        string="Employees without a Login",
        domain=[("user_id", "=", False)],
        copy=False,
        help="Employees who have no Odoo login: each signs the policy through a personal link.",
    )
    signature_required = fields.Boolean(related="company_id.beneficiary_policy_signature_required")
    is_acknowledged_by_me = fields.Boolean(
        string="Acknowledged by Me",
        compute="_compute_is_acknowledged_by_me",
    )
    expected_count = fields.Integer(
        string="Staff Expected",
        compute="_compute_coverage",
        groups="beneficiary_relations.group_manager",
    )
    acknowledged_count = fields.Integer(
        string="Staff Acknowledged",
        compute="_compute_coverage",
        groups="beneficiary_relations.group_manager",
    )
    acknowledgment_rate = fields.Float(
        string="Acknowledgment Coverage (%)",
        compute="_compute_coverage",
        aggregator=False,
        groups="beneficiary_relations.group_manager",
    )
    pending_user_ids = fields.Many2many(
        "res.users",
        string="Not Yet Acknowledged",
        compute="_compute_coverage",
        groups="beneficiary_relations.group_manager",
    )

    _sql_constraints = [
        (
            "version_company_uniq",
            "unique(company_id, version)",
            "Each version number is used once per company.",
        ),
    ]

    def init(self):
        # one current version per company, even when two managers approve at once
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS beneficiary_policy_one_current_per_company "
                "ON beneficiary_policy (company_id) WHERE state = 'approved'"
            )
        )

    @api.depends("approval_date")
    @api.depends_context("lang")
    def _compute_approval_date_hijri(self):
        lang = self.env.lang or "en_US"
        for policy in self:
            policy.approval_date_hijri = hijri.format_hijri(policy.approval_date, lang=lang)

    @api.depends("state", "published_response_days", "company_id.beneficiary_sla_days")
    def _compute_response_days(self):
        for policy in self:
            if policy.state == "superseded" and policy.published_response_days:
                policy.response_days = policy.published_response_days
            else:
                policy.response_days = policy.company_id.beneficiary_sla_days

    @api.depends("response_days", "company_id.beneficiary_sla_calendar_days")
    @api.depends_context("lang")
    def _compute_response_days_text(self):
        for policy in self:
            unit = "day" if policy.company_id.beneficiary_sla_calendar_days else "working_day"
            policy.response_days_text = count_text(self.env, policy.response_days, unit)

    @api.depends(
        *CONTENT_FIELDS,
        "version",
        "state",
        "response_days",
        "company_id.beneficiary_sla_calendar_days",
        "company_id.name",
        "channel_ids.name",
        "channel_ids.sequence",
        "channel_ids.active",
        "section_ids.name",
        "section_ids.body",
        "section_ids.sequence",
        "document_ids.name",
        "document_ids.kind",
        "document_ids.sequence",
        "document_ids.is_public",
    )
    @api.depends_context("lang")
    def _compute_content_html(self):
        for policy in self:
            policy.content_html = self.env["ir.qweb"]._render(
                "beneficiary_relations.policy_content", {"policy": policy}
            )

    @api.depends_context("uid")
    @api.depends("acknowledgment_ids.user_id", "acknowledgment_ids.state")
    def _compute_is_acknowledged_by_me(self):
        acknowledged = (
            self.env["beneficiary.policy.acknowledgment"]
            .search([("policy_id", "in", self.ids), ("user_id", "=", self.env.uid), ("state", "=", "done")])
            .policy_id
        )
        for policy in self:
            policy.is_acknowledged_by_me = policy in acknowledged

    @api.depends("state", "company_id", "acknowledgment_ids.user_id", "acknowledgment_ids.state")
    def _compute_coverage(self):
        expected_by_company = {company: self._get_expected_users(company) for company in self.company_id}
        for policy in self:
            if policy.state == "draft":
                expected = self.env["res.users"]
                employees = policy.acknowledgment_ids.browse()
            else:
                expected = expected_by_company.get(policy.company_id, self.env["res.users"])
                employees = policy.acknowledgment_ids.filtered(lambda a: not a.user_id)
            acknowledged = policy._get_acknowledged_users() & expected
            signed = employees.filtered(lambda a: a.state == "done")
            total = len(expected) + len(employees)
            done = len(acknowledged) + len(signed)
            policy.expected_count = total
            policy.acknowledged_count = done
            policy.acknowledgment_rate = 100.0 * done / total if total else 0.0
            policy.pending_user_ids = expected - acknowledged

    def _check_one_current_per_company(self, companies):
        """Refuse a second current version in ``companies`` (checked before writing, so the
        user gets this message rather than the database index's)."""
        current = self.search_count(
            [("state", "=", "approved"), ("company_id", "in", companies.ids), ("id", "not in", self.ids)],
            limit=1,
        )
        if current or len(self) > len(companies):
            raise ValidationError(
                self.env._(
                    "%(company)s already has a current policy. Approving a new version "
                    "supersedes it; do not mark two versions as current.",
                    company=companies[:1].display_name,
                )
            )

    @api.model
    def _workflow_prepare_create(self, vals_list):
        """Versions are numbered per company, one after the other."""
        super()._workflow_prepare_create(vals_list)
        next_version = {}
        for vals in vals_list:
            company_id = vals.get("company_id") or self.env.company.id
            if company_id not in next_version:
                last = self.with_context(active_test=False).search(
                    [("company_id", "=", company_id)], order="version desc", limit=1
                )
                next_version[company_id] = last.version + 1
            vals["version"] = next_version[company_id]
            next_version[company_id] += 1
            if vals.get("state") == "approved":
                self._check_one_current_per_company(self.env["res.company"].browse(company_id))
        return vals_list

    def write(self, vals):
        if vals.get("state") == "approved":
            companies = self.env["res.company"].browse(vals["company_id"]) if vals.get("company_id") else None
            self._check_one_current_per_company(companies or self.company_id)
        return super().write(vals)

    def _workflow_check_frozen(self, field_names):
        if set(CONTENT_FIELDS) & field_names:
            self._check_content_editable()

    def _check_content_editable(self):
        """The text of a version (its fields and sections) changes only while it is a
        draft: the board approved the text of the others."""
        frozen = self.filtered(lambda p: p.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "The policy %(policy)s was approved by the board and can no longer be "
                    "changed. Create a new version, change it and have it approved.",
                    policy=frozen[0].display_name,
                )
            )

    @api.depends("name", "version")
    def _compute_display_name(self):
        for policy in self:
            if policy.version:
                policy.display_name = self.env._(
                    "%(title)s (version %(version)s)", title=policy.name or "", version=policy.version
                )
            else:
                policy.display_name = policy.name

    # ------------------------------------------------------------------ actions
    def _check_manager_action(self, state, refusal, wrong_state):
        """The checks of the board's approval and of a review: a user who is not a
        manager is refused with ``refusal``, a version not in ``state`` with the message
        ``wrong_state(policy)``."""
        if not self.env.user.has_group("beneficiary_relations.group_manager"):
            raise UserError(refusal)
        for policy in self:
            if policy.state != state:
                raise UserError(wrong_state(policy))

    def action_approve(self):
        """Record the board's approval: the version becomes the company's current policy
        and the previous current one is superseded."""
        self._check_manager_action(
            "draft",
            self.env._("Only a Beneficiary Relations manager can record the board's approval."),
            lambda policy: self.env._(
                "%(policy)s is not a draft: only a draft version can be approved.", policy=policy.display_name
            ),
        )
        today = fields.Date.context_today(self)
        for policy in self:
            if not policy.approval_date:
                raise UserError(
                    self.env._(
                        "Enter the date of the board meeting that approved %(policy)s before approving it.",
                        policy=policy.display_name,
                    )
                )
            if policy.approval_date > today:
                raise UserError(self.env._("The board's approval date cannot be in the future."))
        if len(self.company_id) != len(self):
            raise UserError(self.env._("Approve one version per company at a time."))
        previous = self.search([("state", "=", "approved"), ("company_id", "in", self.company_id.ids)])
        if previous:
            previous._supersede()
        self._set_state("approved", approved_by_id=self.env.uid)
        # the employees without a login who were asked to sign the previous version are
        # asked again, as staff with a login are
        self.env["beneficiary.policy.acknowledgment"].create(
            [
                {
                    "policy_id": self.filtered(lambda p, old=old: p.company_id == old.company_id)[:1].id,
                    "employee_name": old.employee_name,
                    "employee_email": old.employee_email,
                    "department": old.department,
                }
                for old in previous.external_acknowledgment_ids
            ]
        )
        for policy in self.filtered(
            lambda p: not p.review_date and p.company_id.beneficiary_policy_review_months
        ):
            policy.review_date = policy.approval_date + relativedelta(
                months=policy.company_id.beneficiary_policy_review_months
            )
        return True

    def action_mark_reviewed(self):
        """Record that the policy was reviewed today: the next review is due after the
        company's review period, and the reminder is done."""
        self._check_manager_action(
            "approved",
            self.env._("Only a Beneficiary Relations manager can record a review of the policy."),
            lambda policy: self.env._(
                "Only the current policy is reviewed; %(policy)s is not current.", policy=policy.display_name
            ),
        )
        today = fields.Date.context_today(self)
        for policy in self:
            months = policy.company_id.beneficiary_policy_review_months
            policy._workflow_write({"last_review_date": today})
            policy.review_date = today + relativedelta(months=months) if months else False
            policy.activity_feedback(
                [REVIEW_ACTIVITY], feedback=self.env._("Reviewed by %(user)s.", user=self.env.user.name)
            )
            policy.message_post(body=self.env._("The policy was reviewed; it stays in force as it is."))
        return True

    def action_send_signature_links(self):
        """E-mail their personal link to the employees without a login who have not signed
        and were not sent it yet."""
        self.ensure_one()
        pending = self.external_acknowledgment_ids.filtered(
            lambda a: a.state == "pending" and not a.link_sent_on and (a.employee_email or "").strip()
        )
        if not pending:
            raise UserError(
                self.env._(
                    "Every employee with an e-mail address has already been sent the link, or has signed."
                )
            )
        pending.action_send_link()
        return True

    def _supersede(self):
        self.activity_unlink([ACKNOWLEDGMENT_ACTIVITY])
        today = fields.Date.context_today(self)
        for policy in self:
            # the deadline it was published with, kept when the setting changes later
            policy._set_state(
                "superseded",
                superseded_date=today,
                published_response_days=policy.company_id.beneficiary_sla_days,
            )
        # free the "one current per company" index before the new version takes its place
        self.flush_recordset(["state"])

    def action_new_version(self):
        """A draft copy of this version, to be changed and approved by the board."""
        self.ensure_one()
        new = self.copy()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_acknowledge(self):
        self.ensure_one()
        self._check_can_acknowledge()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Acknowledge the Policy"),
            "res_model": "beneficiary.policy.acknowledge",
            "view_mode": "form",
            "target": "new",
            "context": {"default_policy_id": self.id},
        }

    @api.model
    def action_open_current(self):
        """The current version of the user's company, opened for reading and acknowledgment."""
        policy = self._get_current(self.env.company)
        if not policy:
            raise UserError(
                self.env._(
                    "%(company)s has no approved beneficiary relationship policy yet.",
                    company=self.env.company.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Our Policy"),
            "res_model": self._name,
            "res_id": policy.id,
            "view_mode": "form",
            "views": [(self.env.ref("beneficiary_relations.beneficiary_policy_view_form_read").id, "form")],
            "target": "current",
        }

    def action_view_acknowledgments(self):
        self.ensure_one()
        return window_action(
            self.env,
            "beneficiary_relations.beneficiary_policy_acknowledgment_action",
            [("policy_id", "=", self.id)],
            {"default_policy_id": self.id},
        )

    # ------------------------------------------------------------------ business
    @api.model
    def _get_current(self, company):
        return self.search([("state", "=", "approved"), ("company_id", "=", company.id)], limit=1)

    @api.model
    def _get_staff_groups(self):
        return self.env["res.groups"].browse(
            [self.env["ir.model.data"]._xmlid_to_res_id(xmlid) for xmlid in STAFF_GROUPS]
        )

    @api.model
    def _get_expected_users(self, company):
        """Internal users of ``company`` in one of the module's groups."""
        return self.env["res.users"].search(
            [
                ("share", "=", False),
                ("groups_id", "in", self._get_staff_groups().ids),
                ("company_ids", "in", company.id),
            ]
        )

    def _get_acknowledged_users(self):
        """Staff with a login who acknowledged this version."""
        self.ensure_one()
        return self.acknowledgment_ids.filtered(lambda a: a.state == "done").user_id

    def _get_annexes(self):
        """The documents printed as the policy's annexes, as the reader may read them
        (record rules: beneficiaries and visitors see the public ones of the current
        version); only the public ones where the policy is published."""
        self.ensure_one()
        documents = self.document_ids.sorted(lambda d: (d.sequence, d.id))
        if self.env.context.get("beneficiary_policy_published"):
            # the published copy (page and PDF for visitors) lists what they can download
            documents = documents.filtered("is_public")
        return documents

    def _has_ethics_code(self):
        self.ensure_one()
        return not is_html_empty(self.ethics_code)

    def _check_can_acknowledge(self):
        for policy in self:
            if policy.state != "approved":
                raise UserError(
                    self.env._(
                        "Only the current policy can be acknowledged; %(policy)s is not current.",
                        policy=policy.display_name,
                    )
                )
            if policy.is_acknowledged_by_me:
                raise UserError(
                    self.env._(
                        "You have already acknowledged %(policy)s.",
                        policy=policy.display_name,
                    )
                )

    def _acknowledge(self, signature=False, ethics_acknowledged=False):
        """The current user declares having read the policy and, when it has one, its code
        of professional ethics; they sign it where the association requires a signature
        (optional otherwise)."""
        self.ensure_one()
        self._check_can_acknowledge()
        Acknowledgment = self.env["beneficiary.policy.acknowledgment"]
        if self.signature_required and not signature:
            raise UserError(
                self.env._(
                    "%(company)s asks staff to sign the policy: sign it to acknowledge it.",
                    company=self.company_id.name,
                )
            )
        if signature:
            self.env["beneficiary.portal.mixin"]._portal_check_signature(signature)
        if self._has_ethics_code() and not ethics_acknowledged:
            raise UserError(
                self.env._("Confirm that you have read the code of professional ethics and commit to it.")
            )
        Acknowledgment.check_access("create")
        acknowledgment = Acknowledgment._workflow_create(
            [
                {
                    "policy_id": self.id,
                    "user_id": self.env.uid,
                    "state": "done",
                    "date": fields.Datetime.now(),
                    "signature": signature,
                    "signer_name": self.env.user.name,
                    "ethics_acknowledged": self._has_ethics_code(),
                }
            ]
        )
        self.activity_feedback([ACKNOWLEDGMENT_ACTIVITY], user_id=self.env.uid)
        return acknowledgment

    def _get_content_values(self):
        """What the policy template prints, in the order the board approved it: the text
        sections (headed by their field labels, in the reader's language), the channels
        taken from the channel records, the deadline taken from the settings."""
        self.ensure_one()
        lang = self.env.lang or "en_US"
        labels = {
            name: field._description_string(self.env)
            for name, field in self._fields.items()
            if name in (*TEXT_SECTIONS, "channel_ids", "response_days")
        }
        blocks = []
        for name in TEXT_SECTIONS:
            if name == "tools":
                blocks.append(
                    {
                        "kind": "channels",
                        "heading": labels["channel_ids"],
                        "channels": self.channel_ids.sorted(lambda c: (c.sequence, c.name or "", c.id)),
                        "note": None if is_html_empty(self.channels_note) else self.channels_note,
                    }
                )
            if name == "committees":
                blocks.append({"kind": "deadline", "heading": self.env._("Response Deadline")})
            if not is_html_empty(self[name]):
                blocks.append({"kind": "text", "heading": labels[name], "body": self[name]})
        hijri_parts = hijri.to_hijri(self.approval_date)
        return {
            "annexes": self._get_annexes(),
            "blocks": blocks,
            "sections": self.section_ids.sorted(lambda s: (s.sequence, s.id)).filtered(
                lambda s: s.name or not is_html_empty(s.body)
            ),
            "days": self.response_days,
            "calendar_days": self.company_id.beneficiary_sla_calendar_days,
            # "15 يوم عمل", "10 أيام عمل": the noun agreeing with the number
            "days_text": self.response_days_text,
            "gregorian_date": (self.approval_date and self.approval_date.strftime("%d/%m/%Y")) or "",
            "hijri_date": f"{hijri_parts[2]:02d}/{hijri_parts[1]:02d}/{hijri_parts[0]}"
            if hijri_parts
            else "",
            "direction": self.env["res.lang"]._get_data(code=lang).direction or "ltr",
            # after a number in right-to-left text, so that wkhtmltopdf places it right
            "rlm": "\u200f",
        }

    @api.model
    def _cron_remind_acknowledgment(self, batch_size=200):
        """Give every staff member who has not acknowledged their company's current policy
        one reminder activity (never a second one), ``batch_size`` at a time."""
        activity_type = self.env.ref(ACKNOWLEDGMENT_ACTIVITY, raise_if_not_found=False)
        if not activity_type:
            return
        policies = self.search([("state", "=", "approved")])
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", policies.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        reminded = {(activity.res_id, activity.user_id.id) for activity in existing}
        todo = []
        for policy in policies:
            acknowledged = policy._get_acknowledged_users()
            for user in self._get_expected_users(policy.company_id) - acknowledged:
                if (policy.id, user.id) not in reminded:
                    todo.append((policy, user))
        batch, remaining = todo[:batch_size], todo[batch_size:]
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": policy.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": self.env._("Read and acknowledge %(policy)s", policy=policy.display_name),
                    "date_deadline": today,
                    "automated": True,
                }
                for policy, user in batch
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(remaining))

    @api.model
    def _cron_remind_review(self):
        """Remind who reviews each current policy, a month before its review date, once
        (no second reminder while one is open)."""
        activity_type = self.env.ref(REVIEW_ACTIVITY, raise_if_not_found=False)
        if not activity_type:
            return
        today = fields.Date.context_today(self)
        policies = self.search(
            [
                ("state", "=", "approved"),
                ("review_date", "!=", False),
                ("review_date", "<=", today + relativedelta(days=REVIEW_NOTICE_DAYS)),
            ]
        )
        reminded = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", policies.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        todo = policies.filtered(lambda p: p.id not in reminded)
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": policy.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (policy.review_user_id or policy.approved_by_id or self.env.user).id,
                    "summary": self.env._("Review %(policy)s", policy=policy.display_name),
                    "date_deadline": policy.review_date,
                    "automated": True,
                }
                for policy in todo
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(todo), remaining=0)
