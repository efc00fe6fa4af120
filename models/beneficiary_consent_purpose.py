from odoo import fields, models


class BeneficiaryConsentPurpose(models.Model):
    """A purpose for which a beneficiary agrees that their data is processed."""

    _name = "beneficiary.consent.purpose"
    _description = "Data Processing Purpose"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
