from odoo import fields, models


class BeneficiaryCompensationMinutesApproval(models.Model):
    """One member's approval of the investigation committee's minutes of a compensation
    case (policies 002 and 004: minutes «مؤرخ ومعتمد من أعضائها»): who, when, and whether
    with reservations.

    Recorded only by the compensation's own method (the member's *Approve the Minutes*
    button): no caller creates, changes or deletes a line directly, whatever the values
    or context keys it sends."""

    _name = "beneficiary.compensation.minutes.approval"
    _description = "Approval of the Investigation Minutes by a Committee Member"
    _inherit = ["beneficiary.workflow.line.mixin", "beneficiary.personal.data.mixin"]
    _order = "date, id"
    _rec_name = "member_id"
    _workflow_line_parent = "compensation_id"
    _personal_fields = ("reservations",)
    _personal_beneficiary_path = "compensation_id.beneficiary_id"

    compensation_id = fields.Many2one(
        "beneficiary.compensation", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="compensation_id.company_id", store=True, index=True)
    member_id = fields.Many2one("res.users", string="Committee Member", required=True, readonly=True)
    decision = fields.Selection(
        [("approved", "Approved"), ("reservations", "Approved with Reservations")],
        required=True,
        default="approved",
        readonly=True,
    )
    reservations = fields.Text(readonly=True)
    date = fields.Datetime(string="Approved On", required=True, readonly=True)

    _sql_constraints = [
        (
            "member_uniq",
            "unique(compensation_id, member_id)",
            "Each member approves the minutes of a compensation once.",
        ),
    ]

    def _workflow_line_locked_message(self):
        return self.env._(
            "The members' approvals of the minutes are recorded with the Approve the Minutes button only."
        )
