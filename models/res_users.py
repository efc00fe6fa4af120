from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    beneficiary_liaison_ids = fields.One2many(
        "beneficiary.liaison",
        "user_id",
        string="Liaison Assignments",
    )
    beneficiary_category_ids = fields.Many2many(
        "beneficiary.category",
        string="Served Beneficiary Categories",
        compute="_compute_beneficiary_category_ids",
        compute_sudo=True,
        help="Categories this user serves as liaison officer; record rules scope their access by them.",
    )

    beneficiary_family_partner_ids = fields.Many2many(
        "res.partner",
        string="Family Contacts",
        compute="_compute_beneficiary_family_partner_ids",
        compute_sudo=True,
        help="Contacts of the families this user heads and of their members, readable on the portal.",
    )

    @api.depends("beneficiary_liaison_ids.category_id", "beneficiary_liaison_ids.active")
    def _compute_beneficiary_category_ids(self):
        for user in self:
            user.beneficiary_category_ids = user.beneficiary_liaison_ids.filtered("active").category_id

    def _compute_beneficiary_family_partner_ids(self):
        Beneficiary = self.env["beneficiary.beneficiary"].with_context(active_test=False)
        for user in self:
            files = Beneficiary.search(Beneficiary._portal_acting_domain(user.partner_id))
            user.beneficiary_family_partner_ids = files.partner_id
