from odoo import models

from .beneficiary_beneficiary import IMPORT_CHECK


class IrFieldsConverter(models.AbstractModel):
    _inherit = "ir.fields.converter"

    def db_id_for(self, model, field, subfield, value):
        """In a beneficiaries' import, a name (a category, a channel...) is looked up once
        for the file, not once per row. Only what the lookup found is kept, and never for
        records the import itself creates."""
        check = IMPORT_CHECK.get()
        if check is None or subfield is not None or field.comodel_name == model._name:
            return super().db_id_for(model, field, subfield, value)
        key = (field.comodel_name, value)
        found = check["names"].get(key)
        if found is None:
            found = super().db_id_for(model, field, subfield, value)
            if found[0]:
                check["names"][key] = found
        return found
