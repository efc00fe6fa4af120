from odoo import fields, models


class BeneficiaryServiceRequestReason(models.TransientModel):
    """Asks the reason of a rejection or of a cancellation."""

    _name = "beneficiary.service.request.reason"
    _description = "Reason for Rejecting or Cancelling Requests"

    request_ids = fields.Many2many(
        "beneficiary.service.request",
        "beneficiary_request_reason_rel",
        "wizard_id",
        "request_id",
        required=True,
    )
    action = fields.Selection([("reject", "Reject"), ("cancel", "Cancel")], required=True, default="reject")
    reason = fields.Text(required=True)
    next_steps = fields.Text(help="What the beneficiary can do next (told with a rejection).")

    def action_confirm(self):
        self.ensure_one()
        if self.action == "reject":
            self.request_ids.write({"decision_reason": self.reason, "next_steps": self.next_steps})
            self.request_ids.action_reject()
        else:
            self.request_ids.write({"cancel_reason": self.reason})
            self.request_ids.action_cancel()
        return {"type": "ir.actions.act_window_close"}
