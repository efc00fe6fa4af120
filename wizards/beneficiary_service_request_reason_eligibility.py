from odoo import api, models


class BeneficiaryServiceRequestReason(models.TransientModel):
    """A rejection of a single request found not eligible starts from the assessor's
    recommendation, which the committee reviews before the beneficiary reads it."""

    _inherit = "beneficiary.service.request.reason"

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
