from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BeneficiaryLiaison(models.Model):
    """Maps a beneficiary category (and optionally a domain) to the officer who is the
    beneficiaries' point of contact. The mapping also scopes what each officer sees."""

    _name = "beneficiary.liaison"
    _description = "Liaison Officer Assignment"
    _order = "category_id, sequence, id"
    _rec_name = "user_id"

    sequence = fields.Integer(default=10)
    category_id = fields.Many2one("beneficiary.category", required=True, index=True, ondelete="cascade")
    domain_id = fields.Many2one(
        "beneficiary.domain",
        index=True,
        ondelete="cascade",
        help="Leave empty when the officer serves the whole category.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Liaison Officer",
        required=True,
        index=True,
        ondelete="cascade",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("beneficiary_relations.group_liaison_officer").id)
        ],
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    phone = fields.Char(related="user_id.phone")
    email = fields.Char(related="user_id.email")
    note = fields.Text(translate=False)

    _sql_constraints = [
        (
            "category_domain_user_uniq",
            "unique(category_id, domain_id, user_id)",
            "This officer is already assigned to this category and domain.",
        ),
    ]

    @api.model
    def _get_officer(self, category, domains, company, fallback=None):
        """The liaison officer of a beneficiary of ``category`` served in ``domains``
        (a service's domain, a file's domains) in ``company``: the officer assigned to
        one of these domains of the category, else ``fallback`` when given (the file's
        own officer, possibly chosen by hand), else the officer of the whole category.
        Read as superuser: who serves whom is no secret to the code routing the work."""
        liaisons_sudo = category.sudo().liaison_ids.filtered(
            lambda liaison: liaison.active and (not liaison.company_id or liaison.company_id == company)
        )
        specific = liaisons_sudo.filtered(lambda liaison: liaison.domain_id and liaison.domain_id in domains)
        if specific:
            return specific[:1].user_id.sudo(False)
        if fallback is not None:
            return fallback
        return liaisons_sudo.filtered(lambda liaison: not liaison.domain_id)[:1].user_id.sudo(False)

    @api.constrains("user_id")
    def _check_user_is_officer(self):
        group = self.env.ref("beneficiary_relations.group_liaison_officer")
        for liaison in self:
            if group not in liaison.user_id.groups_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be a liaison officer: add them to the Liaison Officer group first.",
                        user=liaison.user_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        liaisons = super().create(vals_list)
        # record rules read the categories of the current user: refresh them
        self.env.registry.clear_cache()
        return liaisons

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
