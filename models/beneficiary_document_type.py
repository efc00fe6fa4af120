from odoo import fields, models


class BeneficiaryDocumentType(models.Model):
    """A document a service may require: ID copy, family register, income proof..."""

    _name = "beneficiary.document.type"
    _description = "Document Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True, help="What the beneficiary must bring, shown when asking for it."
    )
    active = fields.Boolean(default=True)
    expiry_required = fields.Boolean(
        string="Expiry Date Required",
        help="The document is valid until a date (an ID copy, a salary certificate): its expiry date "
        "is asked when it is received, and an expired one cannot be accepted.",
    )
    company_id = fields.Many2one("res.company", help="Leave empty to share it between all companies.")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The document type code must be unique."),
    ]
