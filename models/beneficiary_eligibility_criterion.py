from odoo import fields, models

from .beneficiary_eligibility_assessment import ELIGIBILITY_METHODS


class BeneficiaryEligibilityCriterion(models.Model):
    """A condition a beneficiary must meet to receive a service (income under the
    threshold, residence in the association's area...). Each assessment of a request
    copies the criteria of its service type as its checklist."""

    _name = "beneficiary.eligibility.criterion"
    _description = "Eligibility Criterion"
    _order = "service_type_id, sequence, id"

    name = fields.Char(string="Criterion", required=True, translate=True)
    description = fields.Text(translate=True, help="How to check it: which document, what to look at.")
    sequence = fields.Integer(default=10)
    service_type_id = fields.Many2one(
        "beneficiary.service.type", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="service_type_id.company_id", store=True, index=True)
    method = fields.Selection(
        ELIGIBILITY_METHODS,
        help="The assessment that checks this criterion. Leave empty to check it in every assessment.",
    )
    mandatory = fields.Boolean(
        default=True,
        help="When a mandatory criterion is not met, the checklist proposes 'not eligible'.",
    )
    active = fields.Boolean(default=True)
