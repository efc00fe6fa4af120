from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BeneficiaryComplaintCategory(models.Model):
    """What a complaint is about, and how fast it must be handled. Inquiries and
    technical-support questions are categories of their own kind, with their own
    deadline."""

    _name = "beneficiary.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("complaint", "Complaint"),
            ("inquiry", "Inquiry"),
            ("technical_support", "Technical Support"),
        ],
        required=True,
        default="complaint",
    )
    sla_days = fields.Integer(
        string="Response Deadline (working days)",
        required=True,
        default=5,
        help="Working days from reception to resolve the complaint or answer the inquiry.",
    )
    sla_at_risk_days = fields.Integer(string="At Risk When Days Left", default=1)
    committee_id = fields.Many2one(
        "beneficiary.committee",
        string="Follow-up Committee",
        check_company=True,
        help="The committee that handles complaints of this category.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Answered By",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("beneficiary_relations.group_liaison_officer").id),
            ("share", "=", False),
        ],
        help="Inquiries and technical support questions of this category go to this user on arrival. "
        "Leave empty to send them to the beneficiary's liaison officer. Complaints go to the chair "
        "of the follow-up committee.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "sla_days_positive",
            "CHECK(sla_days > 0)",
            "The response deadline must be at least one working day.",
        ),
    ]

    @api.constrains("user_id")
    def _check_user_id(self):
        group = self.env.ref("beneficiary_relations.group_liaison_officer")
        for category in self:
            if category.user_id and group not in category.user_id.groups_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot answer the messages of %(category)s: add them to the Liaison "
                        "Officer group first.",
                        user=category.user_id.name,
                        category=category.name,
                    )
                )
