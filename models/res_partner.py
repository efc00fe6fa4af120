from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # archived files included: an archived beneficiary's contact stays theirs
    beneficiary_ids = fields.One2many(
        "beneficiary.beneficiary",
        "partner_id",
        string="Beneficiary Files",
        context={"active_test": False},
    )
    beneficiary_partner_id = fields.Many2one(
        "res.partner",
        string="Beneficiary Contact",
        compute="_compute_beneficiary_partner_id",
        store=True,
        recursive=True,
        index="btree_not_null",
        help="The contact of the beneficiary file this contact belongs to: itself, or the contact "
        "it is a child contact of. The record rules give a beneficiary's contacts only to the "
        "staff of their file.",
    )

    @api.depends("beneficiary_ids", "parent_id.beneficiary_partner_id")
    def _compute_beneficiary_partner_id(self):
        for partner in self:
            if partner.beneficiary_ids:
                partner.beneficiary_partner_id = partner
            else:
                partner.beneficiary_partner_id = partner.parent_id.beneficiary_partner_id

    def write(self, vals):
        # staff changing a beneficiary's name, contact or address (on the file, which writes
        # them to its contact, or on the contact itself): the beneficiary is told
        Beneficiary = self.env["beneficiary.beneficiary"]
        names = {
            name
            for name in vals
            if name in Beneficiary._file_update_fields and Beneficiary._fields[name].inherited
        }
        snapshot = Beneficiary._file_update_before(self, names, lambda partner: partner.beneficiary_ids)
        result = super().write(vals)
        if snapshot:
            Beneficiary._file_update_after(self, snapshot, Beneficiary._file_update_fields.get)
        return result
