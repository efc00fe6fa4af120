from odoo import fields, models


class BeneficiaryDomain(models.Model):
    """A field of work of the association (educational, social, legal...)."""

    _name = "beneficiary.domain"
    _description = "Association Domain"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share the domain between all companies.",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The domain code must be unique."),
    ]
