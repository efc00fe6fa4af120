from odoo import fields, models

from .beneficiary_eligibility_assessment import ELIGIBILITY_METHODS


class BeneficiaryServiceType(models.Model):
    """The eligibility checks a service asks for: the methods whose assessment must be
    concluded before a request is decided, and the criteria of their checklists."""

    _inherit = "beneficiary.service.type"

    require_document_check = fields.Boolean(
        string="Document Check Required",
        help="The documents and information the beneficiary provides are examined before a decision.",
    )
    require_interview = fields.Boolean(
        string="Personal Interview Required",
        help="The beneficiary is interviewed before a decision.",
    )
    require_field_visit = fields.Boolean(
        string="Field Visit Required",
        help="The beneficiary is visited at home or at work before a decision.",
    )
    eligibility_criterion_ids = fields.One2many(
        "beneficiary.eligibility.criterion", "service_type_id", string="Eligibility Criteria"
    )

    def _get_required_eligibility_methods(self):
        """The codes of the methods this service requires, in the policy's order."""
        self.ensure_one()
        return [method for method, _label in ELIGIBILITY_METHODS if self[f"require_{method}"]]
