from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError

COMPLAINT_MODEL = "beneficiary.complaint"


class BeneficiaryComplaint(models.Model):
    """Every complaint, inquiry or support question has an owner on arrival, whatever
    brought it (public page, e-mail alias, portal, staff, a low rating): the complainant
    is acknowledged on their channel and the person who answers gets a to-do at once.

    A complaint may name the staff member it is about: that person never reads it (a
    global record rule), is never its responsible, follower or assignee, and cannot
    close it. Complaints are closed by the members of their follow-up committee and by
    managers only; inquiries and support questions by whoever handles them."""

    _inherit = COMPLAINT_MODEL

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

    @api.depends("category_id", "company_id")
    def _compute_committee_id(self):
        """The category's committee; else the company's follow-up committee: no
        complaint waits without a committee."""
        result = super()._compute_committee_id()
        Committee = self.env["beneficiary.committee"]
        for complaint in self.filtered(lambda c: not c.committee_id and c.state == "new"):
            committee = Committee._beneficiary_company_committee(complaint.company_id, "follow_up")
            complaint.committee_id = committee.filtered("active")
        return result

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
    @api.model_create_multi
    def create(self, vals_list):
        self._check_not_about_oneself(vals_list)
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
        result = super().write(vals)
        if vals.get("staff_user_id") or "user_id" in vals:
            self.filtered("staff_user_id")._keep_staff_member_out()
        return result

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

    def action_settle(self):
        self._check_can_close()
        return super().action_settle()

    def action_resolve(self):
        self._check_can_close()
        return super().action_resolve()

    def action_reject(self):
        self._check_can_close()
        return super().action_reject()

    def action_close(self):
        self._check_can_close()
        result = super().action_close()
        # the record rules say it too: a closed complaint is written by those who close it
        self.check_access("write")
        return result

    def _finish(self, state):
        self._check_can_close()
        result = super()._finish(state)
        self.check_access("write")
        return result

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

    def _sla_escalation_users(self, level):
        return super()._sla_escalation_users(level) - self.staff_user_id

    def _notify_officer(self):
        """The officer who follows the complainant's messages up (calls, WhatsApp,
        letters, failed deliveries, for the notification service): whoever answers the
        complaint, never the staff member it is about."""
        self.ensure_one()
        return self._sla_responsible_user()


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.constrains("user_id", "res_model", "res_id")
    def _check_complaint_staff_member(self):
        """No to-do on a complaint for the staff member it is about: it would show them
        the complaint's name and the task."""
        on_complaints = self.filtered(lambda a: a.res_model == COMPLAINT_MODEL and a.user_id)
        if not on_complaints:
            return
        complaints_sudo = self.env[COMPLAINT_MODEL].sudo().browse(on_complaints.mapped("res_id")).exists()
        staff = {complaint.id: complaint.staff_user_id for complaint in complaints_sudo}
        for activity in on_complaints:
            if activity.user_id == staff.get(activity.res_id):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be given a to-do on a complaint about them.",
                        user=activity.user_id.name,
                    )
                )
