import re

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..lib.actions import window_action
from ..lib.digits import digits_in_text
from ..lib.outside_text import plain_text
from .beneficiary_portal_mixin import LONG_TEXT_LIMIT, TEXT_LIMIT, PortalThrottled

# a Saudi mobile written in an e-mail: 05XXXXXXXX, 9665XXXXXXXX or +9665XXXXXXXX
MOBILE_RE = re.compile(r"(?:\+?966|0)5\d{8}")

# the exception of the complaint forms' allowance (the portal mixin's)
ComplaintThrottled = PortalThrottled
COMPLAINT_MODEL = "beneficiary.complaint"
COMPLAINT_LETTERS = {
    "acknowledgement": "beneficiary_relations.beneficiary_complaint_action_report_acknowledgement",
    "outcome": "beneficiary_relations.beneficiary_complaint_action_report_outcome",
}
OUTCOMES = ("settled", "resolved", "rejected")


class BeneficiaryComplaint(models.Model):
    _name = "beneficiary.complaint"
    _description = "Complaint or Inquiry"
    _inherit = [
        "beneficiary.portal.mixin",
        "mail.activity.mixin",
        "beneficiary.link.mixin",
        "beneficiary.personal.data.mixin",
        "beneficiary.letter.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _sla_applies_to = "complaint"
    _workflow_states_open = ("new", "acknowledged", "investigating")
    _workflow_states_decided = ("settled", "resolved", "rejected", "closed")
    _workflow_states_closed = ("settled", "resolved", "rejected", "closed")
    _workflow_sequence_code = "beneficiary.complaint"
    _workflow_notification_templates = {
        "acknowledgement": (
            "beneficiary_relations.mail_template_complaint_acknowledgement",
            "beneficiary_relations.sms_template_complaint_acknowledgement",
        ),
        "rating": (
            "beneficiary_relations.mail_template_complaint_rating",
            "beneficiary_relations.sms_template_complaint_rating",
        ),
    }
    _workflow_protected_fields = ("state", "date_acknowledged", "date_done", "date_closed")
    _primary_email = "contact_email"
    _beneficiary_link_fields = ("beneficiary_id", "partner_id", "request_id")
    _personal_fields = (
        "subject", "description", "contact_name", "contact_email", "contact_mobile", "resolution",
        "rejection_reason", "settlement_terms", "settlement_accepted_by", "portal_ip_hash",
    )  # fmt: skip
    _personal_export_key = "complaints"
    _personal_export_fields = ("name", "subject", "category_id", "state", "date_received", "description")

    name = fields.Char(string="Reference", readonly=True, copy=False, index="trigram")
    state = fields.Selection(
        [
            ("new", "New"),
            ("acknowledged", "Acknowledged"),
            ("investigating", "Investigating"),
            ("settled", "Settled Amicably"),
            ("resolved", "Resolved"),
            ("rejected", "Rejected"),
            ("closed", "Closed"),
        ],
        string="Status",
        required=True,
        default="new",
        tracking=True,
        index=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(related="category_id.kind", store=True)
    category_id = fields.Many2one(
        "beneficiary.complaint.category",
        string="Complaint Category",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html(sanitize=True, sanitize_overridable=False)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent")], default="0", tracking=True, index=True
    )
    channel_id = fields.Many2one(
        "beneficiary.channel", string="Received Through", required=True, tracking=True
    )
    date_received = fields.Datetime(string="Received On", required=True, default=fields.Datetime.now)

    # complainant: a beneficiary, or anyone who leaves a way to answer them
    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary", index=True, tracking=True, check_company=True, ondelete="restrict"
    )
    beneficiary_category_id = fields.Many2one(
        related="beneficiary_id.category_id", store=True, index=True, string="Beneficiary Category"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        index=True,
    )
    contact_name = fields.Char(string="Contact Name")
    contact_email = fields.Char(string="Contact E-mail")
    contact_mobile = fields.Char(string="Contact Mobile")
    is_anonymous = fields.Boolean(
        string="Without Beneficiary File", compute="_compute_is_anonymous", store=True
    )
    suggested_beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        string="Possible Beneficiary",
        compute="_compute_suggested_beneficiary_id",
        help="A beneficiary on file with the complainant's e-mail or mobile. Check that the "
        "complainant is this beneficiary before linking the complaint to their file.",
    )
    request_id = fields.Many2one("beneficiary.service.request", string="Related Request", check_company=True)

    # handling
    committee_id = fields.Many2one(
        "beneficiary.committee",
        string="Follow-up Committee",
        compute="_compute_committee_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        index=True,
    )
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True, index=True)
    date_acknowledged = fields.Datetime(string="Acknowledged On", readonly=True, copy=False)
    date_done = fields.Datetime(string="Handled On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    resolution = fields.Html(sanitize=True, tracking=True)
    rejection_reason = fields.Text(tracking=True)

    # amicable settlement
    settlement_terms = fields.Text(string="Settlement Terms", tracking=True)
    settlement_accepted_by = fields.Char(string="Accepted By", tracking=True)
    settlement_accepted_on = fields.Datetime(string="Accepted On", tracking=True)
    settlement_acceptance_method = fields.Selection(
        [
            ("signature", "Signed in Person"),
            ("phone", "By Phone"),
            ("email", "By E-mail"),
            ("portal", "On the Portal"),
            ("letter", "By Letter"),
        ],
        string="Accepted How",
        tracking=True,
    )
    compensation_ids = fields.One2many("beneficiary.compensation", "complaint_id", string="Compensations")
    compensation_count = fields.Integer(compute="_compute_compensation_count")

    @api.depends("beneficiary_id")
    def _compute_partner_id(self):
        for complaint in self:
            complaint.partner_id = complaint.beneficiary_id.partner_id or complaint.partner_id

    @api.depends("beneficiary_id", "partner_id")
    def _compute_is_anonymous(self):
        for complaint in self:
            complaint.is_anonymous = not complaint.beneficiary_id and not complaint.partner_id

    @api.depends("beneficiary_id", "contact_email", "contact_mobile", "company_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_suggested_beneficiary_id(self):
        """Among the beneficiaries the user may read (record rules), the one whose
        e-mail or mobile is the complainant's contact."""
        unlinked = self.filtered(lambda c: not c.beneficiary_id and (c.contact_email or c.contact_mobile))
        (self - unlinked).suggested_beneficiary_id = False
        if not unlinked:
            return
        emails = {c: tools.email_normalize(c.contact_email or "") for c in unlinked}
        candidates = self.env["beneficiary.beneficiary"].search(
            [
                ("company_id", "in", unlinked.company_id.ids),
                "|",
                ("email_normalized", "in", [email for email in emails.values() if email]),
                ("mobile", "in", [mobile for mobile in unlinked.mapped("contact_mobile") if mobile]),
            ]
        )
        for complaint in unlinked:
            matches = candidates.filtered(
                lambda b, c=complaint: (
                    b.company_id == c.company_id
                    and (
                        (emails[c] and b.email_normalized == emails[c])
                        or (c.contact_mobile and b.mobile == c.contact_mobile)
                    )
                )
            )
            complaint.suggested_beneficiary_id = matches if len(matches) == 1 else False

    @api.depends("category_id", "company_id")
    def _compute_committee_id(self):
        """The category's committee; else the company's follow-up committee: no
        complaint waits without a committee."""
        Committee = self.env["beneficiary.committee"]
        for complaint in self:
            if not complaint.committee_id or complaint.state == "new":
                complaint.committee_id = complaint.category_id.committee_id
            else:
                complaint.committee_id = complaint.committee_id
            if not complaint.committee_id and complaint.state == "new":
                committee = Committee._beneficiary_company_committee(complaint.company_id, "follow_up")
                complaint.committee_id = committee.filtered("active")

    def _compute_compensation_count(self):
        for complaint in self:
            complaint.compensation_count = len(complaint.compensation_ids)

    def _compute_access_url(self):
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    @api.constrains("beneficiary_id", "partner_id", "contact_name", "contact_email", "contact_mobile")
    def _check_contact(self):
        for complaint in self:
            if complaint.beneficiary_id or complaint.partner_id:
                continue
            if not complaint.contact_name or not (complaint.contact_email or complaint.contact_mobile):
                raise UserError(
                    self.env._(
                        "An anonymous complaint needs a contact name and an e-mail or a mobile number "
                        "so that the association can answer it."
                    )
                )

    @api.model
    def _personal_records(self, beneficiary):
        # also those their contact filed before being linked to the file
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                ["|", ("beneficiary_id", "=", beneficiary.id), ("partner_id", "=", beneficiary.partner_id.id)]
            )
        )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._check_not_about_oneself(vals_list)
        Beneficiary = self.env["beneficiary.beneficiary"]
        for vals in vals_list:
            if vals.get("contact_mobile"):
                vals["contact_mobile"] = Beneficiary._normalize_mobile(vals["contact_mobile"])
            if vals.get("contact_email"):
                vals["contact_email"] = tools.email_normalize(vals["contact_email"]) or vals["contact_email"]
        complaints = super().create(vals_list)
        complaints.filtered("staff_user_id")._keep_staff_member_out()
        # data files and the module's own code creating records in a later state (demo,
        # tests) describe what happened: no arrival
        if not self._workflow_is_unlocked(create=True):
            complaints._route_arrival()
        return complaints

    def write(self, vals):
        if vals.get("staff_user_id"):
            self._check_not_about_oneself([vals])
        if vals.get("contact_mobile"):
            vals = dict(
                vals,
                contact_mobile=self.env["beneficiary.beneficiary"]._normalize_mobile(vals["contact_mobile"]),
            )
        result = super().write(vals)
        if vals.get("staff_user_id") or "user_id" in vals:
            self.filtered("staff_user_id")._keep_staff_member_out()
        return result

    # ------------------------------------------------------------------ incoming e-mail
    @api.model
    def _find_beneficiary_from_message(self, email_from):
        """The beneficiary who wrote, known by the sender's address: one beneficiary on
        file with that e-mail, else nobody. Anything written in the mail (a mobile, an ID,
        a name) can name someone else: staff confirm those matches themselves
        (``suggested_beneficiary_id``). Searched as superuser: the mail gateway runs for
        anybody who writes."""
        email = tools.email_normalize(email_from or "")
        if not email:
            return self.env["beneficiary.beneficiary"]
        found_sudo = (
            self.env["beneficiary.beneficiary"].sudo().search([("email_normalized", "=", email)], limit=2)
        )
        return found_sudo if len(found_sudo) == 1 else found_sudo.browse()

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint from an e-mail to the complaints alias, kept as plain text."""
        text = self._portal_mail_text(msg_dict.get("body"))
        subject = " ".join(plain_text(msg_dict.get("subject")).split())[:200]
        beneficiary = self._find_beneficiary_from_message(msg_dict.get("email_from"))
        name, email = tools.parse_contact_from_email(msg_dict.get("email_from") or "")
        values = {
            "subject": subject or self.env._("Complaint by e-mail"),
            "description": self._portal_text_to_html(text),
            "channel_id": self.env.ref("beneficiary_relations.channel_email").id,
            "category_id": self._default_category().id,
            "contact_name": " ".join(plain_text(name or email).split())[:100],
            "contact_email": email,
        }
        if beneficiary:
            values.update(beneficiary_id=beneficiary.id, company_id=beneficiary.company_id.id)
        else:
            # a mobile written in the mail is a way to answer, not a proof of identity
            mobile = MOBILE_RE.search(digits_in_text(f"{subject} {text}"))
            if mobile:
                values["contact_mobile"] = "+966" + mobile.group()[-9:]
        values.update(custom_values or {})
        # not super(): it would put the subject in the reference and the raw sender in the e-mail
        return self.with_context(mail_create_nosubscribe=True).create(values)

    @api.model
    def _default_category(self):
        return self.env["beneficiary.complaint.category"].search(
            [("kind", "=", "complaint"), ("company_id", "in", self.env.companies.ids)], limit=1
        )

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        for complaint in self:
            if complaint.partner_id:
                complaint._message_add_suggested_recipient(
                    recipients, partner=complaint.partner_id, reason=self.env._("Complainant")
                )
            elif complaint.contact_email:
                complaint._message_add_suggested_recipient(
                    recipients, email=complaint.contact_email, reason=self.env._("Complainant")
                )
        return recipients

    # ------------------------------------------------------------------ SLA hooks
    def _sla_responsible_user(self):
        for user in (
            self.user_id,
            self.liaison_user_id,
            self.beneficiary_id.liaison_user_id,
            self.committee_id.chair_id,
        ):
            if user and user != self.staff_user_id:
                return user
        return self.env["res.users"]

    def _sla_committee(self):
        return self.committee_id

    def _sla_at_risk_days(self):
        return self.category_id.sla_at_risk_days

    # ------------------------------------------------------------------ actions
    def action_acknowledge(self):
        """Tell the complainant we have it: the reference and the deadline."""
        complaints = self.filtered(lambda c: c.state == "new")
        now = fields.Datetime.now()
        complaints._set_state("acknowledged", date_acknowledged=now)
        for complaint in complaints:
            complaint._sla_start(
                complaint.category_id.sla_days,
                complaint.category_id.sla_at_risk_days,
                complaint.date_received,
            )
            if complaint.user_id:
                complaint.message_subscribe(partner_ids=complaint.user_id.partner_id.ids)
        complaints._workflow_notify("acknowledgement")

    def action_investigate(self):
        self.filtered(lambda c: c.state in ("new", "acknowledged")).action_acknowledge()
        self.filtered(lambda c: c.state == "acknowledged")._set_state("investigating")

    def action_settle(self):
        """Close the dispute amicably, with the beneficiary's acceptance recorded."""
        self._check_can_close()
        for complaint in self:
            missing = [
                label
                for field, label in (
                    ("settlement_terms", self.env._("the terms")),
                    ("settlement_accepted_by", self.env._("who accepted")),
                    ("settlement_accepted_on", self.env._("when")),
                    ("settlement_acceptance_method", self.env._("how it was accepted")),
                )
                if not complaint[field]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Record the amicable settlement of %(complaint)s first: %(missing)s.",
                        complaint=complaint.name,
                        missing=", ".join(missing),
                    )
                )
        self._finish("settled")

    def action_resolve(self):
        self._check_can_close()
        for complaint in self:
            if tools.is_html_empty(complaint.resolution):
                raise UserError(
                    self.env._(
                        "Describe how %(complaint)s was resolved before resolving it.",
                        complaint=complaint.name,
                    )
                )
        self._finish("resolved")

    def action_reject(self):
        self._check_can_close()
        for complaint in self:
            if not (complaint.rejection_reason or "").strip():
                raise UserError(
                    self.env._("Give the reason for rejecting %(complaint)s.", complaint=complaint.name)
                )
        self._finish("rejected")

    def _finish(self, state):
        self._check_can_close()
        complaints = self.filtered(lambda c: c.state in self._workflow_states_open)
        if not complaints:
            raise UserError(self.env._("This complaint is already handled."))
        complaints.filtered(lambda c: c.state == "new").action_acknowledge()
        now = fields.Datetime.now()
        complaints._set_state(state, date_done=now)
        complaints._sla_stop(now)
        complaints.activity_feedback(["mail.mail_activity_data_todo"])
        complaints._workflow_notify("decision")
        self.check_access("write")

    def action_close(self):
        self._check_can_close()
        complaints = self.filtered(lambda c: c.state in ("settled", "resolved", "rejected"))
        complaints._set_state("closed", date_closed=fields.Datetime.now())
        complaints.filtered(lambda c: c._portal_can_rate())._workflow_notify("rating")
        # the record rules say it too: a closed complaint is written by those who close it
        self.check_access("write")

    def action_escalate_to_management(self):
        """Raise the complaint to top management now, whatever the deadline."""
        managers = (
            self.env.ref("beneficiary_relations.group_manager")
            .sudo()
            .users.filtered(lambda u: not u.share and u.id != 1)
        )
        for complaint in self:
            for manager in managers.filtered(
                lambda u, c=complaint: c.company_id in u.company_ids and u != c.staff_user_id
            ):
                complaint.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Complaint escalated to top management"),
                )
            complaint.message_post(body=self.env._("Escalated to top management."))

    def action_link_suggested_beneficiary(self):
        """Staff checked that the complainant is the possible beneficiary: the complaint
        joins their file."""
        for complaint in self:
            if complaint.beneficiary_id or not complaint.suggested_beneficiary_id:
                raise UserError(
                    self.env._("%(complaint)s has no possible beneficiary to link.", complaint=complaint.name)
                )
            complaint.beneficiary_id = complaint.suggested_beneficiary_id

    def action_open_compensation(self):
        self.ensure_one()
        if not self.beneficiary_id:
            raise UserError(
                self.env._("Link the complaint to the beneficiary before opening a compensation case.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "beneficiary.compensation",
            "view_mode": "form",
            "context": {
                "default_complaint_id": self.id,
                "default_beneficiary_id": self.beneficiary_id.id,
                "default_request_id": self.request_id.id,
                "default_company_id": self.company_id.id,
            },
        }

    def action_view_compensations(self):
        self.ensure_one()
        return window_action(
            self.env,
            "beneficiary_relations.beneficiary_compensation_action",
            [("complaint_id", "=", self.id)],
            {
                "default_complaint_id": self.id,
                "default_beneficiary_id": self.beneficiary_id.id,
            },
        )

    # ------------------------------------------------------------------ notifications
    def _notify_recipient(self):
        """The beneficiary on file, else the complainant as they wrote in: answered the
        way they wrote (e-mail or SMS), else by e-mail, else by SMS (a complainant who
        left only a mobile gets SMS)."""
        self.ensure_one()
        Notification = self.env["beneficiary.notification"]
        if self.beneficiary_id:
            return Notification._recipient(self.beneficiary_id)
        partner = self.partner_id
        wrote = self.channel_id.notification_method
        channels = ((wrote,) if wrote in ("email", "sms") else ()) + ("email", "sms")
        return Notification._recipient(
            partner=partner,
            name=partner.name or self.contact_name,
            email=self.contact_email or partner.email,
            mobile=self.contact_mobile or partner.mobile,
            phone=partner.phone,
            channels=channels,
        )

    def _notify_templates(self, kind):
        if kind == "decision":
            return (
                "beneficiary_relations.mail_template_complaint_outcome",
                f"beneficiary_relations.sms_template_complaint_{self.state}",
            )
        return super()._notify_templates(kind)

    # ------------------------------------------------------------
    # PORTAL
    # ------------------------------------------------------------
    # Complaints filed on the portal by beneficiaries, or on the public "contact us"
    # page by anyone, with abuse protection (the portal mixin's hourly allowance).
    _portal_throttle_param = "beneficiary_relations.complaint_limit_per_hour"
    _portal_throttle_default = 5

    @api.model
    def _portal_categories(self, company):
        return self.env["beneficiary.complaint.category"].sudo().search([("company_id", "=", company.id)])

    @api.model
    def _portal_check_values(self, values, public):
        """The form's values as plain text within bounds, checked; a visitor leaves a
        way to answer them."""
        clean = {
            "subject": self._portal_text(values.get("subject"), self.env._("Subject"), TEXT_LIMIT),
            "description": self._portal_text(
                values.get("description"), self.env._("Message"), LONG_TEXT_LIMIT
            ),
        }
        if not clean["subject"]:
            raise ValidationError(self.env._("Give your message a subject."))
        if not clean["description"]:
            raise ValidationError(self.env._("Describe your complaint or question."))
        if not public:
            return clean
        clean.update(
            contact_name=self._portal_text(values.get("contact_name"), self.env._("Name"), 100),
            contact_email=self._portal_text(values.get("contact_email"), self.env._("E-mail"), 254),
            contact_mobile=self._portal_text(values.get("contact_mobile"), self.env._("Mobile"), 30),
        )
        if not clean["contact_name"]:
            raise ValidationError(self.env._("Tell us your name."))
        if not (clean["contact_email"] or clean["contact_mobile"]):
            raise ValidationError(self.env._("Leave an e-mail or a mobile number so that we can answer you."))
        if clean["contact_email"] and not tools.email_normalize(clean["contact_email"]):
            raise ValidationError(
                self.env._("The e-mail address %(email)s is not valid.", email=clean["contact_email"])
            )
        if clean["contact_mobile"]:
            clean["contact_mobile"] = self.env["beneficiary.beneficiary"]._normalize_mobile(
                clean["contact_mobile"]
            )
        return clean

    @api.model
    def _portal_create(self, company, values, beneficiary=None, address=None):
        """A complaint from the portal (``beneficiary`` given) or the public page, within
        the sender's hourly allowance. The caller checked the user may act for the
        beneficiary; the texts are plain, the description stored escaped."""
        clean = self._portal_check_values(values, public=not beneficiary)
        category = self._portal_categories(company).filtered(lambda c: c.id == values.get("category_id"))
        if not category:
            raise ValidationError(self.env._("Choose what your message is about."))
        vals = {
            "subject": clean["subject"],
            "description": self._portal_text_to_html(clean["description"]),
            "category_id": category.id,
            "channel_id": self.env.ref(
                "beneficiary_relations.channel_portal"
                if beneficiary
                else "beneficiary_relations.channel_website"
            ).id,
            "company_id": company.id,
            "portal_ip_hash": self._portal_hash_ip(address),
        }
        if beneficiary:
            vals["beneficiary_id"] = beneficiary.id
        else:
            vals.update(
                contact_name=clean["contact_name"],
                contact_email=clean["contact_email"] or False,
                contact_mobile=clean["contact_mobile"] or False,
            )
        self._portal_check_throttle(address)
        # acknowledged and given to whoever answers it on arrival (_route_arrival)
        return self.sudo().create(vals)

    # ------------------------------------------------------------
    # ROUTING
    # ------------------------------------------------------------
    # Every complaint, inquiry or support question has an owner on arrival, whatever
    # brought it (public page, e-mail alias, portal, staff, a low rating): the complainant
    # is acknowledged on their channel and the person who answers gets a to-do at once.
    #
    # A complaint may name the staff member it is about: that person never reads it (a
    # global record rule), is never its responsible, follower or assignee, and cannot
    # close it. Complaints are closed by the members of their follow-up committee and by
    # managers only; inquiries and support questions by whoever handles them.
    staff_user_id = fields.Many2one(
        "res.users",
        string="About Staff Member",
        tracking=True,
        index="btree_not_null",
        domain=[("share", "=", False)],
        help="The employee the complaint is about, if any. They cannot read the complaint, its "
        "investigation or its compensation, and cannot settle, resolve or reject it.",
    )
    liaison_user_id = fields.Many2one(
        "res.users",
        string="Liaison Officer",
        compute="_compute_liaison_user_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="The beneficiary's liaison officer for this matter (category, and the domain of the related "
        "request's service). Answers inquiries on arrival; supervision counts per officer.",
    )
    can_close = fields.Boolean(
        string="Can Be Closed by Me",
        compute="_compute_can_close",
        help="Whether the current user may settle, resolve, reject or close the complaint.",
    )

    @api.depends("beneficiary_id", "request_id")
    def _compute_liaison_user_id(self):
        Liaison = self.env["beneficiary.liaison"]
        for complaint in self:
            beneficiary = complaint.beneficiary_id
            if not beneficiary:
                complaint.liaison_user_id = complaint.liaison_user_id
                continue
            complaint.liaison_user_id = Liaison._get_officer(
                beneficiary.category_id,
                complaint.request_id.service_type_id.domain_id,
                beneficiary.company_id,
                fallback=beneficiary.liaison_user_id,
            )

    @api.depends("kind", "committee_id", "staff_user_id")
    @api.depends_context("uid")
    def _compute_can_close(self):
        for complaint in self:
            complaint.can_close = not complaint._close_refusal()

    @api.constrains("user_id", "staff_user_id")
    def _check_staff_user_id(self):
        for complaint in self:
            if complaint.staff_user_id and complaint.user_id == complaint.staff_user_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be responsible for %(complaint)s: the complaint is about them. "
                        "Give it to someone else.",
                        user=complaint.staff_user_id.name,
                        complaint=complaint.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _check_not_about_oneself(self, vals_list):
        if self.env.su:
            return
        if any(vals.get("staff_user_id") == self.env.uid for vals in vals_list):
            raise UserError(
                self.env._(
                    "A complaint about you is handled without you: ask a colleague or the follow-up "
                    "committee to record it."
                )
            )

    def _keep_staff_member_out(self):
        """The staff member a complaint is about stops following it, and their to-dos on
        it go to whoever answers it instead."""
        for complaint in self:
            staff = complaint.staff_user_id
            # sudo: the complaint's followers and activities, of these records only
            complaint_sudo = complaint.sudo()
            complaint_sudo.message_unsubscribe(partner_ids=staff.partner_id.ids)
            activities_sudo = complaint_sudo.activity_ids.filtered(lambda a, s=staff: a.user_id == s)
            if activities_sudo:
                owners = complaint_sudo._arrival_owners()
                if owners:
                    activities_sudo.write({"user_id": owners[0].id})
                else:
                    activities_sudo.unlink()

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        excluded = set(self.sudo().staff_user_id.partner_id.ids)
        if not excluded or not partner_ids:
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids=customer_ids)
        for complaint in self:
            kept = [pid for pid in partner_ids if pid not in complaint.sudo().staff_user_id.partner_id.ids]
            super(BeneficiaryComplaint, complaint)._message_subscribe(
                kept, subtype_ids, customer_ids=customer_ids
            )
        return True

    # ------------------------------------------------------------------ arrival
    def _route_arrival(self):
        """Acknowledge the new complaints on the complainant's channel (through
        ``action_acknowledge``, the module's one acknowledgement path) and give each to
        the person who answers it: a to-do due on its deadline."""
        # sudo: the application's reaction to a record that just arrived, on these
        # records only (an officer filing for an anonymous complainant, the mail gateway,
        # a visitor on the public page)
        arrived_sudo = self.sudo().filtered(lambda c: c.state == "new")
        if self.env.user.share:
            # a visitor or a beneficiary wrote: the association acknowledges and assigns
            arrived_sudo = arrived_sudo.with_user(SUPERUSER_ID)
        arrived_sudo.action_acknowledge()
        for complaint_sudo in arrived_sudo:
            owners = complaint_sudo._arrival_owners()
            if complaint_sudo.kind != "complaint" and not complaint_sudo.user_id and len(owners) == 1:
                # an inquiry is given to whoever answers it (so an anonymous one reaches them)
                complaint_sudo.user_id = owners
            deadline = complaint_sudo.sla_deadline and complaint_sudo._sla_company()._beneficiary_local_date(
                complaint_sudo.sla_deadline
            )
            for owner in owners:
                complaint_sudo.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=owner.id,
                    date_deadline=deadline,
                    summary=complaint_sudo._arrival_summary(owner),
                )

    def _arrival_summary(self, owner):
        self.ensure_one()
        complaint = self.with_context(lang=owner.lang or self.env.lang)
        if self.kind == "complaint":
            return complaint.env._("New complaint %(reference)s: handle it quickly", reference=self.name)
        return complaint.env._("Answer %(reference)s", reference=self.name)

    def _arrival_owners(self):
        """Who answers the complaint: for an inquiry or a support question, the user set
        on its category, else the beneficiary's liaison officer; for a complaint (or when
        nobody of the above), the chair of its follow-up committee, else its first
        member; else the company's managers. Never the staff member it is about."""
        self.ensure_one()
        staff = self.staff_user_id
        candidates = []
        if self.kind != "complaint":
            candidates += [self.category_id.user_id, self.liaison_user_id]
        committee = self.committee_id
        candidates += [committee.chair_id, *committee.member_ids]
        for user in candidates:
            if user and user.active and user != staff:
                return user
        return self._sla_managers().filtered(lambda u: self.company_id in u.company_ids) - staff

    # ------------------------------------------------------------------ independence
    def _close_refusal(self):
        """Why the current user may not close this complaint (None when they may)."""
        self.ensure_one()
        user = self.env.user
        if self.staff_user_id and self.staff_user_id == user:
            return self.env._(
                "%(complaint)s is about you: the follow-up committee or a manager closes it.",
                complaint=self.name,
            )
        if self.kind != "complaint" or user.has_group("beneficiary_relations.group_manager"):
            return None
        if user in self.sudo().committee_id.member_ids:
            return None
        return self.env._(
            "Only the members of %(committee)s or a manager can settle, resolve, reject or close "
            "%(complaint)s.",
            committee=self.sudo().committee_id.name or self.env._("the follow-up committee"),
            complaint=self.name,
        )

    def _check_can_close(self):
        for complaint in self:
            refusal = complaint._close_refusal()
            if refusal:
                raise UserError(refusal)

    # ------------------------------------------------------------------ SLA hooks
    def _sla_escalation_users(self, level):
        return super()._sla_escalation_users(level) - self.staff_user_id

    def _notify_officer(self):
        """The officer who follows the complainant's messages up (calls, WhatsApp,
        letters, failed deliveries, for the notification service): whoever answers the
        complaint, never the staff member it is about."""
        self.ensure_one()
        return self._sla_responsible_user()

    # ------------------------------------------------------------
    # LETTER
    # ------------------------------------------------------------
    # The letters a complaint gives its complainant (acknowledgement, answer), also
    # when the complainant is not a known beneficiary.
    _letter_reports = COMPLAINT_LETTERS

    def _letter_recipient(self):
        """The complainant as a partner: their contact, or, for a complainant who is not
        a contact of the association, an unsaved one with the name and mobile they left."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        return self.env["res.partner"].new(
            {"name": self.contact_name, "mobile": self.contact_mobile, "email": self.contact_email}
        )

    def _letter_outcome(self):
        """How the complaint ended (settled, resolved or rejected), also once closed;
        False while it is being handled."""
        self.ensure_one()
        if self.state in OUTCOMES:
            return self.state
        if self.state != "closed":
            return False
        if self.settlement_accepted_on and self.settlement_terms:
            return "settled"
        if (self.rejection_reason or "").strip() and tools.is_html_empty(self.resolution):
            return "rejected"
        return "resolved"

    def _letter_can_print(self, letter, portal=False):
        self.ensure_one()
        if letter == "acknowledgement":
            return bool(self.date_acknowledged)
        if letter == "outcome":
            return bool(self._letter_outcome())
        return False

    def _letter_refusal(self, letter):
        self.ensure_one()
        if letter == "acknowledgement":
            return self.env._(
                "The acknowledgement of %(complaint)s can be printed once the complaint is acknowledged.",
                complaint=self.name,
            )
        return self.env._(
            "The answer to %(complaint)s can be printed once the complaint is settled, resolved or rejected.",
            complaint=self.name,
        )

    def _letter_labels(self):
        return dict(super()._letter_labels(), outcome=self.env._("Answer Letter"))

    # ------------------------------------------------------------
    # RATING
    # ------------------------------------------------------------
    # A complaint opened by the low rating of a request or of another complaint.
    rated_complaint_id = fields.Many2one(
        "beneficiary.complaint",
        string="Follow-up of Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The complaint whose low rating opened this one.",
    )
