from odoo import fields, models


class BeneficiaryChannel(models.Model):
    """A way beneficiaries reach the association, or are reached by it."""

    _name = "beneficiary.channel"
    _description = "Communication Channel"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    is_contact_method = fields.Boolean(
        string="Usable to Contact Beneficiaries",
        help="Beneficiaries may choose this channel as the way the association keeps them informed.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The channel code must be unique."),
    ]
