import uuid

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .beneficiary_portal_mixin import TEXT_LIMIT


class BeneficiaryPolicyAcknowledgment(models.Model):
    """A staff member's declaration of having read one version of the policy (its code of
    professional ethics included), signed where the association requires it.

    Staff with an Odoo login acknowledge from *Our Policy*; employees without one are
    listed on the policy by a manager and sign through a personal link (tokenised page,
    no login). Who acknowledged, when, the signature and the signer's name are written by
    the model's own methods only (``beneficiary.workflow.mixin``)."""

    _name = "beneficiary.policy.acknowledgment"
    _description = "Policy Acknowledgment"
    _inherit = ["beneficiary.workflow.mixin", "portal.mixin"]
    _order = "date desc, id desc"
    _workflow_states_open = ("pending",)
    _workflow_states_decided = ("done",)
    _workflow_states_closed = ("done",)
    _workflow_protected_fields = (
        "state",
        "date",
        "signature",
        "signer_name",
        "ethics_acknowledged",
        "link_sent_on",
    )

    policy_id = fields.Many2one(
        "beneficiary.policy",
        string="Policy",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    version = fields.Integer(related="policy_id.version")
    state = fields.Selection(
        [("pending", "Awaiting Signature"), ("done", "Policy Acknowledged")],
        string="Status",
        required=True,
        default="pending",
        readonly=True,
        copy=False,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Staff Member",
        index=True,
        ondelete="cascade",
        help="The staff member with an Odoo login who acknowledged the policy.",
    )
    employee_name = fields.Char(
        string="Employee",
        help="An employee without an Odoo login, who signs the policy through a personal link.",
    )
    employee_email = fields.Char(string="E-mail", help="Where the personal link is sent.")
    department = fields.Char(help="The department or section the employee works in.")
    date = fields.Datetime(string="Acknowledged On", readonly=True, copy=False)
    signature = fields.Image(max_width=1024, max_height=1024, attachment=True, readonly=True, copy=False)
    signer_name = fields.Char(string="Signed As", readonly=True, copy=False)
    ethics_acknowledged = fields.Boolean(
        string="Code of Ethics Acknowledged",
        readonly=True,
        copy=False,
        help="The version acknowledged has a code of professional ethics, and the staff member "
        "confirmed it too.",
    )
    link_sent_on = fields.Datetime(string="Link Sent On", readonly=True, copy=False)
    document_ids = fields.One2many(
        related="policy_id.document_ids",
        string="Documents Received",
        help="The documents of the version acknowledged (bylaws, services guide, forms...): the "
        "staff member declares having received them. They are frozen with the version.",
    )
    signature_url = fields.Char(
        string="Signature Link",
        compute="_compute_signature_url",
        groups="beneficiary_relations.group_manager",
        help="The personal link of the employee: send it by e-mail or any other channel.",
    )

    _sql_constraints = [
        (
            "policy_user_uniq",
            "unique(policy_id, user_id)",
            "This staff member has already acknowledged this version of the policy.",
        ),
    ]

    @api.depends("employee_name", "user_id")
    def _compute_display_name(self):
        for acknowledgment in self:
            acknowledgment.display_name = acknowledgment.user_id.name or acknowledgment.employee_name or ""

    def _compute_access_url(self):
        for acknowledgment in self:
            acknowledgment.access_url = f"/beneficiary-policy/acknowledge/{acknowledgment.id}"

    @api.depends("access_token", "state", "user_id")
    def _compute_signature_url(self):
        for acknowledgment in self:
            if acknowledgment.state == "pending" and not acknowledgment.user_id and acknowledgment.id:
                acknowledgment.signature_url = acknowledgment.get_base_url() + acknowledgment.get_portal_url()
            else:
                acknowledgment.signature_url = False

    @api.model
    def _workflow_prepare_create(self, vals_list):
        """Employees without a login get their personal link's token at once."""
        super()._workflow_prepare_create(vals_list)
        for vals in vals_list:
            if not vals.get("user_id") and not vals.get("access_token"):
                vals["access_token"] = str(uuid.uuid4())
        return vals_list

    @api.constrains("policy_id")
    def _check_policy_is_current(self):
        for acknowledgment in self:
            if acknowledgment.policy_id.state != "approved":
                raise ValidationError(
                    self.env._(
                        "Only the current policy can be acknowledged; %(policy)s is not current.",
                        policy=acknowledgment.policy_id.display_name,
                    )
                )

    @api.constrains("user_id", "employee_name")
    def _check_who(self):
        for acknowledgment in self:
            if acknowledgment.user_id and acknowledgment.employee_name:
                raise ValidationError(
                    self.env._("An acknowledgment is either a staff member's or an employee's, not both.")
                )
            if not acknowledgment.user_id and not (acknowledgment.employee_name or "").strip():
                raise ValidationError(
                    self.env._("Write the name of the employee who acknowledges the policy.")
                )

    def _check_staff_acknowledge_themselves(self):
        # checked after the access rules, so that recording someone else's is refused as such
        if any(acknowledgment.user_id and acknowledgment.state != "done" for acknowledgment in self):
            raise ValidationError(
                self.env._("Staff with a login acknowledge the policy themselves, from the Our Policy menu.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        acknowledgments = super().create(vals_list)
        acknowledgments._check_staff_acknowledge_themselves()
        return acknowledgments

    def write(self, vals):
        res = super().write(vals)
        if "user_id" in vals or "state" in vals:
            self._check_staff_acknowledge_themselves()
        return res

    def _workflow_check_frozen(self, field_names):
        done = self.filtered(lambda a: a.state == "done")
        if done and field_names & {"policy_id", "user_id", "employee_name", "department", "employee_email"}:
            raise UserError(
                self.env._(
                    "%(name)s has acknowledged the policy: the acknowledgment is kept as it was signed.",
                    name=done[0].display_name,
                )
            )

    # ------------------------------------------------------------------ signature link
    def action_send_link(self):
        """E-mail their personal link to the employees who have an address."""
        pending = self.filtered(lambda a: a.state == "pending" and not a.user_id)
        without_email = pending.filtered(lambda a: not (a.employee_email or "").strip())
        if without_email:
            raise UserError(
                self.env._(
                    "%(names)s has no e-mail address: write it, or copy the signature link and send "
                    "it another way.",
                    names=", ".join(without_email.mapped("employee_name")),
                )
            )
        template = self.env.ref("beneficiary_relations.mail_template_policy_acknowledgment_link")
        for acknowledgment in pending:
            acknowledgment._portal_ensure_token()
            template.send_mail(acknowledgment.id, email_layout_xmlid="mail.mail_notification_light")
        pending._workflow_write({"link_sent_on": fields.Datetime.now()})
        return True

    def _link_check_can_sign(self):
        self.ensure_one()
        if self.state != "pending" or self.user_id:
            raise UserError(self.env._("This acknowledgment is already signed."))
        if self.policy_id.state != "approved":
            raise UserError(
                self.env._(
                    "This version of the policy is no longer the current one: ask for the link to the "
                    "current version."
                )
            )

    def _link_sign(self, name, signature):
        """The employee signs through their personal link (the caller checked its token)."""
        self.ensure_one()
        self._link_check_can_sign()
        name = self.env["beneficiary.portal.mixin"]._portal_text(name, self.env._("Name"), TEXT_LIMIT)
        if not name or not signature:
            raise ValidationError(self.env._("Write your name and sign before sending."))
        self.env["beneficiary.portal.mixin"]._portal_check_signature(signature)
        self._workflow_write(
            {
                "state": "done",
                "date": fields.Datetime.now(),
                "signer_name": name,
                "signature": signature,
                "ethics_acknowledged": self.policy_id._has_ethics_code(),
            }
        )
