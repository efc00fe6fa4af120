from odoo import fields, models


class BeneficiaryServiceRequestVoteCast(models.TransientModel):
    """A member of a committee that votes gives their vote on a request, with a note."""

    _name = "beneficiary.service.request.vote.cast"
    _description = "Vote on a Service Request"

    request_id = fields.Many2one("beneficiary.service.request", required=True, readonly=True)
    committee_id = fields.Many2one(related="request_id.committee_id")
    vote = fields.Selection(
        [("accept", "I vote to accept the request"), ("reject", "I vote to reject the request")],
        required=True,
    )
    note = fields.Text(help="Why you vote so (required for a vote to reject).")

    def action_confirm(self):
        self.ensure_one()
        self.request_id._cast_vote(self.vote, self.note)
        return {"type": "ir.actions.act_window_close"}
