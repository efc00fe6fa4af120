from odoo import fields, models


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
