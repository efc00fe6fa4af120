from odoo import api, models

from ..lib.user_import import user_import


class BeneficiaryImportMixin(models.AbstractModel):
    """A model whose rows a user may import from a spreadsheet (``load``): the rows are a
    caller's values, checked as any caller's, while modules' data files describe records
    as they are. ``_load_records`` of the model tells them apart with ``is_user_import()``."""

    _name = "beneficiary.import.mixin"
    _description = "Beneficiary Spreadsheet Import"

    @api.model
    def load(self, fields, data):
        with user_import():
            return super().load(fields, data)
