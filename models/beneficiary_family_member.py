from odoo import api, fields, models

from ..lib import saudi_id


class BeneficiaryFamilyMember(models.Model):
    """A family member recorded on the family's file without a file of their own."""

    _name = "beneficiary.family.member"
    _description = "Family Member"
    _inherit = ["beneficiary.identity.mixin", "beneficiary.personal.data.mixin"]
    _order = "beneficiary_id, birth_date, id"
    _personal_fields = ("name", "national_id", "birth_date")
    _personal_export_key = "family_members"
    _personal_export_fields = ("name", "relation", "gender", "birth_date", "national_id")

    beneficiary_id = fields.Many2one(
        "beneficiary.beneficiary",
        string="Family",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    name = fields.Char(required=True)
    relation = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("son", "Son"),
            ("daughter", "Daughter"),
            ("father", "Father"),
            ("mother", "Mother"),
            ("brother", "Brother"),
            ("sister", "Sister"),
            ("other", "Other Relative"),
        ],
        required=True,
        default="son",
    )

    @api.constrains("national_id", "id_type")
    def _check_member(self):
        for member in self:
            member._check_id_number(member.national_id, member.id_type)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("national_id"):
                vals["national_id"] = saudi_id.normalize(vals["national_id"])
        members = super().create(vals_list)
        # the family's members changed: its beneficiary is told (not for a new file)
        self.env["beneficiary.beneficiary"]._file_update_note(members.beneficiary_id.ids, {"family"})
        return members

    def write(self, vals):
        if vals.get("national_id"):
            vals = dict(vals, national_id=saudi_id.normalize(vals["national_id"]))
        Beneficiary = self.env["beneficiary.beneficiary"]
        names = set(vals) & {*Beneficiary._file_update_member_fields, "beneficiary_id"}
        snapshot = Beneficiary._file_update_before(self, names, lambda member: member.beneficiary_id)
        result = super().write(vals)
        if snapshot:
            Beneficiary._file_update_after(self, snapshot, lambda name: "family")
            if "beneficiary_id" in names:
                # the family the line moves to is told too
                Beneficiary._file_update_note(self.sudo().beneficiary_id.ids, {"family"})
        return result

    def unlink(self):
        self.env["beneficiary.beneficiary"]._file_update_note(self.sudo().beneficiary_id.ids, {"family"})
        return super().unlink()
