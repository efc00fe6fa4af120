from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..lib import saudi_id


class BeneficiaryFamilyMember(models.Model):
    """A family member recorded on the family's file without a file of their own."""

    _name = "beneficiary.family.member"
    _description = "Family Member"
    _order = "beneficiary_id, birth_date, id"

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
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    birth_date = fields.Date()
    age = fields.Integer(compute="_compute_age")
    id_type = fields.Selection(
        [
            ("national_id", "National ID"),
            ("iqama", "Iqama"),
            ("passport", "Passport"),
            ("border_number", "Border Number"),
            ("gcc_id", "GCC ID"),
        ],
        string="ID Type",
        compute="_compute_id_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    national_id = fields.Char(string="ID Number")

    @api.depends("national_id")
    def _compute_id_type(self):
        for member in self:
            derived = saudi_id.id_type(member.national_id)
            if derived:
                member.id_type = derived
            else:
                member.id_type = member.id_type or saudi_id.CITIZEN

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.birth_date and member.birth_date <= today:
                member.age = relativedelta(today, member.birth_date).years
            else:
                member.age = 0

    @api.constrains("national_id", "id_type", "birth_date")
    def _check_member(self):
        beneficiaries = self.env["beneficiary.beneficiary"]
        today = fields.Date.context_today(self)
        for member in self:
            beneficiaries._check_id_number(member.national_id, member.id_type)
            if member.birth_date and member.birth_date > today:
                beneficiaries._raise_future_birth_date()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("national_id"):
                vals["national_id"] = saudi_id.normalize(vals["national_id"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("national_id"):
            vals = dict(vals, national_id=saudi_id.normalize(vals["national_id"]))
        return super().write(vals)
