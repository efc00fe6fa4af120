from odoo import fields, models


class BeneficiaryEligibilitySource(models.Model):
    """Where the information an eligibility assessment relies on comes from: official
    documents (national ID, civil register), the family register, the forms and
    statements the beneficiary provides, a field visit..."""

    _name = "beneficiary.eligibility.source"
    _description = "Eligibility Information Source"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the source between companies."
    )
