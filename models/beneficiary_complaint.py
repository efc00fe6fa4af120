import re

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from ..lib.digits import digits_in_text
from ..lib.outside_text import plain_text

# a Saudi mobile written in an e-mail: 05XXXXXXXX, 9665XXXXXXXX or +9665XXXXXXXX
MOBILE_RE = re.compile(r"(?:\+?966|0)5\d{8}")


class BeneficiaryComplaint(models.Model):
    _name = "beneficiary.complaint"
    _description = "Complaint or Inquiry"
    _inherit = [
        "beneficiary.portal.mixin",
        "mail.activity.mixin",
        "beneficiary.link.mixin",
        "beneficiary.personal.data.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _sla_applies_to = "complaint"
    _workflow_states_open = ("new", "acknowledged", "investigating")
    _workflow_states_decided = ("settled", "resolved", "rejected", "closed")
    _workflow_states_closed = ("settled", "resolved", "rejected", "closed")
    _workflow_sequence_code = "beneficiary.complaint"
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

    @api.depends("category_id")
    def _compute_committee_id(self):
        for complaint in self:
            if not complaint.committee_id or complaint.state == "new":
                complaint.committee_id = complaint.category_id.committee_id
            else:
                complaint.committee_id = complaint.committee_id

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
        Beneficiary = self.env["beneficiary.beneficiary"]
        for vals in vals_list:
            if vals.get("contact_mobile"):
                vals["contact_mobile"] = Beneficiary._normalize_mobile(vals["contact_mobile"])
            if vals.get("contact_email"):
                vals["contact_email"] = tools.email_normalize(vals["contact_email"]) or vals["contact_email"]
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("contact_mobile"):
            vals = dict(
                vals,
                contact_mobile=self.env["beneficiary.beneficiary"]._normalize_mobile(vals["contact_mobile"]),
            )
        return super().write(vals)

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
        return self.user_id or self.beneficiary_id.liaison_user_id or self.committee_id.chair_id

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
        complaints._notify_complainant("beneficiary_relations.mail_template_complaint_acknowledgement")

    def action_investigate(self):
        self.filtered(lambda c: c.state in ("new", "acknowledged")).action_acknowledge()
        self.filtered(lambda c: c.state == "acknowledged")._set_state("investigating")

    def action_settle(self):
        """Close the dispute amicably, with the beneficiary's acceptance recorded."""
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
        for complaint in self:
            if not (complaint.rejection_reason or "").strip():
                raise UserError(
                    self.env._("Give the reason for rejecting %(complaint)s.", complaint=complaint.name)
                )
        self._finish("rejected")

    def _finish(self, state):
        complaints = self.filtered(lambda c: c.state in self._workflow_states_open)
        if not complaints:
            raise UserError(self.env._("This complaint is already handled."))
        complaints.filtered(lambda c: c.state == "new").action_acknowledge()
        now = fields.Datetime.now()
        complaints._set_state(state, date_done=now)
        complaints._sla_stop(now)
        complaints.activity_feedback(["mail.mail_activity_data_todo"])
        complaints._notify_complainant("beneficiary_relations.mail_template_complaint_outcome")

    def action_close(self):
        self.filtered(lambda c: c.state in ("settled", "resolved", "rejected"))._set_state(
            "closed", date_closed=fields.Datetime.now()
        )

    def action_escalate_to_management(self):
        """Raise the complaint to top management now, whatever the deadline."""
        managers = (
            self.env.ref("beneficiary_relations.group_manager")
            .sudo()
            .users.filtered(lambda u: not u.share and u.id != 1)
        )
        for complaint in self:
            for manager in managers.filtered(lambda u, c=complaint: c.company_id in u.company_ids):
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
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_compensation_action"
        )
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {
            "default_complaint_id": self.id,
            "default_beneficiary_id": self.beneficiary_id.id,
        }
        return action

    def _notify_complainant(self, template_xmlid):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        # posted and queued in one batch (sent by the mail queue's cron)
        known = self.filtered("partner_id")
        self.env["beneficiary.notification"]._notify(known, template)
        for complaint in (self - known).filtered("contact_email"):
            template.send_mail(complaint.id, email_values={"email_to": complaint.contact_email})
