from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BeneficiaryEscalationLevel(models.Model):
    """One rung of the escalation ladder: who is told when a deadline has been passed
    by so many working days."""

    _name = "beneficiary.escalation.level"
    _description = "Escalation Level"
    # the cron's summary to-dos (one per person notified and pass) sit on the rung
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "applies_to, level"

    name = fields.Char(required=True, translate=True)
    level = fields.Integer(required=True, default=1, help="1 for the first rung, 2 for the next...")
    days_after_deadline = fields.Integer(
        string="Working Days After the Deadline",
        required=True,
        default=0,
        help="0: as soon as the deadline is passed.",
    )
    applies_to = fields.Selection(
        [
            ("all", "Requests and Complaints"),
            ("request", "Service Requests"),
            ("complaint", "Complaints"),
        ],
        required=True,
        default="all",
    )
    notify = fields.Selection(
        [
            ("responsible", "Responsible Officer"),
            ("committee_chair", "Committee Chair"),
            ("managers", "Managers (Executive Management)"),
            ("users", "Specific Users"),
        ],
        required=True,
        default="responsible",
    )
    user_ids = fields.Many2many(
        "res.users", string="Users", help="Who is notified when Notify is Specific Users."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        ("level_positive", "CHECK(level > 0)", "The escalation level must be 1 or more."),
        ("days_positive", "CHECK(days_after_deadline >= 0)", "The number of days cannot be negative."),
    ]

    @api.constrains("level", "days_after_deadline", "applies_to", "company_id", "active")
    def _check_ladder_order(self):
        for rung in self:
            ladder = self.search(
                [
                    ("company_id", "=", rung.company_id.id),
                    ("applies_to", "in", ("all", rung.applies_to) if rung.applies_to != "all" else ("all",)),
                    ("id", "!=", rung.id),
                ]
            )
            for other in ladder:
                if other.level == rung.level and other.applies_to == rung.applies_to:
                    raise ValidationError(self.env._("Two escalation levels cannot share the same number."))
                lower, higher = (other, rung) if other.level < rung.level else (rung, other)
                if lower.days_after_deadline > higher.days_after_deadline:
                    raise ValidationError(
                        self.env._("A higher escalation level must come after at least as many working days.")
                    )
