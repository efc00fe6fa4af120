from odoo import fields, models


class BeneficiaryServiceRequestDecide(models.TransientModel):
    """A manager decides requests in the place of their competent committee, and says why
    (the reason is kept on the request and printed in the decision letter)."""

    _name = "beneficiary.service.request.decide"
    _description = "Decide Requests in the Committee's Place"

    request_ids = fields.Many2many(
        "beneficiary.service.request",
        "beneficiary_request_decide_rel",
        "wizard_id",
        "request_id",
        required=True,
    )
    decision = fields.Selection(
        [("accepted", "Accept"), ("rejected", "Reject")], required=True, default="accepted"
    )
    override_reason = fields.Text(
        string="Why the Manager Decided",
        required=True,
        help="Why you decide in the place of the competent committee.",
    )
    decision_reason = fields.Text(
        string="Decision Reason", help="The reason the beneficiary reads (a rejection needs one)."
    )
    next_steps = fields.Text(help="What the beneficiary does next (told with the decision).")

    def action_confirm(self):
        self.ensure_one()
        requests = self.request_ids
        if self.decision_reason:
            requests.write({"decision_reason": self.decision_reason})
        if self.next_steps:
            requests.write({"next_steps": self.next_steps})
        if self.decision == "rejected":
            requests._check_rejection_reason()
        elif not self.next_steps:
            requests._set_default_next_steps()
        requests._decide(self.decision, override_reason=self.override_reason)
        return {"type": "ir.actions.act_window_close"}
