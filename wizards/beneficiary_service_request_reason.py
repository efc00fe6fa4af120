from odoo import api, fields, models


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

    # the eligibility assessor's recommendation: a rejection of a single request found
    # not eligible starts from it, and the committee reviews it before the beneficiary
    # reads it
    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        action = res.get("action") or self.env.context.get("default_action")
        request_ids = self.env.context.get("default_request_ids") or []
        # one request only: the reason of one beneficiary must never reach another
        if "reason" in fields_list and not res.get("reason") and action == "reject" and len(request_ids) == 1:
            request = self.env["beneficiary.service.request"].browse(request_ids)
            not_eligible = request.eligibility_assessment_ids.filtered(
                lambda a: a.state == "done" and a.result == "not_eligible" and a.recommendation
            )
            if not_eligible:
                res["reason"] = "\n".join(not_eligible.sorted("date").mapped("recommendation"))
        return res
