from odoo import api, fields, models
from odoo.exceptions import UserError

from .beneficiary_eligibility_assessment import ELIGIBILITY_METHODS

STAFF = "beneficiary_relations.group_liaison_officer,beneficiary_relations.group_committee_member"


class BeneficiaryServiceRequest(models.Model):
    """Eligibility verification on requests: the assessments made, what is still to do,
    and no decision while a method the service requires has no concluded assessment."""

    _inherit = "beneficiary.service.request"

    eligibility_assessment_ids = fields.One2many(
        "beneficiary.eligibility.assessment", "request_id", string="Eligibility Assessments", groups=STAFF
    )
    eligibility_assessment_count = fields.Integer(compute="_compute_eligibility", groups=STAFF)
    eligibility_status = fields.Selection(
        [("pending", "Assessments Pending"), ("eligible", "Eligible"), ("not_eligible", "Not Eligible")],
        compute="_compute_eligibility",
        groups=STAFF,
        help="Pending while a required assessment is not concluded; not eligible as soon as one "
        "concluded assessment says so (the committee still decides).",
    )
    eligibility_document_check_todo = fields.Boolean(
        string="Document Check to Start", compute="_compute_eligibility", groups=STAFF
    )
    eligibility_interview_todo = fields.Boolean(
        string="Personal Interview to Start", compute="_compute_eligibility", groups=STAFF
    )
    eligibility_field_visit_todo = fields.Boolean(
        string="Field Visit to Start", compute="_compute_eligibility", groups=STAFF
    )

    @api.depends(
        "service_type_id.require_document_check",
        "service_type_id.require_interview",
        "service_type_id.require_field_visit",
        "eligibility_assessment_ids.state",
        "eligibility_assessment_ids.result",
        "eligibility_assessment_ids.method",
    )
    def _compute_eligibility(self):
        for request in self:
            assessments = request.eligibility_assessment_ids
            concluded = assessments.filtered(lambda a: a.state == "done" and a.result)
            required = (
                request.service_type_id._get_required_eligibility_methods() if request.service_type_id else []
            )
            started = set(assessments.filtered(lambda a: a.state != "cancel").mapped("method"))
            missing = [method for method in required if method not in concluded.mapped("method")]
            request.eligibility_assessment_count = len(assessments)
            if "not_eligible" in concluded.mapped("result"):
                request.eligibility_status = "not_eligible"
            elif missing:
                request.eligibility_status = "pending"
            else:
                request.eligibility_status = "eligible" if concluded else False
            for method, _label in ELIGIBILITY_METHODS:
                request[f"eligibility_{method}_todo"] = method in required and method not in started

    def _get_missing_eligibility_methods(self):
        """The required methods with no concluded assessment (with a result) yet."""
        self.ensure_one()
        concluded = self.eligibility_assessment_ids.filtered(lambda a: a.state == "done" and a.result)
        return [
            method
            for method in self.service_type_id._get_required_eligibility_methods()
            if method not in concluded.mapped("method")
        ]

    def _get_decision_blockers(self):
        blockers = super()._get_decision_blockers()
        labels = dict(
            self.env["beneficiary.eligibility.assessment"]._fields["method"]._description_selection(self.env)
        )
        for method in self._get_missing_eligibility_methods():
            blockers.append(
                self.env._("the %(method)s eligibility assessment is not concluded", method=labels[method])
            )
        return blockers

    def action_start_eligibility_assessment(self):
        """Open a new assessment filled from the request, of the method in the context
        (``eligibility_method``) or of the method the user will choose."""
        self.ensure_one()
        method = self.env.context.get("eligibility_method")
        if method and method not in dict(ELIGIBILITY_METHODS):
            raise UserError(self.env._("Unknown eligibility method: %(method)s.", method=method))
        context = {"default_request_id": self.id}
        if method:
            context["default_method"] = method
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Eligibility Assessment"),
            "res_model": "beneficiary.eligibility.assessment",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def action_view_eligibility_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "beneficiary_relations.beneficiary_eligibility_assessment_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action
