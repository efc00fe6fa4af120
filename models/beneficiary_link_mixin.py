from odoo import api, models


class BeneficiaryLinkMixin(models.AbstractModel):
    """Staff link a record only to records they may already read.

    Record rules are checked before a write and after a create, on the record's values at
    that moment: linking a complaint, request or compensation one edits to another
    beneficiary would otherwise show that beneficiary's name, and could even open their file
    (a committee member reads the files of the requests referred to their committee). The
    targets of the link fields are checked before anything is written."""

    _name = "beneficiary.link.mixin"
    _description = "Links Checked Against the User's Access"

    # the many2one fields whose target the user must already be able to read
    _beneficiary_link_fields = ("beneficiary_id",)

    def _check_link_targets(self, vals_list):
        if self.env.su:
            return
        for name in self._beneficiary_link_fields:
            ids = {vals[name] for vals in vals_list if vals.get(name)}
            if ids:
                self.env[self._fields[name].comodel_name].browse(ids).check_access("read")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_link_targets(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_link_targets([vals])
        return super().write(vals)
