from odoo import fields, models


class BeneficiaryServiceRequestVote(models.Model):
    """One member's vote on a service request referred to a committee that votes (its
    *Decision* setting says by majority or unanimously): who, what, when, and why.

    Recorded only by the request's own method (the member's *Vote* button): no caller
    creates, changes or deletes a vote directly, whatever the values or context keys it
    sends."""

    _name = "beneficiary.service.request.vote"
    _description = "Committee Member's Vote on a Service Request"
    _inherit = ["beneficiary.workflow.line.mixin", "beneficiary.personal.data.mixin"]
    _order = "date, id"
    _rec_name = "member_id"
    _workflow_line_parent = "request_id"
    _personal_fields = ("note",)
    _personal_beneficiary_path = "request_id.beneficiary_id"

    request_id = fields.Many2one(
        "beneficiary.service.request", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    committee_id = fields.Many2one("beneficiary.committee", required=True, readonly=True)
    member_id = fields.Many2one("res.users", string="Committee Member", required=True, readonly=True)
    vote = fields.Selection([("accept", "Accept"), ("reject", "Reject")], required=True, readonly=True)
    note = fields.Text(readonly=True)
    date = fields.Datetime(string="Voted On", required=True, readonly=True)

    _sql_constraints = [
        (
            "member_uniq",
            "unique(request_id, member_id)",
            "Each member votes once on a request.",
        ),
    ]

    def _workflow_line_locked_message(self):
        return self.env._("The members' votes are recorded with the Vote button of the request only.")
